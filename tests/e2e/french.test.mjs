// Page tests in French: with ?lang=fr the result cards speak French and write numbers the French
// way (no-break space between thousands, decimal comma, a space before "%"); switching the
// language select re-renders them without a reload; no KPI keeps its English name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, showTab } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => env?.close());

// A no-break space (regular or narrow), as Intl writes French numbers.
const NBSP = '[\\u00a0\\u202f]';
/** A French count: 5 000, 12 345 (no comma, no point). */
const COUNT = new RegExp(`^\\d{1,3}(?:${NBSP}\\d{3})*$`);
/** A French percentage: 47,3 %, 25 %. */
const PCT = `\\d+(?:,\\d+)?${NBSP}%`;

// Every KPI's French name (www/ui/cards-strings.js, by the engine's ids in crate/goals/kpis.rs).
const FRENCH_KPI_NAMES = [
  'Taux d’acceptation des MQL',
  'Premier contact dans le délai du SLA',
  'Taux de recyclage',
  'Taux de disqualification',
  'Taux de conversion lead → MQL',
  'Taux de conversion MQL → SQL',
  'Taux de conversion SQL → gagné',
  'Délai de premier contact (médiane)',
  'Délai de premier contact (90ᵉ centile)',
  'Leads en retard actuellement',
  'Fréquence des tentatives (médiane)',
  'Tentatives de contact par lead',
];

const text = (page, id) => page.textContent(`[data-testid="${id}"]`);

