// The page: wires the panels to the engine worker. It holds the agreement being edited (in the
// store, with undo and redo), keeps it in the browser and in links, and renders what the engine
// returns; it computes no figure itself.
import { EngineClient } from './client.js';
import { AgreementStore } from './store.js';
import { t, lang, setLang, onLangChange, num } from './i18n.js';
import { applyI18n } from './ui/page-strings.js';
import * as saved from './saved.js';
import { renderTiles } from './ui/tiles.js';
import { renderFunnel } from './ui/funnel.js';
import { renderMatrix } from './ui/matrix.js';
import { renderDistribution, dragLines } from './ui/distribution.js';
import { renderThresholds } from './ui/thresholds.js';
import { showSource, renderColumns, renderDiagnostics, showMessage, showProgress, renderActivities } from './ui/data.js';
import { renderExplanation, leadLabel } from './ui/explain.js';
import { renderWhatIf } from './ui/whatif.js';
import { renderLifecycle, lifecycleLine } from './ui/lifecycle.js';
import { renderGoals } from './ui/goals.js';
import { renderKpis, renderReview, monthBounds } from './ui/kpis.js';
import { mountHistory } from './ui/history.js';
import { mountEditor } from './ui/editor.js';
import { mountTabs } from './ui/tabs.js';
import { download, chartSvg } from './ui/export.js';
import { renderSla } from './ui/sla.js';
import { mountLeads } from './ui/leads.js';
import { renderLead } from './ui/lead.js';
import { mountLearn } from './ui/learn.js';
import { h, fill } from './ui/dom.js';
import { count, ms, bytes } from './format.js';

/** The built-in sample: size and seed (the CLI's `accord sample` defaults are the same). */
const SAMPLE = { rows: 5000, seed: 42 };
const SAMPLE_SIZES = [5000, 100000, 1000000];
const GUIDE_KEY = 'accord.guide.dismissed';

const $ = (id) => document.getElementById(id);
const q = (sel) => document.querySelector(sel);
const ui = {
  status: $('status'),
  notice: $('notice'),
  source: q('[data-testid="data-source"]'),
  format: q('[data-testid="data-format"]'),
  file: $('file'),
  drop: $('drop'),
  progress: $('progress'),
  progressBar: $('progress-bar'),
  progressText: $('progress-text'),
  cancel: $('cancel-load'),
  sheetBox: $('sheet-box'),
  sheet: $('sheet'),
  problemKinds: $('problem-kinds'),
  eventsFile: $('events-file'),
  activities: $('activities-summary'),
  paste: $('paste'),
  loadPaste: $('load-paste'),
  useSample: $('use-sample'),
  message: $('data-message'),
  columns: $('columns'),
  columnCount: q('[data-testid="column-count"]'),
  diagBox: $('diagnostics-box'),
  diagSummary: q('[data-testid="diagnostics-summary"]'),
  diagList: $('diagnostics'),
  editor: $('agreement-editor'),
  agreementName: q('[data-testid="agreement-name"]'),
  thresholds: $('thresholds'),
  tiles: $('tiles'),
  funnel: $('funnel'),
  warnings: $('warnings'),
  matrix: $('matrix'),
  matrixNote: $('matrix-note'),
  distFit: $('dist-fit'),
  distInterest: $('dist-interest'),
  version: $('version'),
  pin: $('pin'),
  whatIf: $('whatif-body'),
  explainRow: $('explain-row'),
  explainPrev: $('explain-prev'),
  explainNext: $('explain-next'),
  explain: $('explain-body'),
  lifecycle: $('lifecycle-body'),
  goals: $('goals-body'),
  kpis: $('kpis-body'),
  reviewA: $('review-a'),
  reviewB: $('review-b'),
  review: $('review-body'),
  handoffExport: $('handoff-export'),
  undo: $('undo'),
  redo: $('redo'),
  download: $('download-agreement'),
  upload: $('upload-agreement'),
  share: $('share'),
  shareDialog: $('share-dialog'),
  shareLink: $('share-link'),
  shareCopy: $('share-copy'),
  shareCopied: $('share-copied'),
  lang: $('lang'),
  guide: $('guide'),
  guideClose: $('guide-close'),
  printSla: $('print-sla'),
  sla: $('sla-body'),
  slaView: $('view-sla'),
};

const state = {
  // What is loaded, so a restarted engine can be given it again.
  data: null, // { kind: 'sample' } | { kind: 'csv', text, label } | { kind: 'file', file, sheet }
  loading: null, // the id of the file load in progress
  eventsName: null, // the activities file joined, if any
  pinned: false,
  leads: 0,
  results: null, // the engine's last results
  summary: null, // the last load summary
  label: null, // what the data is called
  accepted: null, // the last agreement the engine took (given back to a restarted engine)
  lifecycle: null, // the last { lifecycle, goals, kpis }
  view: 'view-leads', // the view open under the results
  stale: new Set(), // what a hidden view must refresh when it opens
};

const engine = new EngineClient({ onRestart: (info) => restore(info) });
// The page tests reach the engine through this (set before the page boots); nothing else does.
if (globalThis.accordTest) globalThis.accordTest.engine = engine;
let store = null;

function setStatus(text) {
  ui.status.textContent = text;
}

