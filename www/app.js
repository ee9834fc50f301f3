// The page: wires the panels to the engine worker. It holds the agreement being edited and
// renders what the engine returns; it computes no figure itself.
import { EngineClient } from './client.js';
import { renderTiles } from './ui/tiles.js';
import { renderMatrix } from './ui/matrix.js';
import { renderDistribution } from './ui/distribution.js';
import { renderThresholds } from './ui/thresholds.js';
import { showSource, renderColumns, renderDiagnostics, showMessage, showProgress, renderActivities } from './ui/data.js';
import { renderExplanation, leadLabel } from './ui/explain.js';
import { renderWhatIf } from './ui/whatif.js';
import { renderLifecycle, lifecycleLine } from './ui/lifecycle.js';
import { renderGoals } from './ui/goals.js';
import { renderKpis, renderReview, monthBounds } from './ui/kpis.js';
import { h, fill } from './ui/dom.js';
import { mountLeads } from './ui/leads.js';
import { renderLead } from './ui/lead.js';
import { count, ms } from './format.js';

/** The built-in sample: size and seed (the CLI's `accord sample` defaults are the same). */
const SAMPLE = { rows: 5000, seed: 42 };

const $ = (id) => document.getElementById(id);
const ui = {
  status: $('status'),
  source: document.querySelector('[data-testid="data-source"]'),
  format: document.querySelector('[data-testid="data-format"]'),
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
  columnCount: document.querySelector('[data-testid="column-count"]'),
  diagBox: $('diagnostics-box'),
  diagSummary: document.querySelector('[data-testid="diagnostics-summary"]'),
  diagList: $('diagnostics'),
  thresholds: $('thresholds'),
  tiles: $('tiles'),
  warnings: $('warnings'),
  matrix: $('matrix'),
  matrixNote: $('matrix-note'),
  distFit: $('dist-fit'),
  distInterest: $('dist-interest'),
  version: $('version'),
  preset: $('preset'),
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
};

const state = {
  agreement: null,
  // What is loaded, so a restarted engine can be given it again.
  data: null, // { kind: 'sample' } | { kind: 'csv', text, label } | { kind: 'file', file, sheet }
  loading: null, // the id of the file load in progress
  eventsName: null, // the activities file joined, if any
  pinned: false,
  leads: 0,
};

const engine = new EngineClient({ onRestart: () => restore() });

function setStatus(text) {
  ui.status.textContent = text;
}

function renderResults(r) {
  renderActivities(ui.activities, state.eventsName, r.activities);
  renderTiles(ui.tiles, r);
  renderMatrix(ui.matrix, ui.matrixNote, r);
  const t = r.thresholds;
  renderDistribution(ui.distFit, 'Fit', r.distribution.fit, t.mql.fit, t.sql.fit);
  renderDistribution(ui.distInterest, 'Interest', r.distribution.interest, t.mql.interest, t.sql.interest);
  ui.warnings.hidden = r.warnings.length === 0;
  fill(ui.warnings, r.warnings.map((w) => h('p', { text: w })));
  document.body.dataset.leads = String(r.leads);
  state.leads = r.leads;
  ui.explainRow.max = String(Math.max(1, r.leads));
  explainCurrent();
  refreshLifecycle();
  refreshLeads();
}

