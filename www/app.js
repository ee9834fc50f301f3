// The page: wires the panels to the engine worker. It holds the agreement being edited and
// renders what the engine returns; it computes no figure itself.
import { EngineClient } from './client.js';
import { renderTiles } from './ui/tiles.js';
import { renderMatrix } from './ui/matrix.js';
import { renderDistribution } from './ui/distribution.js';
import { renderThresholds } from './ui/thresholds.js';
import { showSource, renderColumns, renderDiagnostics, showMessage } from './ui/data.js';
import { h, fill } from './ui/dom.js';
import { count, ms } from './format.js';

/** The built-in sample: size and seed (the CLI's `accord sample` defaults are the same). */
const SAMPLE = { rows: 5000, seed: 42 };

const $ = (id) => document.getElementById(id);
const ui = {
  status: $('status'),
  source: document.querySelector('[data-testid="data-source"]'),
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
};

const state = {
  agreement: null,
  // What is loaded, so a restarted engine can be given it again.
  data: null, // { kind: 'sample' } | { kind: 'csv', text, label }
};

const engine = new EngineClient({ onRestart: () => restore() });

function setStatus(text) {
  ui.status.textContent = text;
}

function renderResults(r) {
  renderTiles(ui.tiles, r);
  renderMatrix(ui.matrix, ui.matrixNote, r);
  const t = r.thresholds;
  renderDistribution(ui.distFit, 'Fit', r.distribution.fit, t.mql.fit, t.sql.fit);
  renderDistribution(ui.distInterest, 'Interest', r.distribution.interest, t.mql.interest, t.sql.interest);
  ui.warnings.hidden = r.warnings.length === 0;
  fill(ui.warnings, r.warnings.map((w) => h('p', { text: w })));
  document.body.dataset.leads = String(r.leads);
}

function renderLoad(label, summary, results) {
  showSource(ui.source, label, summary);
  renderColumns(ui.columns, ui.columnCount, summary);
  renderDiagnostics(ui.diagBox, ui.diagSummary, ui.diagList, summary);
  renderResults(results);
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
    const { results, elapsedMs } = await engine.request('setAgreement', { json: JSON.stringify(state.agreement) });
    renderResults(results);
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
    showMessage(ui.message, summary.skippedRows
      ? `${summary.skippedRows} row(s) could not be read and were left out; see the problems below.`
      : null, 'warning');
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
  renderThresholds(ui.thresholds, state.agreement.qualification.thresholds, (line, axis, value) => {
    state.agreement.qualification.thresholds[line][axis] = value;
    pushAgreement();
  });
  ui.loadPaste.addEventListener('click', loadPasted);
  ui.useSample.addEventListener('click', () => loadSample().catch((e) => showMessage(ui.message, e.message)));
  try {
    await loadSample();
    document.body.dataset.ready = 'true';
  } catch (err) {
    setStatus(`The sample data could not be loaded: ${err.message}`);
  }
}

main();