/**
 * A message at the top of the page (kept until the next one or until dismissed). `undo`: an
 * Undo button for what was just done, `{ kind: 'agreement', step, run }` (the store's step it
 * takes back) or `{ kind: 'data', run, keys }` (`keys`: Ctrl/Cmd+Z takes it back too).
 */
let offered = null; // the notice's Undo: { text, kind, undo } while it is shown
function notice(text, kind = 'warning', { undo = null } = {}) {
  offered = text && undo ? { text, kind, undo } : null;
  ui.notice.hidden = !text;
  ui.notice.className = `notice ${kind}`;
  fill(ui.notice, text ? [h('span', { text }),
    undo ? h('button', { type: 'button', class: 'notice-undo', 'data-testid': 'notice-undo', text: t('notice.undo'), on: { click: () => undo.run() } }) : null,
    h('button', { type: 'button', class: 'link', 'aria-label': t('close'), text: '×', on: { click: () => notice(null) } })] : []);
}

/** Say what was just done to the agreement, with an Undo that takes back that step only. */
function offerUndo(text) {
  const step = store.undoTop();
  if (!step) {
    notice(text, 'info');
    return;
  }
  notice(text, 'info', { undo: { kind: 'agreement', step, run: () => { if (store.undoTop() === step) store.undo(); } } });
}

/**
 * The agreement changed: a notice's Undo for an earlier step is withdrawn (it would take back
 * a later change), or says it was done; a data Undo stays, but Ctrl/Cmd+Z is the agreement's again.
 */
function undoFollows(info, before) {
  if (info.notice) {
    offerUndo(info.notice);
    return;
  }
  if (!offered) return;
  if (offered.undo.kind === 'data') {
    offered.undo.keys = false;
    return;
  }
  if (store.undoTop() === offered.undo.step) return;
  if (info.kind === 'undo' && before === offered.undo.step) notice(t('notice.undone', { what: info.label }), 'info');
  else notice(offered.text, offered.kind);
}

function renderResults(r) {
  state.results = r;
  renderActivities(ui.activities, state.eventsName, r.activities);
  renderTiles(ui.tiles, r);
  renderFunnel(ui.funnel, r, state.lifecycle?.kpis ?? null);
  renderMatrix(ui.matrix, ui.matrixNote, r);
  renderDistributions(r);
  ui.warnings.hidden = r.warnings.length === 0;
  fill(ui.warnings, r.warnings.map((w) => h('p', { text: w })));
  document.body.dataset.leads = String(r.leads);
  state.leads = r.leads;
  ui.explainRow.max = String(Math.max(1, r.leads));
  explainCurrent();
  refreshLifecycle();
  refreshSla();
  refreshLeads();
  refreshLearn();
}

// Learning from outcomes measures every lead against its outcome: refreshed once things
// settle, while its view is open (and when it opens).
let learnView = null;
let learnTimer = null;
function refreshLearn() {
  clearTimeout(learnTimer);
  if (state.view !== 'view-learn') {
    state.stale.add('view-learn');
    return;
  }
  state.stale.delete('view-learn');
  learnView ??= mountLearn($('learn-root'), {
    // A request with progress (the fit) goes through start(); the others through request().
    request: (type, args, onProgress) => (onProgress ? engine.start(type, args, onProgress).done : engine.request(type, args)),
    applyLines: (p) => store.change((d) => {
      const th = d.qualification.thresholds;
      if (p.combined !== null && p.combined !== undefined) th.combined.mql = p.combined;
      else {
        th.mql.fit = p.fit;
        th.mql.interest = p.interest;
      }
    }, t('learn.appliedLines'), { notice: t('undo.lines') }),
    applyAgreement: (json, label) => adopt(json, label, { undoText: t('undo.weights') }).catch((err) => notice(err.message, 'error')),
    columns: () => state.summary?.columns ?? [],
    agreement: () => store.get(),
    setOutcome: (column, won, lost) => store.change((d) => {
      d.mapping = d.mapping ?? {};
      d.mapping.outcome = column;
      if (won.length || lost.length) d.outcome = { won, lost };
      else delete d.outcome;
    }, t('learn.outcomeSet', { column: column || t('learn.outcomeNone') })),
  });
  learnTimer = setTimeout(() => learnView.refresh(), 300);
}

// The leads table and the handoff queue (the same table with fixed filters), mounted after the
// first results; a lead opens in a dialog.
let leadViews = null;
function refreshLeads() {
  if (leadViews) {
    // A hidden table is refreshed when its view opens (the queue's SLA filter costs a pass
    // over every lead).
    for (const v of leadViews) {
      if (v.view === state.view) v.table.refresh();
      else state.stale.add(v.view);
    }
    return;
  }
  const dialog = $('lead-dialog');
  const onOpen = async (row) => {
    try {
      renderLead($('lead-body'), await engine.request('leadRecord', { row }));
      $('lead-title').textContent = t('lead.title', { n: num(row + 1) });
      if (!dialog.open) dialog.showModal();
    } catch (err) {
      notice(err.message, 'error');
    }
  };
  const request = (type, args) => engine.request(type, args);
  leadViews = [
    { view: 'view-leads', table: mountLeads($('leads-root'), { request, onOpen }) },
    { view: 'view-followup', table: mountLeads($('queue-root'), { request, onOpen, fixed: { sla: ['overdue', 'pending'] } }) },
  ];
}

