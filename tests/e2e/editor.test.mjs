// Page tests of the agreement editor: the seven parts as forms, edits that the engine scores at
// once, its errors shown next to the control they concern, presets, goals, and the keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, fillPaste, showTab } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => env?.close());

const num = (t) => Number(String(t).replace(/[^0-9.-]/g, ''));
const PARTS = ['goals', 'definitions', 'qualification', 'handoff', 'nurture', 'follow_up', 'kpis'];

/** Open the page (with `query`, e.g. '?lang=fr') once the sample is scored. */
async function open(query = '') {
  // A first visit each time: no agreement saved by an earlier test.
  const { page, events } = await openPage(env, { query });
  await page.waitForSelector('[data-testid="editor-part-qualification"]');
  return { page, events };
}

function noErrors(events) {
  assert.deepEqual(events.console.filter((m) => m.type === 'error').map((m) => m.text), [], 'no console error');
  assert.deepEqual(events.pageErrors, [], 'no uncaught exception');
}

const mqls = async (page) => num(await page.textContent('[data-testid="mql-count"]'));
/** Wait until the MQL tile satisfies `cmp(now, ref)`; returns the count. */
async function mqlsBecome(page, cmp, ref) {
  await page.waitForFunction(([c, r]) => {
    const n = Number(document.querySelector('[data-testid="mql-count"]').textContent.replace(/\D/g, ''));
    return { gt: n > r, lt: n < r, eq: n === r, ne: n !== r }[c];
  }, [cmp, ref]);
  return mqls(page);
}
/** How many times the engine has judged an agreement so far. */
const answers = async (page) => Number(await page.evaluate(() => document.body.dataset.agreementAnswers ?? '0'));
/** Wait for the engine's next verdict after `since` answers. */
async function judged(page, since) {
  // The verdict on the last agreement sent (edits queue behind the one in flight).
  await page.waitForFunction((n) => Number(document.body.dataset.agreementAnswers ?? '0') > n
    && document.body.dataset.agreementBusy === undefined, since);
  return page.evaluate(() => document.body.dataset.agreement);
}

const rule = (axis, group, index) => `[data-testid="rule"][data-axis="${axis}"][data-group="${group}"][data-index="${index}"]`;
const ruleIds = (page, axis, group) => page.$$eval(`[data-testid="rule"][data-axis="${axis}"][data-group="${group}"] [data-testid="rule-id"]`,
  (els) => els.map((e) => e.value));
/** Lead 1's fit, as "Why this score?" shows it. */
const leadFit = async (page) => num((await page.textContent('[data-testid="explain-fit"] .explain-score strong')).replace(/^\D+/, ''));

