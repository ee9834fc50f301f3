// One lead's explanation: its label, status, and per axis the groups and rules that gave it
// points, with caps, so that a reader can add them up to the score shown.
import { h, fill } from './dom.js';

const pts = (x) => `${x > 0 ? '+' : ''}${Number(x.toFixed(2))}`;

function axis(name, a) {
  const fired = (g) => g.rules.filter((r) => r.matched || r.points !== 0);
  return h('div', { class: 'explain-axis', 'data-testid': `explain-${name.toLowerCase()}` },
    h('div', { class: 'explain-score' },
      h('strong', { text: `${name} ${Number(a.score.toFixed(2))}` }),
      h('span', { class: 'grade', text: `grade ${a.grade}` }),
      a.raw !== a.score ? h('span', { class: 'hint', text: ` (raw ${Number(a.raw.toFixed(2))}, kept within 0–100)` }) : null),
    h('ul', {}, a.groups.filter((g) => fired(g).length).map((g) =>
      h('li', {},
        h('div', { class: 'explain-group' },
          h('span', { text: g.name }),
          h('span', { class: 'pts', text: g.counted !== g.total ? `${pts(g.total)} → ${pts(g.counted)} (cap ${g.cap})` : pts(g.counted) })),
        h('ul', {}, fired(g).map((r) =>
          h('li', { class: 'explain-rule', 'data-testid': `rule-${r.id}` },
            h('span', { class: 'rule-id', text: r.id }),
            r.value !== null ? h('span', { class: 'rule-value', text: r.value || '(empty)' }) : null,
            r.note ? h('span', { class: 'hint', text: r.note }) : null,
            h('span', { class: 'pts', text: pts(r.points) }))))))));
}

export function renderExplanation(el, e, label) {
  if (!e) {
    fill(el, h('p', { class: 'hint', text: 'No such lead.' }));
    return;
  }
  // Which lead is shown (0-based), so that readers (and tests) can tell a refresh happened.
  el.dataset.row = String(e.row);
  const status = e.disqualified
    ? `Disqualified: ${e.disqualified.reason ?? e.disqualified.id}`
    : e.fastTrack
      ? `Fast-track to sales: ${e.fastTrack.reason ?? e.fastTrack.id}${e.sql ? ' · SQL' : ''}`
      : e.sql ? 'SQL' : e.mql ? 'MQL' : 'Lead (below the MQL line)';
  fill(el,
    h('p', { class: 'explain-lead' }, h('strong', { text: label || `Lead ${e.row + 1}` }), ' · ', h('span', { 'data-testid': 'explain-status', text: status })),
    e.combined !== null ? h('p', { class: 'hint', text: `Combined score ${Number(e.combined.toFixed(2))}` }) : null,
    axis('Fit', e.fit),
    axis('Interest', e.interest));
}

/** A short label for a lead from its values: e-mail, else company, else the first value. */
export function leadLabel(e) {
  if (!e) return '';
  const by = (f) => e.values.find((v) => v.field === f && v.value)?.value;
  return by('email') ?? by('company') ?? e.values.find((v) => v.value)?.value ?? '';
}