// The SLA document is a pass over every lead: written once things settle, and only while its
// view is shown (it is written when the view opens).
let slaTimer = null;
let slaSeq = 0;
function refreshSla() {
  clearTimeout(slaTimer);
  if (ui.slaView.hidden) return;
  slaTimer = setTimeout(async () => {
    const seq = ++slaSeq;
    try {
      const { doc } = await engine.request('sla', { lang: lang() });
      if (seq === slaSeq) renderSla(ui.sla, doc);
    } catch (err) {
      if (seq === slaSeq) fill(ui.sla, h('p', { class: 'hint', text: err.message }));
    }
  }, 300);
}

function renderDistributions(r) {
  const th = r.thresholds;
  const combined = th.mode === 'combined';
  renderDistribution(ui.distFit, t('axis.fit'), r.distribution.fit, combined ? null : th.mql.fit, combined ? null : th.sql.fit);
  renderDistribution(ui.distInterest, t('axis.interest'), r.distribution.interest, combined ? null : th.mql.interest, combined ? null : th.sql.interest);
}

// Two months side by side, when both are chosen.
async function refreshReview() {
  const [a, b] = [ui.reviewA.value, ui.reviewB.value];
  if (!a || !b) {
    fill(ui.review);
    return;
  }
  try {
    const [as, ae] = monthBounds(a);
    const [bs, be] = monthBounds(b);
    const { review } = await engine.request('review', { aStart: as, aEnd: ae, bStart: bs, bEnd: be });
    renderReview(ui.review, review, [a, b]);
  } catch (err) {
    fill(ui.review, h('p', { class: 'hint', text: err.message }));
  }
}

// The lifecycle is a pass over every lead (seconds at a million): it is refreshed once things
// settle, not per slider step, and only while a view that shows it is open — the funnel's
// opportunities and wins come from the export and do not move with the agreement.
const LIFECYCLE_VIEWS = new Set(['view-followup', 'view-goals', 'view-kpis']);
const LIFECYCLE_EAGER_MAX = 200_000;
let lifecycleTimer = null;
function refreshLifecycle() {
  clearTimeout(lifecycleTimer);
  // With no view of it open, it runs once per data load for the funnel's export figures — and
  // not at all on big data (seconds of a busy engine after a load), until such a view opens.
  if (!LIFECYCLE_VIEWS.has(state.view) && (state.lifecycle || state.leads > LIFECYCLE_EAGER_MAX)) {
    state.stale.add('lifecycle');
    return;
  }
  state.stale.delete('lifecycle');
  lifecycleTimer = setTimeout(async () => {
    try {
      const value = await engine.request('lifecycle');
      state.lifecycle = value;
      renderLifecycleViews();
    } catch (err) {
      fill(ui.lifecycle, h('p', { class: 'hint', text: err.message }));
    }
  }, state.leads > 200_000 ? 800 : 250);
}

/** New data is on its way: work planned for the current data would run on the new, unasked. */
function dataComing() {
  clearTimeout(lifecycleTimer);
  clearTimeout(slaTimer);
  clearTimeout(learnTimer);
}

/** A view was opened: bring what it shows up to date. */
function viewShown(view) {
  state.view = view;
  if (view === 'view-sla') refreshSla();
  if (view === 'view-learn' && state.stale.has('view-learn')) refreshLearn();
  if (LIFECYCLE_VIEWS.has(view) && state.stale.has('lifecycle')) refreshLifecycle();
  for (const v of leadViews ?? []) {
    if (v.view === view && state.stale.delete(view)) v.table.refresh();
  }
}

function renderLifecycleViews() {
  const v = state.lifecycle;
  if (!v) return;
  renderLifecycle(ui.lifecycle, v.lifecycle);
  renderKpis(ui.kpis, v.kpis);
  if (state.results) renderFunnel(ui.funnel, state.results, v.kpis);
  refreshReview();
  renderGoals(ui.goals, v.goals, store.get().goals?.currency);
  document.body.dataset.settled = String(Date.now());
}

// The lead shown in "Why this score?", refreshed whenever the results change.
let explainSeq = 0;
async function explainCurrent() {
  const n = Math.min(Math.max(1, Math.round(Number(ui.explainRow.value) || 1)), Math.max(1, state.leads));
  ui.explainRow.value = String(n);
  const seq = ++explainSeq;
  try {
    const { explanation, lifecycle } = await engine.request('explain', { row: n - 1 });
    if (seq === explainSeq) {
      renderExplanation(ui.explain, explanation, leadLabel(explanation));
      const line = lifecycleLine(lifecycle);
      if (line) ui.explain.insertBefore(line, ui.explain.children[1] ?? null);
    }
  } catch (err) {
    if (seq === explainSeq) fill(ui.explain, h('p', { class: 'hint', text: err.message }));
  }
}

function showWhatIf(w) {
  if (state.pinned) renderWhatIf(ui.whatIf, w);
}

function pinLabel() {
  ui.pin.textContent = state.pinned ? t('whatif.unpin') : t('whatif.pin');
}

