// One slider (with a number input beside it) per threshold: MQL fit, MQL interest, SQL fit,
// SQL interest. Edits the agreement's qualification.thresholds and reports the change.
import { h, fill } from './dom.js';

const LINES = [
  ['mql', 'fit', 'MQL · fit'],
  ['mql', 'interest', 'MQL · interest'],
  ['sql', 'fit', 'SQL · fit'],
  ['sql', 'interest', 'SQL · interest'],
];

export function renderThresholds(el, thresholds, onChange) {
  const rows = LINES.map(([line, axis, label]) => {
    const id = `th-${line}-${axis}`;
    const value = thresholds[line][axis];
    const slider = h('input', {
      type: 'range', id, min: 0, max: 100, step: 1, value,
      'data-testid': `slider-${line}-${axis}`,
    });
    const number = h('input', {
      type: 'number', min: 0, max: 100, step: 1, value, class: 'num',
      'aria-label': `${label} (number)`, 'data-testid': `number-${line}-${axis}`,
    });
    const set = (v, from) => {
      const n = Math.round(Number(v));
      if (!Number.isFinite(n) || n < 0 || n > 100) return;
      if (from !== slider) slider.value = String(n);
      if (from !== number) number.value = String(n);
      onChange(line, axis, n);
    };
    slider.addEventListener('input', () => set(slider.value, slider));
    number.addEventListener('change', () => set(number.value, number));
    return h('div', { class: 'threshold' }, h('label', { for: id, text: label }), slider, number);
  });
  fill(el, rows);
}
