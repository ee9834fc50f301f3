// One lead: where it stands (its stage under the agreement and in the export, follow-up, nurture
// track), each score as a waterfall, and its data as exported. The waterfall lays out the steps
// the engine's explanation gives — a bar per rule that gave points, a group's cap when it bit,
// the clamp to 0–100 — ending at the score; it decides nothing.
import { h, fill } from './dom.js';
import { t, num } from '../i18n.js';
import './leads-strings.js';

const signed = (x) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${num(Math.abs(x), 2)}`;

/**
 * The steps of one axis's explanation: `{ kind: 'up' | 'down' | 'cap', label, detail, points }`.
 * A cap or clamp step is what the engine's own figures say it took (capped total minus the
 * rules' points shown; score minus the running total), so the steps end exactly at the score.
 */
export function waterfallSteps(axis) {
  const steps = [];
  let running = 0;
  for (const g of axis.groups) {
    let group = 0;
    for (const r of g.rules) {
      if (r.points === 0) continue;
      steps.push({ kind: r.points > 0 ? 'up' : 'down', label: r.id, detail: r.value, points: r.points });
      group += r.points;
    }
    if (g.counted !== g.total) {
      steps.push({ kind: 'cap', label: t('lead.step.cap', { group: g.name, cap: num(g.cap, 2) }), points: g.counted - group });
      group = g.counted;
    }
    running += group;
  }
  if (axis.score !== axis.raw) {
    const clamp = axis.raw < 0 || axis.raw > 100;
    steps.push({ kind: 'cap', label: t(clamp ? 'lead.step.clamp' : 'lead.step.round'), points: axis.score - running });
  }
  return steps;
}

function waterfall(name, axis) {
  const steps = waterfallSteps(axis);
  // The scale: 0 to 100, widened to every running total the steps pass through.
  let lo = 0;
  let hi = 100;
  let at = 0;
  for (const s of steps) {
    at += s.points;
    lo = Math.min(lo, at);
    hi = Math.max(hi, at);
  }
  const span = hi - lo || 1;
  const bar = (from, to) => {
    const el = h('span', { class: 'wf-bar' });
    el.style.left = `${((Math.min(from, to) - lo) / span) * 100}%`;
    el.style.width = `${(Math.abs(to - from) / span) * 100}%`;
    return el;
  };
  at = 0;
  const rows = steps.map((s) => {
    const from = at;
    at += s.points;
    return h('li', { class: `wf-step ${s.kind}`, 'data-testid': 'waterfall-step', 'data-points': String(s.points) },
      h('span', { class: 'wf-label' }, s.label, s.detail ? h('span', { class: 'wf-detail', text: s.detail }) : null),
      h('span', { class: 'wf-track' }, bar(from, at)),
      h('span', { class: 'wf-pts', text: signed(s.points) }));
  });
  return h('section', { class: 'waterfall', 'data-testid': `waterfall-${name}` },
    h('h4', { text: t(`lead.axis.${name}`, { score: num(axis.score, 2), grade: axis.grade }) }),
    h('ol', { class: 'wf-steps' },
      rows.length ? rows : h('li', { class: 'hint', text: t('lead.noPoints') }),
      h('li', { class: 'wf-total', 'data-testid': 'waterfall-total', 'data-score': String(axis.score) },
        h('span', { class: 'wf-label', text: t('lead.step.total') }),
        h('span', { class: 'wf-track' }, bar(0, axis.score)),
        h('span', { class: 'wf-pts', text: num(axis.score, 2) }))));
}

/** A name for the lead from its values: first and last name, else e-mail, else company. */
function title(e) {
  const by = (f) => e.values.find((v) => v.field === f && v.value)?.value;
  const name = [by('first_name'), by('last_name')].filter(Boolean).join(' ');
  return name || by('email') || by('company') || t('lead.title', { n: num(e.row + 1) });
}

/** Render lead `{ record, explanation, lifecycle }` (the worker's `leadRecord` answer) in `root`. */
export function renderLead(root, { record, explanation: e, lifecycle: l }) {
  if (!e) {
    fill(root);
    return;
  }
  const status = e.disqualified ? 'disqualified' : e.sql ? 'sql' : e.fastTrack ? 'fast_track' : e.mql ? 'mql' : 'lead';
  const applied = e.disqualified ?? e.fastTrack;
  const fact = (label, value, id) => [h('dt', { text: label }), h('dd', { 'data-testid': id, text: value })];
  const exportStage = l?.actualStage ? t(`stage.${l.actualStage}`) : null;
  fill(root, h('article', { class: 'lead-detail', 'data-testid': 'lead-detail', 'data-row': e.row },
    h('header', { class: 'lead-head' },
      h('h3', { 'data-testid': 'lead-title', text: title(e) }),
      h('p', { class: `lead-status s-${status}`, 'data-testid': 'lead-status' },
        t(`status.${status}`),
        applied ? ` · ${t(e.disqualified ? 'lead.disqualified' : 'lead.fastTrack', { reason: applied.reason ?? applied.id })}` : null)),
    l ? h('dl', { class: 'lead-facts' },
      fact(t('lead.stageNow'), t(`stage.${l.agreementStage}`), 'lead-stage'),
      fact(t('lead.stageExport'), [exportStage, l.actualLabel ? `“${l.actualLabel}”` : null].filter(Boolean).join(' ') || '—', 'lead-export-stage'),
      fact(t('lead.sla'), t(`sla.${l.sla}`), 'lead-sla'),
      fact(t('lead.track'), l.track ?? t('lead.noTrack', { why: l.noTrack ?? '—' }), 'lead-track')) : null,
    h('div', { class: 'lead-scores' }, waterfall('fit', e.fit), waterfall('interest', e.interest)),
    h('h4', { text: t('lead.data') }),
    h('dl', { class: 'lead-data', 'data-testid': 'lead-data' }, (record ?? []).flatMap(([column, value]) => [
      h('dt', { text: column }),
      value ? h('dd', { text: value }) : h('dd', { class: 'empty', text: t('lead.empty') }),
    ]))));
}
