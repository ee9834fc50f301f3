// The KPI card: each KPI with its value, the count and 95 % interval behind a rate, and its
// target met or missed; and two months side by side. The engine names and defines each KPI in
// English; in French the page gives its own name and definition by KPI id (cards-strings.js),
// and the engine's text for an id it does not know.
import { h, fill } from './dom.js';
import { t, num, pct, lang } from '../i18n.js';
import { fixed } from '../format.js';
import { fromEngine, needsColumns } from './cards-strings.js';

/** A KPI's name and definition in the current language. */
const kpiName = (k) => fromEngine(`kpi.name.${k.id}`, k.name);
const kpiDefinition = (k) => fromEngine(`kpi.def.${k.id}`, k.definition ?? '');

// The engine's definitions from the last KPI report, by id: the review's rows carry none.
let definitions = new Map();

/** A value in its unit. */
function value(unit, x) {
  if (x === null || x === undefined) return '—';
  if (unit === 'rate') return pct(x);
  if (unit === 'hours') return t('kpi.hours', { n: fixed(x, 1) });
  if (unit === 'days') return t('kpi.days', { n: fixed(x, 1) });
  return x < 10 && !Number.isInteger(x) ? fixed(x, 2) : num(Math.round(x));
}

/** A "YYYY-MM" month: as it is in English, "mars 2025" in French. */
export function month(ym) {
  const m = /^(\d{4})-(\d{2})$/.exec(String(ym));
  if (!m || lang() === 'en') return ym;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return new Intl.DateTimeFormat(lang(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

const rateCell = (x) => (x.rate === null ? '—' : pct(x.rate));
const rateTitle = (x) => (x.rate === null ? '' : t('kpi.rateTitle', { hits: num(x.hits), of: num(x.of), low: pct(x.low), high: pct(x.high) }));

function funnels(title, rows, id, key = (k) => k) {
  return h('details', { 'data-testid': id },
    h('summary', { text: title }),
    h('table', { class: 'stages' },
      h('thead', {}, h('tr', {}, ['', t('kpi.col.leads'), t('kpi.col.mql'), t('kpi.col.sql'), t('kpi.col.won')].map((x) => h('th', { text: x })))),
      h('tbody', {}, rows.map((f) => h('tr', {},
        h('td', { text: key(f.key) }), h('td', { text: num(f.leads) }),
        h('td', { text: rateCell(f.leadToMql), title: rateTitle(f.leadToMql) }),
        h('td', { text: rateCell(f.mqlToSql), title: rateTitle(f.mqlToSql) }),
        h('td', { text: rateCell(f.sqlToWon), title: rateTitle(f.sqlToWon) }))))));
}

const STEPS = ['create', 'mql', 'sql', 'opportunity', 'customer'];
const step = (id) => (STEPS.includes(id) ? t(`kpi.step.${id}`) : id);

export function renderKpis(el, r) {
  if (!r) {
    fill(el, h('p', { class: 'hint', text: t('kpi.none') }));
    return;
  }
  // The engine rounds the days to 0.1: shown as it gives them, in the locale.
  const days = (x) => (x === null ? '—' : t('kpi.days', { n: num(x, 1) }));
  definitions = new Map(r.kpis.map((k) => [k.id, k.definition]));
  fill(el, kpiTable(r),
    h('details', { 'data-testid': 'velocity' }, h('summary', { text: t('kpi.velocity') }),
      h('ul', { class: 'whatif-leads' }, r.velocity.map((v) => h('li', {
        text: t('kpi.velocityItem', { from: step(v.from), to: step(v.to), median: days(v.medianDays), p90: days(v.p90Days), n: num(v.leads) }),
      })))),
    funnels(t('kpi.byCohort'), r.byCohort, 'by-cohort', month),
    funnels(t('kpi.bySource'), r.bySource, 'by-source', (k) => (k === '(none)' ? t('kpi.noSource') : k)),
    funnels(t('kpi.byGrade'), r.byFitGrade, 'by-grade'));
}

function kpiTable(r) {
  const target = (k) => (k.unit === 'rate' ? pct(k.target) : value(k.unit, k.target));
  return h('table', { class: 'stages kpi-table' },
    h('tbody', {}, r.kpis.map((k) => h('tr', { 'data-testid': `kpi-${k.id}`, tabindex: '0', 'data-def': kpiDefinition(k) },
      h('td', { class: 'kpi-name', text: kpiName(k) }),
      h('td', { class: 'kpi-value', text: value(k.unit, k.value) }),
      h('td', {
        class: 'hint',
        text: k.notAvailable
          ? t('kpi.notAvailable', { why: needsColumns(k.notAvailable) })
          : k.rate
            ? (k.rate.low !== null
              ? t('kpi.interval', { hits: num(k.rate.hits), of: num(k.rate.of), low: pct(k.rate.low), high: pct(k.rate.high) })
              : t('kpi.count', { hits: num(k.rate.hits), of: num(k.rate.of) }))
            : '',
      }),
      h('td', {
        class: k.met === null ? '' : k.met ? 'met' : 'missed',
        text: k.target === null ? '' : k.met === null ? t('kpi.target', { target: target(k) }) : t(k.met ? 'kpi.met' : 'kpi.missed', { target: target(k) }),
      })))));
}

export function renderReview(el, rv, labels) {
  if (!rv) {
    fill(el);
    return;
  }
  const sign = (x) => (x >= 0 ? '+' : '');
  const change = (unit, x) => (x === null
    ? '—'
    : unit === 'rate' ? t('kpi.review.points', { n: `${sign(x)}${fixed(x * 100, 1)}` }) : `${sign(x)}${value(unit, x)}`);
  const name = (r) => fromEngine(`kpi.name.${r.id}`, r.name);
  const def = (r) => fromEngine(`kpi.def.${r.id}`, definitions.get(r.id) ?? '');
  fill(el, h('table', { class: 'stages', 'data-testid': 'review-table' },
    h('thead', {}, h('tr', {},
      h('th', { text: t('kpi.review.kpi') }),
      h('th', { text: t('kpi.review.period', { label: month(labels[0]), n: num(rv.leads[0]) }) }),
      h('th', { text: t('kpi.review.period', { label: month(labels[1]), n: num(rv.leads[1]) }) }),
      h('th', { text: t('kpi.review.change') }))),
    h('tbody', {}, rv.rows.map((r) => {
      const d = def(r);
      return h('tr', { 'data-testid': `review-${r.id}`, tabindex: d ? '0' : null, 'data-def': d || null },
        h('td', { text: name(r) }), h('td', { text: value(r.unit, r.a) }), h('td', { text: value(r.unit, r.b) }), h('td', { text: change(r.unit, r.change) }));
    }))));
}

/** First and last day of a "YYYY-MM" month, as "YYYY-MM-DD". */
export function monthBounds(ym) {
  const [y, m] = ym.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${ym}-01`, `${ym}-${String(last).padStart(2, '0')}`];
}
