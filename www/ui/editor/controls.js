// Form controls of the agreement editor. Each is bound to one JSON path of the agreement
// (`data-path`): it shows the value found there and writes edits back through the editor's
// context (`ctx.set`, one undo step per path while a drag or typing lasts). Controls update
// themselves after their own edits; the editor only re-renders when something else changed
// the agreement. Text is always set as textContent.
import { h, fill } from '../dom.js';
import { t } from '../../i18n.js';
import { fmt } from './paths.js';

let seq = 0;
/** A fresh element id. */
export const uid = () => `ed-${++seq}`;

/** A labelled control: `<label>` + the control (+ a hint). */
export function field(label, control, { hint = null, cls = '', labelFor = null } = {}) {
  if (!labelFor && !control.id) control.id = uid();
  return h('div', { class: `ed-field ${cls}`.trim() },
    h('label', { for: labelFor ?? control.id, text: label }),
    control,
    hint ? h('span', { class: 'ed-hint', text: hint }) : null);
}

/** A small message under a control that the page itself raises (not the engine). */
function localMessage(wrapper, control, text) {
  let msg = wrapper.querySelector(':scope > .ed-local');
  if (!text) {
    msg?.remove();
    if (!control.closest('[data-engine-invalid]')) control.removeAttribute('aria-invalid');
    return;
  }
  if (!msg) {
    msg = h('span', { class: 'ed-local', id: uid(), role: 'status' });
    wrapper.append(msg);
  }
  msg.textContent = text;
  control.setAttribute('aria-invalid', 'true');
}

const display = (v, scale) => (v === null || v === undefined || typeof v !== 'number' ? '' : String(Number((v * scale).toFixed(6))));

/**
 * A number input. `optional`: empty deletes the key (else the last value comes back);
 * `scale`: shown = stored × scale (100 for a ratio shown as a percentage).
 */
export function numberInput(ctx, parts, {
  label, testid = null, optional = false, scale = 1, step = 'any', min = null, max = null,
  placeholder = null, write = null, unit = null, hint = null,
} = {}) {
  const path = fmt(parts);
  const input = h('input', {
    type: 'number', class: 'ed-num', step, min, max, placeholder, inputmode: 'decimal', id: uid(),
    'data-path': path, 'data-testid': testid, value: display(ctx.get(parts), scale),
  });
  const put = write ?? ((v) => ctx.set(parts, v, label));
  const shown = unit ? h('span', { class: 'ed-unit' }, input, h('span', { text: unit, 'aria-hidden': 'true' })) : input;
  const wrapper = field(label, shown, { hint, labelFor: input.id });
  input.addEventListener('input', () => {
    if (input.value === '') {
      if (optional) put(undefined);
      return;
    }
    const n = input.valueAsNumber;
    if (!Number.isFinite(n)) return;
    localMessage(wrapper, input, null);
    put(n / scale);
  });
  input.addEventListener('change', () => {
    if (input.value !== '' && Number.isFinite(input.valueAsNumber)) return;
    if (input.value === '' && optional) return;
    // Not a number (or a required one left empty): show what the agreement still holds.
    input.value = display(ctx.get(parts), scale);
    localMessage(wrapper, input, t('ed.needNumber'));
  });
  return wrapper;
}

/**
 * A slider with a number input beside it, in sync. The slider covers min…max; the number input
 * takes any value (the engine says whether it is acceptable).
 */
