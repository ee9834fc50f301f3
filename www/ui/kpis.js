// The KPI card: each KPI with its value, the count and 95 % interval behind a rate, and its
// target met or missed; and two months side by side.
import { h, fill } from './dom.js';
import { count, percent } from '../format.js';

function value(k) {
  if (k.value === null) return '—';
  if (k.unit === 'rate') return percent(k.value);
  if (k.unit === 'hours') return `${k.value.toFixed(1)} h`;
  if (k.unit === 'days') return `${k.value.toFixed(1)} d`;
  return k.value < 10 && !Number.isInteger(k.value) ? k.value.toFixed(2) : count(Math.round(k.value));
}

const rateCell = (x) => (x.rate === null ? '—' : `${percent(x.rate)}`);
const rateTitle = (x) => (x.rate === null ? '' : `${count(x.hits)} of ${count(x.of)}; 95 % interval ${percent(x.low)}–${percent(x.high)}`);

function funnels(title, rows, id) {
  return h('details', { 'data-testid': id },
    h('summary', { text: title }),
    h('table', { class: 'stages' },
      h('thead', {}, h('tr', {}, ['', 'Leads', '→ MQL', '→ SQL', '→ won'].map((t) => h('th', { text: t })))),
      h('tbody', {}, rows.map((f) => h('tr', {},
        h('td', { text: f.key }), h('td', { text: count(f.leads) }),
        h('td', { text: rateCell(f.leadToMql), title: rateTitle(f.leadToMql) }),
        h('td', { text: rateCell(f.mqlToSql), title: rateTitle(f.mqlToSql) }),
        h('td', { text: rateCell(f.sqlToWon), title: rateTitle(f.sqlToWon) }))))));
}

export function renderKpis(el, r) {
  if (!r) {
    fill(el, h('p', { class: 'hint', text: 'No data.' }));
    return;
  }
  const days = (x) => (x === null ? '—' : `${x} d`);
  fill(el, kpiTable(r),
    h('details', { 'data-testid': 'velocity' }, h('summary', { text: 'Velocity: days between stages (median, 90th percentile)' }),
      h('ul', { class: 'whatif-leads' }, r.velocity.map((v) => h('li', { text: `${v.from} → ${v.to}: ${days(v.medianDays)}, ${days(v.p90Days)} (${count(v.leads)} leads)` })))),
    funnels('By month of creation', r.byCohort, 'by-cohort'),
    funnels('By lead source', r.bySource, 'by-source'),
    funnels('By fit grade', r.byFitGrade, 'by-grade'));
}

function kpiTable(r) {
  return h('table', { class: 'stages kpi-table' },
    h('tbody', {}, r.kpis.map((k) => h('tr', { 'data-testid': `kpi-${k.id}`, title: k.definition },
      h('td', { text: k.name }),
      h('td', { class: 'kpi-value', text: value(k) }),
      h('td', { class: 'hint', text: k.notAvailable ? `not available: ${k.notAvailable}` : k.rate ? `${count(k.rate.hits)}/${count(k.rate.of)}${k.rate.low !== null ? ` · ${percent(k.rate.low)}–${percent(k.rate.high)}` : ''}` : '' }),
      h('td', { class: k.met === null ? '' : k.met ? 'met' : 'missed', text: k.target === null ? '' : `${k.met ? 'met' : 'missed'} (target ${k.unit === 'rate' ? percent(k.target) : k.target})` })))));
}

export function renderReview(el, rv, labels) {
  if (!rv) {
    fill(el);
    return;
  }
  const fmt = (unit, x) => (x === null ? '—' : unit === 'rate' ? percent(x) : x.toFixed(1));
  const change = (unit, x) => (x === null ? '—' : unit === 'rate' ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} pts` : `${x >= 0 ? '+' : ''}${x.toFixed(1)}`);
  fill(el, h('table', { class: 'stages', 'data-testid': 'review-table' },
    h('thead', {}, h('tr', {}, h('th', { text: 'KPI' }), h('th', { text: `${labels[0]} (${count(rv.leads[0])} leads)` }), h('th', { text: `${labels[1]} (${count(rv.leads[1])} leads)` }), h('th', { text: 'Change' }))),
    h('tbody', {}, rv.rows.map((r) => h('tr', { 'data-testid': `review-${r.id}` },
      h('td', { text: r.name }), h('td', { text: fmt(r.unit, r.a) }), h('td', { text: fmt(r.unit, r.b) }), h('td', { text: change(r.unit, r.change) }))))));
}

/** First and last day of a "YYYY-MM" month, as "YYYY-MM-DD". */
export function monthBounds(ym) {
  const [y, m] = ym.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${ym}-01`, `${ym}-${String(last).padStart(2, '0')}`];
}
