// The fit × interest matrix as a heat map: leads per grade cell and, with an outcome column,
// the historical win rate of each cell.
import { h, fill } from './dom.js';
import { count, percent } from '../format.js';

export function renderMatrix(table, note, r) {
  const m = r.matrix;
  const max = Math.max(1, ...m.counts.flat());
  const hasOutcome = Boolean(r.outcome);
  note.textContent = hasOutcome ? ' · win rate of closed leads' : '';
  const head = h('tr', {},
    h('th', { scope: 'col', class: 'corner', text: 'Fit \\ Interest' }),
    m.interestGrades.map((g) => h('th', { scope: 'col', text: g })));
  const rows = m.fitGrades.map((fg, i) =>
    h('tr', {},
      h('th', { scope: 'row', text: fg }),
      m.interestGrades.map((ig, j) => {
        const n = m.counts[i][j];
        const cell = h('td', {
          class: n / max > 0.55 ? 'hot' : null,
          'data-testid': `matrix-cell-${fg}-${ig}`,
          title: `${fg}${ig}: ${count(n)} leads`,
        },
          h('span', { class: 'n', text: count(n) }),
          hasOutcome ? h('span', { class: 'rate', text: m.winRate[i][j] === null ? '—' : `${percent(m.winRate[i][j])} won` }) : null);
        // Heat: the share of the busiest cell, as a background intensity.
        cell.style.setProperty('--heat', (n / max).toFixed(3));
        return cell;
      })));
  fill(table, h('thead', {}, head), h('tbody', {}, rows));
}