test('the seven parts are there, numbered, in English and in French', async () => {
  const { page, events } = await open();
  const summaries = await page.$$eval('[data-testid^="editor-part-"] > summary', (els) => els.map((e) => e.textContent.trim()));
  assert.deepEqual(summaries, ['1Goals', '2Definitions', '3Qualification', '4Handoff', '5Nurture', '6Follow-up', '7KPIs']);
  for (const id of PARTS) assert.equal(await page.locator(`[data-testid="editor-part-${id}"]`).count(), 1, id);
  // Qualification is open; every rule of the default agreement has its editor.
  assert.equal(await page.locator('[data-testid="rule"]').count(), 15);
  assert.deepEqual(await ruleIds(page, 'fit', 0), ['decision-maker', 'manager', 'student', 'free-mail']);
  // Every control has a label: a <label for>, or an aria-label (icon buttons, number twins).
  const unlabelled = await page.$$eval('#agreement-editor input, #agreement-editor select, #agreement-editor textarea, #agreement-editor button',
    (els) => els.filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent.trim())))
      .map((el) => el.outerHTML.slice(0, 120)));
  assert.deepEqual(unlabelled, []);
  // Every form control carries its JSON path.
  const pathless = await page.$$eval('#agreement-editor input, #agreement-editor textarea, #agreement-editor select:not([data-testid="preset-select"])',
    (els) => els.filter((el) => !el.dataset.path).map((el) => el.outerHTML.slice(0, 120)));
  assert.deepEqual(pathless, []);
  // Open every section: nothing renders as "[object …]".
  await page.$$eval('#agreement-editor details', (ds) => ds.forEach((d) => { d.open = true; }));
  assert.doesNotMatch(await page.textContent('#agreement-editor'), /\[object |undefined|NaN/);
  assert.equal(await page.getAttribute(`${rule('fit', 0, 0)} [data-testid="rule-points-number"]`, 'data-path'),
    'qualification.fit.groups[0].rules[0].points');
  noErrors(events);
  await page.close();

  const fr = await open('?lang=fr');
  const frSummaries = await fr.page.$$eval('[data-testid^="editor-part-"] > summary', (els) => els.map((e) => e.textContent.trim()));
  assert.deepEqual(frSummaries, ['1Objectifs', '2Définitions', '3Qualification', '4Transmission aux ventes', '5Nurturing', '6Suivi commercial', '7Indicateurs']);
  assert.equal(await fr.page.textContent('[data-testid="editor-q-fit"] > summary'), 'Adéquation');
  assert.equal(await fr.page.textContent('[data-testid="editor-q-interest"] > summary'), 'Intérêt');
  assert.match(await fr.page.textContent('[data-testid="editor-q-thresholds"]'), /Seuil MQL · adéquation/);
  assert.equal(await fr.page.textContent('[data-testid="add-rule"] >> nth=0'), 'Ajouter une règle');
  assert.equal(await fr.page.textContent(`${rule('fit', 0, 0)} [data-testid="rule-field"] option:checked`), 'Intitulé du poste');
  assert.equal(await fr.page.textContent(`${rule('fit', 0, 0)} [data-testid="rule-field-key"]`), 'job_title', 'the raw key beside');
  // Stage names are edited in both languages.
  await fr.page.click('[data-testid="editor-part-definitions"] > summary');
  await fr.page.click('[data-testid="stage"] >> nth=0 >> summary');
  assert.equal(await fr.page.inputValue('[data-path="definitions.stages[0].name.en"]'), 'Subscriber');
  assert.equal(await fr.page.inputValue('[data-path="definitions.stages[0].name.fr"]'), 'Abonné');
  noErrors(fr.events);
  await fr.page.close();
});

test('raising a rule\u2019s points, typed or slid, raises the lead\u2019s fit and the MQL count', async () => {
  const { page, events } = await open();
  const before = await mqls(page);
  // Lead 1 is a "Community manager": the manager rule gives it 20 of its fit.
  const fit = await leadFit(page);
  await page.fill(`${rule('fit', 0, 1)} [data-testid="rule-points-number"]`, '40');
  await page.waitForFunction((f) => {
    const t = document.querySelector('[data-testid="explain-fit"] .explain-score strong')?.textContent ?? '';
    return Number(t.replace(/^\D+/, '')) === f + 20;
  }, fit);
  assert.equal(await page.inputValue(`${rule('fit', 0, 1)} [data-testid="rule-points"]`), '40', 'the slider follows the number');
  const afterNumber = await mqlsBecome(page, 'gt', before);
  // The slider: decision-makers up from 35 to 45 points (the group's cap).
  await page.locator(`${rule('fit', 0, 0)} [data-testid="rule-points"]`).fill('45');
  assert.equal(await page.inputValue(`${rule('fit', 0, 0)} [data-testid="rule-points-number"]`), '45', 'the number follows the slider');
  const afterSlider = await mqlsBecome(page, 'gt', afterNumber);
  assert.ok(afterSlider > afterNumber && afterNumber > before, `${before} → ${afterNumber} → ${afterSlider}`);
  // The number input takes any value, beyond the slider's range; the slider stops at its end.
  await page.fill(`${rule('fit', 0, 2)} [data-testid="rule-points-number"]`, '-80');
  assert.equal(await page.inputValue(`${rule('fit', 0, 2)} [data-testid="rule-points"]`), '-50');
  assert.equal(await page.getAttribute('body', 'data-agreement'), 'accepted');
  noErrors(events);
  await page.close();
});

