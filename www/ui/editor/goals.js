// Parts 1 and 7 of the agreement in the editor: the goal (target, period, deal size, planned
// rates, capacity) and the KPI targets. Rates are shown as percentages and stored as 0–1 ratios.
import { h } from '../dom.js';
import { t } from '../../i18n.js';
import { fmt, getIn } from './paths.js';
import { numberInput, textInput, datalist } from './controls.js';

/** Planned stage-to-stage rates, in funnel order (crate/goals/mod.rs `Rates`). */
const RATES = [
  'visitor_to_lead', 'lead_to_mql', 'mql_to_sal', 'sal_to_sql', 'sql_to_opportunity',
  'opportunity_to_won', 'sql_to_won',
];

/**
 * The KPIs that take a target (crate/goals/kpis.rs): id, unit, and whether lower is better
 * (the engine decides met or missed; this only words the hint).
 */
const KPIS = [
  ['mql_acceptance_rate', 'rate', false],
  ['first_touch_within_sla', 'rate', false],
  ['recycle_rate', 'rate', true],
  ['disqualification_rate', 'rate', true],
  ['lead_to_mql', 'rate', false],
  ['mql_to_sql', 'rate', false],
  ['sql_to_won', 'rate', false],
  ['speed_to_lead_median_hours', 'hours', true],
  ['speed_to_lead_p90_hours', 'hours', true],
  ['overdue_now', 'count', true],
  ['attempts_per_week', 'ratio', false],
  ['attempts_per_lead', 'count', false],
];

function currencies() {
  try {
    return Intl.supportedValuesOf('currency');
  } catch {
    return ['USD', 'EUR', 'GBP', 'CHF', 'CAD'];
  }
}

/**
 * Write one member of an optional object (the period, the capacity): the object is created on
 * the first value and removed when its last member is emptied. A member left empty while the
 * other is set is the engine's to report.
 */
function memberWrite(ctx, objParts, key, label) {
  return (v) => ctx.update((d) => {
    const parent = getIn(d, objParts.slice(0, -1));
    const name = objParts.at(-1);
    if (parent[name] === null || typeof parent[name] !== 'object') parent[name] = {};
    if (v === undefined || v === '') delete parent[name][key];
    else parent[name][key] = v;
    if (Object.keys(parent[name]).length === 0) delete parent[name];
  }, label, fmt(objParts.concat(key)));
}

export function goalsEditor(ctx) {
  const g = ['goals'];
  const [curList, curId] = datalist(currencies());
  const known = new Set(currencies());
  const currency = textInput(ctx, g.concat('currency'), {
    label: t('ed.goals.currency'), testid: 'goal-currency', commit: 'change', list: curId, optional: true,
    placeholder: 'USD',
    // A code the page can show amounts in (ISO 4217); anything else would break the goal card.
    write: (v) => {
      const code = (v ?? '').trim().toUpperCase();
      const input = currency.querySelector('input');
      if (code !== '' && !known.has(code)) {
        input.setAttribute('aria-invalid', 'true');
        msg.textContent = t('ed.goals.badCurrency', { value: code });
        msg.hidden = false;
        return;
      }
      input.removeAttribute('aria-invalid');
      msg.hidden = true;
      input.value = code;
      ctx.set(g.concat('currency'), code === '' ? undefined : code, t('ed.goals.currency'));
    },
  });
  const msg = h('span', { class: 'ed-local', hidden: true, role: 'status' });
  currency.append(msg, curList);

  const period = g.concat('period');
  const capacity = g.concat('capacity');
  return h('div', { class: 'ed-goals' },
    h('div', { class: 'ed-row' },
      numberInput(ctx, g.concat('revenue_target'), { label: t('ed.goals.target'), testid: 'goal-revenue-target', optional: true, min: 0 }),
      currency),
    h('div', { class: 'ed-row', role: 'group', 'aria-label': t('ed.goals.period'), 'data-path': fmt(period) },
      textInput(ctx, period.concat('start'), {
        label: t('ed.goals.start'), type: 'date', commit: 'change', testid: 'goal-period-start',
        write: memberWrite(ctx, period, 'start', t('ed.goals.start')),
      }),
      textInput(ctx, period.concat('end'), {
        label: t('ed.goals.end'), type: 'date', commit: 'change', testid: 'goal-period-end',
        write: memberWrite(ctx, period, 'end', t('ed.goals.end')),
      })),
    numberInput(ctx, g.concat('average_deal_size'), {
      label: t('ed.goals.dealSize'), testid: 'goal-average-deal-size', optional: true, min: 0,
      placeholder: t('ed.goals.measured'), hint: t('ed.goals.dealSizeHint'),
    }),
    h('fieldset', { class: 'ed-fieldset', 'data-path': fmt(g.concat('planned_rates')) },
      h('legend', { text: t('ed.goals.rates') }),
      h('p', { class: 'ed-hint', text: t('ed.goals.ratesHint') }),
      h('div', { class: 'ed-grid' }, RATES.map((r) => numberInput(ctx, g.concat('planned_rates', r), {
        label: t(`ed.rate.${r}`), testid: `goal-rate-${r}`, optional: true, scale: 100, unit: '%', min: 0, max: 100,
        placeholder: t('ed.goals.measuredShort'),
      })))),
    h('fieldset', { class: 'ed-fieldset', 'data-path': fmt(capacity) },
      h('legend', { text: t('ed.goals.capacity') }),
      h('div', { class: 'ed-row' },
        numberInput(ctx, capacity.concat('reps'), {
          label: t('ed.goals.reps'), testid: 'goal-capacity-reps', optional: true, min: 0,
          write: memberWrite(ctx, capacity, 'reps', t('ed.goals.reps')),
        }),
        numberInput(ctx, capacity.concat('leads_per_rep_per_month'), {
          label: t('ed.goals.leadsPerRep'), testid: 'goal-capacity-leads', optional: true, min: 0,
          write: memberWrite(ctx, capacity, 'leads_per_rep_per_month', t('ed.goals.leadsPerRep')),
        }))));
}

export function kpisEditor(ctx) {
  const targets = ['kpis', 'targets'];
  const set = ctx.get(targets) ?? {};
  const known = new Set(KPIS.map(([id]) => id));
  // Targets the editor has no words for are kept and shown by their id.
  const extra = Object.keys(set).filter((id) => !known.has(id)).map((id) => [id, 'count', false]);
  return h('div', { class: 'ed-kpis', 'data-path': fmt(targets) },
    h('p', { class: 'ed-hint', text: t('ed.kpis.hint') }),
    h('div', { class: 'ed-kpi-list' }, [...KPIS, ...extra].map(([id, unit, lower]) => numberInput(ctx, targets.concat(id), {
      label: known.has(id) ? t(`kpi.${id}`) : id,
      testid: `kpi-target-${id}`,
      optional: true,
      scale: unit === 'rate' ? 100 : 1,
      unit: unit === 'rate' ? '%' : unit === 'hours' ? t('ed.unit.hours') : null,
      min: 0,
      max: unit === 'rate' ? 100 : null,
      placeholder: t('ed.kpis.none'),
      hint: t(lower ? 'ed.kpis.atMost' : 'ed.kpis.atLeast'),
    }))));
}
