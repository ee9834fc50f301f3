// The data panel: what is loaded (source, format, columns and the fields they feed with how
// sure that is), problems by kind with their first rows, load progress, and messages for input
// that could not be read.
import { h, fill } from './dom.js';
import { count, percent, bytes } from '../format.js';

const DELIMITERS = { comma: 'comma-separated', semicolon: 'semicolon-separated', tab: 'tab-separated', pipe: 'pipe-separated' };

export function showSource(el, formatEl, label, summary) {
  el.textContent = `${label} · ${count(summary.rows)} leads · ${count(summary.columns.length)} columns`;
  const f = summary.format;
  let text;
  if (f.kind === 'xlsx') text = `Excel workbook, sheet “${f.sheet ?? ''}”`;
  else if (f.kind === 'json') text = 'JSON records';
  else text = `${DELIMITERS[f.delimiter] ?? 'delimited'} text, ${f.encoding ?? 'UTF-8'}${f.repairedMojibake ? ' (garbled accents repaired)' : ''}`;
  formatEl.textContent = `${text} · ${bytes(f.bytes)}`;
}

export function renderColumns(list, countEl, summary) {
  countEl.textContent = `(${summary.columns.length}, ${summary.columns.filter((c) => c.field).length} recognised)`;
  fill(list, summary.columns.map((c) =>
    h('li', { 'data-testid': 'column' },
      h('span', { class: 'col-name', text: c.name }),
      h('span', { class: `col-kind ${c.kind}`, text: c.kind }),
      c.field ? h('span', { class: 'col-field', text: `→ ${c.field}` }) : null,
      c.field && c.confidence !== null ? h('span', { class: 'col-conf', text: percent(c.confidence), title: 'How sure the mapping is' }) : null,
      c.note ? h('span', { class: 'col-note', text: c.note }) : null)));
}

export function renderDiagnostics(box, summaryEl, kindsEl, list, summary) {
  box.hidden = summary.diagnosticsTotal === 0;
  summaryEl.textContent = `${count(summary.diagnosticsTotal)} problem(s) · ${count(summary.skippedRows)} row(s) left out`;
  fill(kindsEl, summary.problems.map((p) =>
    h('li', { 'data-testid': `problem-${p.kind}` }, h('strong', { text: count(p.count) }), ` ${p.label}`)));
  fill(list, summary.diagnostics.map((d) =>
    h('li', {},
      h('span', { class: 'line', text: d.line ? `line ${d.line}` : '' }),
      d.column ? h('span', { class: 'col-name', text: d.column }) : null,
      d.value !== null ? h('code', { class: 'value', text: d.value }) : null,
      h('span', { text: d.message }))));
}

export function showMessage(el, text, kind = 'error') {
  el.hidden = !text;
  el.className = `message ${kind}`;
  el.textContent = text ?? '';
}

export function showProgress(box, bar, textEl, p) {
  box.hidden = !p;
  if (!p) return;
  bar.value = p.total ? p.done / p.total : 0;
  textEl.textContent = `${bytes(p.done)} of ${bytes(p.total)} · ${count(p.rows)} rows`;
}

export function renderActivities(el, name, a) {
  el.hidden = !a;
  if (!a) return;
  const parts = [`${count(a.events)} events${name ? ` from ${name}` : ''}: ${count(a.matched)} joined to leads by ${a.joinedOn === 'email' ? 'e-mail' : 'id'} (“${a.keyColumn}”)`];
  if (a.unmatched) parts.push(`${count(a.unmatched)} match no lead (e.g. ${a.unmatchedExamples.slice(0, 3).join(', ')})`);
  if (a.withoutTime) parts.push(`${count(a.withoutTime)} without a date`);
  if (a.byType.length) parts.push(`types: ${a.byType.slice(0, 5).map((t) => `${t.kind} ${count(t.events)}`).join(', ')}`);
  el.textContent = `${parts.join(' · ')}.`;
}