test('a keyword chip added to a rule changes the scores; removing it brings them back', async () => {
  const { page, events } = await open();
  const before = await mqls(page);
  const r = page.locator(rule('fit', 0, 0));
  const chipCount = await r.locator('[data-testid="chip"]').count();
  await r.locator('[data-testid="chip-input"]').fill('analyst');
  await r.locator('[data-testid="chip-input"]').press('Enter');
  assert.equal(await r.locator('[data-testid="chip"]').count(), chipCount + 1);
  assert.match(await r.locator('[data-testid="chip"]').last().textContent(), /^analyst/);
  const more = await mqlsBecome(page, 'gt', before);
  // × removes it.
  await r.locator('[data-testid="chip"]').last().locator('button').click();
  assert.equal(await mqlsBecome(page, 'eq', before), before);
  // A comma adds too; Backspace in the empty box takes the last one back.
  await r.locator('[data-testid="chip-input"]').pressSequentially('analyst,');
  assert.equal(await mqlsBecome(page, 'eq', more), more);
  await r.locator('[data-testid="chip-input"]').press('Backspace');
  assert.equal(await r.locator('[data-testid="chip"]').count(), chipCount);
  assert.equal(await mqlsBecome(page, 'eq', before), before);
  noErrors(events);
  await page.close();
});

test('removing a rule and adding it back', async () => {
  const { page, events } = await open();
  const before = await mqls(page);
  const since = await answers(page);
  await page.click(`${rule('fit', 0, 1)} [data-testid="rule-remove"]`);
  assert.deepEqual(await ruleIds(page, 'fit', 0), ['decision-maker', 'student', 'free-mail']);
  assert.equal(await judged(page, since), 'accepted');
  const without = await mqlsBecome(page, 'lt', before);
  // The same rule, made again from a new one.
  await page.click('[data-testid="group"][data-axis="fit"][data-index="0"] [data-testid="add-rule"]');
  const added = page.locator(rule('fit', 0, 3));
  assert.equal(await added.locator('[data-testid="rule-id"]').inputValue(), 'rule-1', 'a new rule gets a fresh id');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'rule-id', 'focus is on the new rule');
  await added.locator('[data-testid="rule-id"]').fill('manager');
  await added.locator('[data-testid="rule-id"]').press('Enter');
  assert.equal(await added.locator('[data-testid="rule-field"]').inputValue(), 'job_title');
  assert.equal(await added.locator('[data-testid="rule-kind"]').inputValue(), 'contains_any');
  await added.locator('[data-testid="chip"] button').click(); // the placeholder keyword
  for (const k of ['manager', 'responsable', 'chef', 'lead', 'team lead']) {
    await added.locator('[data-testid="chip-input"]').fill(k);
    await added.locator('[data-testid="chip-input"]').press('Enter');
  }
  await added.locator('[data-testid="rule-points-number"]').fill('20');
  assert.equal(await mqlsBecome(page, 'eq', before), before, `back to ${before} from ${without}`);
  assert.deepEqual(await ruleIds(page, 'fit', 0), ['decision-maker', 'student', 'free-mail', 'manager']);
  noErrors(events);
  await page.close();
});

test('moving a rule down changes its order on the page and in the agreement', async () => {
  const { page, events } = await open();
  await page.click(`${rule('fit', 0, 0)} [data-testid="rule-down"]`);
  assert.deepEqual(await ruleIds(page, 'fit', 0), ['manager', 'decision-maker', 'student', 'free-mail']);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.focusKey), 'qualification.fit.groups[0].rules[1]|down',
    'focus follows the moved rule');
  await page.keyboard.press('Enter'); // and again, from the keyboard
  assert.deepEqual(await ruleIds(page, 'fit', 0), ['manager', 'student', 'decision-maker', 'free-mail']);
  await page.click(`${rule('fit', 0, 3)} [data-testid="rule-up"]`);
  assert.deepEqual(await ruleIds(page, 'fit', 0), ['manager', 'student', 'free-mail', 'decision-maker']);
  // A render from the agreement itself (a language switch re-reads it) shows the same order.
  await page.evaluate(async () => (await import('/www/i18n.js')).setLang('fr'));
  await page.waitForFunction(() => document.querySelector('[data-testid="editor-part-goals"] summary').textContent.includes('Objectifs'));
  assert.deepEqual(await ruleIds(page, 'fit', 0), ['manager', 'student', 'free-mail', 'decision-maker']);
  await page.evaluate(async () => (await import('/www/i18n.js')).setLang('en'));
  // The last rule cannot go further down; the first cannot go up.
  assert.equal(await page.isDisabled(`${rule('fit', 0, 3)} [data-testid="rule-down"]`), true);
  assert.equal(await page.isDisabled(`${rule('fit', 0, 0)} [data-testid="rule-up"]`), true);
  // Groups move too.
  await page.click('[data-testid="group"][data-axis="fit"][data-index="0"] [data-testid="group-down"]');
  assert.equal(await page.inputValue('[data-testid="group"][data-axis="fit"][data-index="1"] [data-testid="group-name"]'), 'Persona');
  noErrors(events);
  await page.close();
});