test('with ?lang=fr the tiles, matrix, explanation, lifecycle, goal and KPI cards are in French', async () => {
  const { page, events } = await openPage(env, { query: '?lang=fr' });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');

  // Tiles: French words, "5 000" leads, "… % des leads".
  assert.match(await text(page, 'leads-count'), COUNT);
  assert.equal((await text(page, 'leads-count')).replace(/\D/g, ''), '5000');
  assert.match(await text(page, 'tile-dq'), /Disqualifiés/);
  assert.match(await text(page, 'tile-dq'), /transmis en priorité aux ventes/);
  assert.match(await text(page, 'mql-detail'), new RegExp(`^${PCT} des leads$`));
  assert.match(await text(page, 'won-detail'), /gagnés · taux de gain des MQL/);

  // Matrix: French axes and win rates, French counts.
  assert.equal(await page.textContent('[data-testid="matrix"] th.corner'), 'Adéquation \\ Intérêt');
  assert.match(await page.textContent('#matrix-note'), /taux de gain des leads clos/);
  const cells = await page.$$eval('[data-testid^="matrix-cell-"] .n', (els) => els.map((e) => e.textContent));
  for (const c of cells) assert.match(c, COUNT);
  const rates = await page.$$eval('[data-testid^="matrix-cell-"] .rate', (els) => els.map((e) => e.textContent));
  assert.ok(rates.some((r) => new RegExp(`^${PCT} gagnés$`).test(r)), rates.join(' | '));
  assert.ok(rates.some((r) => /,\d/.test(r)), `a decimal comma in the win rates: ${rates.join(' | ')}`);

  // Explanation: French axes, grade, status and lifecycle line; no decimal point.
  await page.waitForSelector('[data-testid="explain-lifecycle"]');
  assert.match(await page.textContent('[data-testid="explain-fit"] .explain-score strong'), /^Adéquation -?\d/);
  assert.match(await page.textContent('[data-testid="explain-interest"] .explain-score strong'), /^Intérêt -?\d/);
  assert.match(await page.textContent('[data-testid="explain-fit"] .grade'), /^note /);
  assert.match(await text(page, 'explain-status'), /^(Disqualifié|Transmis en priorité aux ventes|SQL|MQL|Lead \(sous le seuil MQL\))/);
  assert.match(await text(page, 'explain-lifecycle'), new RegExp(`^Export${NBSP}: .* · accord${NBSP}: `));
  assert.doesNotMatch(await text(page, 'explain-body'), /\d\.\d/, 'no decimal point in French');

  // Lifecycle (follow-up tab).
  await showTab(page, 'followup');
  await page.waitForSelector('[data-testid="stage-table"]');
  const head = await page.$$eval('[data-testid="stage-table"] th', (ths) => ths.map((t) => t.textContent));
  assert.deepEqual(head, ['Stade', 'Dans l’export', 'Selon l’accord']);
  assert.equal(await page.textContent('[data-testid="stage-disqualified"] td'), 'Disqualifié');
  const stageCounts = await page.$$eval('[data-testid="stage-table"] tbody td:not(:first-child)', (tds) => tds.map((t) => t.textContent));
  for (const c of stageCounts) assert.match(c, COUNT);
  assert.ok(stageCounts.some((c) => new RegExp(NBSP).test(c)), `a thousands separator among ${stageCounts.join(', ')}`);
  assert.match(await text(page, 'fu-sla'), new RegExp(`^Premier contact dans le délai du SLA${PCT}$`));
  assert.match(await text(page, 'fu-speed'), new RegExp(`^Délai de premier contact \\(médiane\\)\\d+(,\\d)?${NBSP}h$`));
  assert.match(await text(page, 'fu-handed'), /^Transmis aux ventes/);
  assert.match(await text(page, 'fu-recycled'), /^Recyclés/);
  // Figures say what they count, on hover and on keyboard focus.
  const def = await page.$eval('[data-testid="fu-sla"]', (el) => [el.getAttribute('tabindex'), el.dataset.def]);
  assert.equal(def[0], '0');
  assert.match(def[1], /délai du SLA/);
  assert.match(await text(page, 'tracks'), new RegExp(`^Nurturing${NBSP}: .*Relance`));

  // Goal.
  await showTab(page, 'goals');
  await page.waitForSelector('[data-testid="reverse-funnel"]');
  const goalHead = await page.$$eval('[data-testid="reverse-funnel"] th', (ths) => ths.map((t) => t.textContent));
  assert.deepEqual(goalHead, ['Nécessaires', 'Au total', 'Par mois', 'Taux vers l’étape suivante']);
  const sql = await page.$$eval('[data-testid="need-sql"] td', (tds) => tds.map((t) => t.textContent));
  assert.equal(sql[0], 'SQL');
  assert.match(sql[3], new RegExp(`^25${NBSP}% \\(prévu\\)$`));
  assert.equal(await page.textContent('[data-testid="need-won"] td'), 'Affaires gagnées');
  assert.match(await text(page, 'goals-body'), new RegExp(`1${NBSP}000${NBSP}000${NBSP}\\$US à `));
  assert.match(await text(page, 'goals-body'), /sur 12,\d mois/);
  assert.match(await text(page, 'capacity'), /^Capacité\s: les ventes peuvent traiter 240 leads par mois/);

  // KPIs: every name in French, French values, definitions on hover and focus.
  await showTab(page, 'kpis');
  await page.waitForSelector('[data-testid="kpi-mql_acceptance_rate"]');
  const names = await page.$$eval('.kpi-table tbody tr td:first-child', (tds) => tds.map((t) => t.textContent));
  assert.equal(names.length, FRENCH_KPI_NAMES.length, names.join(' | '));
  for (const n of names) assert.ok(FRENCH_KPI_NAMES.includes(n), `"${n}" is not one of the French KPI names`);
  const row = await page.$$eval('[data-testid="kpi-mql_acceptance_rate"] td', (tds) => tds.map((t) => t.textContent));
  assert.equal(row[0], 'Taux d’acceptation des MQL');
  assert.match(row[1], new RegExp(`^${PCT}$`));
  const n = `\\d{1,3}(?:${NBSP}\\d{3})*`;
  assert.match(row[2], new RegExp(`^${n}/${n} · ${PCT}–${PCT}$`), 'count and 95 % interval');
  assert.match(row[3], new RegExp(`^(atteint|non atteint) \\(objectif 90${NBSP}%\\)$`));
  const kpiRows = await page.$$eval('.kpi-table tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('tabindex'), tr.dataset.def ?? '']));
  for (const [tabindex, d] of kpiRows) {
    assert.equal(tabindex, '0');
    assert.ok(d.length > 10, 'every KPI row has a definition');
  }
  assert.match(await page.getAttribute('[data-testid="kpi-recycle_rate"]', 'data-def'), /renvoyés au marketing/);
  // Keyboard focus shows the definition (the page's CSS draws [data-def] on :focus-visible).
  await page.focus('[data-testid="kpis"]');
  let focused = '';
  for (let i = 0; i < 40 && focused !== 'kpi-mql_acceptance_rate'; i += 1) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.dataset?.testid ?? '');
  }
  assert.equal(focused, 'kpi-mql_acceptance_rate', 'the first KPI row is reached with Tab');
  const tip = await page.$eval('[data-testid="kpi-mql_acceptance_rate"]', (el) => getComputedStyle(el, '::after').content);
  assert.match(tip, /Leads acceptés par les ventes/);
  assert.match(await text(page, 'velocity'), /^Vélocité/);
  await page.click('[data-testid="velocity"] summary');
  assert.match(await text(page, 'velocity'), new RegExp(`MQL → SQL${NBSP}: \\d+(,\\d)?${NBSP}j`));
  assert.match(await page.textContent('[data-testid="by-source"] summary'), /Par source de lead/);

  // Two months side by side, named in French.
  await page.fill('[data-testid="review-a"]', '2025-03');
  await page.fill('[data-testid="review-b"]', '2026-03');
  await page.dispatchEvent('[data-testid="review-b"]', 'change');
  await page.waitForSelector('[data-testid="review-table"]');
  const reviewHead = await page.$$eval('[data-testid="review-table"] th', (ths) => ths.map((t) => t.textContent));
  assert.equal(reviewHead[0], 'Indicateur');
  assert.match(reviewHead[1], new RegExp(`^mars 2025 \\(${n} leads\\)$`));
  assert.match(await text(page, 'review-lead_to_mql'), /^Taux de conversion lead → MQL.* pt$/);

  const errors = events.console.filter((m) => m.type === 'error').map((m) => m.text);
  assert.deepEqual(errors, [], 'no console error');
  assert.deepEqual(events.pageErrors, [], 'no uncaught exception');
  await page.close();
});

