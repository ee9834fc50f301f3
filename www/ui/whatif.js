// The what-if panel: against the pinned agreement, how many leads became MQLs and how many
// stopped, by matrix cell, with the first of them.
import { h, fill } from './dom.js';
import { t, num, onLangChange } from '../i18n.js';
import './cards-strings.js';

const signed = (n) => (n > 0 ? `+${num(n)}` : n < 0 ? `−${num(-n)}` : '0');

// What is shown, so that a language switch re-renders it (the page does not redraw the what-if
// on a switch). Only while the panel still holds what was rendered here: once the page emptied
// it (unpinned, new data), nothing is redrawn.
let shown = null;
onLangChange(() => {
  if (shown && shown.el.firstChild === shown.first) renderWhatIf(shown.el, shown.w);
});

export function renderWhatIf(el, w) {
  if (!w) {
    fill(el, h('p', { class: 'hint', text: t('whatif.none') }));
    shown = { el, w, first: el.firstChild };
    return;
  }
  const leads = (list, title) => list.length
    ? h('details', {}, h('summary', { text: t('whatif.first', { title, n: num(list.length) }) }),
      h('ul', { class: 'whatif-leads' }, list.slice(0, 20).map((l) =>
        h('li', {}, h('span', { text: l.label || t('whatif.lead', { n: num(l.row + 1) }) }),
          h('span', {
            class: 'hint',
            text: t('whatif.scores', {
              fitBefore: num(l.fitBefore, 2), fitAfter: num(l.fitAfter, 2),
              interestBefore: num(l.interestBefore, 2), interestAfter: num(l.interestAfter, 2),
            }),
          })))))
    : null;
  fill(el,
    h('p', { class: 'whatif-summary', 'data-testid': 'whatif-summary' },
      h('strong', { text: t('whatif.mqls', { before: num(w.mqlsBefore), after: num(w.mqlsAfter) }) }),
      t('whatif.rest', {
        change: signed(w.mqlsChange), became: num(w.becameMql), stopped: num(w.stoppedMql),
        sqlsBefore: num(w.sqlsBefore), sqlsAfter: num(w.sqlsAfter),
      })),
    w.cells.length
      ? h('table', { class: 'whatif-cells' },
        h('thead', {}, h('tr', {}, h('th', { text: t('whatif.cell') }), h('th', { text: t('whatif.became') }), h('th', { text: t('whatif.stopped') }))),
        h('tbody', {}, w.cells.map((c) => h('tr', {},
          h('td', { text: `${c.fitGrade}${c.interestGrade}` }), h('td', { text: num(c.became) }), h('td', { text: num(c.stopped) })))))
      : null,
    leads(w.became, t('whatif.becameList')),
    leads(w.stopped, t('whatif.stoppedList')));
  shown = { el, w, first: el.firstChild };
}