test('every condition kind, chosen in turn, gives a rule the engine accepts', async () => {
  const { page, events } = await open();
  const kinds = await page.$$eval(`${rule('fit', 0, 0)} [data-testid="rule-kind"] option`, (o) => o.map((x) => x.value));
  assert.equal(kinds.length, 17, kinds.join());
  const check = async (selector, kind) => {
    const since = await answers(page);
    await page.selectOption(selector, kind);
    const verdict = await judged(page, since);
    const shown = await page.locator('[data-testid="editor-error"]').allTextContents();
    assert.equal(verdict, 'accepted', `${kind}: ${shown.join(' | ')}`);
    assert.deepEqual(shown, [], kind);
    assert.equal(await page.isHidden('[data-testid="editor-errors"]'), true, kind);
  };
  for (const kind of [...kinds.slice(1), kinds[0], 'per_unit', 'activity', 'all_of', 'between', 'at_most', 'any_of']) {
    await check(`${rule('fit', 0, 0)} [data-testid="rule-kind"]`, kind);
    assert.equal(await page.inputValue(`${rule('fit', 0, 0)} [data-testid="rule-kind"]`), kind);
  }
  // any_of kept the at_most condition as its first part; its kind changes the same way.
  const part = `${rule('fit', 0, 0)} [data-testid="rule-part"][data-index="0"]`;
  assert.equal(await page.inputValue(`${part} [data-testid="rule-kind"]`), 'at_most');
  const partKinds = await page.$$eval(`${part} [data-testid="rule-kind"] option`, (o) => o.map((x) => x.value));
  assert.ok(!partKinds.includes('all_of') && !partKinds.includes('activity') && !partKinds.includes('per_unit'));
  for (const kind of partKinds) await check(`${part} [data-testid="rule-kind"]`, kind);
  // Disqualifiers: no points, so no per-unit or activity kinds.
  await page.click('[data-testid="editor-q-disqualify"] > summary');
  const dq = '[data-testid="disqualify-rule"][data-index="0"]';
  const dqKinds = await page.$$eval(`${dq} [data-testid="rule-kind"] option`, (o) => o.map((x) => x.value));
  assert.equal(dqKinds.length, 15);
  for (const kind of dqKinds) await check(`${dq} [data-testid="rule-kind"]`, kind);
  assert.equal(await page.locator(`${dq} [data-testid="rule-points"]`).count(), 0);
  noErrors(events);
  await page.close();
});

