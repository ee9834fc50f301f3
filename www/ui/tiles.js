// KPI tiles: leads, MQLs, SQLs and, where the export has an outcome, the wins the MQL line catches.
import { h, fill } from './dom.js';
import { count, percent } from '../format.js';

function tile(id, label, value, detail) {
  return h('div', { class: 'tile', 'data-testid': `tile-${id}` },
    h('div', { class: 'tile-label', text: label }),
    h('div', { class: 'tile-value', 'data-testid': `${id}-count`, text: value }),
    detail ? h('div', { class: 'tile-detail', 'data-testid': `${id}-detail`, text: detail }) : null);
}

export function renderTiles(el, r) {
  const o = r.outcome;
  fill(el,
    tile('leads', 'Leads', count(r.leads)),
    tile('mql', 'MQLs', count(r.mqls), `${percent(r.mqlRate)} of leads`),
    tile('sql', 'SQLs', count(r.sqls), `${percent(r.sqlRate)} of leads`),
    tile('dq', 'Disqualified', count(r.disqualified.count), `${count(r.fastTracked.count)} fast-tracked to sales`),
    o
      ? tile('won', 'Wins caught by the MQL line', percent(o.wonCaptured),
          `${count(o.mqlWon)} of ${count(o.won)} won · MQL win rate ${percent(o.mqlWinRate)} vs ${percent(o.baseWinRate)} overall`)
      : tile('won', 'Wins caught by the MQL line', '—', 'No outcome column in this data'));
}
