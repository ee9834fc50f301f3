// The rule editor of the qualification part: one rule (a condition on a field, a combination of
// conditions, or the lead's activities) with its points, reason or per-unit count; the groups
// that hold scoring rules; and the decay of activity points. Which keys a rule of each role may
// carry follows crate/agreement/rule.rs; whether the values are acceptable is the engine's call.
import { h } from '../dom.js';
import { t } from '../../i18n.js';
import { fmt, getIn, move } from './paths.js';
import {
  numberInput, sliderNumber, textInput, selectInput, checkbox, iconButton, button, chips,
} from './controls.js';

/** Every condition key, in the order the engine looks for them. */
const CONDITIONS = [
  'contains_any', 'equals_any', 'starts_with', 'is_empty', 'between', 'at_least', 'at_most',
  'within_days', 'older_than_days', 'free_mail', 'role_address', 'domain_in', 'is', 'all_of',
  'any_of', 'activity',
];
const LISTS = ['contains_any', 'equals_any', 'starts_with', 'domain_in'];
const TOGGLES = ['is_empty', 'free_mail', 'role_address', 'is'];
const DAYS = ['within_days', 'older_than_days'];
const COMBINE = ['all_of', 'any_of'];
/** Conditions that name no field: their parts (or the events) do. */
const NO_FIELD = ['all_of', 'any_of', 'activity'];
/** Kinds offered in the select, grouped as a person looks for them. */
const KIND_GROUPS = [
  ['text', ['contains_any', 'equals_any', 'starts_with', 'is_empty']],
  ['number', ['between', 'at_least', 'at_most', 'per_unit']],
  ['date', ['within_days', 'older_than_days']],
  ['email', ['free_mail', 'role_address', 'domain_in']],
  ['yesno', ['is']],
  ['combine', ['all_of', 'any_of']],
  ['activity', ['activity']],
];
/** The order keys are written in, so that a saved agreement reads well. */
const KEY_ORDER = ['id', 'field', ...CONDITIONS, 'points', 'per_unit', 'max', 'decay', 'reason'];
/** Points slider range; the number input beside it takes any value. */
const POINTS = { min: -50, max: 100 };
/** A keyword the user replaces: a new or converted rule must be valid, and match nothing yet. */
const PLACEHOLDER = { text: 'example', domain: 'example.com' };
const DEFAULTS = {
  points: 10, perUnit: 1, max: 10, cap: 20, between: [1, 100], atLeast: 1, atMost: 100,
  withinDays: 30, olderThanDays: 90, halfLife: 30, stepPercent: 25, periodDays: 30,
};

/** The condition a rule has (the first, as the engine reads it), 'per_unit', or null. */
export function kindOf(rule) {
  for (const k of CONDITIONS) if (rule[k] !== undefined && rule[k] !== null) return k;
  return rule.per_unit !== undefined ? 'per_unit' : null;
}

function kindsFor(role) {
  if (role === 'score') return null;
  const no = role === 'part' ? ['all_of', 'any_of', 'activity', 'per_unit'] : ['activity', 'per_unit'];
  return (k) => !no.includes(k);
}

function ordered(rule) {
  const out = {};
  for (const k of KEY_ORDER) if (k in rule) out[k] = rule[k];
  for (const k of Object.keys(rule)) if (!(k in out)) out[k] = rule[k];
  return out;
}

/** `v` if it is a finite number, else `fallback`. */
const number = (v, fallback) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

const placeholderList = (kind) => [kind === 'domain_in' ? PLACEHOLDER.domain : PLACEHOLDER.text];

/**
 * The rule with its condition changed to `to`, still valid for `role`: the old condition key
 * goes, the new one comes with a value carried over where it means the same (keywords between
 * keyword kinds, days between day kinds, the old condition as the first part of all_of/any_of)
 * or a default; points become per-unit points (and back) where the kind asks.
 */
