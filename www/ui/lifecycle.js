// The lifecycle card: stages in the export beside stages under the agreement, follow-up
// against the SLA (or what the export lacks for it), recycling and nurture tracks.
import { h, fill } from './dom.js';
import { t, num, pct } from '../i18n.js';
import { fixed } from '../format.js';
import { engineSentence, fromEngine, stageName, stageShort, trackName, columnList } from './cards-strings.js';

const hours = (x) => (x === null || x === undefined ? '—' : t('life.hours', { n: x < 10 ? fixed(x, 1) : num(Math.round(x)) }));

/** The engine's recycle reason ("no response after 6 attempts"…), in the current language. */
function reason(text) {
  const a = engineSentence(text, /^no response after (\d+) attempts$/, (m) => t('life.reason.noResponse', { n: num(Number(m[1])) }));
  return engineSentence(a, /^no progress in ([\d.]+) days$/, (m) => t('life.reason.noProgress', { days: num(Number(m[1]), 1) }));
}

/** The engine's "figure: not available, needs column X and Y", in the current language. */
const notAvailable = (text) => engineSentence(text, /^(.+): not available, needs column (.+)$/, (m) => t('life.notAvailable', {
  figure: fromEngine(`life.figure.${m[1]}`, m[1]),
  needs: t(m[2].includes(' and ') ? 'kpi.needsMany' : 'kpi.needs', { columns: columnList(m[2]) }),
}));

export function renderLifecycle(el, s) {
  if (!s) {
    fill(el, h('p', { class: 'hint', text: t('life.none') }));
    return;
  }
  const byStage = new Map();
  for (const c of s.agreement) byStage.set(c.stage, { name: c.name, agreement: c.leads, actual: null });
  for (const c of s.actual ?? []) {
    const e = byStage.get(c.stage) ?? { name: c.name, agreement: 0 };
    e.actual = c.leads;
    byStage.set(c.stage, e);
  }
  const f = s.followUp;
  const figure = (key, value, id) => h('div', { class: 'fig', 'data-testid': id, tabindex: '0', 'data-def': t(`life.def.${key}`) },
    h('span', { class: 'fig-label', text: t(`life.${key}`) }), h('strong', { text: value }));
  const n = (x) => (x === null || x === undefined ? '—' : num(x));
  fill(el,
    h('table', { class: 'stages', 'data-testid': 'stage-table' },
      h('thead', {}, h('tr', {}, h('th', { text: t('life.stage') }), h('th', { text: t('life.inExport') }), h('th', { text: t('life.underAgreement') }))),
      h('tbody', {}, [...byStage.entries()].map(([id, e]) => h('tr', { 'data-testid': `stage-${id}` },
        h('td', { text: stageName(id, e.name) }),
        h('td', { text: s.actual ? num(e.actual ?? 0) : '—' }),
        h('td', { text: num(e.agreement ?? 0) }))))),
    s.unmappedLabels.length
      ? h('p', { class: 'hint', text: t('life.unmapped', { labels: s.unmappedLabels.map(([l, c]) => t('life.labelCount', { label: l, n: num(c) })).join(', ') }) })
      : null,
    h('div', { class: 'figs' },
      figure('handed', n(f.handedOver), 'fu-handed'),
      figure('sla', f.slaRate === null ? '—' : pct(f.slaRate), 'fu-sla'),
      figure('speed', hours(f.medianSpeedHours), 'fu-speed'),
      figure('overdue', n(f.overdueNow), 'fu-overdue'),
      figure('recycled', n(f.recycled), 'fu-recycled')),
    f.notAvailable.length ? h('ul', { class: 'not-available', 'data-testid': 'not-available' }, f.notAvailable.map((m) => h('li', { text: notAvailable(m) }))) : null,
    f.recycledByReason.length
      ? h('p', { class: 'hint', text: t('life.recycledBy', { reasons: f.recycledByReason.map(([r, c]) => t('life.labelCount', { label: reason(r), n: num(c) })).join(', ') }) })
      : null,
    h('p', { class: 'hint', 'data-testid': 'tracks' },
      t('life.nurture', {
        tracks: s.tracks.map((x) => `${t('life.track', { track: trackName(x.track), n: num(x.leads) })}${x.overridden ? t('life.byHand', { n: num(x.overridden) }) : ''}`).join(' · ')
          || t('life.noTracks'),
      }) + (s.untracked ? t('life.untracked', { n: num(s.untracked) }) : '')));
}

/** One lead's place in the lifecycle, for "Why this score?". */
export function lifecycleLine(l) {
  if (!l) return null;
  const actual = l.actualStage ? stageShort(l.actualStage) : (l.actualLabel ?? '—');
  const parts = [t('life.line.export', { stage: actual }), t('life.line.agreement', { stage: stageShort(l.agreementStage) })];
  if (['met', 'missed', 'overdue', 'pending'].includes(l.sla)) parts.push(t(`life.line.${l.sla}`));
  if (l.speedHours !== null) parts.push(t('life.line.speed', { hours: hours(l.speedHours) }));
  if (l.recycled) parts.push(t('life.line.recycled', { reason: reason(l.recycled) }));
  if (l.track) parts.push(t(l.trackBy === 'override' ? 'life.line.byHand' : 'life.line.track', { track: trackName(l.track) }));
  return h('p', { class: 'hint', 'data-testid': 'explain-lifecycle', text: parts.join(' · ') });
}
