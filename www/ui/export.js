// Files made in the page and handed to the browser as downloads: nothing is sent anywhere.
import { s } from './dom.js';
import { heatAlpha, hot } from './matrix.js';

/** Save `blob` as `name` through a temporary object URL. */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const STYLE = `
  text { font: 12px system-ui, sans-serif; fill: #1d2433; }
  .tick { font-size: 9px; fill: #5d6678; } .bar { fill: #b8c2d3; } .bar.over { fill: #2557d6; }
  .line { stroke: #b3261e; stroke-width: 1.6; } .line.sql { stroke: #1f8a5b; stroke-dasharray: 4 3; }
  .cell-n { font-weight: 700; font-size: 14px; } .cell-rate { font-size: 10px; }`;

/** A standalone SVG document of a chart as shown: the distributions or the matrix. */
export function chartSvg(source, which) {
  const root = s('svg', { xmlns: 'http://www.w3.org/2000/svg' });
  const style = s('style');
  style.textContent = STYLE;
  root.append(style);
  if (which === 'matrix') {
    matrixSvg(root, source);
  } else {
    let y = 0;
    for (const el of source) {
      const svg = el.querySelector('svg');
      if (!svg) continue;
      const [, , w, hgt] = svg.getAttribute('viewBox').split(' ').map(Number);
      const label = s('text', { x: 0, y: y + 12 });
      label.textContent = el.querySelector('.dist-label')?.textContent ?? '';
      const g = s('g', { transform: `translate(0 ${y + 18})` });
      for (const child of svg.children) g.append(child.cloneNode(true));
      root.append(label, g);
      root.setAttribute('width', w);
      y += hgt + 28;
    }
    root.setAttribute('height', y);
    root.setAttribute('viewBox', `0 0 ${root.getAttribute('width')} ${y}`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`;
}

// The matrix table redrawn as SVG cells with the same heat.
function matrixSvg(root, table) {
  const cw = 86;
  const ch = 52;
  const rows = [...table.querySelectorAll('tr')];
  rows.forEach((tr, i) => {
    [...tr.children].forEach((cell, j) => {
      const x = j * (cw + 4);
      const y = i * (ch + 4);
      if (cell.tagName === 'TD') {
        const heat = Number(cell.style.getPropertyValue('--heat') || 0);
        root.append(s('rect', { x, y, width: cw, height: ch, rx: 6, fill: `rgba(37,87,214,${heatAlpha(heat).toFixed(3)})` }));
        const n = s('text', { x: x + cw / 2, y: y + 22, 'text-anchor': 'middle', class: 'cell-n', fill: hot(heat) ? '#fff' : '#1d2433' });
        n.textContent = cell.querySelector('.n')?.textContent ?? '';
        root.append(n);
        const rate = cell.querySelector('.rate');
        if (rate) {
          const r = s('text', { x: x + cw / 2, y: y + 40, 'text-anchor': 'middle', class: 'cell-rate', fill: hot(heat) ? '#fff' : '#1d2433' });
          r.textContent = rate.textContent;
          root.append(r);
        }
      } else {
        const label = s('text', { x: x + cw / 2, y: y + ch / 2 + 4, 'text-anchor': 'middle' });
        label.textContent = cell.textContent;
        root.append(label);
      }
    });
  });
  const width = Math.max(...rows.map((r) => r.children.length)) * (cw + 4);
  const height = rows.length * (ch + 4);
  root.setAttribute('width', width);
  root.setAttribute('height', height);
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
}
