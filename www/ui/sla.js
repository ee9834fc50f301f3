// The SLA document as semantic HTML: a title, one <section> per part with its number and title,
// and the part's paragraphs, lists, tables and figures. Built from text nodes only: nothing
// from the agreement or the data becomes markup. sla.css styles it on screen and for print.
import { h, fill } from './dom.js';
import { t, day, lang } from '../i18n.js';
import './sla-strings.js';

function block(b) {
  switch (b.kind) {
    case 'paragraph':
      return h('p', { text: b.text });
    case 'list':
      return h('ul', {}, b.items.map((item) => h('li', { text: item })));
    case 'table':
      return h('table', { class: 'sla-table', 'data-testid': 'sla-table' },
        h('thead', {}, h('tr', {}, b.head.map((cell) => h('th', { scope: 'col', text: cell })))),
        h('tbody', {}, b.rows.map((row) => h('tr', {}, row.map((cell) => h('td', { text: cell }))))));
    case 'figures':
      return h('dl', { class: 'sla-figures' }, b.items.map((f) => h('div', {},
        h('dt', { text: f.label }),
        h('dd', {}, f.value, f.note ? h('span', { class: 'sla-note', text: ` (${f.note})` }) : null))));
    default:
      return null;
  }
}

/** Render `doc` (the engine's SlaDoc) into `root`, replacing what was there. */
export function renderSla(root, doc) {
  if (!doc) {
    fill(root);
    return;
  }
  fill(root, h('article', { class: 'sla-doc', 'data-testid': 'sla-document', lang: lang() },
    h('header', { class: 'sla-head' },
      h('h1', { text: doc.title }),
      h('p', { class: 'sla-subtitle', text: doc.subtitle }),
      doc.asOf ? h('p', { class: 'sla-date' }, h('time', { datetime: doc.asOf, text: t('sla.asOf', { date: day(doc.asOf) }) })) : null),
    doc.parts.map((p) => h('section', { class: 'sla-part', 'data-testid': 'sla-part', 'data-part': p.id, 'aria-labelledby': `sla-part-${p.id}` },
      h('h2', { id: `sla-part-${p.id}` }, h('span', { class: 'sla-number', text: `${p.number}.` }), ' ', p.title),
      p.blocks.map(block)))));
}