export function convertRule(rule, to, role, defaultField) {
  const from = kindOf(rule);
  if (from === to) return rule;
  const prev = from && from !== 'per_unit' ? rule[from] : undefined;
  const parts = rule.all_of ?? rule.any_of;
  const fieldName = rule.field ?? (Array.isArray(parts) ? parts.find((p) => p?.field)?.field : undefined) ?? defaultField;
  const out = { ...rule };
  for (const k of CONDITIONS) delete out[k];
  if (to !== 'activity') delete out.decay;
  if (NO_FIELD.includes(to)) delete out.field;
  else out.field = fieldName;

  if (LISTS.includes(to)) {
    out[to] = LISTS.includes(from) && Array.isArray(prev) && prev.length ? prev.slice() : placeholderList(to);
  } else if (TOGGLES.includes(to)) {
    out[to] = true;
  } else if (to === 'between') {
    const v = number(prev, null);
    if (from === 'at_least' && v !== null) out.between = [v, Math.max(v, DEFAULTS.between[1])];
    else if (from === 'at_most' && v !== null) out.between = [Math.min(0, v), v];
    else out.between = DEFAULTS.between.slice();
  } else if (to === 'at_least') {
    out.at_least = number(from === 'at_most' ? prev : from === 'between' ? prev?.[0] : null, DEFAULTS.atLeast);
  } else if (to === 'at_most') {
    out.at_most = number(from === 'at_least' ? prev : from === 'between' ? prev?.[1] : null, DEFAULTS.atMost);
  } else if (DAYS.includes(to)) {
    out[to] = number(DAYS.includes(from) ? prev : null, to === 'within_days' ? DEFAULTS.withinDays : DEFAULTS.olderThanDays);
  } else if (COMBINE.includes(to)) {
    if (COMBINE.includes(from)) out[to] = structuredClone(prev);
    else if (from && !NO_FIELD.includes(from) && from !== 'per_unit') out[to] = [ordered({ field: fieldName, [from]: structuredClone(prev) })];
    else out[to] = [{ field: fieldName, contains_any: placeholderList('contains_any') }];
  } else if (to === 'activity') {
    out.activity = [];
  }

  if (role === 'score') {
    if (to === 'per_unit' || to === 'activity') {
      if (out.per_unit === undefined) {
        out.per_unit = DEFAULTS.perUnit;
        out.max = out.points > 0 ? out.points : DEFAULTS.max;
      }
      if (out.max === undefined) out.max = DEFAULTS.max;
      delete out.points;
    } else {
      if (out.points === undefined) out.points = out.max ?? DEFAULTS.points;
      delete out.per_unit;
      delete out.max;
    }
  } else {
    delete out.points;
    delete out.per_unit;
    delete out.max;
  }
  return ordered(out);
}

