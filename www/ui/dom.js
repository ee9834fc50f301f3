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
