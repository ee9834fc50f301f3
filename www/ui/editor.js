// The agreement editor: forms for the seven parts of the agreement. It only edits the
// agreement object held by the store; the engine validates it and computes every figure, and
// its errors come back through `showErrors`, each shown next to the control at its JSON path.
//
//   const editor = mountEditor(root, store, { columns, presets, loadPreset, activityTypes });
//   editor.showErrors([{ path: 'qualification.thresholds.mql.fit', message: 'must be …' }]);
//
// The editor re-renders when something else changes the agreement (undo, a preset, an upload)
// and not after its own edits, so that focus and slider drags survive; the open sections and
// the scroll position are kept across re-renders.
import './editor-strings.js';
import { h, fill } from './dom.js';
import { t, lang, onLangChange } from '../i18n.js';
import { getIn, setIn, fmt, parentPath } from './editor/paths.js';
import { uid } from './editor/controls.js';
import { fieldOptions } from './editor/fields.js';
import { qualificationEditor } from './editor/qualification.js';
import { goalsEditor, kpisEditor } from './editor/goals.js';
import { definitionsEditor, handoffEditor, nurtureEditor, followUpEditor } from './editor/lifecycle.js';

/** The seven parts, in the agreement's order: id (as in the JSON) and editor. */
const PARTS = [
  ['goals', goalsEditor],
  ['definitions', definitionsEditor],
  ['qualification', qualificationEditor],
  ['handoff', handoffEditor],
  ['nurture', nurtureEditor],
  ['follow_up', followUpEditor],
  ['kpis', kpisEditor],
];
/** Open at first: the part people come to tune. */
const OPEN_AT_START = new Set(['qualification']);
const SOURCE = 'editor';

const isControl = (el) => el.matches('input, select, textarea');

/** A key that finds the same control after a re-render. */
function keyOf(el) {
  if (el.dataset.focusKey) return el.dataset.focusKey;
  if (!el.dataset.path) return null;
  return `${el.dataset.path}|${el.dataset.testid ?? ''}|${el.type ?? el.tagName}`;
}

/**
 * Mount the editor in `root`.
 * @param {HTMLElement} root
 * @param {import('../store.js').AgreementStore} store
 * @param {{ columns?: () => {header: string, field: string|null, confidence: number|null}[],
 *   presets?: {id: string, name: string, nameFr: string}[], loadPreset?: (id: string) => Promise<object>,
 *   activityTypes?: () => string[] }} options
 */