// The quick threshold sliders under the distributions edit the store like the editor does.
function drawThresholds() {
  renderThresholds(ui.thresholds, store.get().qualification.thresholds, (line, axis, value) => {
    store.change((d) => {
      const th = d.qualification.thresholds;
      if (line === 'combined') {
        if (axis === 'weights') th.combined.weights = value;
        else th.combined[axis] = value;
      } else {
        th[line][axis] = value;
      }
    }, t('change.line', { line: line.toUpperCase(), axis: t(`axis.${axis}`) }),
    // A weight is not a line: the editor redraws its forms for it ('weights'); lines it syncs.
    { source: axis === 'weights' ? 'weights' : 'thresholds', coalesce: `th.${line}.${axis}` });
  });
}

function renderLoad(label, summary, results) {
  // New data: the engine dropped any pin (its scores were for other leads).
  state.pinned = false;
  state.summary = summary;
  state.label = label;
  // The lifecycle of the old data must not stand in for the new one's.
  state.lifecycle = null;
  // The field pickers offer the new file's headers.
  editor?.render();
  pinLabel();
  fill(ui.whatIf);
  renderDataPanel();
  const sheets = summary.format.sheets;
  ui.sheetBox.hidden = sheets.length < 2;
  fill(ui.sheet, sheets.map((name) => h('option', { value: name, text: name, selected: name === summary.format.sheet })));
  renderResults(results);
}

function renderDataPanel() {
  const summary = state.summary;
  if (!summary) return;
  showSource(ui.source, ui.format, state.label, summary);
  renderColumns(ui.columns, ui.columnCount, summary, engine.fields, mapColumn);
  renderDiagnostics(ui.diagBox, ui.diagSummary, ui.problemKinds, ui.diagList, summary);
}

// The agreement's mapping decides which field each column feeds: redraw when that changed.
function updateColumns(columns) {
  if (!columns || !state.summary) return;
  if (JSON.stringify(columns) === JSON.stringify(state.summary.columns)) return;
  state.summary = { ...state.summary, columns };
  renderDataPanel();
}

// A column given to another field (or to none): the agreement's mapping says so, and the engine
// maps again. `field` '' means the column feeds nothing.
function mapColumn(header, field, previous) {
  store.change((d) => {
    d.mapping = d.mapping ?? {};
    if (previous && previous !== field) d.mapping[previous] = '';
    if (field) d.mapping[field] = header;
  }, t('change.mapping', { column: header, field: field || t('mapping.none') }), { source: 'mapping' });
}

function loadedMessage(summary) {
  return summary.skippedRows ? t('data.skipped', { n: count(summary.skippedRows) }) : null;
}

// An activities file, joined to the loaded leads.
async function loadActivities(file) {
  showMessage(ui.message, null);
  setStatus(t('status.reading', { name: file.name }));
  const { id, done } = engine.start('loadFile', { file, target: 'activities' }, (p) =>
    showProgress(ui.progress, ui.progressBar, ui.progressText, p));
  state.loading = id;
  try {
    const { results, elapsedMs } = await done;
    state.eventsName = file.name;
    renderResults(results);
    // Activity rules offer the new file's event types.
    editor?.render();
    setStatus(t('status.joined', { name: file.name, ms: ms(elapsedMs) }));
  } catch (err) {
    showMessage(ui.message, `${file.name}: ${err.message}`, err.cancelled ? 'warning' : 'error');
    setStatus(t('status.ready'));
  } finally {
    if (state.loading === id) {
      state.loading = null;
      showProgress(ui.progress, ui.progressBar, ui.progressText, null);
    }
  }
}

// A file, streamed through the worker in chunks with progress; Cancel keeps the previous data.
async function loadFile(file, sheet) {
  dataComing();
  if (state.loading !== null) engine.cancel(state.loading);
  showMessage(ui.message, null);
  setStatus(t('status.reading', { name: file.name }));
  const { id, done } = engine.start('loadFile', { file, sheet }, (p) =>
    showProgress(ui.progress, ui.progressBar, ui.progressText, p));
  state.loading = id;
  showProgress(ui.progress, ui.progressBar, ui.progressText, { done: 0, total: file.size, rows: 0 });
  try {
    const { summary, results, elapsedMs } = await done;
    const previous = { data: state.data, label: state.label };
    state.data = { kind: 'file', file, sheet };
    renderLoad(file.name, summary, results);
    showMessage(ui.message, loadedMessage(summary), 'warning');
    setStatus(t('status.scored', { n: count(summary.rows), ms: ms(elapsedMs) }));
    dataReplaced(previous);
  } catch (err) {
    const why = err.code === 'tooLarge' ? t('data.tooLarge', { name: file.name, size: bytes(err.size), limit: bytes(err.limit) }) : `${file.name}: ${err.message}`;
    showMessage(ui.message, err.cancelled ? err.message : `${why} ${t('data.kept')}`,
      err.cancelled ? 'warning' : 'error');
    setStatus(t('status.ready'));
    // The previous data stays: what was put off for the load is due again.
    refreshLifecycle();
    refreshSla();
  } finally {
    if (state.loading === id) {
      state.loading = null;
      showProgress(ui.progress, ui.progressBar, ui.progressText, null);
    }
  }
}

