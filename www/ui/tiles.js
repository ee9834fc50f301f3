// KPI tiles: leads, MQLs, SQLs, disqualified and, where the export has an outcome, the wins the
// MQL line catches. Each tile says what its number means on hover and on keyboard focus.
import { h, morph } from './dom.js';
import { t, num, pct } from '../i18n.js';

function tile(id, label, value, detail) {
  return h('div', { class: 'tile', 'data-testid': `tile-${id}`, tabindex: '0', 'data-def': t(`tile.def.${id}`) },
    h('div', { class: 'tile-label', text: label }),
    h('div', { class: 'tile-value', 'data-testid': `${id}-count`, text: value }),
    detail ? h('div', { class: 'tile-detail', 'data-testid': `${id}-detail`, text: detail }) : null);
}

export function renderTiles(el, r) {
  const o = r.outcome;
  morph(el,
    tile('leads', t('tile.leads'), num(r.leads)),
    tile('mql', t('tile.mql'), num(r.mqls), t('tile.ofLeads', { rate: pct(r.mqlRate) })),
    tile('sql', t('tile.sql'), num(r.sqls), t('tile.ofLeads', { rate: pct(r.sqlRate) })),
    tile('dq', t('tile.dq'), num(r.disqualified.count), t('tile.fastTracked', { n: num(r.fastTracked.count) })),
    o
      ? tile('won', t('tile.won'), pct(o.wonCaptured),
          t('tile.wonDetail', { mqlWon: num(o.mqlWon), won: num(o.won), mqlRate: pct(o.mqlWinRate), baseRate: pct(o.baseWinRate) }))
      : tile('won', t('tile.won'), '—', t('tile.noOutcome')));
}
