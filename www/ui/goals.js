// The goal card: the funnel the revenue target needs (worked back through planned or measured
// rates), the pace in the period, and sales capacity against the MQLs per month.
import { h, fill } from './dom.js';
import { t, num, pct, money } from '../i18n.js';
import { fixed } from '../format.js';
import { engineSentence, fromEngine } from './cards-strings.js';

const STAGES = ['won', 'opportunity', 'sql', 'sal', 'mql', 'lead', 'visitor'];
const stage = (id) => (STAGES.includes(id) ? t(`goals.stage.${id}`) : id);
const perMonth = (x) => (x === null ? '—' : x < 10 ? fixed(x, 1) : num(Math.round(x)));
/** The engine's "planned", "measured", "entered"…, in the current language. */
const source = (s) => fromEngine(`goals.source.${s}`, s);
/** The engine's "sql → won: no rate planned, …", in the current language. */
const missing = (text) => engineSentence(text, /^(\w+) → (\w+): no rate planned, and the data cannot measure it$/,
  (m) => t('goals.missingRate', { from: stage(m[1]), to: stage(m[2]) }));

export function renderGoals(el, g, currency) {
  if (!g) {
    fill(el, h('p', { class: 'hint', text: t('goals.none') }));
    return;
  }
  const cur = currency || 'USD';
  const f = g.funnel;
  const rounded = (x) => num(Math.round(x));
  fill(el,
    f
      ? h('div', {},
        h('p', {
          class: 'hint',
          text: t('goals.intro', {
            target: money(f.revenueTarget, cur), deal: money(f.averageDealSize, cur), source: source(f.dealSizeSource), months: fixed(f.months, 1),
          }),
        }),
        h('table', { class: 'stages', 'data-testid': 'reverse-funnel' },
          h('thead', {}, h('tr', {},
            h('th', { text: t('goals.needed') }), h('th', { text: t('goals.inAll') }), h('th', { text: t('goals.perMonth') }), h('th', { text: t('goals.rateToNext') }))),
          h('tbody', {}, f.steps.map((s) => h('tr', { 'data-testid': `need-${s.stage}` },
            h('td', { text: stage(s.stage) }),
            h('td', { text: s.needed === null ? '—' : num(s.needed) }),
            h('td', { text: perMonth(s.perMonth) }),
            h('td', { text: s.rateToNext === null ? '' : t('goals.rate', { rate: pct(s.rateToNext), source: source(s.rateSource) }) }))))),
        f.missing.length ? h('ul', { class: 'not-available' }, f.missing.map((m) => h('li', { text: missing(m) }))) : null)
      : h('p', { class: 'hint', text: t('goals.noFunnel') }),
    g.pacing
      ? h('p', {
        class: 'goal-line',
        'data-testid': 'pacing',
        text: t('goals.pace', {
          elapsed: pct(g.pacing.elapsed),
          actual: money(g.pacing.actual, cur),
          planned: money(g.pacing.plannedToDate, cur),
          projection: g.pacing.projected === null
            ? ''
            : t('goals.projected', { projected: money(g.pacing.projected, cur), verdict: t(g.pacing.onTrack ? 'goals.onTrack' : 'goals.behind') }),
        }),
      })
      : null,
    g.capacity
      ? h('p', {
        class: 'goal-line',
        'data-testid': 'capacity',
        text: t('goals.capacity', {
          capacity: rounded(g.capacity.capacityPerMonth),
          mqls: rounded(g.capacity.mqlsPerMonth),
          gap: g.capacity.gap >= 0 ? t('goals.spare', { n: rounded(g.capacity.gap) }) : t('goals.tooMany', { n: rounded(-g.capacity.gap) }),
        }),
      })
      : null);
}