test('a value the engine rejects is marked at its control, and the other edits stay', async () => {
  const { page, events } = await open();
  // An edit the engine takes.
  const before = await mqls(page);
  await page.fill(`${rule('fit', 0, 1)} [data-testid="rule-points-number"]`, '40');
  const edited = await mqlsBecome(page, 'gt', before);
  // A cap of -5.
  const cap = '[data-testid="group"][data-axis="fit"][data-index="0"] [data-testid="group-cap-number"]';
  let since = await answers(page);
  await page.fill(cap, '-5');
  assert.equal(await judged(page, since), 'rejected');
  await page.waitForSelector(`${cap}[aria-invalid="true"]`);
  const capField = page.locator(cap).locator('xpath=ancestor::div[contains(@class,"ed-field")][1]');
  assert.match(await capField.locator('[data-testid="editor-error"]').textContent(), /must be a number of points, 0 or more/);
  assert.equal(await page.isVisible('[data-testid="editor-errors"]'), true, 'the editor says the figures are the last accepted');
  assert.equal(await mqls(page), edited, 'the figures stay those of the last agreement the engine took');
  // A threshold of 150, in a section closed at the time: it opens to show the error.
  await page.click('[data-testid="editor-q-thresholds"] > summary');
  assert.equal(await page.isVisible('[data-testid="threshold-mql-fit-number"]'), false);
  since = await answers(page);
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="threshold-mql-fit-number"]');
    el.value = '150';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  assert.equal(await judged(page, since), 'rejected');
  await page.waitForSelector('[data-testid="threshold-mql-fit-number"][aria-invalid="true"]');
  assert.equal(await page.isVisible('[data-testid="threshold-mql-fit-number"]'), true, 'its section opened');
  const errors = await page.locator('[data-testid="editor-error"]').allTextContents();
  assert.equal(errors.length, 2, errors.join(' | '));
  assert.ok(errors.some((e) => /whole score from 0 to 100, not 150/.test(e)), errors.join(' | '));
  const describedBy = await page.getAttribute('[data-testid="threshold-mql-fit-number"]', 'aria-describedby');
  assert.match(await page.textContent(`#${describedBy.split(' ').pop()}`), /not 150/, 'the message is tied to the control');
  // The other edit is still there.
  assert.equal(await page.inputValue(`${rule('fit', 0, 1)} [data-testid="rule-points-number"]`), '40');
  // Fixing both clears the errors; the figures include the first edit.
  await page.fill(cap, '45');
  since = await answers(page);
  await page.fill('[data-testid="threshold-mql-fit-number"]', '50');
  assert.equal(await judged(page, since), 'accepted');
  await page.waitForSelector('[data-testid="editor-error"]', { state: 'detached' });
  assert.equal(await page.locator('#agreement-editor [aria-invalid="true"]').count(), 0);
  assert.equal(await page.isHidden('[data-testid="editor-errors"]'), true);
  assert.equal(await mqlsBecome(page, 'eq', edited), edited);
  noErrors(events);
  await page.close();
});

test('the threshold sliders move the MQL count, in both modes', async () => {
  const { page, events } = await open();
  const before = await mqls(page);
  await page.locator('[data-testid="threshold-mql-fit"]').fill('30');
  assert.equal(await page.inputValue('[data-testid="threshold-mql-fit-number"]'), '30');
  const lower = await mqlsBecome(page, 'gt', before);
  await page.locator('[data-testid="threshold-mql-interest"]').fill('90');
  await mqlsBecome(page, 'lt', lower);
  // Combined mode: its own controls; the weight sets both weights.
  await page.selectOption('[data-testid="threshold-mode"]', 'combined');
  await page.waitForSelector('[data-testid="threshold-combined-mql"]');
  assert.equal(await page.locator('[data-testid="threshold-mql-fit"]').count(), 0);
  await page.locator('[data-testid="threshold-weight-fit"]').fill('70');
  assert.match(await page.textContent('[data-testid="threshold-weight-interest"]'), /30 %/);
  const combined = await mqls(page);
  await page.locator('[data-testid="threshold-combined-mql"]').fill('0');
  const dq = num(await page.textContent('[data-testid="dq-count"]'));
  assert.equal(await mqlsBecome(page, 'eq', 5000 - dq), 5000 - dq, `from ${combined}: a line at 0 takes every lead not disqualified`);
  assert.equal(await page.getAttribute('body', 'data-agreement'), 'accepted');
  noErrors(events);
  await page.close();
});

test('starting from another preset replaces the rules and keeps the open sections', async () => {
  const { page, events } = await open();
  const before = await mqls(page);
  const options = await page.$$eval('[data-testid="preset-select"] option', (o) => o.map((x) => x.value));
  assert.deepEqual(options, ['b2b-software', 'industrial', 'services']);
  await page.click('[data-testid="editor-part-goals"] > summary');
  await page.selectOption('[data-testid="preset-select"]', 'industrial');
  await page.waitForFunction(() => document.querySelector('[data-testid="rule"] [data-testid="rule-id"]').value === 'engineering');
  assert.deepEqual(await ruleIds(page, 'fit', 0), ['engineering', 'purchasing', 'plant-management', 'student']);
  assert.equal(await page.inputValue('[data-testid="preset-select"]'), 'industrial');
  await mqlsBecome(page, 'ne', before);
  assert.equal(await page.getAttribute('[data-testid="editor-part-goals"]', 'open'), '', 'Goals is still open');
  // The services preset draws its lines in combined mode.
  await page.selectOption('[data-testid="preset-select"]', 'services');
  await page.waitForSelector('[data-testid="threshold-combined-mql"]');
  assert.equal(await page.inputValue('[data-testid="threshold-mode"]'), 'combined');
  noErrors(events);
  await page.close();
});

