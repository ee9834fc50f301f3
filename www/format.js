// Number formatting for display only, in the page's language; every figure itself comes from
// the engine. Counts and rates are i18n.js's `num` and `pct`; this adds fixed decimals, the
// engine's milliseconds and file sizes.
import { lang, num, pct, t } from './i18n.js';
import './ui/cards-strings.js';

/** A count: 12,345 / 12 345. */
export const count = (n) => num(n);

/** A ratio as a percentage: 47.3% / 47,3 %. */
export const percent = (r) => pct(r);

const cache = new Map();
/** `x` with exactly `digits` decimals, in the locale: 12.0 / 12,0. */
export function fixed(x, digits = 1) {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  const key = `${lang()}:${digits}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
    cache.set(key, f);
  }
  return f.format(x);
}

/** Milliseconds: 4.2 ms / 4,2 ms, 1,234 ms / 1 234 ms. */
export const ms = (x) => t('unit.ms', { n: x < 10 ? fixed(x, 1) : num(Math.round(x)) });

/** A size in bytes: 512 B, 12 KB, 1.5 MB, 1.2 GB (512 o, 12 ko, 1,5 Mo, 1,2 Go in French). */
export const bytes = (n) => {
  if (n === null || n === undefined) return '—';
  if (n < 1024) return t('unit.b', { n: num(n) });
  if (n < 1024 * 1024) return t('unit.kb', { n: num(Math.round(n / 1024)) });
  if (n < 1024 ** 3) return t('unit.mb', { n: fixed(n / (1024 * 1024), 1) });
  return t('unit.gb', { n: fixed(n / 1024 ** 3, 1) });
};
