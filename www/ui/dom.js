// DOM helpers. Text is always set with textContent: nothing from the data becomes markup.

/**
 * Create an element. `props`: attributes (`class`, `data-*`, aria…), `text` for textContent,
 * `on` for event listeners. Children may be nodes or strings (added as text).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') el.textContent = String(v);
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';

/** Create an SVG element with attributes. */
export function s(tag, attrs = {}) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/**
 * Replace an element's children. A keyboard user whose focus was on a child that the new
 * children replace keeps it: the new child with the same `data-testid` takes the focus (a
 * tile or funnel step re-drawn by a live update must not drop the reader back to the page).
 */
export function fill(el, ...children) {
  const active = document.activeElement;
  const id = active && active !== el && el.contains(active) ? active.dataset?.testid : undefined;
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  if (id && !active.isConnected) {
    const next = [...el.querySelectorAll('[data-testid]')].find((n) => n.dataset.testid === id);
    next?.focus({ preventScroll: true });
  }
}

/**
 * Bring `el`'s children to `children` by updating the nodes already there wherever the new ones
 * have the same tag and `data-testid` (attributes and text set, nothing replaced), and replacing
 * only the rest. For live views redrawn on every change (tiles, funnel, matrix): the element a
 * keyboard user is on stays the same node, so it keeps its focus and its focus ring. Only for
 * nodes without event listeners: the old nodes' listeners would stay.
 */
export function morph(el, ...children) {
  const next = children.flat().filter((c) => c !== null && c !== undefined && c !== false);
  const old = [...el.childNodes];
  const keyed = new Map();
  for (const o of old) if (o.nodeType === Node.ELEMENT_NODE && o.dataset?.testid) keyed.set(o.dataset.testid, o);
  const kept = new Set();
  next.forEach((n, i) => {
    // A child with a data-testid is matched by it wherever it was (a funnel step added before
    // it does not replace it); others by position.
    const id = n.nodeType === Node.ELEMENT_NODE ? n.dataset?.testid : undefined;
    const candidate = id ? keyed.get(id) : old[i];
    const o = candidate && !kept.has(candidate) && same(candidate, n) ? candidate : null;
    const node = o ?? n;
    if (o) {
      kept.add(o);
      update(o, n);
    }
    if (el.childNodes[i] !== node) el.insertBefore(node, el.childNodes[i] ?? null);
  });
  while (el.childNodes.length > next.length) el.lastChild.remove();
}

function same(a, b) {
  if (a.nodeType !== b.nodeType) return false;
  if (a.nodeType !== Node.ELEMENT_NODE) return true;
  return a.namespaceURI === b.namespaceURI && a.tagName === b.tagName
    && a.getAttribute('data-testid') === b.getAttribute('data-testid');
}

function update(o, n) {
  if (o.nodeType !== Node.ELEMENT_NODE) {
    if (o.nodeValue !== n.nodeValue) o.nodeValue = n.nodeValue;
    return;
  }
  for (const { name } of [...o.attributes]) if (!n.hasAttribute(name)) o.removeAttribute(name);
  for (const { name, value } of [...n.attributes]) {
    if (o.getAttribute(name) === value) continue;
    // Through the CSSOM: the page's CSP (style-src 'self') refuses a style attribute written
    // as text, but not properties set on element.style.
    if (name === 'style') o.style.cssText = n.style.cssText;
    else o.setAttribute(name, value);
  }
  morph(o, ...n.childNodes);
}
