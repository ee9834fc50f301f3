// Number formatting for display only; every figure itself comes from the engine.
const int = new Intl.NumberFormat('en');
const pct = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });

export const count = (n) => (n === null || n === undefined ? '—' : int.format(n));
export const percent = (r) => (r === null || r === undefined ? '—' : pct.format(r));
export const ms = (x) => (x < 10 ? `${x.toFixed(1)} ms` : `${int.format(Math.round(x))} ms`);
export const bytes = (n) => {
  if (n === null || n === undefined) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
};