export function sliderNumber(ctx, parts, {
  label, testid = null, min = 0, max = 100, step = 1, optional = false, scale = 1, write = null, unit = null,
  dataPath = null, placeholder = null,
} = {}) {
  const path = dataPath ?? fmt(parts);
  const value = ctx.get(parts);
  const shown = display(value, scale);
  const clamp = (n) => String(Math.min(max, Math.max(min, n)));
  const range = h('input', {
    type: 'range', min, max, step, id: uid(), class: 'ed-range',
    value: shown === '' ? String(min) : clamp(Number(shown)),
    'data-path': path, 'data-testid': testid,
  });
  const number = h('input', {
    type: 'number', step: 'any', class: 'ed-num', value: shown, inputmode: 'decimal', placeholder,
    'aria-label': t('ed.numberOf', { label }), 'data-path': path,
    'data-testid': testid ? `${testid}-number` : null,
  });
  const put = write ?? ((v) => ctx.set(parts, v, label));
  const wrapper = h('div', { class: 'ed-field ed-slider' },
    h('label', { for: range.id, text: label }),
    h('div', { class: 'ed-slider-row' }, range, unit ? h('span', { class: 'ed-unit' }, number, h('span', { text: unit, 'aria-hidden': 'true' })) : number));
  range.addEventListener('input', () => {
    number.value = range.value;
    localMessage(wrapper, number, null);
    put(Number(range.value) / scale);
  });
  number.addEventListener('input', () => {
    if (number.value === '') {
      if (optional) put(undefined);
      return;
    }
    const n = number.valueAsNumber;
    if (!Number.isFinite(n)) return;
    range.value = clamp(n);
    localMessage(wrapper, number, null);
    put(n / scale);
  });
  number.addEventListener('change', () => {
    if (number.value !== '' && Number.isFinite(number.valueAsNumber)) return;
    if (number.value === '' && optional) return;
    number.value = display(ctx.get(parts), scale);
    localMessage(wrapper, number, t('ed.needNumber'));
  });
  return wrapper;
}

/**
 * A text input. `commit`: 'input' writes as the user types, 'change' when they leave the field
 * or press Enter (for ids, whose half-typed states would flash errors). `optional`: empty
 * deletes the key.
 */
export function textInput(ctx, parts, {
  label, testid = null, commit = 'input', optional = false, list = null, placeholder = null,
  write = null, type = 'text', multiline = false, hint = null, spellcheck = null, value: shown = undefined,
  focusKey = null,
} = {}) {
  const path = fmt(parts);
  const value = shown === undefined ? ctx.get(parts) : shown;
  const input = multiline
    ? h('textarea', { rows: multiline === true ? 2 : multiline, 'data-path': path, 'data-testid': testid, placeholder, class: 'ed-text' })
    : h('input', { type, list, placeholder, 'data-path': path, 'data-testid': testid, class: 'ed-text', spellcheck, autocomplete: 'off' });
  if (focusKey) input.dataset.focusKey = focusKey;
  input.value = value === null || value === undefined ? '' : String(value);
  const put = write ?? ((v) => ctx.set(parts, v, label));
  input.addEventListener(commit, () => {
    put(input.value === '' && optional ? undefined : input.value);
  });
  return field(label, input, { hint });
}

/** A select. `options`: [{ value, label, group? }]; the current value is kept even if unlisted. */
export function selectInput(ctx, parts, options, { label, testid = null, write = null, value = undefined, hint = null } = {}) {
  const path = fmt(parts);
  const current = value === undefined ? ctx.get(parts) : value;
  const select = h('select', { 'data-path': path, 'data-testid': testid, class: 'ed-select' });
  fill(select, optionNodes(options, current));
  const put = write ?? ((v) => ctx.set(parts, v, label));
  select.addEventListener('change', () => put(select.value));
  return field(label, select, { hint });
}

/** `<option>`s, in `<optgroup>`s where options name a group; adds `current` if unlisted. */
export function optionNodes(options, current) {
  const list = options.slice();
  if (current !== undefined && current !== null && !list.some((o) => o.value === current)) {
    list.unshift({ value: current, label: String(current) });
  }
  const out = [];
  const groups = new Map();
  for (const o of list) {
    const node = h('option', { value: o.value, text: o.label, title: o.title ?? null, selected: o.value === current });
    if (!o.group) {
      out.push(node);
      continue;
    }
    let g = groups.get(o.group);
    if (!g) {
      g = h('optgroup', { label: o.group });
      groups.set(o.group, g);
      out.push(g);
    }
    g.append(node);
  }
  return out;
}

/** A checkbox for a true/false value. */
export function checkbox(ctx, parts, { label, testid = null, write = null, checked = undefined } = {}) {
  const path = fmt(parts);
  const box = h('input', { type: 'checkbox', id: uid(), 'data-path': path, 'data-testid': testid });
  box.checked = checked === undefined ? ctx.get(parts) === true : checked;
  const put = write ?? ((v) => ctx.set(parts, v, label));
  box.addEventListener('change', () => put(box.checked));
  return h('div', { class: 'ed-field ed-check' }, box, h('label', { for: box.id, text: label }));
}

