// The "Learn" view: the agreement measured against what became of the leads (AUC, the MQL
// rule's precision and recall, gains by decile, calibration), the MQL lines that meet a target
// on the whole trade-off curve, and weights fitted on the outcomes as a suggested agreement.
// Every figure is the engine's; the page lays them out and applies what the user picks.
import { h, s, fill } from './dom.js';
import { t, num, pct } from '../i18n.js';
import './learn-strings.js';

const W = 520;
const H = 220;
const PAD = { l: 44, r: 12, t: 10, b: 34 };

const rate = (r) => (r && r.rate !== null && r.rate !== undefined
  ? t('learn.rate', { rate: pct(r.rate), hits: num(r.hits), of: num(r.of), low: pct(r.low), high: pct(r.high) })
  : '—');
const auc = (a) => (a.value === null ? '—' : num(a.value, 3));

function table(testid, head, rows) {
  return h('table', { class: 'stages learn-table', 'data-testid': testid },
    h('thead', {}, h('tr', {}, head.map((x) => h('th', { text: x })))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((x) => h('td', { text: x }))))));
}

function figure(label, value, def, testid) {
  return h('div', { class: 'fig', tabindex: '0', 'data-def': def, 'data-testid': testid },
    h('span', { class: 'fig-label', text: label }), h('strong', { text: value }));
}

/** Where a curve point puts the lines, in words. */
function lines(p) {
  return p.combined !== null && p.combined !== undefined
    ? t('learn.lineCombined', { line: p.combined })
    : t('learn.lineAxes', { fit: p.fit, interest: p.interest });
}

function evaluation(e) {
  return h('section', { class: 'learn-part', 'data-testid': 'learn-evaluation' },
    h('h4', { text: t('learn.evalTitle') }),
    h('p', { class: 'hint', text: t('learn.evalIntro', { column: e.column, won: num(e.won), lost: num(e.lost), open: num(e.open), base: pct(e.baseRate.rate) }) }),
    h('div', { class: 'figs' },
      figure(t('learn.aucCombined'), auc(e.auc.combined), t('learn.def.auc', { what: t(`learn.combined.${e.combinedIs}`) }), 'learn-auc'),
      figure(t('learn.aucFit'), auc(e.auc.fit), t('learn.def.aucAxis'), 'learn-auc-fit'),
      figure(t('learn.aucInterest'), auc(e.auc.interest), t('learn.def.aucAxis'), 'learn-auc-interest'),
      figure(t('learn.precision'), e.mql.precision.rate === null ? '—' : pct(e.mql.precision.rate), t('learn.def.precision'), 'learn-precision'),
      figure(t('learn.recall'), e.mql.recall.rate === null ? '—' : pct(e.mql.recall.rate), t('learn.def.recall'), 'learn-recall'),
      figure(t('learn.f1'), e.mql.f1 === null ? '—' : num(e.mql.f1, 3), t('learn.def.f1'), 'learn-f1')),
    h('p', { class: 'hint', 'data-testid': 'learn-confusion', text: t('learn.confusion', { tp: num(e.mql.truePos), fp: num(e.mql.falsePos), fn: num(e.mql.falseNeg), tn: num(e.mql.trueNeg), precision: rate(e.mql.precision), recall: rate(e.mql.recall) }) }),
    h('details', { open: true }, h('summary', { text: t('learn.gains') }),
      table('learn-gains', [t('learn.decile'), t('learn.scores'), t('learn.won'), t('learn.cumWon'), t('learn.lift')],
        e.gains.map((d) => [String(d.decile), d.minScore === null ? '—' : `${num(d.minScore, 1)}–${num(d.maxScore, 1)}`, rate(d.rate),
          d.cumulativeWonShare === null ? '—' : pct(d.cumulativeWonShare), d.lift === null ? '—' : `×${num(d.lift, 2)}`]))),
    h('details', {}, h('summary', { text: t('learn.calibration') }),
      table('learn-calibration', [t('learn.band'), t('learn.won')], e.calibration.map((b) => [`${b.from}–${b.to}`, rate(b.rate)]))),
    h('details', {}, h('summary', { text: t('learn.byGrade') }),
      table('learn-grades', [t('learn.grade'), t('learn.won')],
        [...e.byFitGrade, ...e.byInterestGrade, ...e.byCell].map((g) => [g.grade, rate(g.rate)]))));
}

