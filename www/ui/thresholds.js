// The MQL and SQL lines as sliders (each with a number input): in "axes" mode a fit and an
// interest line each; in "combined" mode one line each on the weighted score, plus the fit
// weight. Edits the agreement's qualification.thresholds and reports the change.
import { h, fill } from './dom.js';
import { t } from '../i18n.js';
import './cards-strings.js';

function control(id, label, value, { min = 0, max = 100, step = 1 } = {}, onSet) {
  const slider = h('input', { type: 'range', id, min, max, step, value, 'data-testid': `slider-${id}` });
  const number = h('input', {
    type: 'number', min, max, step, value, class: 'num',
    'aria-label': t('th.number', { label }), 'data-testid': `number-${id}`,
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

export function renderThresholds(el, th, onChange) {
  if (th.mode === 'combined' && th.combined) {
    const c = th.combined;
    fill(el,
      h('p', { class: 'hint', text: t('th.combinedHint') }),
      control('combined-weight', t('th.fitWeight'), Math.round(c.weights.fit * 100), {}, (n) => {
        c.weights.fit = n / 100;
        c.weights.interest = Math.round((100 - n)) / 100;
        onChange('combined', 'weights', c.weights);
      }),
      control('combined-mql', t('th.mqlCombined'), c.mql, {}, (n) => { c.mql = n; onChange('combined', 'mql', n); }),
      control('combined-sql', t('th.sqlCombined'), c.sql, {}, (n) => { c.sql = n; onChange('combined', 'sql', n); }));
    return;
  }
  const LINES = [['mql', 'fit', 'th.mqlFit'], ['mql', 'interest', 'th.mqlInterest'], ['sql', 'fit', 'th.sqlFit'], ['sql', 'interest', 'th.sqlInterest']];
  fill(el, LINES.map(([line, axis, key]) =>
    control(`${line}-${axis}`, t(key), th[line][axis], {}, (n) => onChange(line, axis, n))));
}