// The leads table, mounted after the first results; a lead opens in a dialog.
let leadsView = null;
function refreshLeads() {
  if (leadsView) {
    leadsView.refresh();
    return;
  }
  const dialog = $('lead-dialog');
  $('lead-close').addEventListener('click', () => dialog.close());
  leadsView = mountLeads($('leads-root'), {
    request: (type, args) => engine.request(type, args),
    onOpen: async (row) => {
      try {
        renderLead($('lead-body'), await engine.request('leadRecord', { row }));
        if (!dialog.open) dialog.showModal();
      } catch (err) {
        showMessage(ui.message, err.message);
      }
    },
  });
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

// The lifecycle is a pass over every lead: refreshed once things settle, not per slider step.
let lifecycleTimer = null;
function refreshLifecycle() {
  clearTimeout(lifecycleTimer);
  lifecycleTimer = setTimeout(async () => {
    try {
      const { lifecycle, goals, kpis } = await engine.request('lifecycle');
      renderLifecycle(ui.lifecycle, lifecycle);
      renderKpis(ui.kpis, kpis);
      refreshReview();
      renderGoals(ui.goals, goals, state.agreement.goals?.currency);
    } catch (err) {
      fill(ui.lifecycle, h('p', { class: 'hint', text: err.message }));
    }
  }, 250);
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

// Thresholds come from the agreement; re-draw the sliders when the agreement is replaced.
function drawThresholds() {
  renderThresholds(ui.thresholds, state.agreement.qualification.thresholds, (line, axis, value) => {
    // Combined-mode controls edit the agreement's object in place.
    if (line !== 'combined') state.agreement.qualification.thresholds[line][axis] = value;
    pushAgreement();
  });
}

function renderLoad(label, summary, results) {
  // New data: the engine dropped any pin (its scores were for other leads).
  state.pinned = false;
  ui.pin.textContent = 'Pin this agreement';
  fill(ui.whatIf);
  showSource(ui.source, ui.format, label, summary);
  renderColumns(ui.columns, ui.columnCount, summary);
  renderDiagnostics(ui.diagBox, ui.diagSummary, ui.problemKinds, ui.diagList, summary);
  const sheets = summary.format.sheets;
  ui.sheetBox.hidden = sheets.length < 2;
  fill(ui.sheet, sheets.map((name) => h('option', { value: name, text: name, selected: name === summary.format.sheet })));
  renderResults(results);
}

function loadedMessage(summary) {
  return summary.skippedRows
    ? `${summary.skippedRows} row(s) could not be read and were left out; see the problems below.`
    : null;
}

// An activities file, joined to the loaded leads.
async function loadActivities(file) {
  showMessage(ui.message, null);
  setStatus(`Reading ${file.name}…`);
  const { id, done } = engine.start('loadFile', { file, target: 'activities' }, (p) =>
    showProgress(ui.progress, ui.progressBar, ui.progressText, p));
  state.loading = id;
  try {
    const { results, elapsedMs } = await done;
    state.eventsName = file.name;
    renderResults(results);
    setStatus(`Joined ${file.name} in ${ms(elapsedMs)}`);
  } catch (err) {
    showMessage(ui.message, `${file.name}: ${err.message}`, err.cancelled ? 'warning' : 'error');
    setStatus('Ready');
  } finally {
    if (state.loading === id) {
      state.loading = null;
      showProgress(ui.progress, ui.progressBar, ui.progressText, null);
    }
  }
}

// A file, streamed through the worker in chunks with progress; Cancel keeps the previous data.
async function loadFile(file, sheet) {
  if (state.loading !== null) engine.cancel(state.loading);
  showMessage(ui.message, null);
  setStatus(`Reading ${file.name}…`);
  const { id, done } = engine.start('loadFile', { file, sheet }, (p) =>
    showProgress(ui.progress, ui.progressBar, ui.progressText, p));
  state.loading = id;
  showProgress(ui.progress, ui.progressBar, ui.progressText, { done: 0, total: file.size, rows: 0 });
  try {
    const { summary, results, elapsedMs } = await done;
    state.data = { kind: 'file', file, sheet };
    renderLoad(file.name, summary, results);
    showMessage(ui.message, loadedMessage(summary), 'warning');
    setStatus(`Scored ${count(summary.rows)} leads in ${ms(elapsedMs)}`);
  } catch (err) {
    showMessage(ui.message, err.cancelled ? err.message : `${file.name}: ${err.message} The previous data is still loaded.`,
      err.cancelled ? 'warning' : 'error');
    setStatus('Ready');
  } finally {
    if (state.loading === id) {
      state.loading = null;
      showProgress(ui.progress, ui.progressBar, ui.progressText, null);
    }
  }
}

// Slider moves arrive faster than the engine answers: keep one request in flight and only the
// latest agreement waiting behind it.
let inflight = false;
let queued = false;
async function pushAgreement() {
  if (inflight) {
    queued = true;
    return;
  }
  inflight = true;
  try {
    const { results, elapsedMs, whatIf } = await engine.request('setAgreement', { json: JSON.stringify(state.agreement) });
    renderResults(results);
    showWhatIf(whatIf);
    setStatus(`Updated ${count(results.leads)} leads in ${ms(elapsedMs)}`);
  } catch (err) {
    showMessage(ui.message, `The agreement was not applied: ${err.message}`);
  } finally {
    inflight = false;
    if (queued) {
      queued = false;
      pushAgreement();
    }
  }
}

async function loadSample() {
  setStatus('Generating the sample data…');
  const { summary, results, elapsedMs } = await engine.request('loadSample', SAMPLE);
  state.data = { kind: 'sample' };
  renderLoad('Sample data (generated)', summary, results);
  showMessage(ui.message, null);
  setStatus(`Scored ${count(summary.rows)} leads in ${ms(elapsedMs)}`);
}

async function loadPasted() {
  const text = ui.paste.value;
  setStatus('Reading the pasted data…');
  try {
    const { summary, results, elapsedMs } = await engine.request('loadCsv', { text });
    state.data = { kind: 'csv', text, label: 'Pasted data' };
    renderLoad('Pasted data', summary, results);
    showMessage(ui.message, loadedMessage(summary), 'warning');
    setStatus(`Scored ${count(summary.rows)} leads in ${ms(elapsedMs)}`);
  } catch (err) {
    // The previous data stays loaded; say why this text was not taken.
    showMessage(ui.message, `${err.message} The previous data is still loaded.`);
    setStatus('Ready');
  }
}

// After an engine crash: give the fresh engine the agreement and data the user had.
async function restore() {
  try {
    await engine.request('setAgreement', { json: JSON.stringify(state.agreement) });
    if (state.data?.kind === 'csv') {
      const { summary, results } = await engine.request('loadCsv', { text: state.data.text });
      renderLoad(state.data.label, summary, results);
    } else if (state.data?.kind === 'file') {
      await loadFile(state.data.file, state.data.sheet);
    } else {
      await loadSample();
    }
    showMessage(ui.message, 'The engine stopped unexpectedly and was restarted; your agreement and data were kept.', 'warning');
  } catch (err) {
    showMessage(ui.message, `The engine could not be restarted: ${err.message}`);
  }
}

async function main() {
  try {
    await engine.ready();
  } catch (err) {
    setStatus(`The engine could not start: ${err.message}`);
    return;
  }
  ui.version.textContent = `Engine ${engine.version}.`;
  state.agreement = JSON.parse(engine.defaultAgreement);
  drawThresholds();
  fill(ui.preset, engine.presets.map((p) => h('option', { value: p.id, text: p.name, selected: p.name === state.agreement.name })));
  ui.preset.addEventListener('change', async () => {
    const { json } = await engine.request('preset', { preset: ui.preset.value });
    if (!json) return;
    state.agreement = JSON.parse(json);
    drawThresholds();
    pushAgreement();
  });
  ui.pin.addEventListener('click', async () => {
    if (state.pinned) {
      await engine.request('unpin');
      state.pinned = false;
      ui.pin.textContent = 'Pin this agreement';
      fill(ui.whatIf);
      return;
    }
    const { whatIf } = await engine.request('pin');
    state.pinned = true;
    ui.pin.textContent = 'Unpin';
    renderWhatIf(ui.whatIf, whatIf);
  });
  ui.explainRow.addEventListener('change', explainCurrent);
  ui.reviewA.addEventListener('change', refreshReview);
  ui.reviewB.addEventListener('change', refreshReview);
  ui.handoffExport.addEventListener('click', async () => {
    const { csv } = await engine.request('handoffCsv');
    // A local download: the file is made in the page, nothing is sent anywhere.
    const url = URL.createObjectURL(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }));
    const a = h('a', { href: url, download: 'handoff-sheet.csv' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  ui.explainPrev.addEventListener('click', () => {
    ui.explainRow.value = String(Number(ui.explainRow.value) - 1);
    explainCurrent();
  });
  ui.explainNext.addEventListener('click', () => {
    ui.explainRow.value = String(Number(ui.explainRow.value) + 1);
    explainCurrent();
  });
  ui.loadPaste.addEventListener('click', loadPasted);
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
  ui.useSample.addEventListener('click', () => loadSample().catch((e) => showMessage(ui.message, e.message)));
  try {
    await loadSample();
    document.body.dataset.ready = 'true';
  } catch (err) {
    setStatus(`The sample data could not be loaded: ${err.message}`);
  }
}

main();
