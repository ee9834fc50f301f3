// The lifecycle card: stages in the export beside stages under the agreement, follow-up
// against the SLA (or what the export lacks for it), recycling and nurture tracks.
import { h, fill } from './dom.js';
import { count, percent } from '../format.js';

const hours = (x) => (x === null || x === undefined ? '—' : `${x < 10 ? x.toFixed(1) : Math.round(x)} h`);

export function renderLifecycle(el, s) {
  if (!s) {
    fill(el, h('p', { class: 'hint', text: 'No data.' }));
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
  const figure = (label, value, id) => h('div', { class: 'fig', 'data-testid': id }, h('span', { class: 'fig-label', text: label }), h('strong', { text: value }));
  fill(el,
    h('table', { class: 'stages', 'data-testid': 'stage-table' },
      h('thead', {}, h('tr', {}, h('th', { text: 'Stage' }), h('th', { text: 'In the export' }), h('th', { text: 'Under the agreement' }))),
      h('tbody', {}, [...byStage.entries()].map(([id, e]) => h('tr', { 'data-testid': `stage-${id}` },
        h('td', { text: e.name }),
        h('td', { text: s.actual ? count(e.actual ?? 0) : '—' }),
        h('td', { text: count(e.agreement ?? 0) }))))),
    s.unmappedLabels.length
      ? h('p', { class: 'hint', text: `Stage labels mapped to no stage: ${s.unmappedLabels.map(([l, n]) => `${l} (${count(n)})`).join(', ')}. Map them in the definitions.` })
      : null,
    h('div', { class: 'figs' },
      figure('Handed to sales', f.handedOver === null ? '—' : count(f.handedOver), 'fu-handed'),
      figure('First touch within SLA', f.slaRate === null ? '—' : percent(f.slaRate), 'fu-sla'),
      figure('Speed to lead (median)', hours(f.medianSpeedHours), 'fu-speed'),
      figure('Overdue now', f.overdueNow === null ? '—' : count(f.overdueNow), 'fu-overdue'),
      figure('Recycled', f.recycled === null ? '—' : count(f.recycled), 'fu-recycled')),
    f.notAvailable.length ? h('ul', { class: 'not-available', 'data-testid': 'not-available' }, f.notAvailable.map((m) => h('li', { text: m }))) : null,
    f.recycledByReason.length ? h('p', { class: 'hint', text: `Recycled: ${f.recycledByReason.map(([r, n]) => `${r} (${count(n)})`).join(', ')}` }) : null,
    h('p', { class: 'hint', 'data-testid': 'tracks' }, `Nurture: ${s.tracks.map((t) => `${t.track} ${count(t.leads)}${t.overridden ? ` (${t.overridden} by hand)` : ''}`).join(' · ') || 'no tracks'}${s.untracked ? ` · ${count(s.untracked)} in no track` : ''}`));
}

export function lifecycleLine(l) {
  if (!l) return null;
  const parts = [`Export: ${l.actualStage ?? l.actualLabel ?? '—'}`, `agreement: ${l.agreementStage}`];
  const sla = { met: 'first touch within SLA', missed: 'first touch after the SLA', overdue: 'overdue now', pending: 'awaiting first touch', not_handed_over: null, not_available: null }[l.sla];
  if (sla) parts.push(sla);
  if (l.speedHours !== null) parts.push(`speed to lead ${hours(l.speedHours)}`);
  if (l.recycled) parts.push(`recycled: ${l.recycled}`);
  if (l.track) parts.push(`track ${l.track}${l.trackBy === 'override' ? ' (by hand)' : ''}`);
  return h('p', { class: 'hint', 'data-testid': 'explain-lifecycle', text: parts.join(' · ') });
}
