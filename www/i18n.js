// The page's words in English and French, and numbers and dates in the chosen locale.
// Modules register their own strings with addStrings({ en: {...}, fr: {...} }) and read them
// with t('key', { name: value }); "{name}" in a string is replaced by the value (as text).
// The language comes from ?lang=, then the saved choice, then the browser; setLang switches it
// and calls every onLangChange listener so views can re-render.

const STORE_KEY = 'accord.lang';
const LANGS = ['en', 'fr'];
const strings = { en: {}, fr: {} };
const listeners = new Set();

function initial() {
  try {
    const q = new URLSearchParams(globalThis.location?.search ?? '').get('lang');
    if (LANGS.includes(q)) return q;
    const saved = globalThis.localStorage?.getItem(STORE_KEY);
    if (LANGS.includes(saved)) return saved;
  } catch {
    // Storage can be denied (private mode, sandboxed frame): fall back to the browser.
  }
  const nav = (globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en'])
    .map((l) => String(l).slice(0, 2).toLowerCase());
  return nav.find((l) => LANGS.includes(l)) ?? 'en';
}

let current = initial();

/** The languages the page speaks. */
export const languages = () => LANGS.slice();

/** The current language: 'en' or 'fr'. */
export const lang = () => current;

/**
 * French typography: a no-break space before « : » and inside « », a narrow one before ; ? ! %,
 * so that a line never breaks before the sign. Applying it twice changes nothing.
 */
export function frenchSpacing(text) {
  return text
    .replace(/ ([:»])/g, '\u00a0$1')
    .replace(/« /g, '«\u00a0')
    .replace(/ ([;?!%])/g, '\u202f$1');
}

/** Add strings: { en: { key: text }, fr: { key: text } }. Later additions win. */
export function addStrings(table) {
  Object.assign(strings.en, table.en ?? {});
  for (const [k, v] of Object.entries(table.fr ?? {})) strings.fr[k] = typeof v === 'string' ? frenchSpacing(v) : v;
}

/** The text for `key` in the current language (English when French lacks it, else the key). */
export function t(key, vars) {
  const text = strings[current][key] ?? strings.en[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** Switch the language, remember it, and tell the listeners. */
export function setLang(l) {
  if (!LANGS.includes(l) || l === current) return;
  current = l;
  try {
    globalThis.localStorage?.setItem(STORE_KEY, l);
  } catch {
    // Not remembered; still switched.
  }
  if (globalThis.document) document.documentElement.lang = l;
  for (const fn of listeners) fn(l);
}

/**
 * Run `fn` with `l` as the language, then put the page's back, telling no listener: a component
 * with its own language (an embedded summary) renders synchronously in it.
 */
export function withLang(l, fn) {
  if (!LANGS.includes(l) || l === current) return fn();
  const before = current;
  current = l;
  try {
    return fn();
  } finally {
    current = before;
  }
}

/** Call `fn(lang)` after every switch; returns a function that removes it. */
export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Pick the current language's text from an { en, fr } object (or a plain string). */
export function pick(texts) {
  if (texts === null || texts === undefined) return '';
  if (typeof texts === 'string') return texts;
  return texts[current] ?? texts.en ?? Object.values(texts)[0] ?? '';
}

// Formatting for display only; every figure itself comes from the engine.
const cache = new Map();
function nf(options) {
  const key = current + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(current, options);
    cache.set(key, f);
  }
  return f;
}

/** A count or a number: 12,345 / 12 345. */
export const num = (n, digits = 0) =>
  (n === null || n === undefined || Number.isNaN(n) ? '—' : nf({ maximumFractionDigits: digits }).format(n));

/** A ratio as a percentage: 0.473 → 47.3 % (French spacing in French). */
export const pct = (r, digits = 1) =>
  (r === null || r === undefined || Number.isNaN(r) ? '—' : nf({ style: 'percent', maximumFractionDigits: digits }).format(r));

/** An amount of money in `currency` (ISO code), without decimals. */
export const money = (n, currency = 'USD') => {
  if (n === null || n === undefined) return '—';
  try {
    return nf({ style: 'currency', currency, maximumFractionDigits: 0 }).format(n);
  } catch {
    return `${nf({ maximumFractionDigits: 0 }).format(n)} ${currency}`;
  }
};

/** A "YYYY-MM-DD" day (or a Date) in the locale: 26 Nov 2026 / 26 nov. 2026. */
export function day(d) {
  if (!d) return '—';
  const date = typeof d === 'string' ? new Date(`${d.slice(0, 10)}T00:00:00Z`) : d;
  if (Number.isNaN(date.getTime())) return String(d);
  return new Intl.DateTimeFormat(current, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A date and time in the locale, in the browser's time zone. */
export function dateTime(d) {
  const date = d instanceof Date ? d : new Date(d);
  if (Number.isNaN(date.getTime())) return String(d);
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
