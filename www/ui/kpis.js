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

export function renderKpis(el, r) {
  if (!r) {
    fill(el, h('p', { class: 'hint', text: 'No data.' }));
    return;
  }
  fill(el, h('table', { class: 'stages kpi-table' },
    h('tbody', {}, r.kpis.map((k) => h('tr', { 'data-testid': `kpi-${k.id}`, title: k.definition },
      h('td', { text: k.name }),
      h('td', { class: 'kpi-value', text: value(k) }),
      h('td', { class: 'hint', text: k.notAvailable ? `not available: ${k.notAvailable}` : k.rate ? `${count(k.rate.hits)}/${count(k.rate.of)}${k.rate.low !== null ? ` · ${percent(k.rate.low)}–${percent(k.rate.high)}` : ''}` : '' }),
      h('td', { class: k.met === null ? '' : k.met ? 'met' : 'missed', text: k.target === null ? '' : `${k.met ? 'met' : 'missed'} (target ${k.unit === 'rate' ? percent(k.target) : k.target})` }))))));
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
