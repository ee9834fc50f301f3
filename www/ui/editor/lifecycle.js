// Parts 2, 4, 5 and 6 of the agreement in the editor: stage names and definitions (both
// languages) with the export's stage map; the handoff and recycling; nurture tracks and manual
// placements; the follow-up rules and business hours.
import { h } from '../dom.js';
import { t, pick } from '../../i18n.js';
import { fmt, getIn, renameKey, move } from './paths.js';
import {
  numberInput, textInput, selectInput, checkbox, iconButton, button, chips, datalist, uid,
} from './controls.js';
import { CANONICAL, SHEET_EXTRAS } from './fields.js';

/** The stages every agreement knows (crate/agreement/parts.rs `STAGES`), in funnel order. */
const STAGES = ['subscriber', 'lead', 'mql', 'sal', 'sql', 'opportunity', 'customer', 'disqualified', 'recycled'];
const LANGS = ['en', 'fr'];
const TRIGGERS = ['mql', 'fast_track'];
const DEFAULT_TRIGGERS = ['mql', 'fast_track'];
const STEPS = ['awareness', 'consideration', 'decision'];
/** Suggestions only: any channel name is accepted. */
const CHANNELS = ['phone', 'email', 'video', 'linkedin', 'sms', 'meeting'];
const WORKDAYS = ['mon-fri', 'mon-sat', 'sun-thu', 'mon-thu'];
/** Business hours a new schedule starts from. */
const HOURS_START = { days: 'mon-fri', open: '09:00', close: '18:00' };

function timeZones() {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC', 'Europe/Paris', 'Europe/London', 'America/New_York'];
  }
}

/** A stage's name in the page's language, from the agreement's definitions. */
function stageName(ctx, id) {
  const s = (ctx.get(['definitions', 'stages']) ?? []).find((x) => x?.id === id);
  return s ? pick(s.name) || id : id;
}

/**
 * One language of a text that may be a plain string or { en, fr }: editing one language of a
 * plain string keeps it as the other language's text.
 */
function langText(ctx, parts, lang, { label, multiline = false, optional = false, testid = null }) {
  const v = ctx.get(parts);
  const value = typeof v === 'string' ? v : v && typeof v === 'object' ? v[lang] ?? '' : '';
  return textInput(ctx, parts.concat(lang), {
    label, multiline, testid, value,
    write: (s) => ctx.update((d) => {
      const parent = getIn(d, parts.slice(0, -1));
      const key = parts.at(-1);
      let cur = parent[key];
      if (typeof cur === 'string') cur = Object.fromEntries(LANGS.map((l) => [l, cur]));
      if (!cur || typeof cur !== 'object') cur = {};
      if (s === '' && optional) delete cur[lang];
      else cur[lang] = s;
      if (Object.keys(cur).length) parent[key] = cur;
      else delete parent[key];
    }, label, fmt(parts.concat(lang))),
  });
}

/** A unique new key for an object: `base`, `base 2`, … */
function freshKey(obj, base) {
  let key = base;
  for (let n = 2; obj && key in obj; n++) key = `${base} ${n}`;
  return key;
}

/**
 * The entries of an object (label → value) as rows: the key in a text input (renamed when the
 * user leaves it), the value in a select, a × to remove, and a button to add an entry.
 */