test('editing the goal changes the goal card\u2019s figures', async () => {
  const { page, events } = await open();
  await showTab(page, 'goals');
  await page.waitForSelector('[data-testid="capacity"]');
  assert.match(await page.textContent('[data-testid="capacity"]'), /sales can work 240 leads a month/);
  await page.click('[data-testid="editor-part-goals"] > summary');
  assert.equal(await page.inputValue('[data-testid="goal-revenue-target"]'), '1000000');
  assert.equal(await page.inputValue('[data-testid="goal-rate-sql_to_won"]'), '25', 'rates are shown as percentages');
  await page.fill('[data-testid="goal-capacity-reps"]', '5');
  await page.waitForFunction(() => /sales can work 300 leads a month/.test(document.querySelector('[data-testid="capacity"]')?.textContent));
  const won = async () => num((await page.$$eval('[data-testid="need-won"] td', (tds) => tds.map((t) => t.textContent)))[1]);
  const wonBefore = await won();
  await page.fill('[data-testid="goal-revenue-target"]', '2000000');
  await page.waitForFunction(() => document.querySelector('[data-testid="goals-body"]').textContent.includes('$2,000,000'));
  assert.ok(await won() >= wonBefore * 2 - 1, 'twice the target needs about twice the wins');
  // 50 % of SQLs won: the SQLs needed are twice the wins.
  await page.fill('[data-testid="goal-rate-sql_to_won"]', '50');
  await page.waitForFunction(() => /50% \(planned\)/.test(document.querySelector('[data-testid="need-sql"]')?.textContent));
  const sql = num((await page.$$eval('[data-testid="need-sql"] td', (tds) => tds.map((t) => t.textContent)))[1]);
  assert.equal(sql, (await won()) * 2);
  // A KPI target as a percentage.
  await page.click('[data-testid="editor-part-kpis"] > summary');
  assert.equal(await page.inputValue('[data-testid="kpi-target-mql_acceptance_rate"]'), '90');
  await page.fill('[data-testid="kpi-target-mql_acceptance_rate"]', '40');
  await page.waitForFunction(() => /met \(target 40%\)/.test(document.querySelector('[data-testid="kpi-mql_acceptance_rate"]')?.textContent));
  assert.equal(await page.getAttribute('body', 'data-agreement'), 'accepted');
  noErrors(events);
  await page.close();
});

test('from the keyboard: Tab into the editor, step a rule\u2019s points, see the count change', async () => {
  const { page, events } = await open();
  const before = await mqls(page);
  await page.focus('[data-testid="use-sample"]');
  const target = `${rule('fit', 0, 0)} [data-testid="rule-points-number"]`;
  let reached = false;
  let entered = false;
  for (let i = 0; i < 120 && !reached; i++) {
    await page.keyboard.press('Tab');
    entered ||= await page.evaluate(() => document.getElementById('agreement-editor').contains(document.activeElement));
    reached = await page.evaluate((sel) => document.activeElement === document.querySelector(sel), target);
  }
  assert.ok(entered && reached, 'Tab reaches the points of the first rule');
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowUp');
  assert.equal(await page.inputValue(target), '45');
  assert.equal(await page.inputValue(`${rule('fit', 0, 0)} [data-testid="rule-points"]`), '45');
  const after = await mqlsBecome(page, 'gt', before);
  assert.ok(after > before);
  // The focus stayed where it was through the engine's answers.
  assert.equal(await page.evaluate((sel) => document.activeElement === document.querySelector(sel), target), true);
  // Shift+Tab back to the slider; End takes it to the top of its range.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('End');
  assert.equal(await page.inputValue(target), '100');
  noErrors(events);
  await page.close();
});