/** The frontier as a chart: MQLs (per month when known) against the share of wins captured. */
function curveChart(curve, onPick, picked) {
  const perMonth = curve.months !== null;
  const xs = curve.points.map((p) => (perMonth ? p.mqlsPerMonth : p.mqls));
  const maxX = Math.max(1, ...xs, perMonth ? curve.current.mqlsPerMonth ?? 0 : curve.current.mqls);
  const x = (v) => PAD.l + (v / maxX) * (W - PAD.l - PAD.r);
  const y = (r) => PAD.t + (1 - (r ?? 0)) * (H - PAD.t - PAD.b);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'learn-curve', role: 'img', 'aria-label': t('learn.curveAria') });
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(s('line', { x1: PAD.l, x2: W - PAD.r, y1: y(v), y2: y(v), class: 'grid' }));
    const label = s('text', { x: PAD.l - 6, y: y(v) + 3, 'text-anchor': 'end', class: 'tick' });
    label.textContent = pct(v, 0);
    svg.append(label);
  }
  const axis = s('text', { x: W - PAD.r, y: H - 6, 'text-anchor': 'end', class: 'tick' });
  axis.textContent = perMonth ? t('learn.axisPerMonth', { max: num(maxX, 0) }) : t('learn.axisMqls', { max: num(maxX, 0) });
  svg.append(axis);
  svg.append(s('polyline', { class: 'frontier', points: curve.points.map((p, i) => `${x(xs[i]).toFixed(1)},${y(p.recall).toFixed(1)}`).join(' ') }));
  curve.points.forEach((p, i) => {
    const dot = s('circle', { cx: x(xs[i]).toFixed(1), cy: y(p.recall).toFixed(1), r: p === picked ? 5 : 3, class: p === picked ? 'pt picked' : 'pt', 'data-testid': 'learn-point' });
    const tip = s('title');
    tip.textContent = `${lines(p)} · ${t('learn.pointTip', { mqls: num(p.mqls), recall: pct(p.recall), precision: pct(p.precision) })}`;
    dot.append(tip);
    dot.addEventListener('click', () => onPick(p));
    svg.append(dot);
  });
  const c = curve.current;
  svg.append(s('circle', { cx: x(perMonth ? c.mqlsPerMonth : c.mqls).toFixed(1), cy: y(c.recall).toFixed(1), r: 6, class: 'pt current' }));
  return svg;
}

function pointFigures(p, testid) {
  return h('p', { class: 'learn-point', 'data-testid': testid },
    h('strong', { text: lines(p) }), ' · ',
    t('learn.pointTip', { mqls: num(p.mqls), recall: pct(p.recall), precision: pct(p.precision) }),
    p.mqlsPerMonth === null ? '' : ` · ${t('learn.perMonth', { n: num(p.mqlsPerMonth, 1) })}`);
}

/**
 * Mount the view in `root`: `request(type, args)` asks the worker; `applyLines(point)` and
 * `applyAgreement(json, label)` change the agreement (undoable) when the user picks.
 */