// Whether the engine took the last agreement sent, and how many answers came: readers (and
// tests) can tell that an edit was judged.
let answers = 0;
function answered(verdict) {
  document.body.dataset.agreement = verdict;
  document.body.dataset.agreementAnswers = String(++answers);
}

// Edits arrive faster than the engine answers: keep one request in flight and only the latest
// agreement waiting behind it. What the engine accepts is autosaved.
let inflight = false;
let queued = false;
async function pushAgreement() {
  if (inflight) {
    queued = true;
    return;
  }
  inflight = true;
  document.body.dataset.agreementBusy = 'true';
  const agreement = store.get();
  try {
    const { results, elapsedMs, whatIf, columns } = await engine.request('setAgreement', { json: JSON.stringify(agreement) });
    editor.showErrors([]);
    state.accepted = agreement;
    answered('accepted');
    updateColumns(columns);
    renderResults(results);
    showWhatIf(whatIf);
    setStatus(t('status.updated', { n: count(results.leads), ms: ms(elapsedMs) }));
    if (!saved.save(agreement)) notice(t('save.failed'));
  } catch (err) {
    // The engine keeps its previous agreement; the editor shows where this one went wrong
    // (unless the engine was stopped: restore() says why).
    editor.showErrors(err.fatal || err.restarted || err.code === 'timeout' ? [] : agreementErrors(err.message));
    answered('rejected');
  } finally {
    inflight = false;
    if (queued) {
      queued = false;
      pushAgreement();
    } else {
      delete document.body.dataset.agreementBusy;
    }
  }
}

/**
 * The engine's agreement errors, one a line, each "path: message" (crate/agreement/mod.rs
 * AgreementError); a line without a path is shown as it is.
 */