function mapEditor(ctx, parts, { keyLabel, valueLabel, options, newKey, newValue, testid, addLabel, keyPlaceholder }) {
  const map = ctx.get(parts) ?? {};
  const rows = Object.entries(map).map(([key]) => {
    const p = parts.concat(key);
    const keyField = textInput(ctx, p, {
      label: keyLabel, commit: 'change', value: key, testid: `${testid}-key`, focusKey: `${fmt(p)}|key`,
      placeholder: keyPlaceholder,
      write: (v) => {
        const next = v.trim();
        const input = keyField.querySelector('input');
        if (next === key) return;
        if (next === '' || next in (ctx.get(parts) ?? {})) {
          input.value = key;
          input.setAttribute('aria-invalid', 'true');
          input.title = next === '' ? t('ed.map.emptyKey') : t('ed.map.takenKey', { key: next });
          return;
        }
        ctx.change((d) => renameKey(getIn(d, parts), key, next), keyLabel, { focus: `${fmt(parts.concat(next))}|key` });
      },
    });
    keyField.querySelector('input').dataset.keyInput = 'true';
    return h('div', { class: 'ed-map-row', 'data-testid': testid },
      keyField,
      selectInput(ctx, p, options(), { label: valueLabel, testid: `${testid}-value` }),
      iconButton('×', t('ed.map.remove', { key }), () => ctx.change((d) => { delete getIn(d, parts)[key]; },
        t('ed.map.remove', { key }), { focus: `${fmt(parts)}|add` }), { testid: `${testid}-remove` }));
  });
  return h('div', { class: 'ed-map', 'data-path': fmt(parts) },
    rows,
    button(addLabel, () => {
      const key = freshKey(map, newKey);
      ctx.change((d) => {
        const parent = getIn(d, parts.slice(0, -1));
        if (!parent[parts.at(-1)] || typeof parent[parts.at(-1)] !== 'object') parent[parts.at(-1)] = {};
        parent[parts.at(-1)][key] = newValue();
      }, addLabel, { focus: `${fmt(parts.concat(key))}|key` });
    }, { testid: `add-${testid}`, focusKey: `${fmt(parts)}|add`, cls: 'ed-add' }));
}

export function definitionsEditor(ctx) {
  const parts = ['definitions', 'stages'];
  const stages = ctx.get(parts) ?? [];
  return h('div', { class: 'ed-defs' },
    h('p', { class: 'ed-hint', text: t('ed.defs.hint') }),
    stages.map((s, i) => {
      const p = parts.concat(i);
      return ctx.details(`stage:${s?.id ?? i}`, false,
        [h('span', { text: pick(s?.name) || s?.id }), h('code', { class: 'ed-key', text: s?.id ?? '' })],
        [h('div', { class: 'ed-stage-body' }, LANGS.flatMap((l) => [
          langText(ctx, p.concat('name'), l, { label: t(`ed.defs.name.${l}`), testid: `stage-name-${l}` }),
          langText(ctx, p.concat('definition'), l, {
            label: t(`ed.defs.definition.${l}`), multiline: 3, testid: `stage-definition-${l}`,
          }),
        ]))],
        { class: 'ed-stage', 'data-path': fmt(p), 'data-testid': 'stage' });
    }),
    h('h4', { text: t('ed.defs.map') }),
    h('p', { class: 'ed-hint', text: t('ed.defs.mapHint') }),
    mapEditor(ctx, ['definitions', 'stage_map'], {
      keyLabel: t('ed.defs.exportLabel'), valueLabel: t('ed.defs.stage'), testid: 'stage-map',
      addLabel: t('ed.defs.addMap'), newKey: t('ed.defs.newLabel'), newValue: () => 'mql',
      options: () => STAGES.map((id) => ({ value: id, label: `${stageName(ctx, id)} (${id})` })),
    }));
}

/** The chips' values written back: an empty list removes the key. */
const listOrNothing = (ctx, parts, label) => (values) => ctx.set(parts, values.length ? values : undefined, label);

