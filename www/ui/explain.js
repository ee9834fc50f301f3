// One lead's explanation: its label, status, and per axis the groups and rules that gave it
// points, with caps, so that a reader can add them up to the score shown.
import { h, fill } from './dom.js';
import { t, num, pct, pick } from '../i18n.js';
import { engineSentence } from './cards-strings.js';

/** Points with their sign: +12.5 / +12,5. */
const pts = (x) => `${x > 0 ? '+' : ''}${num(x, 2)}`;

/** The engine's rule note ("capped at max 20; …"), in the current language. */
function note(text) {
  return text.split('; ').map((part) => engineSentence(part, /^events decayed with a half-life of ([\d.]+) days$/,
    (m) => t('explain.note.halfLife', { days: num(Number(m[1]), 1) })))
    .map((part) => engineSentence(part, /^events lose ([\d.]+)% every ([\d.]+) days$/,
      (m) => t('explain.note.step', { percent: pct(Number(m[1]) / 100), days: num(Number(m[2]), 1) })))
    .map((part) => engineSentence(part, /^capped at max (-?[\d.]+)$/, (m) => t('explain.note.cap', { max: num(Number(m[1]), 2) })))
    .join(t('explain.noteSep'));
}

function axis(key, id, a) {
  const fired = (g) => g.rules.filter((r) => r.matched || r.points !== 0);
  return h('div', { class: 'explain-axis', 'data-testid': `explain-${id}` },
    h('div', { class: 'explain-score' },
      h('strong', { text: t('explain.axisScore', { axis: t(key), score: num(a.score, 2) }) }),
      h('span', { class: 'grade', text: t('explain.grade', { grade: a.grade }) }),
      a.raw !== a.score ? h('span', { class: 'hint', text: t('explain.raw', { raw: num(a.raw, 2) }) }) : null),
    h('ul', {}, a.groups.filter((g) => fired(g).length).map((g) =>
      h('li', {},
        h('div', { class: 'explain-group' },
          h('span', { text: pick(g.name) }),
          h('span', {
            class: 'pts',
            text: g.counted !== g.total ? t('explain.capped', { total: pts(g.total), counted: pts(g.counted), cap: num(g.cap, 2) }) : pts(g.counted),
          })),
        h('ul', {}, fired(g).map((r) =>
          h('li', { class: 'explain-rule', 'data-testid': `rule-${r.id}` },
            h('span', { class: 'rule-id', text: r.id }),
            r.value !== null ? h('span', { class: 'rule-value', text: r.value || t('explain.empty') }) : null,
            r.note ? h('span', { class: 'hint', text: note(r.note) }) : null,
            h('span', { class: 'pts', text: pts(r.points) }))))))));
}

export function renderExplanation(el, e, label) {
  if (!e) {
    fill(el, h('p', { class: 'hint', text: t('explain.none') }));
    return;
  }
  // Which lead is shown (0-based), so that readers (and tests) can tell a refresh happened.
  el.dataset.row = String(e.row);
  const reason = (x) => pick(x.reason) || x.id;
  const status = e.disqualified
    ? t('explain.disqualified', { reason: reason(e.disqualified) })
    : e.fastTrack
      ? t(e.sql ? 'explain.fastTrackSql' : 'explain.fastTrack', { reason: reason(e.fastTrack) })
      : e.sql ? t('explain.sql') : e.mql ? t('explain.mql') : t('explain.below');
  fill(el,
    h('p', { class: 'explain-lead' },
      h('strong', { text: label || t('explain.leadN', { n: num(e.row + 1) }) }), ' · ',
      h('span', { 'data-testid': 'explain-status', text: status })),
    e.combined !== null ? h('p', { class: 'hint', text: t('explain.combined', { score: num(e.combined, 2) }) }) : null,
    axis('explain.fit', 'fit', e.fit),
    axis('explain.interest', 'interest', e.interest));
}

/** A short label for a lead from its values: e-mail, else company, else the first value. */
export function leadLabel(e) {
  if (!e) return '';
  const by = (f) => e.values.find((v) => v.field === f && v.value)?.value;
  return by('email') ?? by('company') ?? e.values.find((v) => v.value)?.value ?? '';
}
