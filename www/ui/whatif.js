// The what-if panel: against the pinned agreement, how many leads became MQLs and how many
// stopped, by matrix cell, with the first of them.
import { h, fill } from './dom.js';
import { count } from '../format.js';

const signed = (n) => (n > 0 ? `+${count(n)}` : n < 0 ? `−${count(-n)}` : '0');

export function renderWhatIf(el, w) {
  if (!w) {
    fill(el, h('p', { class: 'hint', text: 'Nothing pinned.' }));
    return;
  }
  const leads = (list, title) => list.length
    ? h('details', {}, h('summary', { text: `${title} (first ${list.length})` }),
      h('ul', { class: 'whatif-leads' }, list.slice(0, 20).map((l) =>
        h('li', {}, h('span', { text: l.label || `Lead ${l.row + 1}` }),
          h('span', { class: 'hint', text: ` fit ${l.fitBefore}→${l.fitAfter}, interest ${l.interestBefore}→${l.interestAfter}` })))))
    : null;
  fill(el,
    h('p', { class: 'whatif-summary', 'data-testid': 'whatif-summary' },
      h('strong', { text: `MQLs ${count(w.mqlsBefore)} → ${count(w.mqlsAfter)}` }),
      ` (${signed(w.mqlsChange)}): ${count(w.becameMql)} became MQL, ${count(w.stoppedMql)} stopped · SQLs ${count(w.sqlsBefore)} → ${count(w.sqlsAfter)}`),
    w.cells.length
      ? h('table', { class: 'whatif-cells' },
        h('thead', {}, h('tr', {}, h('th', { text: 'Cell' }), h('th', { text: 'Became' }), h('th', { text: 'Stopped' }))),
        h('tbody', {}, w.cells.map((c) => h('tr', {},
          h('td', { text: `${c.fitGrade}${c.interestGrade}` }), h('td', { text: count(c.became) }), h('td', { text: count(c.stopped) })))))
      : null,
    leads(w.became, 'Became MQL'),
    leads(w.stopped, 'Stopped being MQL'));
}
