// The goal card: the funnel the revenue target needs (worked back through planned or measured
// rates), the pace in the period, and sales capacity against the MQLs per month.
import { h, fill } from './dom.js';
import { count, percent } from '../format.js';

const NAMES = { won: 'Won deals', opportunity: 'Opportunities', sql: 'SQLs', sal: 'SALs', mql: 'MQLs', lead: 'Leads', visitor: 'Visitors' };
const money = (x, cur) => new Intl.NumberFormat('en', { style: 'currency', currency: cur || 'USD', maximumFractionDigits: 0 }).format(x);
const perMonth = (x) => (x === null ? '—' : x < 10 ? x.toFixed(1) : count(Math.round(x)));

export function renderGoals(el, g, currency) {
  if (!g) {
    fill(el, h('p', { class: 'hint', text: 'No data.' }));
    return;
  }
  const f = g.funnel;
  fill(el,
    f
      ? h('div', {},
        h('p', { class: 'hint', text: `${money(f.revenueTarget, currency)} at ${money(f.averageDealSize, currency)} a deal (${f.dealSizeSource}), over ${f.months.toFixed(1)} months:` }),
        h('table', { class: 'stages', 'data-testid': 'reverse-funnel' },
          h('thead', {}, h('tr', {}, h('th', { text: 'Needed' }), h('th', { text: 'In all' }), h('th', { text: 'Per month' }), h('th', { text: 'Rate to the next' }))),
          h('tbody', {}, f.steps.map((s) => h('tr', { 'data-testid': `need-${s.stage}` },
            h('td', { text: NAMES[s.stage] ?? s.stage }),
            h('td', { text: s.needed === null ? '—' : count(s.needed) }),
            h('td', { text: perMonth(s.perMonth) }),
            h('td', { text: s.rateToNext === null ? '' : `${percent(s.rateToNext)} (${s.rateSource})` }))))),
        f.missing.length ? h('ul', { class: 'not-available' }, f.missing.map((m) => h('li', { text: m }))) : null)
      : h('p', { class: 'hint', text: 'No funnel: the goal needs a revenue target, and a deal size entered or won deals with amounts in the export.' }),
    g.pacing
      ? h('p', { class: 'goal-line', 'data-testid': 'pacing', text: `Pace: ${percent(g.pacing.elapsed)} of the period gone, ${money(g.pacing.actual, currency)} won (plan to date ${money(g.pacing.plannedToDate, currency)})${g.pacing.projected === null ? '' : `, projected ${money(g.pacing.projected, currency)}: ${g.pacing.onTrack ? 'on track' : 'behind'}`}.` })
      : null,
    g.capacity
      ? h('p', { class: 'goal-line', 'data-testid': 'capacity', text: `Capacity: sales can work ${count(Math.round(g.capacity.capacityPerMonth))} leads a month; the agreement sends ${count(Math.round(g.capacity.mqlsPerMonth))} MQLs a month (${g.capacity.gap >= 0 ? `${count(Math.round(g.capacity.gap))} to spare` : `${count(Math.round(-g.capacity.gap))} too many`}).` })
      : null);
}