test('switching the language select from English to French re-renders the cards without a reload', async () => {
  const { page, events } = await openPage(env);
  await page.evaluate(() => { window.notReloaded = true; });
  await page.click('[data-testid="pin"]');
  await page.waitForSelector('[data-testid="whatif-summary"]');
  await showTab(page, 'kpis');
  await page.waitForSelector('[data-testid="kpi-mql_acceptance_rate"]');
  assert.match(await text(page, 'tile-dq'), /Disqualified/);
  assert.match(await text(page, 'whatif-summary'), /became MQL/);
  const english = await page.textContent('[data-testid="kpi-mql_acceptance_rate"] td');

  await page.selectOption('[data-testid="lang"]', 'fr');
  await page.waitForFunction(() => /Disqualifiés/.test(document.querySelector('[data-testid="tile-dq"]').textContent));
  assert.match(await text(page, 'leads-count'), COUNT);
  assert.equal(await page.textContent('[data-testid="matrix"] th.corner'), 'Adéquation \\ Intérêt');
  await page.waitForFunction(() => /^Adéquation/.test(document.querySelector('[data-testid="explain-fit"] .explain-score strong')?.textContent ?? ''));
  await page.waitForFunction(() => document.querySelector('[data-testid="kpi-mql_acceptance_rate"] td')?.textContent === 'Taux d’acceptation des MQL');
  assert.notEqual(english, 'Taux d’acceptation des MQL');
  const names = await page.$$eval('.kpi-table tbody tr td:first-child', (tds) => tds.map((t) => t.textContent));
  for (const x of names) assert.ok(FRENCH_KPI_NAMES.includes(x), `"${x}" is not one of the French KPI names`);
  assert.match(await text(page, 'whatif-summary'), new RegExp(`^MQL ${COUNT.source.slice(1, -1)} → .* devenus MQL`));
  assert.match(await page.textContent('#thresholds'), /MQL · adéquation/);
  await showTab(page, 'followup');
  assert.equal(await page.textContent('[data-testid="stage-table"] th'), 'Stade');
  await showTab(page, 'goals');
  assert.match(await text(page, 'capacity'), /^Capacité/);
  assert.match(await text(page, 'data-source'), /5[\u00a0\u202f]000 leads · \d+ colonnes/);

  // And back to English, still without a reload.
  await page.selectOption('[data-testid="lang"]', 'en');
  await page.waitForFunction(() => /Disqualified/.test(document.querySelector('[data-testid="tile-dq"]').textContent));
  await page.waitForFunction(() => document.querySelector('[data-testid="kpi-mql_acceptance_rate"] td')?.textContent !== 'Taux d’acceptation des MQL');
  assert.match(await text(page, 'whatif-summary'), /became MQL/);
  assert.match(await text(page, 'leads-count'), /^5,000$/);
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'the page was not reloaded');
  assert.deepEqual(events.pageErrors, [], 'no uncaught exception');
  await page.close();
});