export function mountLearn(root, { request, applyLines, applyAgreement, columns, agreement, setOutcome }) {
  let seq = 0;

  // Which column is the outcome and which of its values count as won and lost: written into
  // the agreement (`mapping.outcome`, `outcome`), so the engine reads the outcome that way.
  function outcomeForm(detected) {
    const a = agreement();
    const current = a.mapping?.outcome || detected || '';
    const column = h('select', { id: 'learn-outcome-column', 'data-testid': 'learn-outcome-column' },
      h('option', { value: '', text: t('learn.outcomeNone'), selected: !current }),
      columns().map((c) => h('option', { value: c.name, text: c.name, selected: c.name === current })));
    const list = (v) => (v ?? []).join(', ');
    const won = h('input', { id: 'learn-outcome-won', type: 'text', value: list(a.outcome?.won), 'data-testid': 'learn-outcome-won', placeholder: t('learn.wonPlaceholder') });
    const lost = h('input', { id: 'learn-outcome-lost', type: 'text', value: list(a.outcome?.lost), 'data-testid': 'learn-outcome-lost', placeholder: t('learn.lostPlaceholder') });
    const go = h('button', { type: 'button', 'data-testid': 'learn-outcome-apply', text: t('learn.outcomeApply') });
    const split = (x) => x.split(',').map((v) => v.trim()).filter(Boolean);
    go.addEventListener('click', () => setOutcome(column.value, split(won.value), split(lost.value)));
    return h('details', { class: 'learn-outcome', 'data-testid': 'learn-outcome', open: !detected },
      h('summary', { text: detected ? t('learn.outcomeIs', { column: detected }) : t('learn.outcomeChoose') }),
      h('div', { class: 'learn-target' },
        h('label', { for: 'learn-outcome-column', text: t('learn.outcomeColumn') }), column,
        h('label', { for: 'learn-outcome-won', text: t('learn.outcomeWon') }), won,
        h('label', { for: 'learn-outcome-lost', text: t('learn.outcomeLost') }), lost, go),
      h('p', { class: 'hint', text: t('learn.outcomeHint') }));
  }
  let picked = null;
  let data = null; // { evaluation, curve }

  function suggestionForm() {
    const kind = h('select', { id: 'learn-target-kind', 'data-testid': 'learn-target-kind' },
      ['mqlsPerMonth', 'precision', 'recall'].map((k) => h('option', { value: k, text: t(`learn.target.${k}`) })));
    const value = h('input', { id: 'learn-target-value', type: 'number', min: '0', step: 'any', value: '', 'data-testid': 'learn-target-value', class: 'num' });
    const out = h('div', { 'data-testid': 'learn-suggestion' });
    const go = h('button', { type: 'button', 'data-testid': 'learn-suggest', text: t('learn.suggest') });
    go.addEventListener('click', async () => {
      const n = Number(value.value);
      const target = { [kind.value]: kind.value === 'mqlsPerMonth' ? n : n / 100 };
      try {
        const { suggestion } = await request('suggestThresholds', { target });
        if (!suggestion) {
          fill(out, h('p', { class: 'hint', text: t('learn.noSuggestion') }));
          return;
        }
        picked = suggestion.point;
        render();
      } catch (err) {
        fill(out, h('p', { class: 'message error', text: err.message }));
      }
    });
    return { el: h('div', { class: 'learn-target' },
      h('label', { for: 'learn-target-kind', text: t('learn.targetLabel') }), kind,
      h('label', { for: 'learn-target-value', class: 'visually-hidden', text: t('learn.targetValue') }), value, go), out };
  }

  function fitForm() {
    const holdout = h('select', { id: 'learn-holdout', 'data-testid': 'learn-holdout' },
      h('option', { value: 'random', text: t('learn.holdoutRandom') }), h('option', { value: 'time', text: t('learn.holdoutTime') }));
    const candidates = h('input', { type: 'checkbox', id: 'learn-candidates', 'data-testid': 'learn-candidates' });
    const run = h('button', { type: 'button', class: 'primary', 'data-testid': 'learn-fit', text: t('learn.fit') });
    const progress = h('progress', { max: '1', value: '0', hidden: true, 'aria-label': t('learn.fitProgress') });
    const out = h('div', { 'data-testid': 'learn-fit-result' });
    run.addEventListener('click', async () => {
      run.disabled = true;
      progress.hidden = false;
      try {
        const { result } = await request('fitWeights', { options: { split: holdout.value, candidates: candidates.checked, seed: 42 } },
          (p) => { progress.value = p.total ? p.done / p.total : 0; });
        fill(out, fitResult(result));
      } catch (err) {
        fill(out, h('p', { class: 'message error', text: err.message }));
      } finally {
        run.disabled = false;
        progress.hidden = true;
      }
    });

    function fitResult(r) {
      const apply = h('button', { type: 'button', class: 'primary', 'data-testid': 'learn-apply-weights', text: t('learn.applyWeights') });
      apply.addEventListener('click', () => applyAgreement(r.suggestedAgreement, t('learn.appliedWeights')));
      return h('div', {},
        h('div', { class: 'figs' },
          figure(t('learn.holdoutCurrent'), r.auc.current === null ? '—' : num(r.auc.current, 3), t('learn.def.holdout'), 'learn-holdout-current'),
          figure(t('learn.holdoutSuggested'), r.auc.suggested === null ? '—' : num(r.auc.suggested, 3), t('learn.def.holdout'), 'learn-holdout-suggested'),
          figure(t('learn.mqlsSuggested'), t('learn.mqlsNowThen', { now: num(r.mqls.current), then: num(r.mqls.suggested) }), t('learn.def.mqlsSuggested'), 'learn-mqls-suggested')),
        h('p', { class: 'hint', text: t('learn.split', { train: num(r.train.leads), holdout: num(r.holdout.leads), split: t(`learn.split.${r.split}`) }) }),
        r.flags.length ? h('ul', { class: 'learn-flags', 'data-testid': 'learn-flags' }, r.flags.map((f) => h('li', { 'data-kind': f.kind, text: `${f.id}: ${f.text}` }))) : null,
        r.notes.length ? h('ul', { class: 'hint' }, r.notes.map((n) => h('li', { text: n }))) : null,
        table('learn-coefficients', [t('learn.feature'), t('learn.coefficient'), t('learn.points')],
          r.features.map((f) => [f.description || f.id, `${num(f.coefficient, 3)} ± ${num(f.stdError, 3)}`, f.points === null ? '—' : num(Math.abs(f.points) < 0.05 ? 0 : f.points, 1)])),
        apply);
    }

    return h('section', { class: 'learn-part', 'data-testid': 'learn-weights' },
      h('h4', { text: t('learn.fitTitle') }),
      h('p', { class: 'hint', text: t('learn.fitIntro') }),
      h('div', { class: 'learn-target' },
        h('label', { for: 'learn-holdout', text: t('learn.holdout') }), holdout,
        h('label', { class: 'check' }, candidates, ' ', t('learn.candidates')), run, progress),
      out);
  }

  const target = suggestionForm();
  const weights = fitForm();

  function render() {
    if (!data) return;
    const { evaluation: e, curve } = data;
    if (!e || !curve || e.won + e.lost === 0) {
      fill(root, outcomeForm(e?.column ?? null), h('p', { class: 'hint', 'data-testid': 'learn-none', text: e ? t('learn.noClosed', { column: e.column }) : t('learn.noOutcome') }));
      return;
    }
    const chosen = picked ?? curve.current;
    const apply = h('button', { type: 'button', class: 'primary', 'data-testid': 'learn-apply-lines', text: t('learn.applyLines'), disabled: !picked });
    apply.addEventListener('click', () => applyLines(picked));
    fill(root,
      outcomeForm(e.column),
      evaluation(e),
      h('section', { class: 'learn-part', 'data-testid': 'learn-curve' },
        h('h4', { text: t('learn.curveTitle') }),
        h('p', { class: 'hint', text: curve.perMonthNote ?? t('learn.curveIntro', { months: curve.months === null ? '—' : num(curve.months, 1) }) }),
        curveChart(curve, (p) => { picked = p; render(); }, picked),
        h('p', { class: 'hint' }, t('learn.current'), ' '), pointFigures(curve.current, 'learn-current'),
        picked ? h('p', { class: 'hint' }, t('learn.picked')) : null, picked ? pointFigures(chosen, 'learn-picked') : null,
        target.el, target.out, apply),
      weights);
  }

  return {
    /** The results changed: measure again (only while the view is shown: a pass over the leads). */
    async refresh() {
      const mine = ++seq;
      try {
        const value = await request('evaluate');
        if (mine !== seq) return;
        data = value;
        picked = null;
        render();
      } catch (err) {
        if (mine === seq) fill(root, h('p', { class: 'hint', text: err.message }));
      }
    },
    render,
  };
}
