// The data panel: what is loaded (source, format, columns and the fields they feed with how
// sure that is), problems by kind with their first rows, load progress, and messages for input
// that could not be read.
import { h, fill } from './dom.js';
import { bytes } from '../format.js';
import { t, num, pct } from '../i18n.js';
import { fromEngine } from './cards-strings.js';

const DELIMITERS = ['comma', 'semicolon', 'tab', 'pipe'];

export function showSource(el, formatEl, label, summary) {
  el.textContent = t('data.source', { label, rows: num(summary.rows), columns: num(summary.columns.length) });
  const f = summary.format;
  let text;
  if (f.kind === 'xlsx') text = t('data.fmt.xlsx', { sheet: f.sheet ?? '' });
  else if (f.kind === 'json') text = t('data.fmt.json');
  else {
    text = t('data.fmt.text', {
      delimited: t(`data.delim.${DELIMITERS.includes(f.delimiter) ? f.delimiter : 'other'}`),
      encoding: f.encoding ?? 'UTF-8',
      repaired: f.repairedMojibake ? t('data.fmt.repaired') : '',
    });
  }
  formatEl.textContent = t('data.fmt.size', { format: text, size: bytes(f.bytes) });
}

/**
 * The columns, each with the field it feeds and how sure the guess is; a select per column
 * changes it: `onMap(header, field, previousField)` (field '' = feeds nothing).
 */
export function renderColumns(list, countEl, summary, fields = [], onMap = null) {
  countEl.textContent = t('data.columnCount', { n: num(summary.columns.length), mapped: num(summary.columns.filter((c) => c.field).length) });
  fill(list, summary.columns.map((c, i) => {
    const id = `map-${i}`;
    const select = onMap
      ? h('select', { id, class: 'col-map', 'data-testid': 'column-map', 'data-column': c.name },
        h('option', { value: '', text: t('mapping.none'), selected: !c.field }),
        fields.map((f) => h('option', { value: f, text: t(`field.${f}`) === `field.${f}` ? f : t(`field.${f}`), selected: c.field === f })))
      : null;
    select?.addEventListener('change', () => onMap(c.name, select.value, c.field ?? null));
    return h('li', { 'data-testid': 'column' },
      h('label', { class: 'col-name', for: id, text: c.name }),
      h('span', { class: `col-kind ${c.kind}`, text: t(`kind.${c.kind}`) === `kind.${c.kind}` ? c.kind : t(`kind.${c.kind}`) }),
      select ?? (c.field ? h('span', { class: 'col-field', text: `→ ${c.field}` }) : null),
      c.field && c.confidence !== null ? h('span', { class: 'col-conf', text: pct(c.confidence), title: t('data.confidence'), 'data-testid': 'column-confidence' }) : null,
      c.note ? h('span', { class: 'col-note', text: c.note }) : null);
  }));
}

export function renderDiagnostics(box, summaryEl, kindsEl, list, summary) {
  box.hidden = summary.diagnosticsTotal === 0;
  summaryEl.textContent = t('data.problems', { n: num(summary.diagnosticsTotal), rows: num(summary.skippedRows) });
  fill(kindsEl, summary.problems.map((p) =>
    h('li', { 'data-testid': `problem-${p.kind}` }, h('strong', { text: num(p.count) }), ` ${fromEngine(`data.problem.${p.kind}`, p.label)}`)));
  fill(list, summary.diagnostics.map((d) =>
    h('li', {},
      h('span', { class: 'line', text: d.line ? t('data.line', { n: num(d.line) }) : '' }),
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
  textEl.textContent = t('data.loaded', { done: bytes(p.done), total: bytes(p.total), rows: num(p.rows) });
}

export function renderActivities(el, name, a) {
  el.hidden = !a;
  if (!a) return;
  const parts = [t(name ? 'data.act.eventsFrom' : 'data.act.events', {
    events: num(a.events), name, matched: num(a.matched), key: t(a.joinedOn === 'email' ? 'data.act.email' : 'data.act.id'), column: a.keyColumn,
  })];
  if (a.unmatched) parts.push(t('data.act.unmatched', { n: num(a.unmatched), examples: a.unmatchedExamples.slice(0, 3).join(', ') }));
  if (a.withoutTime) parts.push(t('data.act.withoutTime', { n: num(a.withoutTime) }));
  if (a.byType.length) parts.push(t('data.act.types', { types: a.byType.slice(0, 5).map((x) => t('data.act.type', { kind: x.kind, n: num(x.events) })).join(', ') }));
  el.textContent = t('data.act.end', { parts: parts.join(' · ') });
}