function agreementErrors(message) {
  return String(message).split('\n').filter((l) => l.trim() !== '').map((line) => {
    const i = line.indexOf(': ');
    const path = i > 0 ? line.slice(0, i) : '';
    if (path === '(root)') return { path: null, message: line.slice(i + 2) };
    if (AGREEMENT_KEYS.test(path)) return { path, message: line.slice(i + 2) };
    return { path: null, message: line };
  });
}
/** The agreement's top-level keys: an error line that starts with one names its path. */
const AGREEMENT_KEYS = /^(version|name|locale|as_of|goals|definitions|mapping|qualification|handoff|nurture|follow_up|kpis)(\.|\[|$)/;

let editor = null;

/**
 * Adopt a whole agreement from outside (saved state, a link, an upload, a version, a preset):
 * the engine checks (and migrates) it first; only then does it replace the current one, as an
 * undoable step. Throws the engine's message when it is refused (the current one stays).
 */
async function adopt(agreement, label, { undoText = null } = {}) {
  const value = await engine.request('adopt', { json: typeof agreement === 'string' ? agreement : JSON.stringify(agreement) });
  store.replace(JSON.parse(value.agreement), label, { source: 'adopt' });
  state.accepted = store.get();
  updateColumns(value.columns);
  renderResults(value.results);
  showWhatIf(value.whatIf);
  const migrated = value.notes.length ? t('agreement.migrated', { notes: value.notes.join(' ') }) : null;
  if (undoText) offerUndo(migrated ? `${undoText} ${migrated}` : undoText);
  else if (migrated) notice(migrated);
  saved.save(store.get());
  return value;
}

// Replacing the data (a file, a paste, the sample over what is loaded) can be undone: the
// previous data's source (the File, the pasted text, or the sample's size) is kept by the
// notice's Undo — not its table — and loaded again. `undoingData`: the load in progress is that
// Undo (it offers no Undo of its own).
let undoingData = false;
function sameSource(a, b) {
  if (!a || !b || a.kind !== b.kind) return false;
  if (a.kind === 'sample') return a.rows === b.rows;
  if (a.kind === 'csv') return a.text === b.text;
  return a.file === b.file; // another sheet of the same workbook is chosen in its own list
}

function dataReplaced(previous) {
  if (undoingData || !previous.data || sameSource(previous.data, state.data)) return;
  const run = async () => {
    const p = previous.data;
    notice(t('data.undoing', { label: previous.label }), 'info');
    undoingData = true;
    try {
      if (p.kind === 'sample') await loadSample(p.rows);
      else if (p.kind === 'csv') await loadPasted(p.text, p.label);
      else await loadFile(p.file, p.sheet);
    } catch (err) {
      showMessage(ui.message, err.message);
    } finally {
      undoingData = false;
    }
    // A load that failed says why in the data panel, and the data now loaded stays.
    notice(sameSource(state.data, p) ? t('data.putBack', { label: previous.label }) : null, 'info');
  };
  notice(t('data.replaced', { label: state.label, previous: previous.label }), 'info', { undo: { kind: 'data', keys: true, run } });
}

async function loadSample(rows = SAMPLE.rows) {
  dataComing();
  setStatus(t('status.sample'));
  const { summary, results, elapsedMs } = await engine.request('loadSample', { rows, seed: SAMPLE.seed });
  const previous = { data: state.data, label: state.label };
  state.data = { kind: 'sample', rows };
  renderLoad(t('data.sampleLabel'), summary, results);
  showMessage(ui.message, null);
  setStatus(t('status.scored', { n: count(summary.rows), ms: ms(elapsedMs) }));
  dataReplaced(previous);
}

async function loadPasted(text = ui.paste.value, label = t('data.pastedLabel')) {
  dataComing();
  setStatus(t('status.pasted'));
  try {
    const { summary, results, elapsedMs } = await engine.request('loadCsv', { text });
    const previous = { data: state.data, label: state.label };
    state.data = { kind: 'csv', text, label };
    renderLoad(label, summary, results);
    showMessage(ui.message, loadedMessage(summary), 'warning');
    setStatus(t('status.scored', { n: count(summary.rows), ms: ms(elapsedMs) }));
    dataReplaced(previous);
  } catch (err) {
    // The previous data stays loaded; say why this text was not taken.
    showMessage(ui.message, `${err.message} ${t('data.kept')}`);
    setStatus(t('status.ready'));
    refreshLifecycle();
    refreshSla();
  }
}

// After an engine crash or a stop by the watchdog: give the fresh engine the agreement and data
// the engine last took. An agreement it never took (the one it stopped on) leaves the editor
// too, as an undoable step. If the engine stops again while it is given the data back, the data
// is what stops it: the sample is loaded instead.
async function restore({ reason, operation, seconds, duringRestore } = {}) {
  const kept = state.accepted ?? store.get();
  if (JSON.stringify(kept) !== JSON.stringify(store.get())) store.replace(kept, t('engine.reverted'), { source: 'adopt' });
  if (duringRestore) state.data = null;
  const key = `engine.op.${operation}`;
  const what = t(key) === key ? t('engine.op.other') : t(key);
  const why = reason === 'timeout' ? t('engine.timeout', { what, s: seconds }) : t('engine.crashed', { what });
  notice(`${why} ${duringRestore ? t('engine.dataDropped') : t('engine.restarted')}`, 'error');
  try {
    await engine.request('setAgreement', { json: JSON.stringify(kept) });
    if (state.data?.kind === 'csv') {
      const { summary, results } = await engine.request('loadCsv', { text: state.data.text });
      renderLoad(state.data.label, summary, results);
    } else if (state.data?.kind === 'file') {
      await loadFile(state.data.file, state.data.sheet);
    } else {
      await loadSample(state.data?.rows);
    }
    document.body.dataset.restarts = String(Number(document.body.dataset.restarts ?? 0) + 1);
  } catch (err) {
    showMessage(ui.message, t('engine.restartFailed', { message: err.message }));
  }
}

function refreshUndo() {
  ui.undo.disabled = !store.canUndo();
  ui.redo.disabled = !store.canRedo();
  ui.undo.title = store.canUndo() ? t('tools.undoWhat', { what: store.undoLabel() }) : t('tools.undo');
  ui.redo.title = store.canRedo() ? t('tools.redoWhat', { what: store.redoLabel() }) : t('tools.redo');
  ui.agreementName.textContent = store.get().name ?? '';
}

// The saved agreement first, then a share link on top of it (undo goes back to the saved one).
async function startAgreement() {
  const s = saved.loadSaved();
  if (s?.unreadable) {
    saved.setAside(s.raw, s.unreadable);
    notice(t('save.unreadable', { reason: s.unreadable }));
  } else if (s?.agreement) {
    try {
      const value = await engine.request('adopt', { json: JSON.stringify(s.agreement) });
      store.replace(JSON.parse(value.agreement), t('save.restored'), { source: 'adopt', undoable: false });
      state.accepted = store.get();
      // Written by an older version: the engine migrated it; what was stored is kept as it was
      // until the next autosave writes the migrated one, and a copy of it for good.
      if (value.notes.length) {
        saved.keepBeforeMigration();
        notice(t('save.migrated', { notes: value.notes.join(' ') }), 'info');
      }
    } catch (err) {
      saved.setAside(s.raw, err.message);
      notice(t('save.refused', { reason: err.message }));
    }
  }
  await applyLink();
}

async function applyLink() {
  if (!saved.hasLink(location.hash)) return;
  try {
    const agreement = await saved.decodeLink(location.hash);
    await adopt(agreement, t('share.adopted'), { undoText: t('share.loaded') });
  } catch (err) {
    notice(t('share.bad', { reason: err.message }), 'error');
  } finally {
    // The link has been read: reloading the page must not apply it again over later edits.
    history.replaceState(null, '', location.pathname + location.search);
  }
}

async function openShare() {
  const fragment = await saved.encodeLink(store.get());
  ui.shareLink.value = `${location.origin}${location.pathname}${location.search}#${fragment}`;
  ui.shareCopied.textContent = t('share.size', { n: count(ui.shareLink.value.length) });
  ui.shareDialog.showModal();
  ui.shareLink.select();
}

function downloadAgreement() {
  const a = store.get();
  const slug = String(a.name ?? 'agreement').toLowerCase().normalize('NFKD').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '') || 'agreement';
  download(new Blob([`${JSON.stringify(a, null, 2)}\n`], { type: 'application/json' }), `accord-${slug}.json`);
}

