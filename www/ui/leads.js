// The leads table: filters, a search box, a count and a virtualised table of every lead. Only
// the rows in view (plus a margin) are in the DOM; rows come from the worker a page at a time
// around the viewport and are kept until the filters, the sort or the results change. The
// engine filters and sorts: this module only lays out what it answers.
import { h, fill } from './dom.js';
import { download } from './export.js';
import { t, num, onLangChange } from '../i18n.js';
import './leads-strings.js';

/** Height of a row in px (fixed: the scroll height is the number of leads times this). */
export const ROW_HEIGHT = 32;
/** Rows per request to the worker. */
const PAGE = 100;
/** Rows rendered beyond each edge of the viewport. */
const OVERSCAN = 8;
/** Pages kept; the farthest from the viewport are dropped beyond this. */
const MAX_PAGES = 60;
/** Milliseconds of quiet typing before a search runs. */
const DEBOUNCE_MS = 200;
/** Milliseconds of quiet after a change of results before the rows are fetched again. */
const REFRESH_MS = 150;
/** Browsers cap an element's height; beyond this the scroll position is scaled. */
const MAX_SCROLL_PX = 8_000_000;

/** Columns: the key sorts (when sortable) and reads the row's field. */
const COLUMNS = [
  { key: 'row', sort: 'row', cell: (r) => num(r.row + 1) },
  { key: 'name', sort: 'name', cell: (r) => r.name ?? '' },
  { key: 'company', sort: 'company', cell: (r) => r.company ?? '' },
  { key: 'fit', sort: 'fit', num: true, cell: (r) => num(r.fit, 2) },
  { key: 'interest', sort: 'interest', num: true, cell: (r) => num(r.interest, 2) },
  { key: 'grade', sort: 'grade', cell: (r) => r.grade },
  { key: 'status', sort: 'status', cell: (r) => t(`status.${r.status}`) },
  { key: 'stage', sort: 'stage', cell: (r) => t(`stage.${r.stage}`) },
  { key: 'track', sort: 'track', cell: (r) => r.track ?? t('leads.noTrack') },
  { key: 'sla', sort: 'sla', cell: (r) => t(`sla.${r.sla}`) },
  { key: 'title', cell: (r) => r.title ?? '' },
  { key: 'email', cell: (r) => r.email ?? '' },
];

/** Filters: the query field, the test id's suffix, and the choices from the page's options. */
const FILTERS = [
  { key: 'stages', id: 'stage', choices: (o) => o.stages.map((s) => [s, t(`stage.${s}`)]) },
  {
    key: 'grades',
    id: 'grade',
    choices: (o) => [
      [t('leads.fitGrades'), o.fitGrades.map((g) => [g, g])],
      [t('leads.interestGrades'), o.interestGrades.map((g) => [g, g])],
      [t('leads.cells'), o.fitGrades.flatMap((f) => o.interestGrades.map((i) => [f + i, f + i]))],
    ],
  },
  { key: 'tracks', id: 'track', choices: (o) => [...o.tracks.map((x) => [x, x]), ['none', t('leads.noTrack')]] },
  { key: 'statuses', id: 'status', choices: () => ['sql', 'fast_track', 'mql', 'lead', 'disqualified'].map((s) => [s, t(`status.${s}`)]) },
  {
    key: 'sla',
    id: 'sla',
    choices: () => ['overdue', 'pending', 'missed', 'met', 'not_handed_over', 'not_available'].map((s) => [s, t(`sla.${s}`)]),
  },
];

/** Scores and ranks read best first by default; names and the rest A to Z. */
const DESC_FIRST = new Set(['fit', 'interest']);

/**
 * Mount the leads table in `root`. `request(type, args)` asks the worker (EngineClient.request);
 * `onOpen(row)` opens lead `row` (0-based, file order); `fixed` holds filters that always apply
 * (e.g. `{ sla: ['overdue'] }`), whose selects are then hidden.
 */
