// The baseline a web developer would write: the default agreement's rules (`accord agreement`)
// applied straightforwardly in JavaScript to Papa Parse's rows, every lead re-scored from
// scratch on each change. Bench-only: it is what Accord is compared with, not part of Accord.
//
// What it implements of the agreement: contains_any (word boundary on folded text),
// equals_any, between / at_least / at_most, per_unit with max, free_mail, role_address; group
// caps; each axis clamped to 0–100; disqualifiers and fast-track rules; MQL and SQL lines in
// "axes" mode. Field → column is a fixed table for the sample export's headers, as a developer
// writing it for their CRM's export would do. Anything else (activities, dates, combined mode)
// is outside the default agreement and not implemented.

/** The sample export's headers per canonical field. */
export const COLUMNS = {
  email: 'Email', job_title: 'Job Title', company_size: 'Company Size', industry: 'Industry',
  page_views: 'Page Views', sessions: 'Sessions', email_clicks: 'Email Clicks',
  form_submissions: 'Form Submissions', recent_conversion: 'Recent Conversion',
};

const FREE_MAIL = [
  'gmail.com', 'googlemail.com', 'yahoo.*', 'ymail.com', 'hotmail.*', 'outlook.*', 'live.*',
  'msn.com', 'aol.*', 'icloud.com', 'me.com', 'mac.com', 'gmx.*', 'web.de', 't-online.de',
  'freenet.de', 'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr', 'neuf.fr', 'laposte.net',
  'bbox.fr', 'numericable.fr', 'club-internet.fr', 'protonmail.com', 'proton.me', 'pm.me',
  'yandex.*', 'mail.ru', 'libero.it', 'virgilio.it', 'tiscali.*', 'bluewin.ch', 'skynet.be',
  'telenet.be', 'btinternet.com', 'sky.com', 'zoho.com', 'zohomail.com', 'qq.com', '163.com',
  '126.com', 'naver.com', 'rediffmail.com', 'seznam.cz', 'wp.pl', 'o2.pl', 'interia.pl',
  'sapo.pt', 'terra.com.br', 'uol.com.br',
];
const ROLES = new Set([
  'info', 'contact', 'sales', 'hello', 'admin', 'administration', 'support', 'office',
  'marketing', 'team', 'noreply', 'no-reply', 'webmaster', 'service', 'services', 'accueil',
  'commercial', 'compta', 'comptabilite', 'rh', 'hr', 'jobs', 'careers', 'recrutement',
  'billing', 'facturation', 'enquiries', 'inquiries', 'help', 'mail', 'postmaster',
  'secretariat', 'direction', 'general', 'reception',
]);

/** Lower case without accents. */
export const fold = (s) => String(s ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A number from a cell: numbers as they are, "51-200" as its low end, "5000+" too. */
function number(v) {
  if (typeof v === 'number') return v;
  if (v === null || v === undefined || v === '') return NaN;
  const s = String(v).replace(/[\s,]/g, '');
  const n = Number(s);
  if (!Number.isNaN(n)) return n;
  const m = /^(-?[\d.]+)(?:[-–]([\d.]+)|\+)$/.exec(s);
  return m ? Number(m[1]) : NaN;
}

function freeMail(email) {
  const at = email.lastIndexOf('@');
  if (at < 0) return false;
  const domain = email.slice(at + 1).trim().toLowerCase();
  return FREE_MAIL.some((f) => (f.endsWith('.*') ? domain.split('.')[0] === f.slice(0, -2) && domain.includes('.') : domain === f));
}

function roleAddress(email) {
  const at = email.lastIndexOf('@');
  if (at < 0) return false;
  return ROLES.has(email.slice(0, at).trim().split('+')[0].toLowerCase());
}

/** A rule as a function of the row → points (0 when it does not hold). */
function compileRule(rule, index) {
  const col = index[COLUMNS[rule.field]];
  if (col === undefined) return () => 0;
  const pts = rule.points ?? 0;
  if (rule.per_unit !== undefined) {
    return (row) => {
      const n = number(row[col]);
      return Number.isNaN(n) ? 0 : Math.min(rule.per_unit * Math.max(n, 0), rule.max ?? Infinity);
    };
  }
  if (rule.contains_any) {
    const re = new RegExp(`\\b(?:${rule.contains_any.map((k) => escape(fold(k))).join('|')})\\b`);
    return (row) => (re.test(fold(row[col])) ? pts : 0);
  }
  if (rule.equals_any) {
    const set = new Set(rule.equals_any.map(fold));
    return (row) => (set.has(fold(String(row[col] ?? '').trim())) ? pts : 0);
  }
  if (rule.between || rule.at_least !== undefined || rule.at_most !== undefined) {
    const [lo, hi] = rule.between ?? [rule.at_least ?? -Infinity, rule.at_most ?? Infinity];
    return (row) => {
      const n = number(row[col]);
      return n >= lo && n <= hi ? pts : 0;
    };
  }
  if (rule.free_mail) return (row) => (freeMail(String(row[col] ?? '')) ? pts : 0);
  if (rule.role_address) return (row) => (roleAddress(String(row[col] ?? '')) ? pts : 0);
  return () => 0;
}

function compileAxis(axis, index) {
  return axis.groups.map((g) => ({ cap: g.cap ?? Infinity, rules: g.rules.map((r) => compileRule(r, index)) }));
}

function axisScore(groups, row) {
  let raw = 0;
  for (const g of groups) {
    let sum = 0;
    for (const rule of g.rules) sum += rule(row);
    raw += Math.max(-g.cap, Math.min(g.cap, sum));
  }
  return Math.round(Math.max(0, Math.min(100, raw)) * 100) / 100;
}

/**
 * Score every lead: `rows` as Papa Parse gives them without `header` (the header row first),
 * `agreement` as `accord agreement` prints it. Returns the scores and the KPIs the page shows
 * first (leads, MQLs, SQLs, disqualified, fast-tracked).
 */
export function score(rows, agreement) {
  const header = rows[0];
  const index = Object.fromEntries(header.map((h, i) => [h, i]));
  const q = agreement.qualification;
  const fitAxis = compileAxis(q.fit, index);
  const interestAxis = compileAxis(q.interest, index);
  const held = (rule) => { const f = compileRule({ ...rule, points: 1 }, index); return (row) => f(row) > 0; };
  const disqualify = q.disqualify.map(held);
  const fastTrack = q.fast_track.map(held);
  const { mql, sql } = q.thresholds;
  const n = rows.length - 1;
  const fit = new Float32Array(n);
  const interest = new Float32Array(n);
  let leads = 0; let mqls = 0; let sqls = 0; let disqualified = 0; let fastTracked = 0;
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i];
    if (row.length < header.length) continue; // Papa's empty last line
    leads++;
    const f = axisScore(fitAxis, row);
    const t = axisScore(interestAxis, row);
    fit[i - 1] = f;
    interest[i - 1] = t;
    if (disqualify.some((d) => d(row))) { disqualified++; continue; }
    const fast = fastTrack.some((d) => d(row));
    if (fast) fastTracked++;
    if (fast || (f >= mql.fit && t >= mql.interest)) mqls++;
    if (f >= sql.fit && t >= sql.interest) sqls++;
  }
  return { leads, mqls, sqls, disqualified, fastTracked, fit, interest };
}