/** The first `prefix-N` not in `taken`. */
export function freshId(prefix, taken) {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

/** Every rule id of an axis (ids are unique within it). */
function axisIds(agreement, axis) {
  return (agreement.qualification?.[axis]?.groups ?? []).flatMap((g) => (g.rules ?? []).map((r) => r.id));
}

function kindSelect(ctx, parts, rule, role) {
  const allowed = kindsFor(role);
  const options = [];
  for (const [group, kinds] of KIND_GROUPS) {
    for (const k of kinds) {
      if (allowed && !allowed(k)) continue;
      options.push({ value: k, label: t(`ed.kind.${k}`), group: t(`ed.kindGroup.${group}`), title: k });
    }
  }
  const kind = kindOf(rule) ?? '';
  if (!kind) options.unshift({ value: '', label: t('ed.kind.none') });
  const listParts = parts.slice(0, -1);
  const i = parts.at(-1);
  const el = selectInput(ctx, parts, options, {
    label: t('ed.rule.kind'), testid: 'rule-kind', value: kind,
    write: (to) => ctx.change((d) => {
      const list = getIn(d, listParts);
      list[i] = convertRule(list[i], to, role, ctx.defaultField(parts));
    }, t('ed.undo.kind'), { focus: `${fmt(parts)}|kind` }),
  });
  el.querySelector('select').dataset.focusKey = `${fmt(parts)}|kind`;
  return el;
}

/** The field picker: names in words, the raw key of the chosen one beside the label. */
function fieldSelect(ctx, parts, rule) {
  const key = h('code', { class: 'ed-key', 'data-testid': 'rule-field-key', text: rule.field ?? '' });
  const el = selectInput(ctx, parts.concat('field'), ctx.fieldOptions(), {
    label: t('ed.rule.field'), testid: 'rule-field', value: rule.field ?? '',
    write: (v) => {
      key.textContent = v;
      ctx.set(parts.concat('field'), v, t('ed.rule.field'));
    },
  });
  el.querySelector('label').append(key);
  return el;
}

/** The editor of the condition's value, by kind. */
function valueEditor(ctx, parts, rule, kind, role) {
  const p = parts.concat(kind ?? '');
  if (LISTS.includes(kind)) {
    return chips(ctx, p, {
      label: t(kind === 'domain_in' ? 'ed.value.domains' : 'ed.value.keywords'),
      placeholder: kind === 'domain_in' ? t('ed.chip.placeholderDomain') : null,
    });
  }
  if (TOGGLES.includes(kind)) return checkbox(ctx, p, { label: t(`ed.value.${kind}`), testid: 'rule-toggle' });
  if (kind === 'between') {
    const box = h('div', { class: 'ed-pair', role: 'group', 'aria-label': t('ed.value.between'), 'data-path': fmt(p) },
      numberInput(ctx, p.concat(0), { label: t('ed.value.from'), testid: 'rule-between-from' }),
      numberInput(ctx, p.concat(1), { label: t('ed.value.to'), testid: 'rule-between-to' }));
    return box;
  }
  if (kind === 'at_least' || kind === 'at_most') {
    return numberInput(ctx, p, { label: t(`ed.value.${kind}`), testid: 'rule-number' });
  }
  if (DAYS.includes(kind)) {
    return numberInput(ctx, p, { label: t(`ed.value.${kind}`), testid: 'rule-number', min: 0, unit: t('ed.unit.days') });
  }
  if (COMBINE.includes(kind)) return partList(ctx, p, rule[kind]);
  if (kind === 'activity') {
    return chips(ctx, p, {
      label: t('ed.value.activity'), suggestions: ctx.activityTypes(), hint: t('ed.value.activityAny'),
      placeholder: t('ed.chip.placeholderActivity'),
    });
  }
  if (kind === 'per_unit') return h('p', { class: 'ed-hint', text: t('ed.value.perUnit') });
  return h('p', { class: 'ed-hint', text: t('ed.value.none') });
}

/** What the rule gives: points (slider + number), per-unit points up to a max, or a reason. */
function givesEditor(ctx, parts, rule, kind, role) {
  if (role === 'score' && (kind === 'per_unit' || kind === 'activity')) {
    return h('div', { class: 'ed-gives' },
      h('div', { class: 'ed-pair' },
        numberInput(ctx, parts.concat('per_unit'), {
          label: t(kind === 'activity' ? 'ed.rule.perEvent' : 'ed.rule.perUnit'), testid: 'rule-per-unit',
        }),
        numberInput(ctx, parts.concat('max'), { label: t('ed.rule.max'), testid: 'rule-max' })),
      kind === 'activity' ? decayEditor(ctx, parts.concat('decay'), { noneLabel: t('ed.decay.axis') }) : null);
  }
  if (role === 'score') {
    return h('div', { class: 'ed-gives' },
      sliderNumber(ctx, parts.concat('points'), { label: t('ed.rule.points'), testid: 'rule-points', ...POINTS }));
  }
  if (role === 'disqualify' || role === 'fast_track') {
    return h('div', { class: 'ed-gives' },
      textInput(ctx, parts.concat('reason'), {
        label: t(role === 'disqualify' ? 'ed.rule.reasonDq' : 'ed.rule.reasonFt'), testid: 'rule-reason',
        optional: role === 'fast_track', multiline: true,
      }));
  }
  return null;
}

/**
 * One rule at `parts` (its list is `parts` minus the index). `role`: 'score', 'disqualify',
 * 'fast_track' or 'part' (a condition inside all_of / any_of: no id, no points).
 */
export function ruleEditor(ctx, parts, rule, { role, count, attrs = {} }) {
  const path = fmt(parts);
  const listParts = parts.slice(0, -1);
  const i = parts.at(-1);
  const kind = kindOf(rule);
  const moveBy = (delta) => ctx.change((d) => move(getIn(d, listParts), i, delta), t('ed.undo.moveRule'),
    { focus: `${fmt(listParts.concat(i + delta))}|${delta < 0 ? 'up' : 'down'}` });
  const remove = () => ctx.change((d) => getIn(d, listParts).splice(i, 1), t('ed.undo.removeRule'),
    { focus: `${fmt(listParts)}|add`, notice: role === 'part' ? null : t('ed.removed.rule', { name }) });
  const name = role === 'part' ? t('ed.cond.name', { n: i + 1 }) : (rule.id || t('ed.rule.unnamed'));

  const tools = h('div', { class: 'ed-tools' },
    role === 'part' ? null : iconButton('↑', t('ed.rule.up', { name }), () => moveBy(-1),
      { testid: 'rule-up', focusKey: `${path}|up`, disabled: i === 0 }),
    role === 'part' ? null : iconButton('↓', t('ed.rule.down', { name }), () => moveBy(1),
      { testid: 'rule-down', focusKey: `${path}|down`, disabled: i === count - 1 }),
    iconButton('×', t(role === 'part' ? 'ed.cond.remove' : 'ed.rule.remove', { name }), remove,
      { testid: role === 'part' ? 'part-remove' : 'rule-remove', focusKey: `${path}|remove` }));

  const head = h('div', { class: 'ed-rule-head' },
    role === 'part'
      ? h('span', { class: 'ed-part-name', text: name })
      : textInput(ctx, parts.concat('id'), {
        label: t('ed.rule.id'), testid: 'rule-id', commit: 'change', spellcheck: 'false',
      }),
    tools);

  const condition = h('div', { class: 'ed-rule-cond' },
    NO_FIELD.includes(kind) ? null : fieldSelect(ctx, parts, rule),
    kindSelect(ctx, parts, rule, role));

  return h('div', { class: `ed-rule ed-block ed-role-${role}`, 'data-path': path, ...attrs },
    head,
    condition,
    h('div', { class: 'ed-rule-value' }, valueEditor(ctx, parts, rule, kind, role)),
    givesEditor(ctx, parts, rule, kind, role));
}

/** The conditions inside all_of / any_of, with a button to add one. */
function partList(ctx, parts, items) {
  const list = Array.isArray(items) ? items : [];
  return h('div', { class: 'ed-parts', role: 'group', 'aria-label': t('ed.cond.list'), 'data-path': fmt(parts) },
    list.map((p, j) => ruleEditor(ctx, parts.concat(j), p ?? {}, {
      role: 'part', count: list.length, attrs: { 'data-testid': 'rule-part', 'data-index': j },
    })),
    button(t('ed.cond.add'), () => ctx.change((d) => {
      const l = getIn(d, parts);
      l.push({ field: ctx.defaultField(parts), contains_any: placeholderList('contains_any') });
    }, t('ed.cond.add'), { focus: `${fmt(parts.concat(list.length))}|kind` }), {
      testid: 'add-part', focusKey: `${fmt(parts)}|add`, cls: 'ed-small',
    }));
}

/**
 * How activity points lose weight with age: none (or, for a rule, the axis's), a half-life,
 * or a step every period.
 */
export function decayEditor(ctx, parts, { noneLabel }) {
  const d = ctx.get(parts);
  const mode = !d ? 'none' : d.step_percent !== undefined || d.period_days !== undefined ? 'step' : 'half_life';
  const select = selectInput(ctx, parts, [
    { value: 'none', label: noneLabel },
    { value: 'half_life', label: t('ed.decay.halfLifeMode') },
    { value: 'step', label: t('ed.decay.stepMode') },
  ], {
    label: t('ed.decay.mode'), testid: 'decay-mode', value: mode,
    write: (to) => ctx.change((draft) => {
      const parent = getIn(draft, parts.slice(0, -1));
      if (to === 'none') delete parent[parts.at(-1)];
      else if (to === 'half_life') parent[parts.at(-1)] = { half_life_days: DEFAULTS.halfLife };
      else parent[parts.at(-1)] = { step_percent: DEFAULTS.stepPercent, period_days: DEFAULTS.periodDays };
    }, t('ed.decay.mode'), { focus: `${fmt(parts)}|mode` }),
  });
  select.querySelector('select').dataset.focusKey = `${fmt(parts)}|mode`;
  return h('div', { class: 'ed-decay' },
    select,
    mode === 'half_life'
      ? numberInput(ctx, parts.concat('half_life_days'), { label: t('ed.decay.halfLife'), unit: t('ed.unit.days'), testid: 'decay-half-life' })
      : null,
    mode === 'step'
      ? h('div', { class: 'ed-pair' },
        numberInput(ctx, parts.concat('step_percent'), { label: t('ed.decay.step'), unit: '%', testid: 'decay-step' }),
        numberInput(ctx, parts.concat('period_days'), { label: t('ed.decay.period'), unit: t('ed.unit.days'), testid: 'decay-period' }))
      : null);
}

/** One group of scoring rules: its name, cap, rules, and the buttons that edit the list. */
function groupEditor(ctx, axis, g, group, count) {
  const parts = ['qualification', axis, 'groups', g];
  const path = fmt(parts);
  const rulesParts = parts.concat('rules');
  const rules = Array.isArray(group.rules) ? group.rules : [];
  const name = group.name || t('ed.group.unnamed');
  const groupsParts = ['qualification', axis, 'groups'];
  const moveBy = (delta) => ctx.change((d) => move(getIn(d, groupsParts), g, delta), t('ed.undo.moveGroup'),
    { focus: `${fmt(groupsParts.concat(g + delta))}|${delta < 0 ? 'up' : 'down'}` });
  const addRule = () => ctx.change((d) => {
    const list = getIn(d, rulesParts) ?? [];
    list.push({
      id: freshId(t('ed.rule.newPrefix'), axisIds(d, axis)),
      field: ctx.defaultField(rulesParts),
      contains_any: placeholderList('contains_any'),
      points: DEFAULTS.points,
    });
    if (!Array.isArray(getIn(d, rulesParts))) getIn(d, parts).rules = list;
  }, t('ed.undo.addRule'), { focus: fmt(rulesParts.concat(rules.length, 'id')) });

  return h('div', { class: 'ed-group ed-block', 'data-testid': 'group', 'data-axis': axis, 'data-index': g, 'data-path': path },
    h('div', { class: 'ed-group-head' },
      textInput(ctx, parts.concat('name'), { label: t('ed.group.name'), testid: 'group-name' }),
      h('div', { class: 'ed-tools' },
        iconButton('↑', t('ed.group.up', { name }), () => moveBy(-1), { testid: 'group-up', focusKey: `${path}|up`, disabled: g === 0 }),
        iconButton('↓', t('ed.group.down', { name }), () => moveBy(1), { testid: 'group-down', focusKey: `${path}|down`, disabled: g === count - 1 }),
        iconButton('×', t('ed.group.remove', { name }), () => ctx.change((d) => getIn(d, groupsParts).splice(g, 1),
          t('ed.undo.removeGroup'), { focus: `${fmt(groupsParts)}|add`, notice: t('ed.removed.group', { name }) }),
        { testid: 'group-remove', focusKey: `${path}|remove` }))),
    sliderNumber(ctx, parts.concat('cap'), {
      label: t('ed.group.cap'), testid: 'group-cap', optional: true, min: 0, max: 100, placeholder: t('ed.group.noCap'),
    }),
    h('ol', { class: 'ed-rules', 'aria-label': t('ed.group.rules', { name }) },
      rules.map((r, i) => h('li', {}, ruleEditor(ctx, rulesParts.concat(i), r ?? {}, {
        role: 'score', count: rules.length,
        attrs: { 'data-testid': 'rule', 'data-axis': axis, 'data-group': g, 'data-index': i },
      })))),
    button(t('ed.rule.add'), addRule, { testid: 'add-rule', focusKey: `${fmt(rulesParts)}|add`, cls: 'ed-add' }));
}

/** A scoring axis: its decay (interest, or wherever one is set) and its groups. */
export function axisEditor(ctx, axis) {
  const parts = ['qualification', axis];
  const a = ctx.get(parts) ?? {};
  const groups = Array.isArray(a.groups) ? a.groups : [];
  const groupsParts = parts.concat('groups');
  const addGroup = () => ctx.change((d) => {
    const list = getIn(d, groupsParts);
    list.push({ name: t('ed.group.new', { n: list.length + 1 }), cap: DEFAULTS.cap, rules: [] });
  }, t('ed.undo.addGroup'), { focus: fmt(groupsParts.concat(groups.length, 'name')) });
  return h('div', { class: 'ed-axis' },
    axis === 'interest' || a.decay
      ? h('div', { class: 'ed-axis-decay' },
        h('p', { class: 'ed-hint', text: t('ed.decay.hint') }),
        decayEditor(ctx, parts.concat('decay'), { noneLabel: t('ed.decay.none') }))
      : null,
    h('div', { class: 'ed-groups', 'data-path': fmt(groupsParts) },
      groups.map((g, i) => groupEditor(ctx, axis, i, g ?? {}, groups.length))),
    button(t('ed.group.add'), addGroup, { testid: 'add-group', focusKey: `${fmt(groupsParts)}|add`, cls: 'ed-add' }));
}

/** Disqualifiers or fast-track rules: the rule editor without points, with a reason. */
export function roleList(ctx, listName) {
  const role = listName === 'disqualify' ? 'disqualify' : 'fast_track';
  const parts = ['qualification', listName];
  const list = Array.isArray(ctx.get(parts)) ? ctx.get(parts) : [];
  const testid = listName === 'disqualify' ? 'disqualify-rule' : 'fast-track-rule';
  const add = () => ctx.change((d) => {
    const q = d.qualification;
    if (!Array.isArray(q[listName])) q[listName] = [];
    const isDq = role === 'disqualify';
    q[listName].push({
      id: freshId(isDq ? t('ed.dq.newPrefix') : t('ed.ft.newPrefix'), q[listName].map((r) => r.id)),
      field: isDq ? 'email' : 'recent_conversion',
      [isDq ? 'domain_in' : 'contains_any']: placeholderList(isDq ? 'domain_in' : 'contains_any'),
      reason: t(isDq ? 'ed.dq.newReason' : 'ed.ft.newReason'),
    });
  }, t('ed.undo.addRule'), { focus: fmt(parts.concat(list.length, 'id')) });
  return h('div', { class: 'ed-role-list' },
    h('p', { class: 'ed-hint', text: t(role === 'disqualify' ? 'ed.dq.hint' : 'ed.ft.hint') }),
    h('ol', { class: 'ed-rules' }, list.map((r, i) => h('li', {}, ruleEditor(ctx, parts.concat(i), r ?? {}, {
      role, count: list.length, attrs: { 'data-testid': testid, 'data-index': i },
    })))),
    button(t(role === 'disqualify' ? 'ed.dq.add' : 'ed.ft.add'), add, {
      testid: role === 'disqualify' ? 'add-disqualify' : 'add-fast-track', focusKey: `${fmt(parts)}|add`, cls: 'ed-add',
    }));
}

