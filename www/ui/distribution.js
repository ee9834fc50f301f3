// A score distribution (101 whole-score buckets from the engine) as an SVG bar chart with the
// MQL line (solid) and SQL line (dashed).
import { h, s, fill } from './dom.js';
import { count } from '../format.js';

const W = 404;
const H = 90;

export function renderDistribution(el, label, buckets, mql, sql) {
  const max = Math.max(1, ...buckets);
  const bw = W / buckets.length;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H + 14}`, role: 'img', 'aria-label': `${label} score distribution` });
  buckets.forEach((n, score) => {
    if (!n) return;
    const bh = Math.max(1, (n / max) * H);
    const bar = s('rect', {
      x: (score * bw).toFixed(2), y: (H - bh).toFixed(2), width: Math.max(1, bw - 0.6).toFixed(2), height: bh.toFixed(2),
      class: score >= mql ? 'bar over' : 'bar',
    });
    const tip = s('title');
    tip.textContent = `${label} ${score}: ${count(n)} leads`;
    bar.append(tip);
    svg.append(bar);
  });
  for (const [t, cls] of [[mql, 'line mql'], [sql, 'line sql']]) {
    const x = (t * bw).toFixed(2);
    svg.append(s('line', { x1: x, x2: x, y1: 0, y2: H, class: cls }));
  }
  for (const tick of [0, 25, 50, 75, 100]) {
    const anchor = tick === 0 ? 'start' : tick === 100 ? 'end' : 'middle';
    const t = s('text', { x: (tick === 100 ? W : tick * bw).toFixed(1), y: H + 12, class: 'tick', 'text-anchor': anchor });
    t.textContent = String(tick);
    svg.append(t);
  }
  fill(el, h('div', { class: 'dist-label', text: `${label} (MQL ≥ ${mql}, SQL ≥ ${sql})` }), svg);
}
