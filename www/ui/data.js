// The data panel: what is loaded (source, columns and the fields they feed), row problems,
// and messages for input that could not be read.
import { h, fill } from './dom.js';
import { count } from '../format.js';

export function showSource(el, label, summary) {
  el.textContent = `${label} · ${count(summary.rows)} leads · ${count(summary.columns.length)} columns`;
}

export function renderColumns(list, countEl, summary) {
  countEl.textContent = `(${summary.columns.length}, ${summary.columns.filter((c) => c.field).length} recognised)`;
  fill(list, summary.columns.map((c) =>
    h('li', {},
      h('span', { class: 'col-name', text: c.name }),
      h('span', { class: `col-kind ${c.kind}`, text: c.kind }),
      c.field ? h('span', { class: 'col-field', text: `→ ${c.field}` }) : null)));
}

export function renderDiagnostics(box, summaryEl, list, summary) {
  box.hidden = summary.diagnosticsTotal === 0;
  summaryEl.textContent = `${count(summary.diagnosticsTotal)} problem(s) · ${count(summary.skippedRows)} row(s) skipped`;
  fill(list, summary.diagnostics.map((d) =>
    h('li', {}, h('span', { class: 'line', text: `line ${d.line}` }), ' ', d.column ? `${d.column}: ` : '', d.message)));
}

export function showMessage(el, text, kind = 'error') {
  el.hidden = !text;
  el.className = `message ${kind}`;
  el.textContent = text ?? '';
}