export function handoffEditor(ctx) {
  const parts = ['handoff'];
  const triggers = ctx.get(parts.concat('triggers')) ?? DEFAULT_TRIGGERS;
  const recycle = parts.concat('recycle');
  const tracks = (ctx.get(['nurture', 'tracks']) ?? []).map((x) => x?.id).filter(Boolean);
  const columns = ctx.columns().map((c) => c.header);
  return h('div', { class: 'ed-handoff' },
    h('fieldset', { class: 'ed-fieldset', 'data-path': 'handoff.triggers' },
      h('legend', { text: t('ed.handoff.triggers') }),
      TRIGGERS.map((x) => checkbox(ctx, parts.concat('triggers'), {
        label: t(`ed.handoff.trigger.${x}`), testid: `trigger-${x}`, checked: triggers.includes(x),
        write: (on) => ctx.update((d) => {
          if (!d.handoff || typeof d.handoff !== 'object') d.handoff = {};
          const now = new Set(d.handoff.triggers ?? DEFAULT_TRIGGERS);
          if (on) now.add(x);
          else now.delete(x);
          d.handoff.triggers = TRIGGERS.filter((y) => now.has(y));
        }, t('ed.handoff.triggers'), 'handoff.triggers'),
      }))),
    chips(ctx, parts.concat('fields'), {
      label: t('ed.handoff.fields'), suggestions: [...CANONICAL, ...SHEET_EXTRAS, ...columns],
      hint: t('ed.handoff.fieldsHint'),
    }),
    h('fieldset', { class: 'ed-fieldset', 'data-path': fmt(recycle) },
      h('legend', { text: t('ed.handoff.recycle') }),
      h('div', { class: 'ed-row' },
        numberInput(ctx, recycle.concat('after_attempts'), {
          label: t('ed.handoff.afterAttempts'), testid: 'recycle-after-attempts', optional: true, step: 1, min: 1,
        }),
        numberInput(ctx, recycle.concat('after_days'), {
          label: t('ed.handoff.afterDays'), testid: 'recycle-after-days', optional: true, min: 0, unit: t('ed.unit.days'),
        })),
      selectInput(ctx, recycle.concat('track'),
        [{ value: '', label: t('ed.none') }, ...tracks.map((id) => ({ value: id, label: id }))], {
          label: t('ed.handoff.track'), testid: 'recycle-track', value: ctx.get(recycle.concat('track')) ?? '',
          write: (v) => ctx.set(recycle.concat('track'), v === '' ? undefined : v, t('ed.handoff.track')),
        }),
      chips(ctx, recycle.concat('reasons'), { label: t('ed.handoff.reasons') })));
}