async function uploadAgreement(file) {
  let text;
  try {
    text = await file.text();
    JSON.parse(text);
  } catch (err) {
    notice(t('upload.notJson', { name: file.name, reason: err.message }), 'error');
    return;
  }
  try {
    await adopt(text, t('upload.label', { name: file.name }), { undoText: t('upload.done', { name: file.name }) });
  } catch (err) {
    notice(t('upload.refused', { name: file.name, reason: err.message }), 'error');
  }
}

/** The page's fixed words in the current language, and numbers in its format. */
function translatePage() {
  applyI18n(document);
  for (const o of $('sample-size').options) o.textContent = num(Number(o.value));
}

function renderAll() {
  translatePage();
  pinLabel();
  refreshUndo();
  drawThresholds();
  renderDataPanel();
  if (state.results) renderResults(state.results);
  renderLifecycleViews();
  refreshSla();
  learnView?.render();
  editor?.render?.();
}

function wireGuide() {
  let dismissed = false;
  try {
    dismissed = localStorage.getItem(GUIDE_KEY) === '1';
  } catch {
    dismissed = false;
  }
  ui.guide.hidden = dismissed;
  ui.guideClose.addEventListener('click', () => {
    ui.guide.hidden = true;
    try {
      localStorage.setItem(GUIDE_KEY, '1');
    } catch {
      // Shown again next time; no harm.
    }
  });
}

function wireShortcuts() {
  document.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    // Text fields keep their own undo.
    const el = e.target;
    if (el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && ['text', 'search', 'email', 'url'].includes(el.type))) return;
    const key = e.key.toLowerCase();
    if (key === 'z' && !e.shiftKey) {
      e.preventDefault();
      // Right after data was replaced, the keyboard's Undo takes that back.
      if (offered?.undo.kind === 'data' && offered.undo.keys) offered.undo.run();
      else store.undo();
    } else if ((key === 'z' && e.shiftKey) || key === 'y') {
      e.preventDefault();
      store.redo();
    }
  });
}

function wireData() {
  ui.loadPaste.addEventListener('click', () => loadPasted());
  ui.file.addEventListener('change', () => {
    const file = ui.file.files?.[0];
    if (file) loadFile(file, null);
    ui.file.value = '';
  });
  ui.eventsFile.addEventListener('change', () => {
    const file = ui.eventsFile.files?.[0];
    if (file) loadActivities(file);
    ui.eventsFile.value = '';
  });
  ui.cancel.addEventListener('click', () => {
    if (state.loading !== null) engine.cancel(state.loading);
  });
  ui.sheet.addEventListener('change', () => {
    if (state.data?.kind === 'file') loadFile(state.data.file, ui.sheet.value);
  });
  // Drop anywhere on the page; the drop zone shows it is welcome.
  for (const ev of ['dragenter', 'dragover']) {
    document.addEventListener(ev, (e) => {
      if (!e.dataTransfer?.types?.includes('Files')) return;
      e.preventDefault();
      ui.drop.classList.add('over');
    });
  }
  document.addEventListener('dragleave', (e) => {
    if (e.target === document.documentElement || e.target === ui.drop) ui.drop.classList.remove('over');
  });
  document.addEventListener('drop', (e) => {
    ui.drop.classList.remove('over');
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    e.preventDefault();
    loadFile(file, null);
  });
  const size = $('sample-size');
  const rows = () => (SAMPLE_SIZES.includes(Number(size.value)) ? Number(size.value) : SAMPLE.rows);
  ui.useSample.addEventListener('click', () => loadSample(rows()).catch((e) => showMessage(ui.message, e.message)));

}

function wireResults() {
  ui.pin.addEventListener('click', async () => {
    if (state.pinned) {
      await engine.request('unpin');
      state.pinned = false;
      pinLabel();
      fill(ui.whatIf);
      return;
    }
    const { whatIf } = await engine.request('pin');
    state.pinned = true;
    pinLabel();
    renderWhatIf(ui.whatIf, whatIf);
  });
  ui.explainRow.addEventListener('change', explainCurrent);
  ui.explainPrev.addEventListener('click', () => {
    ui.explainRow.value = String(Number(ui.explainRow.value) - 1);
    explainCurrent();
  });
  ui.explainNext.addEventListener('click', () => {
    ui.explainRow.value = String(Number(ui.explainRow.value) + 1);
    explainCurrent();
  });
  ui.reviewA.addEventListener('change', refreshReview);
  ui.reviewB.addEventListener('change', refreshReview);
  ui.handoffExport.addEventListener('click', async () => {
    const { csv } = await engine.request('handoffCsv');
    download(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }), 'handoff-sheet.csv');
  });
  // Drag a line on a distribution: the same change as its slider.
  for (const [el, axis] of [[ui.distFit, 'fit'], [ui.distInterest, 'interest']]) {
    dragLines(el, (line, value, done) => {
      store.change((d) => { d.qualification.thresholds[line][axis] = value; },
        t('change.line', { line: line.toUpperCase(), axis: t(`axis.${axis}`) }), { source: 'drag', coalesce: `th.${line}.${axis}` });
      if (done) drawThresholds();
    });
  }
  for (const button of document.querySelectorAll('[data-chart]')) {
    button.addEventListener('click', () => {
      const which = button.dataset.chart;
      const svg = chartSvg(which === 'matrix' ? ui.matrix : [ui.distFit, ui.distInterest], which);
      download(new Blob([svg], { type: 'image/svg+xml' }), `accord-${which}.svg`);
    });
  }
  ui.printSla.addEventListener('click', () => window.print());
}