test('the other parts edit the agreement: stage map, nurture, follow-up, handoff', async () => {
  const { page, events } = await open();
  for (const id of ['definitions', 'handoff', 'nurture', 'follow_up']) await page.click(`[data-testid="editor-part-${id}"] > summary`);
  let since = await answers(page);
  await page.click('[data-testid="add-stage-map"]');
  assert.equal(await judged(page, since), 'accepted');
  await page.fill('[data-testid="stage-map-key"]', 'Working - Contacted');
  await page.press('[data-testid="stage-map-key"]', 'Tab');
  await page.selectOption('[data-testid="stage-map-value"]', 'sal');
  assert.equal(await page.getAttribute('[data-testid="stage-map-value"]', 'data-path'), 'definitions.stage_map.Working - Contacted');
  // A track renamed: the recycle track follows.
  await page.fill('[data-testid="track"][data-index="0"] [data-testid="track-id"]', 'win-back');
  await page.press('[data-testid="track"][data-index="0"] [data-testid="track-id"]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="recycle-track"]').value === 'win-back');
  // Business hours: a holiday as a date chip; a time zone the engine does not know is its error.
  const hol = page.locator('[data-path="follow_up.business_hours.holidays"]');
  await hol.fill('2027-05-13');
  await hol.press('Enter');
  assert.deepEqual(await page.locator('[data-testid="editor-part-follow_up"] [data-testid="chip"] span').allTextContents(),
    ['phone', 'email', 'video', '0', '1', '3', '5', '8', '13', '2027-05-13']);
  since = await answers(page);
  await page.fill('[data-testid="fu-time-zone"]', 'Mars/Olympus');
  await page.press('[data-testid="fu-time-zone"]', 'Tab');
  assert.equal(await judged(page, since), 'rejected');
  assert.match(await page.textContent('[data-testid="editor-part-follow_up"] [data-testid="editor-error"]'), /Unknown time zone "Mars\/Olympus"/);
  since = await answers(page);
  await page.fill('[data-testid="fu-time-zone"]', 'Europe/Paris');
  await page.press('[data-testid="fu-time-zone"]', 'Tab');
  assert.equal(await judged(page, since), 'accepted');
  // No trigger left: the engine's error sits on the triggers.
  since = await answers(page);
  await page.uncheck('[data-testid="trigger-mql"]');
  await page.uncheck('[data-testid="trigger-fast_track"]');
  await page.waitForSelector('[data-testid="trigger-mql"][aria-invalid="true"]');
  await page.check('[data-testid="trigger-mql"]');
  await page.waitForSelector('[data-testid="trigger-mql"]:not([aria-invalid])');
  assert.equal(await judged(page, since), 'accepted');
  noErrors(events);
  await page.close();
});

test('the field pickers offer the loaded file\u2019s headers beside the canonical fields', async () => {
  const { page, events } = await open();
  await fillPaste(page, 'Email,Job Title,Seniority Level\na@x.io,CTO,Executive\nb@y.io,Intern,Junior\nc@z.io,Analyst,Executive\n');
  await page.click('[data-testid="paste-load"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="leads-count"]').textContent === '3');
  const field = `${rule('fit', 0, 0)} [data-testid="rule-field"]`;
  const groups = await page.$$eval(`${field} optgroup`, (gs) => gs.map((g) => [g.label, [...g.children].map((o) => o.value)]));
  assert.equal(groups.length, 2);
  assert.ok(groups[0][1].includes('job_title') && groups[0][1].includes('company_size'));
  assert.deepEqual(groups[1][1], ['Email', 'Job Title', 'Seniority Level']);
  // A rule on a header as written.
  const since = await answers(page);
  await page.selectOption(field, 'Seniority Level');
  assert.equal(await page.textContent(`${rule('fit', 0, 0)} [data-testid="rule-field-key"]`), 'Seniority Level');
  await page.selectOption(`${rule('fit', 0, 0)} [data-testid="rule-kind"]`, 'equals_any');
  assert.equal(await judged(page, since), 'accepted');
  assert.equal(await page.getAttribute(`${rule('fit', 0, 0)} [data-testid="chip-input"]`, 'data-path'),
    'qualification.fit.groups[0].rules[0].equals_any');
  assert.equal(await page.locator('[data-testid="editor-error"]').count(), 0);
  noErrors(events);
  await page.close();
});