function trackEditor(ctx, i, track, count) {
  const parts = ['nurture', 'tracks', i];
  const path = fmt(parts);
  const when = parts.concat('when');
  const grades = (axis) => Object.keys(ctx.get(['qualification', 'grades', axis]) ?? {});
  const reasons = ctx.get(['handoff', 'recycle', 'reasons']) ?? [];
  const [reasonList, reasonListId] = datalist(reasons);
  const list = ['nurture', 'tracks'];
  const name = track.id || t('ed.nurture.unnamed');
  const moveBy = (delta) => ctx.change((d) => move(getIn(d, list), i, delta), t('ed.undo.moveTrack'),
    { focus: `${fmt(list.concat(i + delta))}|${delta < 0 ? 'up' : 'down'}` });
  const recycled = ctx.get(when.concat('recycled'));
  const reasonField = textInput(ctx, when.concat('recycle_reason'), {
    label: t('ed.nurture.recycleReason'), optional: true, list: reasonListId, testid: 'track-recycle-reason',
  });
  reasonField.append(reasonList);
  return h('div', { class: 'ed-track ed-block', 'data-testid': 'track', 'data-index': i, 'data-path': path },
    h('div', { class: 'ed-rule-head' },
      textInput(ctx, parts.concat('id'), {
        label: t('ed.nurture.id'), commit: 'change', testid: 'track-id', spellcheck: 'false',
        // Renaming a track keeps the recycle track and the placements that named it.
        write: (v) => ctx.change((d) => {
          const old = d.nurture.tracks[i].id;
          d.nurture.tracks[i].id = v;
          if (!old || old === v) return;
          if (d.handoff?.recycle?.track === old) d.handoff.recycle.track = v;
          for (const [lead, tr] of Object.entries(d.nurture.overrides ?? {})) if (tr === old) d.nurture.overrides[lead] = v;
        }, t('ed.nurture.id'), { focus: fmt(parts.concat('id')) }),
      }),
      h('div', { class: 'ed-tools' },
        iconButton('↑', t('ed.nurture.up', { name }), () => moveBy(-1), { testid: 'track-up', focusKey: `${path}|up`, disabled: i === 0 }),
        iconButton('↓', t('ed.nurture.down', { name }), () => moveBy(1), { testid: 'track-down', focusKey: `${path}|down`, disabled: i === count - 1 }),
        iconButton('×', t('ed.nurture.remove', { name }), () => ctx.change((d) => d.nurture.tracks.splice(i, 1),
          t('ed.nurture.remove', { name }), { focus: `${fmt(list)}|add`, notice: t('ed.removed.track', { name }) }),
        { testid: 'track-remove', focusKey: `${path}|remove` }))),
    h('div', { class: 'ed-row' },
      LANGS.map((l) => langText(ctx, parts.concat('name'), l, { label: t(`ed.nurture.name.${l}`), optional: true, testid: `track-name-${l}` }))),
    selectInput(ctx, parts.concat('step'), [{ value: '', label: t('ed.none') }, ...STEPS.map((s) => ({ value: s, label: t(`ed.step.${s}`) }))], {
      label: t('ed.nurture.step'), testid: 'track-step', value: track.step ?? '',
      write: (v) => ctx.set(parts.concat('step'), v === '' ? undefined : v, t('ed.nurture.step')),
    }),
    h('fieldset', { class: 'ed-fieldset', 'data-path': fmt(when) },
      h('legend', { text: t('ed.nurture.when') }),
      h('p', { class: 'ed-hint', text: t('ed.nurture.whenHint') }),
      h('div', { class: 'ed-row' },
        chips(ctx, when.concat('interest_band'), {
          label: t('ed.nurture.interestBand'), suggestions: grades('interest'),
          write: listOrNothing(ctx, when.concat('interest_band'), t('ed.nurture.interestBand')),
        }),
        chips(ctx, when.concat('fit_grade'), {
          label: t('ed.nurture.fitGrade'), suggestions: grades('fit'),
          write: listOrNothing(ctx, when.concat('fit_grade'), t('ed.nurture.fitGrade')),
        })),
      chips(ctx, when.concat('persona'), {
        label: t('ed.nurture.persona'), write: listOrNothing(ctx, when.concat('persona'), t('ed.nurture.persona')),
      }),
      chips(ctx, when.concat('last_conversion'), {
        label: t('ed.nurture.lastConversion'),
        write: listOrNothing(ctx, when.concat('last_conversion'), t('ed.nurture.lastConversion')),
      }),
      h('div', { class: 'ed-row' },
        selectInput(ctx, when.concat('recycled'), [
          { value: '', label: t('ed.nurture.recycled.any') },
          { value: 'true', label: t('ed.nurture.recycled.yes') },
          { value: 'false', label: t('ed.nurture.recycled.no') },
        ], {
          label: t('ed.nurture.recycled'), testid: 'track-recycled', value: recycled === undefined ? '' : String(recycled),
          write: (v) => ctx.set(when.concat('recycled'), v === '' ? undefined : v === 'true', t('ed.nurture.recycled')),
        }),
        reasonField)));
}

export function nurtureEditor(ctx) {
  const list = ['nurture', 'tracks'];
  const tracks = ctx.get(list) ?? [];
  const ids = tracks.map((x) => x?.id).filter(Boolean);
  const add = () => ctx.change((d) => {
    if (!d.nurture || typeof d.nurture !== 'object') d.nurture = {};
    if (!Array.isArray(d.nurture.tracks)) d.nurture.tracks = [];
    const taken = new Set(d.nurture.tracks.map((x) => x.id));
    let n = d.nurture.tracks.length + 1;
    while (taken.has(`track-${n}`)) n++;
    d.nurture.tracks.push({ id: `track-${n}`, when: {} });
  }, t('ed.nurture.add'), { focus: fmt(list.concat(tracks.length, 'id')) });
  return h('div', { class: 'ed-nurture' },
    h('p', { class: 'ed-hint', text: t('ed.nurture.hint') }),
    h('div', { class: 'ed-tracks', 'data-path': fmt(list) }, tracks.map((tr, i) => trackEditor(ctx, i, tr ?? {}, tracks.length))),
    button(t('ed.nurture.add'), add, { testid: 'add-track', focusKey: `${fmt(list)}|add`, cls: 'ed-add' }),
    h('h4', { text: t('ed.nurture.overrides') }),
    h('p', { class: 'ed-hint', text: t('ed.nurture.overridesHint') }),
    mapEditor(ctx, ['nurture', 'overrides'], {
      keyLabel: t('ed.nurture.lead'), valueLabel: t('ed.nurture.track'), testid: 'override',
      addLabel: t('ed.nurture.addOverride'), newKey: t('ed.nurture.newLead'), newValue: () => ids[0] ?? '',
      keyPlaceholder: 'ana@acme.io',
      options: () => ids.map((id) => ({ value: id, label: id })),
    }));
}

