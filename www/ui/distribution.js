// A score distribution (101 whole-score buckets from the engine) as an SVG bar chart with the
// MQL line (solid) and SQL line (dashed). The lines can be dragged with the mouse or a finger
// (the sliders below do the same from the keyboard).
import { h, s, fill } from './dom.js';
import { t, num } from '../i18n.js';

const W = 404;
const H = 90;

export function renderDistribution(el, label, buckets, mql, sql) {
  const max = Math.max(1, ...buckets);
  const bw = W / buckets.length;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H + 14}`, role: 'img', 'aria-label': t('dist.aria', { axis: label }) });
  buckets.forEach((n, score) => {
    if (!n) return;
    const bh = Math.max(1, (n / max) * H);
    const bar = s('rect', {
      x: (score * bw).toFixed(2), y: (H - bh).toFixed(2), width: Math.max(1, bw - 0.6).toFixed(2), height: bh.toFixed(2),
      class: mql !== null && score >= mql ? 'bar over' : 'bar',
    });
    const tip = s('title');
    tip.textContent = t('dist.bar', { axis: label, score, n: num(n) });
    bar.append(tip);
    svg.append(bar);
  });
  for (const [value, line] of [[mql, 'mql'], [sql, 'sql']]) {
    if (value === null) continue;
    const x = (value * bw).toFixed(2);
    svg.append(s('line', { x1: x, x2: x, y1: 0, y2: H, class: `line ${line}`, 'data-line': line, 'data-value': value }));
    // A wider invisible handle makes the line easy to grab.
    svg.append(s('rect', { x: (value * bw - 5).toFixed(2), y: 0, width: 10, height: H, class: 'handle', 'data-line': line }));
  }
  for (const tick of [0, 25, 50, 75, 100]) {
    const anchor = tick === 0 ? 'start' : tick === 100 ? 'end' : 'middle';
    const tx = s('text', { x: (tick === 100 ? W : tick * bw).toFixed(1), y: H + 12, class: 'tick', 'text-anchor': anchor });
    tx.textContent = String(tick);
    svg.append(tx);
  }
  const text = mql === null
    ? t('dist.labelCombined', { axis: label })
    : t('dist.label', { axis: label, mql, sql });
  fill(el, h('div', { class: 'dist-label', text }), svg);
}

/**
 * Let the user drag the lines drawn in `el`: `onMove(line, score, done)` with the whole score
 * under the pointer (0–100); `done` is true when the pointer is released.
 */
export function dragLines(el, onMove) {
  let dragging = null;
  const scoreAt = (e) => {
    const svg = el.querySelector('svg');
    const box = svg.getBoundingClientRect();
    const x = ((e.clientX - box.left) / box.width) * W;
    return Math.max(0, Math.min(100, Math.round(x / (W / 101))));
  };
  el.addEventListener('pointerdown', (e) => {
    const line = e.target?.dataset?.line;
    if (!line) return;
    dragging = line;
    el.setPointerCapture(e.pointerId);
    el.classList.add('dragging');
    e.preventDefault();
  });
  el.addEventListener('pointermove', (e) => {
    if (dragging) onMove(dragging, scoreAt(e), false);
  });
  const end = (e) => {
    if (!dragging) return;
    const line = dragging;
    dragging = null;
    el.classList.remove('dragging');
    onMove(line, scoreAt(e), true);
  };
  el.addEventListener('pointerup', end);
  el.addEventListener('pointercancel', end);
}