export function mountEditor(root, store, options = {}) {
  const columns = () => {
    try {
      return options.columns?.() ?? [];
    } catch {
      return [];
    }
  };
  const activityTypes = () => {
    try {
      return options.activityTypes?.() ?? [];
    } catch {
      return [];
    }
  };
  /** details key → open, remembered across re-renders. */
  const opened = new Map();
  let errors = [];
  let banner = null;

  const ctx = {
    get: (parts) => getIn(store.get(), parts),
    /** An edit in place: no re-render; successive edits of one key are one undo step. */
    update(mutator, label, coalesce) {
      store.change(mutator, label, { source: SOURCE, coalesce });
    },
    set(parts, value, label) {
      ctx.update((d) => setIn(d, parts, value), label, fmt(parts));
    },
    /**
     * A change of structure (add, remove, move, a new kind): re-render, focus `focus`; `notice`
     * (for what takes something away) is shown by the page with an Undo button.
     */
    change(mutator, label, { focus = null, notice = null } = {}) {
      store.change(mutator, label, { source: SOURCE, notice });
      render({ focus });
    },
    columns,
    activityTypes,
    fieldOptions: () => fieldOptions(columns()),
    /** The field a new condition starts on: a persona field for fit, a conversion for interest. */
    defaultField: (parts) => (parts[1] === 'interest' ? 'recent_conversion' : parts[1] === 'disqualify' ? 'email' : 'job_title'),
    details(key, openByDefault, summary, body, attrs = {}) {
      const d = h('details', { ...attrs, 'data-key': key }, h('summary', {}, summary), ...body.flat());
      d.open = opened.get(key) ?? openByDefault;
      d.addEventListener('toggle', () => opened.set(key, d.open));
      return d;
    },
  };

  function presetPicker() {
    const a = store.get();
    const presets = options.presets ?? [];
    const select = h('select', { id: uid(), 'data-testid': 'preset-select', 'data-focus-key': 'preset', class: 'ed-select' },
      presets.map((p) => h('option', {
        value: p.id, text: lang() === 'fr' ? p.nameFr || p.name : p.name,
        selected: a?.name === p.name || a?.name === p.nameFr,
      })));
    if (!presets.some((p) => a?.name === p.name || a?.name === p.nameFr)) select.selectedIndex = -1;
    select.addEventListener('change', async () => {
      const preset = presets.find((p) => p.id === select.value);
      if (!preset || !options.loadPreset) return;
      const next = await options.loadPreset(preset.id);
      const name = lang() === 'fr' ? preset.nameFr : preset.name;
      if (next) store.replace(next, t('ed.undo.preset', { name }), { notice: t('ed.presetApplied', { name }) });
    });
    return h('div', { class: 'ed-field ed-preset' },
      h('label', { for: select.id, text: t('ed.preset') }),
      select,
      h('span', { class: 'ed-hint', text: t('ed.presetHint') }));
  }

  function build() {
    banner = h('div', { class: 'ed-banner', role: 'alert', 'data-testid': 'editor-errors', hidden: true });
    return [
      presetPicker(),
      banner,
      PARTS.map(([id, editor], i) => ctx.details(`part:${id}`, OPEN_AT_START.has(id),
        [h('span', { class: 'part', text: String(i + 1) }), h('span', { class: 'ed-part-name', text: t(`ed.part.${id}`) })],
        [h('div', { class: 'ed-part-body' }, editor(ctx))],
        { class: 'ed-part', 'data-testid': `editor-part-${id}`, 'data-path': id })),
    ];
  }

  function find(key) {
    for (const el of root.querySelectorAll('[data-focus-key], [data-path]')) {
      if (el.dataset.focusKey === key || keyOf(el) === key || (el.dataset.path === key && isControl(el))) return el;
    }
    return null;
  }

  function render({ focus = null } = {}) {
    const active = document.activeElement;
    const key = focus ?? (active && root.contains(active) ? keyOf(active) : null);
    const [x, y, inner] = [window.scrollX, window.scrollY, root.scrollTop];
    fill(root, build().flat());
    errors = [];
    if (key) {
      let el = find(key);
      // A button that a move disabled (the rule reached the end): its twin instead.
      if (el?.disabled) el = find(key.replace(/\|(up|down)$/, (m, d) => (d === 'up' ? '|down' : '|up'))) ?? el;
      el?.focus({ preventScroll: true });
    }
    window.scrollTo(x, y);
    root.scrollTop = inner;
  }

  function clearErrors() {
    for (const m of root.querySelectorAll('.ed-error')) m.remove();
    for (const el of root.querySelectorAll('[data-engine-invalid]')) {
      el.removeAttribute('aria-invalid');
      delete el.dataset.engineInvalid;
      const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !id.startsWith('ed-err-'));
      if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
      else el.removeAttribute('aria-describedby');
    }
    if (banner) {
      banner.hidden = true;
      fill(banner);
    }
  }

  /** Open every `<details>` around `el`. */
  function reveal(el) {
    for (let d = el.closest('details'); d; d = d.parentElement?.closest('details')) {
      if (!d.open) d.open = true;
      if (d.dataset.key) opened.set(d.dataset.key, true);
    }
  }

  function place(targets, text) {
    const msg = h('p', { class: 'ed-error', id: `ed-err-${uid()}`, 'data-testid': 'editor-error', text });
    const first = targets[0];
    if (first.tagName === 'DETAILS') first.querySelector(':scope > summary').after(msg);
    else if (isControl(first)) (first.closest('.ed-field') ?? first.parentElement).append(msg);
    else if (first.classList.contains('ed-block')) first.firstElementChild.after(msg);
    else if (first.tagName === 'FIELDSET') (first.querySelector(':scope > legend') ?? first.firstChild).after(msg);
    else first.append(msg);
    for (const el of targets) {
      el.setAttribute('aria-invalid', 'true');
      el.dataset.engineInvalid = 'true';
      el.setAttribute('aria-describedby', `${el.getAttribute('aria-describedby') ?? ''} ${msg.id}`.trim());
    }
    reveal(first);
  }

  /** Show the engine's errors next to their controls; `[]` clears them. */
  function showErrors(list) {
    clearErrors();
    errors = Array.isArray(list) ? list : [];
    if (!errors.length) return;
    const byPath = new Map();
    for (const el of root.querySelectorAll('[data-path]')) {
      const p = el.dataset.path;
      if (!byPath.has(p)) byPath.set(p, []);
      byPath.get(p).push(el);
    }
    const unplaced = [];
    let firstTarget = null;
    for (const e of errors) {
      let p = e.path ?? null;
      while (p && !byPath.has(p)) p = parentPath(p);
      if (!p) {
        unplaced.push(e);
        continue;
      }
      const els = byPath.get(p);
      // A control rather than the block around it; a value rather than the key that names it.
      const controls = els.filter(isControl);
      const values = controls.filter((el) => !el.dataset.keyInput);
      const targets = values.length ? values : controls.length ? controls : [els[0]];
      const rest = p === e.path ? '' : e.path.slice(p.length).replace(/^\./, '');
      place(targets, rest ? `${rest}: ${e.message}` : e.message);
      firstTarget ??= targets[0];
    }
    banner.hidden = false;
    fill(banner,
      h('p', { text: t(errors.length === 1 ? 'ed.errors.one' : 'ed.errors.many', { n: errors.length }) }),
      unplaced.length ? h('ul', {}, unplaced.map((e) => h('li', { text: e.path ? `${e.path}: ${e.message}` : e.message }))) : null,
      firstTarget ? h('button', {
        type: 'button', class: 'ed-button ed-small', text: t('ed.errorsGo'),
        on: { click: () => { firstTarget.scrollIntoView({ block: 'center' }); firstTarget.focus?.(); } },
      }) : null);
  }

  // A line moved outside the editor (its slider under the distributions, or dragged): only
  // the line's own controls change, so they are updated in place — rebuilding every form on
  // each step of a drag would cost more than the engine's answer.
  const LINE = /^qualification\.thresholds\.(mql|sql)\.(fit|interest)$|^qualification\.thresholds\.combined\.(mql|sql)$/;
  function syncLines(agreement) {
    for (const number of root.querySelectorAll('input[type="number"][data-path^="qualification.thresholds."]')) {
      const path = number.dataset.path;
      if (!LINE.test(path)) continue;
      const v = getIn(agreement, path.split('.'));
      if (v === undefined || Number(number.value) === v) continue;
      number.value = String(v);
      const range = number.closest('.ed-slider-row')?.querySelector('input[type="range"]');
      if (range) range.value = String(v);
    }
  }

  store.subscribe((agreement, { source, kind }) => {
    if (source === SOURCE && kind === 'change') return;
    if (kind === 'change' && (source === 'thresholds' || source === 'drag')) syncLines(agreement);
    else render();
  });
  onLangChange(() => render());
  root.classList.add('editor');
  render();
  return { showErrors, render: () => render() };
}
