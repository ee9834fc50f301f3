// The funnel: leads → MQLs → SQLs under the agreement (live with every change), then the
// opportunities and wins the export records (from the KPI report). Every count and rate is the
// engine's.
import { h, morph } from './dom.js';
import { t, num, pct } from '../i18n.js';

export function renderFunnel(el, r, kpis) {
  const o = kpis?.overall ?? null;
  const steps = [
    { id: 'leads', n: r.leads, rate: null },
    { id: 'mql', n: r.mqls, rate: r.mqlRate },
    { id: 'sql', n: r.sqls, rate: r.sqlRate },
  ];
  // What sales made of the leads is in the export, whatever the agreement says: the wins from
  // the outcome column (as the tiles count them), the opportunities from the lifecycle pass.
  if (o) steps.push({ id: 'opportunity', n: o.opportunities, rate: null });
  if (o || r.outcome) steps.push({ id: 'won', n: o ? o.won : r.outcome.won, rate: o?.leadToWon?.rate ?? null });
  const max = Math.max(1, r.leads);
  morph(el,
    h('h3', { class: 'funnel-title', text: t('funnel.title') }),
    h('ol', { class: 'funnel-steps' }, steps.map((s) => {
      const bar = h('span', { class: 'funnel-bar', 'aria-hidden': 'true' });
      bar.style.setProperty('--share', String(Math.max(0.004, s.n / max)));
      return h('li', { class: 'funnel-step', 'data-testid': `funnel-${s.id}`, tabindex: '0', 'data-def': t(`funnel.def.${s.id}`) },
        h('span', { class: 'funnel-label', text: t(`funnel.${s.id}`) }),
        h('span', { class: 'funnel-n', text: num(s.n) }),
        h('span', { class: 'funnel-rate', text: s.rate === null ? '\u00a0' : t('funnel.ofLeads', { rate: pct(s.rate) }) }),
        bar);
    })));
}
