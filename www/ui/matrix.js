// The fit × interest matrix as a heat map: leads per grade cell and, with an outcome column,
// the historical win rate of each cell.
import { h, morph } from './dom.js';
import { t, num, pct } from '../i18n.js';
import './cards-strings.js';

/**
 * How strong a cell's colour is for its share of the busiest cell. Two bands, light (dark text)
 * and dark (white text), with no middle ground where neither text colour would keep a 4.5:1
 * contrast.
 */
export const heatAlpha = (share) => (share < 0.5 ? 0.06 + share * 0.78 : 0.86 + (share - 0.5) * 0.28);
/** Whether a cell is dark enough for white text. */
export const hot = (share) => share >= 0.5;

export function renderMatrix(table, note, r) {
  const m = r.matrix;
  const max = Math.max(1, ...m.counts.flat());
  const hasOutcome = Boolean(r.outcome);
  note.textContent = hasOutcome ? t('matrix.winNote') : '';
  const head = h('tr', {},
    h('th', { scope: 'col', class: 'corner', text: t('matrix.corner') }),
    m.interestGrades.map((g) => h('th', { scope: 'col', text: g })));
  const rows = m.fitGrades.map((fg, i) =>
    h('tr', {},
      h('th', { scope: 'row', text: fg }),
      m.interestGrades.map((ig, j) => {
        const n = m.counts[i][j];
        const cell = h('td', {
          class: hot(n / max) ? 'hot' : null,
          'data-testid': `matrix-cell-${fg}-${ig}`,
          // Its meaning on hover and on keyboard focus.
          tabindex: '0',
          'data-def': t(hasOutcome ? 'matrix.cellDefOutcome' : 'matrix.cellDef', {
            cell: `${fg}${ig}`, n: num(n), fit: fg, interest: ig,
            won: hasOutcome ? num(m.won[i][j]) : '', closed: hasOutcome ? num(m.closed[i][j]) : '',
          }),
        },
          h('span', { class: 'n', text: num(n) }),
          hasOutcome ? h('span', { class: 'rate', text: m.winRate[i][j] === null ? '—' : t('matrix.won', { rate: pct(m.winRate[i][j]) }) }) : null);
        // Heat: the share of the busiest cell, as a background intensity.
        cell.style.setProperty('--heat', (n / max).toFixed(3));
        cell.style.setProperty('--alpha', heatAlpha(n / max).toFixed(3));
        return cell;
      })));
  morph(table, h('thead', {}, head), h('tbody', {}, rows));
}