function wireAgreementTools() {
  ui.undo.addEventListener('click', () => store.undo());
  ui.redo.addEventListener('click', () => store.redo());
  ui.download.addEventListener('click', downloadAgreement);
  ui.upload.addEventListener('change', () => {
    const file = ui.upload.files?.[0];
    if (file) uploadAgreement(file);
    ui.upload.value = '';
  });
  ui.share.addEventListener('click', () => openShare().catch((err) => notice(err.message, 'error')));
  ui.shareCopy.addEventListener('click', async () => {
    ui.shareLink.select();
    try {
      await navigator.clipboard.writeText(ui.shareLink.value);
      ui.shareCopied.textContent = t('share.copied');
    } catch {
      ui.shareCopied.textContent = t('share.copyByHand');
    }
  });
  window.addEventListener('hashchange', () => applyLink());
  mountHistory({
    dialog: $('history'),
    open: $('history-open'),
    store,
    adopt,
    diff: (a, b) => engine.request('diff', { a: JSON.stringify(a), b: JSON.stringify(b), lang: lang() }),
    notice,
  });
}

function mountAgreementEditor() {
  editor = mountEditor(ui.editor, store, {
    presets: engine.presets,
    loadPreset: async (id) => {
      const { json } = await engine.request('preset', { preset: id });
      return JSON.parse(json);
    },
    columns: () => (state.summary?.columns ?? []).map((c) => ({ header: c.name, field: c.field, confidence: c.confidence })),
    activityTypes: () => (state.results?.activities?.byType ?? []).map((x) => x.kind),
  });
}

// The page opened by <accord-workbench> (www/elements.js): `?agreement=URL` puts that agreement
// in force (undoable, like an upload), `?data=URL` loads that export instead of the sample
// (`data=sample` is the sample), both from this origin only; `?embed=1` leaves out the
// first-visit guide. What cannot be used is said in the notice, and the sample is shown rather
// than no data.
async function openFromQuery() {
  const params = new URLSearchParams(location.search);
  if (params.get('embed') === '1') ui.guide.hidden = true;
  const fetchHere = async (value) => {
    const url = new URL(value, location.href);
    if (url.origin !== location.origin) throw new Error(t('embed.otherOrigin'));
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
    return res;
  };
  const problems = [];
  const agreementUrl = params.get('agreement');
  if (agreementUrl) {
    try {
      await adopt(await (await fetchHere(agreementUrl)).text(), t('embed.agreement', { url: agreementUrl }));
    } catch (err) {
      problems.push(t('embed.agreementFailed', { url: agreementUrl, reason: err.message }));
    }
  }
  const dataUrl = params.get('data');
  if (dataUrl && dataUrl !== 'sample') {
    try {
      const res = await fetchHere(dataUrl);
      const name = decodeURIComponent(new URL(res.url).pathname.split('/').pop() || 'data');
      await loadFile(new File([await res.blob()], name), null);
      // loadFile says in the data panel why the engine refused it; the sample would clear that.
      if (state.data?.kind !== 'file') problems.push(t('embed.dataFailed', { url: dataUrl, reason: ui.message.textContent }));
    } catch (err) {
      problems.push(t('embed.dataFailed', { url: dataUrl, reason: err.message }));
    }
  }
  if (problems.length) notice(problems.join(' '), 'error');
  if (state.data?.kind !== 'file') await loadSample();
}

async function main() {
  try {
    await engine.ready();
  } catch (err) {
    setStatus(t('engine.failed', { message: err.message }));
    return;
  }
  document.documentElement.lang = lang();
  ui.lang.value = lang();
  translatePage();
  ui.version.textContent = t('foot.engine', { version: engine.version });
  store = new AgreementStore(JSON.parse(engine.defaultAgreement));
  await startAgreement();
  let before = store.undoTop();
  store.subscribe((agreement, info) => {
    undoFollows(info, before);
    before = store.undoTop();
    refreshUndo();
    if (!['thresholds', 'drag', 'weights'].includes(info.source)) drawThresholds();
    if (info.source !== 'adopt') pushAgreement();
  });
  refreshUndo();
  drawThresholds();
  mountAgreementEditor();
  mountTabs(q('[data-testid="tabs"]'), viewShown);
  wireGuide();
  wireShortcuts();
  wireData();
  wireResults();
  wireAgreementTools();
  ui.lang.addEventListener('change', () => setLang(ui.lang.value));
  onLangChange(() => {
    ui.lang.value = lang();
    ui.version.textContent = t('foot.engine', { version: engine.version });
    renderAll();
  });
  try {
    await openFromQuery();
    document.body.dataset.ready = 'true';
    // While the first screen is looked at, the engine rehearses a large file's load, so that
    // a person's first big file runs on optimised code (about a quarter faster for 22 MB).
    const warmUp = () => engine.request('warmUp').catch(() => {});
    if (typeof requestIdleCallback === 'function') requestIdleCallback(warmUp, { timeout: 2000 });
    else setTimeout(warmUp, 500);
  } catch (err) {
    setStatus(t('sample.failed', { message: err.message }));
  }
}

main();