export function mountLeads(root, { request, onOpen, fixed = {} }) {
  const state = {
    sort: 'row',
    desc: false,
    filters: {},
    text: '',
    total: 0,
    all: 0,
    options: null,
    gen: 0,
    pages: new Map(),
    inflight: new Set(),
    active: 0,
    error: null,
  };
  const rowsByPos = new Map();

  const count = h('p', { class: 'leads-count', 'data-testid': 'leads-count', 'aria-live': 'polite' });
  const search = h('input', { type: 'search', 'data-testid': 'leads-search', class: 'leads-search' });
  const selects = new Map();
  const exportButton = h('button', { type: 'button', class: 'leads-export', 'data-testid': 'leads-export' });
  const message = h('p', { class: 'leads-message hint', hidden: true });
  const header = h('div', { class: 'leads-head', role: 'row' });
  const spacer = h('div', { class: 'leads-body' });
  const scroller = h('div', { class: 'leads-scroll', role: 'grid', 'data-testid': 'leads-table', tabindex: '-1' }, header, spacer);
  const bar = h('div', { class: 'leads-bar' });
  root.dataset.testid = 'leads';
  root.classList.add('leads');
  fill(root, bar, h('div', { class: 'leads-summary' }, count, exportButton), message, scroller);

  // --- The query -------------------------------------------------------------------------
  function query(offset, limit) {
    const q = { offset, limit, sort: state.sort, desc: state.desc };
    for (const f of FILTERS) {
      const v = fixed[f.key] ?? (state.filters[f.key] ? [state.filters[f.key]] : null);
      if (v?.length) q[f.key] = v;
    }
    if (state.text.trim()) q.text = state.text.trim();
    return q;
  }

  /** Forget every page; `toTop` scrolls back to the first row (a new sort or filter). */
  function reset(toTop) {
    state.gen += 1;
    state.pages = new Map();
    state.inflight = new Set();
    state.error = null;
    if (toTop) {
      scroller.scrollTop = 0;
      state.active = 0;
    }
    for (const el of rowsByPos.values()) el.remove();
    rowsByPos.clear();
    update();
  }

  async function load(page) {
    if (state.pages.has(page) || state.inflight.has(page)) return;
    const gen = state.gen;
    state.inflight.add(page);
    try {
      const value = await request('leads', { query: query(page * PAGE, PAGE) });
      if (gen !== state.gen) return; // a reply to a query that has since changed
      state.pages.set(page, value.rows);
      state.total = value.total;
      state.all = value.all;
      if (!state.options || JSON.stringify(state.options) !== JSON.stringify(value.options)) {
        state.options = value.options;
        paintFilters();
      }
      update();
    } catch (err) {
      if (gen === state.gen) {
        state.error = err.message;
        update();
      }
    } finally {
      if (gen === state.gen) state.inflight.delete(page);
    }
  }

  // --- Geometry: which rows are in view ----------------------------------------------------
  const scale = () => Math.min(1, MAX_SCROLL_PX / Math.max(1, state.total * ROW_HEIGHT));
  /** The unscaled offset of the viewport's top, and how many rows it shows. */
  function viewport() {
    const top = scroller.scrollTop / scale();
    const height = Math.max(ROW_HEIGHT, scroller.clientHeight - header.offsetHeight);
    return { top, first: Math.floor(top / ROW_HEIGHT), visible: Math.ceil(height / ROW_HEIGHT) };
  }

  function rowAt(pos) {
    return state.pages.get(Math.floor(pos / PAGE))?.[pos % PAGE] ?? null;
  }

  function makeRow(pos, lead) {
    const el = h('div', {
      class: lead ? 'lead-row' : 'lead-row loading',
      role: 'row',
      'data-testid': 'lead-row',
      tabindex: '-1',
      'data-pos': pos,
      'data-row': lead ? lead.row : null,
      'aria-rowindex': pos + 2,
      'aria-label': lead ? t('leads.open', { n: num(lead.row + 1) }) : t('leads.loading'),
    }, lead
      ? COLUMNS.map((c) => h('div', { role: 'gridcell', class: `c-${c.key}${c.num ? ' is-num' : ''}`, text: c.cell(lead) }))
      : h('div', { role: 'gridcell', class: 'c-loading', text: t('leads.loading') }));
    el.dataset.key = lead ? String(lead.row) : '';
    return el;
  }

  /** Draw the rows in view, ask for the pages they need, and update the count. */
  function update() {
    const total = state.total;
    spacer.style.height = `${Math.round(total * ROW_HEIGHT * scale())}px`;
    scroller.setAttribute('aria-rowcount', String(total + 1));
    count.textContent = state.options ? t('leads.count', { n: num(total), all: num(state.all) }) : t('leads.loading');
    message.hidden = !(state.error || (state.options && total === 0));
    message.textContent = state.error ?? t('leads.none');

    const { top, first, visible } = viewport();
    const from = Math.max(0, first - OVERSCAN);
    const to = Math.min(total, first + visible + OVERSCAN);
    for (const [pos, el] of rowsByPos) {
      if (pos < from || pos >= to) {
        el.remove();
        rowsByPos.delete(pos);
      }
    }
    // Rows sit at their unscaled offset from the viewport's top (the same as pos × height
    // when nothing is scaled).
    const offset = scroller.scrollTop - top;
    for (let pos = from; pos < to; pos++) {
      const lead = rowAt(pos);
      let el = rowsByPos.get(pos);
      if (!el || el.dataset.key !== (lead ? String(lead.row) : '')) {
        const fresh = makeRow(pos, lead);
        const hadFocus = el && el === document.activeElement;
        if (el) el.replaceWith(fresh);
        else spacer.append(fresh);
        el = fresh;
        rowsByPos.set(pos, el);
        if (hadFocus) el.focus({ preventScroll: true });
      }
      el.style.top = `${offset + pos * ROW_HEIGHT}px`;
    }
    // One row takes the Tab stop: the active one when drawn, else the first drawn.
    const tabbable = rowsByPos.has(state.active) ? state.active : from;
    for (const [pos, el] of rowsByPos) el.tabIndex = pos === tabbable ? 0 : -1;

    if (state.gen && !state.error) {
      const pages = new Set();
      for (let pos = from; pos < Math.max(to, from + 1); pos += 1) pages.add(Math.floor(pos / PAGE));
      if (!state.pages.size && !state.inflight.size) pages.add(0);
      for (const p of pages) load(p);
      // Keep memory bounded at a million leads: drop the pages farthest from the view.
      if (state.pages.size > MAX_PAGES) {
        const here = Math.floor(first / PAGE);
        const far = [...state.pages.keys()].sort((a, b) => Math.abs(b - here) - Math.abs(a - here));
        for (const p of far.slice(0, state.pages.size - MAX_PAGES)) state.pages.delete(p);
      }
    }
  }

  let frame = 0;
  scroller.addEventListener('scroll', () => {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; update(); });
  });

  // --- Keyboard and mouse ------------------------------------------------------------------
  function focusPos(pos) {
    if (!state.total) return;
    const p = Math.max(0, Math.min(state.total - 1, pos));
    state.active = p;
    const { top, visible } = viewport();
    const y = p * ROW_HEIGHT;
    if (y < top) scroller.scrollTop = y * scale();
    else if (y + ROW_HEIGHT > top + visible * ROW_HEIGHT) scroller.scrollTop = (y - (visible - 1) * ROW_HEIGHT) * scale();
    update();
    rowsByPos.get(p)?.focus({ preventScroll: true });
  }

  function open(el) {
    if (el?.dataset.row) onOpen(Number(el.dataset.row));
  }

  spacer.addEventListener('click', (e) => {
    const el = e.target.closest('.lead-row');
    if (!el) return;
    state.active = Number(el.dataset.pos);
    open(el);
  });
  spacer.addEventListener('focusin', (e) => {
    const el = e.target.closest('.lead-row');
    if (el) state.active = Number(el.dataset.pos);
  });
  spacer.addEventListener('keydown', (e) => {
    const el = e.target.closest('.lead-row');
    if (!el) return;
    const pos = Number(el.dataset.pos);
    const { visible } = viewport();
    const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: visible - 1, PageUp: 1 - visible };
    if (e.key in moves) focusPos(pos + moves[e.key]);
    else if (e.key === 'Home') focusPos(0);
    else if (e.key === 'End') focusPos(state.total - 1);
    else if (e.key === 'Enter' || e.key === ' ') open(el);
    else return;
    e.preventDefault();
  });

  // --- Header, filters, search, export -----------------------------------------------------
  function paintHeader() {
    fill(header, COLUMNS.map((c) => {
      const label = t(`leads.col.${c.key}`);
      const sorted = state.sort === c.sort;
      return h('div', {
        role: 'columnheader',
        class: `c-${c.key}${c.num ? ' is-num' : ''}`,
        'aria-sort': c.sort ? (sorted ? (state.desc ? 'descending' : 'ascending') : 'none') : null,
      }, c.sort
        ? h('button', {
          type: 'button',
          class: 'leads-sort',
          'data-testid': `leads-sort-${c.sort}`,
          title: t('leads.sortBy', { column: label }),
          on: {
            click: () => {
              state.desc = sorted ? !state.desc : DESC_FIRST.has(c.sort);
              state.sort = c.sort;
              paintHeader();
              reset(true);
            },
          },
        }, label, h('span', { class: 'arrow', 'aria-hidden': 'true', text: sorted ? (state.desc ? '▼' : '▲') : '' }))
        : label);
    }));
  }

  const option = ([value, label]) => h('option', { value, text: label });
  function paintFilters() {
    const o = state.options ?? { stages: [], tracks: [], fitGrades: [], interestGrades: [] };
    fill(bar, FILTERS.map((f) => {
      const select = h('select', {
        'data-testid': `leads-filter-${f.id}`,
        on: {
          change: () => {
            state.filters[f.key] = select.value;
            reset(true);
          },
        },
      }, option(['', t('leads.all')]), f.choices(o).map((c) => (Array.isArray(c[1])
        ? h('optgroup', { label: c[0] }, c[1].map(option))
        : option(c))));
      select.value = state.filters[f.key] ?? '';
      selects.set(f.key, select);
      return h('label', { class: 'leads-filter', hidden: f.key in fixed }, t(`leads.filter.${f.key}`), select);
    }), h('label', { class: 'leads-filter leads-find' }, t('leads.search'), search));
    search.placeholder = t('leads.searchHint');
  }

  let typing = 0;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      if (search.value === state.text) return;
      state.text = search.value;
      reset(true);
    }, DEBOUNCE_MS);
  });

  exportButton.addEventListener('click', async () => {
    exportButton.disabled = true;
    exportButton.textContent = t('leads.exporting');
    try {
      const { blob } = await request('exportScored');
      download(blob, 'scored-leads.csv');
    } catch (err) {
      state.error = t('leads.exportFailed', { message: err.message });
      update();
    } finally {
      exportButton.disabled = false;
      exportButton.textContent = t('leads.export');
    }
  });

  function paint() {
    paintHeader();
    paintFilters();
    exportButton.textContent = t('leads.export');
    scroller.setAttribute('aria-label', t('leads.table'));
    for (const el of rowsByPos.values()) el.remove();
    rowsByPos.clear();
    update();
  }
  onLangChange(paint);
  paint();
  reset(false);

  let refreshing = 0;
  return {
    /**
     * The results changed: fetch the rows again, keeping the scroll position. A slider drag
     * changes them many times a second; only the last change is fetched.
     */
    refresh() {
      clearTimeout(refreshing);
      refreshing = setTimeout(() => reset(false), REFRESH_MS);
    },
  };
}
