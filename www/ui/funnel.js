// The funnel: leads → MQLs → SQLs → opportunities → won, as the lifecycle counts them (a lead
// counts at every stage it reached, in the export or under the agreement), with the engine's
// conversion rate of each step. Before the lifecycle pass has answered, the live counts from
// the scores stand in for the first three steps.
import { h, fill } from './dom.js';
import { t, num, pct } from '../i18n.js';

export function renderFunnel(el, r, kpis) {
  const o = kpis?.overall ?? null;
  const steps = o
    ? [
      { id: 'leads', n: o.leads, rate: null },
      { id: 'mql', n: o.mqls, rate: o.leadToMql },
      { id: 'sql', n: o.sqls, rate: o.mqlToSql },
      { id: 'opportunity', n: o.opportunities, rate: null },
      { id: 'won', n: o.won, rate: o.sqlToWon },
    ]
    : [{ id: 'leads', n: r.leads, rate: null }, { id: 'mql', n: r.mqls, rate: null }, { id: 'sql', n: r.sqls, rate: null }];
  const max = Math.max(1, steps[0].n);
  fill(el,
    h('h3', { class: 'funnel-title', text: t('funnel.title') }),
    h('ol', { class: 'funnel-steps' }, steps.map((s) => {
      const bar = h('span', { class: 'funnel-bar', 'aria-hidden': 'true' });
      bar.style.setProperty('--share', String(Math.max(0.004, s.n / max)));
      return h('li', { class: 'funnel-step', 'data-testid': `funnel-${s.id}`, tabindex: '0', 'data-def': t(`funnel.def.${s.id}`) },
        h('span', { class: 'funnel-label', text: t(`funnel.${s.id}`) }),
        h('span', { class: 'funnel-n', text: num(s.n) }),
        s.rate && s.rate.rate !== null
          ? h('span', { class: 'funnel-rate', text: t('funnel.step', { rate: pct(s.rate.rate), hits: num(s.rate.hits), of: num(s.rate.of) }) })
          : h('span', { class: 'funnel-rate', text: '\u00a0' }),
        bar);
    })));
}
