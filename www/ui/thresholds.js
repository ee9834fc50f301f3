// The MQL and SQL lines as sliders (each with a number input): in "axes" mode a fit and an
// interest line each; in "combined" mode one line each on the weighted score, plus the fit
// weight. Edits the agreement's qualification.thresholds and reports the change.
import { h, fill } from './dom.js';

function control(id, label, value, { min = 0, max = 100, step = 1 } = {}, onSet) {
  const slider = h('input', { type: 'range', id, min, max, step, value, 'data-testid': `slider-${id}` });
  const number = h('input', {
    type: 'number', min, max, step, value, class: 'num',
    'aria-label': `${label} (number)`, 'data-testid': `number-${id}`,
  });
  const set = (v, from) => {
    const n = Math.round(Number(v));
    if (!Number.isFinite(n) || n < min || n > max) return;
    if (from !== slider) slider.value = String(n);
    if (from !== number) number.value = String(n);
    onSet(n);
  };
  slider.addEventListener('input', () => set(slider.value, slider));
  number.addEventListener('change', () => set(number.value, number));
  return h('div', { class: 'threshold' }, h('label', { for: id, text: label }), slider, number);
}

export function renderThresholds(el, t, onChange) {
  if (t.mode === 'combined' && t.combined) {
    const c = t.combined;
    fill(el,
      h('p', { class: 'hint', text: 'Combined mode: a lead is over a line when fit × weight + interest × (1 − weight) reaches it.' }),
      control('combined-weight', 'Fit weight %', Math.round(c.weights.fit * 100), {}, (n) => {
        c.weights.fit = n / 100;
        c.weights.interest = Math.round((100 - n)) / 100;
        onChange('combined', 'weights', c.weights);
      }),
      control('combined-mql', 'MQL · combined', c.mql, {}, (n) => { c.mql = n; onChange('combined', 'mql', n); }),
      control('combined-sql', 'SQL · combined', c.sql, {}, (n) => { c.sql = n; onChange('combined', 'sql', n); }));
    return;
  }
  const LINES = [['mql', 'fit', 'MQL · fit'], ['mql', 'interest', 'MQL · interest'], ['sql', 'fit', 'SQL · fit'], ['sql', 'interest', 'SQL · interest']];
  fill(el, LINES.map(([line, axis, label]) =>
    control(`${line}-${axis}`, label, t[line][axis], {}, (n) => onChange(line, axis, n))));
}
