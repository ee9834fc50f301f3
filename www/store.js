// The agreement being edited: one object, changed only through `change`, with undo and redo.
// Views subscribe and re-render; a view that made the change can skip its own re-render by
// passing `source` (its own name) and checking it in the listener.
//
//   store.change((draft) => { draft.qualification.thresholds.mql.fit = 45; }, 'MQL fit line',
//                { source: 'editor', coalesce: 'mql.fit' });
//
// `coalesce`: successive changes with the same key within a second become one undo step (a
// slider drag is one step, not two hundred). `notice`: words for a change that takes something
// away (a group removed, a preset over the agreement): the page shows them with an Undo button.

const LIMIT = 200;
const COALESCE_MS = 1000;

export class AgreementStore {
  #current = null;
  #undo = []; // [{ agreement, label }]
  #redo = [];
  #listeners = new Set();
  #lastKey = null;
  #lastAt = 0;

  constructor(agreement) {
    this.#current = agreement;
  }

  /** The current agreement (do not mutate it: use `change`). */
  get() {
    return this.#current;
  }

  /**
   * Apply `mutator` to a copy of the agreement and make the copy current.
   * @param {(draft: object) => void} mutator
   * @param {string} label what the change was, in words, for the undo button's tooltip
   * @param {{ source?: string, coalesce?: string, notice?: string }} [options]
   */
  change(mutator, label, { source = null, coalesce = null, notice = null } = {}) {
    const draft = structuredClone(this.#current);
    mutator(draft);
    const now = Date.now();
    const merge = coalesce !== null && coalesce === this.#lastKey && now - this.#lastAt < COALESCE_MS;
    if (!merge) {
      this.#undo.push({ agreement: this.#current, label });
      if (this.#undo.length > LIMIT) this.#undo.shift();
    }
    this.#lastKey = coalesce;
    this.#lastAt = now;
    this.#redo = [];
    this.#current = draft;
    this.#emit({ source, label, kind: 'change', notice });
  }

  /** Replace the whole agreement (a preset, an upload, a version, a share link): undoable. */
  replace(agreement, label, { source = null, undoable = true, notice = null } = {}) {
    if (undoable) this.#undo.push({ agreement: this.#current, label });
    this.#redo = [];
    this.#lastKey = null;
    this.#current = agreement;
    this.#emit({ source, label, kind: 'replace', notice });
  }

  /**
   * The step `undo` would take back, as a token to compare: an Undo offered for one change
   * (in a notice) takes back that change only, not a later one.
   */
  undoTop() {
    return this.#undo.at(-1) ?? null;
  }

  canUndo() {
    return this.#undo.length > 0;
  }

  canRedo() {
    return this.#redo.length > 0;
  }

  /** The label of the step `undo` would take back, or null. */
  undoLabel() {
    return this.#undo.at(-1)?.label ?? null;
  }

  redoLabel() {
    return this.#redo.at(-1)?.label ?? null;
  }

  undo() {
    const step = this.#undo.pop();
    if (!step) return;
    this.#redo.push({ agreement: this.#current, label: step.label });
    this.#current = step.agreement;
    this.#lastKey = null;
    this.#emit({ source: null, label: step.label, kind: 'undo' });
  }

  redo() {
    const step = this.#redo.pop();
    if (!step) return;
    this.#undo.push({ agreement: this.#current, label: step.label });
    this.#current = step.agreement;
    this.#lastKey = null;
    this.#emit({ source: null, label: step.label, kind: 'redo' });
  }

  /** Call `fn(agreement, { source, label, kind })` after every change; returns an unsubscribe. */
  subscribe(fn) {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #emit(info) {
    for (const fn of this.#listeners) fn(this.#current, info);
  }
}