/** A button showing a symbol (↑ ↓ ×) with its meaning in aria-label and tooltip. */
export function iconButton(symbol, label, onClick, { testid = null, focusKey = null, disabled = false } = {}) {
  return h('button', {
    type: 'button', class: 'ed-icon', 'aria-label': label, title: label, text: symbol,
    'data-testid': testid, 'data-focus-key': focusKey, disabled,
    on: { click: onClick },
  });
}

/** A text button. */
export function button(text, onClick, { testid = null, focusKey = null, cls = '' } = {}) {
  return h('button', {
    type: 'button', class: `ed-button ${cls}`.trim(), text, 'data-testid': testid,
    'data-focus-key': focusKey, on: { click: onClick },
  });
}

let listSeq = 0;
/** A `<datalist>` of suggestions; returns [element, id]. */
export function datalist(values) {
  const id = `ed-list-${++listSeq}`;
  return [h('datalist', { id }, [...new Set(values)].map((v) => h('option', { value: v }))), id];
}

/**
 * A list of values shown as chips: type and press Enter (or a comma) to add, × to remove,
 * Backspace in the empty box removes the last. `numeric`: values are numbers; `type: 'date'`
 * for days (added with Enter or the Add button). `write(values)` replaces the default (set the
 * list at `parts`).
 */
export function chips(ctx, parts, {
  label, numeric = false, type = 'text', suggestions = [], placeholder = null, write = null, hint = null, values = null,
} = {}) {
  const path = fmt(parts);
  const raw = values ?? ctx.get(parts);
  let items = Array.isArray(raw) ? raw.slice() : raw === undefined || raw === null ? [] : [raw];
  const [dl, dlId] = suggestions.length ? datalist(suggestions.map(String)) : [null, null];
  const list = h('ul', { class: 'ed-chips', 'data-testid': 'chips', 'aria-label': label });
  const input = h('input', {
    type, id: uid(), class: 'ed-chip-input', 'data-testid': 'chip-input', 'data-path': path,
    list: dlId, placeholder: placeholder ?? (type === 'date' ? null : t('ed.chip.placeholder')),
    autocomplete: 'off', inputmode: numeric ? 'decimal' : null,
  });
  const put = write ?? ((v) => ctx.set(parts, v, label));
  const wrapper = h('div', { class: 'ed-field ed-chipfield' }, h('label', { for: input.id, text: label }));

  const draw = () => fill(list, items.map((v, i) => h('li', { class: 'ed-chip', 'data-testid': 'chip' },
    h('span', { text: String(v) }),
    h('button', {
      type: 'button', class: 'ed-chip-x', text: '×', 'aria-label': t('ed.chip.remove', { value: String(v) }),
      title: t('ed.chip.remove', { value: String(v) }),
      on: { click: () => { commit(items.filter((_, j) => j !== i)); input.focus(); } },
    }))));
  const commit = (next) => {
    items = next;
    put(items.slice());
    draw();
  };
  const add = (text) => {
    const parts_ = String(text).split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (!parts_.length) return true;
    const next = items.slice();
    for (const p of parts_) {
      const v = numeric ? Number(p) : p;
      if (numeric && !Number.isFinite(v)) {
        localMessage(wrapper, input, t('ed.chip.notNumber', { value: p }));
        return false;
      }
      if (!next.includes(v)) next.push(v);
    }
    localMessage(wrapper, input, null);
    commit(next);
    return true;
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || (e.key === ',' && type !== 'date')) {
      e.preventDefault();
      if (add(input.value)) input.value = '';
    } else if (e.key === 'Backspace' && input.value === '' && items.length && type !== 'date') {
      e.preventDefault();
      commit(items.slice(0, -1));
    }
  });
  // What was typed but not yet added is kept when the user leaves the box.
  input.addEventListener('blur', () => {
    if (type !== 'date' && input.value.trim() !== '' && add(input.value)) input.value = '';
  });
  draw();
  const box = h('div', { class: 'ed-chipbox' }, list, input, dl);
  if (type === 'date') {
    box.append(button(t('ed.chip.add'), () => { if (add(input.value)) input.value = ''; }, { cls: 'ed-small' }));
  }
  wrapper.append(box);
  if (hint) wrapper.append(h('span', { class: 'ed-hint', text: hint }));
  return wrapper;
}