export function followUpEditor(ctx) {
  const parts = ['follow_up'];
  const bhParts = parts.concat('business_hours');
  const bh = ctx.get(bhParts);
  const [zones, zonesId] = datalist(timeZones());
  const [days, daysId] = datalist(WORKDAYS);
  const zone = textInput(ctx, bhParts.concat('time_zone'), {
    label: t('ed.fu.timeZone'), list: zonesId, commit: 'change', testid: 'fu-time-zone', spellcheck: 'false',
  });
  zone.append(zones);
  const dayField = textInput(ctx, bhParts.concat('days'), {
    label: t('ed.fu.days'), list: daysId, commit: 'change', testid: 'fu-days', hint: t('ed.fu.daysHint'), spellcheck: 'false',
  });
  dayField.append(days);
  const toggle = checkbox(ctx, bhParts, {
    label: t('ed.fu.businessHours'), testid: 'fu-business-hours', checked: Boolean(bh),
    write: (on) => ctx.change((d) => {
      if (!d.follow_up || typeof d.follow_up !== 'object') d.follow_up = {};
      if (!on) {
        delete d.follow_up.business_hours;
        return;
      }
      let tz = 'UTC';
      try {
        tz = Intl.DateTimeFormat().resolvedOptions().timeZone || tz;
      } catch {
        // The browser will not say: UTC.
      }
      d.follow_up.business_hours = { ...HOURS_START, time_zone: tz, holidays: [] };
    }, t('ed.fu.businessHours'), { focus: `${fmt(bhParts)}|toggle` }),
  });
  toggle.querySelector('input').dataset.focusKey = `${fmt(bhParts)}|toggle`;
  return h('div', { class: 'ed-followup' },
    h('div', { class: 'ed-row' },
      numberInput(ctx, parts.concat('first_touch_hours'), {
        label: t('ed.fu.firstTouch'), testid: 'fu-first-touch', min: 0, unit: t('ed.unit.hours'),
      }),
      numberInput(ctx, parts.concat('attempts'), { label: t('ed.fu.attempts'), testid: 'fu-attempts', min: 1, step: 1 })),
    chips(ctx, parts.concat('channels'), { label: t('ed.fu.channels'), suggestions: CHANNELS }),
    chips(ctx, parts.concat('cadence_days'), { label: t('ed.fu.cadence'), numeric: true, hint: t('ed.fu.cadenceHint') }),
    h('fieldset', { class: 'ed-fieldset', 'data-path': fmt(bhParts) },
      h('legend', { text: t('ed.fu.hours') }),
      toggle,
      bh ? [
        dayField,
        h('div', { class: 'ed-row' },
          textInput(ctx, bhParts.concat('open'), { label: t('ed.fu.open'), type: 'time', commit: 'change', testid: 'fu-open' }),
          textInput(ctx, bhParts.concat('close'), { label: t('ed.fu.close'), type: 'time', commit: 'change', testid: 'fu-close' })),
        zone,
        chips(ctx, bhParts.concat('holidays'), {
          label: t('ed.fu.holidays'), type: 'date',
        }),
      ] : h('p', { class: 'ed-hint', id: uid(), text: t('ed.fu.roundTheClock') })));
}
