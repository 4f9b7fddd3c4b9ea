// Moments in a real browser, at a phone viewport: quick capture from the home page, the seven
// guided steps with the thought pinned and thinking traps highlighted while typing, the prediction
// check on the home page the day it is due, the support panel, the pages without JavaScript, and
// the list, search, trash and restore. Accessibility checks and screenshots of every page visited.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  launchBrowser,
  openPage,
  SCREENSHOT_DIR,
  screenshot,
  startServer,
  uniqueUsername,
} from './harness.mjs';
import * as steps from './steps.mjs';
import { expectPath, expectVisible, PASSWORD, pathOf, signUp, TIMEOUT } from './steps.mjs';

const VIEWPORT = 'phone';

/** The shared page checks, from the top of the page so the sticky pinned thought sits where a
 * person first sees it. */
async function inspect(t, page, name, { axe = true } = {}) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await steps.inspect(t, page, name, { viewport: VIEWPORT, axe, file: `moments-${name}` });
}
const SITUATION = 'No reply for three hours. I keep checking my phone.';
const THOUGHT = "They haven't texted back. They must be pulling away.";
const BALANCED = "I don't know why he hasn't replied. He's busy at work this week, and last time his phone had died.";
const FEAR = "He'll say he wants a break.";

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  const exit = await server?.stop();
  if (process.env.STEADY_SERVER_LOG !== '1' && exit && exit.code && exit.signal !== 'SIGTERM') {
    console.log(`steady exited with code ${exit.code}; its output:\n${server.output()}`);
  }
});

async function signIn(page, guard, username) {
  await page.goto('/signin');
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectPath(page, guard, '/', 'signing in');
}

/** Whether the element's box lies wholly inside the viewport right now. */
async function inViewport(locator) {
  const box = await locator.boundingBox();
  if (!box) return false;
  const { height, width } = locator.page().viewportSize();
  return box.y >= 0 && box.x >= 0 && box.y + box.height <= height && box.x + box.width <= width;
}

/** The rectangle of the pinned thought and of another element do not overlap. */
async function notCoveredByPinned(page, locator, what) {
  const pinned = await page.locator('aside.pinned').boundingBox();
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!pinned || !box) return;
  const overlap = box.y < pinned.y + pinned.height && pinned.y < box.y + box.height;
  assert.ok(!overlap, `${what} is hidden behind the pinned thought after scrolling to it (pinned ${JSON.stringify(pinned)}, element ${JSON.stringify(box)})`);
}

/** Today's date (YYYY-MM-DD) in the browser's time zone, which the sign-up page gave the account. */
function browserToday(page) {
  return page.evaluate(() => {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });
}

function saveAndContinue(page) {
  return page.getByRole('button', { name: 'Save and continue', exact: true }).click();
}

/** The value of a <dd> in the moment page's facts, by its <dt>. */
async function fact(page, term) {
  const dt = page.locator('dl.facts dt', { hasText: term }).first();
  if ((await dt.count()) === 0) return null;
  return (await dt.locator('xpath=following-sibling::dd[1]').innerText()).trim();
}

describe('moments in a real browser (phone)', () => {
  const username = uniqueUsername('mo');
  let momentPath = null;
  let predictionSet = false;

  test('quick capture from home in at most three interactions', async (t) => {
    const { context, page, guard } = await openPage(browser, server, VIEWPORT);
    try {
      await signUp(page, guard, username);
      await inspect(t, page, 'home-empty');

      let interactions = 0;
      // 1: type what's happening (the field has focus as a person would tap it; fill counts once).
      await page.getByRole('textbox', { name: "What's happening?" }).fill(SITUATION);
      interactions += 1;
      // 2: move the optional slider.
      await page.getByRole('slider', { name: /How strong is the feeling/ }).fill('70');
      interactions += 1;
      // 3: save.
      await page.getByRole('button', { name: 'Save this moment' }).click();
      interactions += 1;
      assert.ok(interactions <= 3, `quick capture took ${interactions} interactions`);

      await expectPath(page, guard, /^\/moments\/[^/]+$/, 'saving a quick moment');
      momentPath = pathOf(page);
      await expectVisible(page.getByRole('heading', { level: 1, name: SITUATION }), 'the captured text as the heading', guard);
      const status = page.getByRole('status');
      await expectVisible(status, 'a status message', guard);
      assert.match(await status.first().innerText(), /Saved/, 'the moment page should say it was saved');
      assert.equal(await fact(page, 'Strength'), '70 / 100', 'the intensity moved on the slider is kept');
      await inspect(t, page, 'moment-saved');
      guard.assertClean();
    } finally {
      await context.close();
    }
  });

  test('the guided flow: pinned thought, live trap analysis, prediction', async (t) => {
    assert.ok(momentPath, 'needs the moment from the quick-capture test');
    const { context, page, guard } = await openPage(browser, server, VIEWPORT);
    try {
      await signIn(page, guard, username);
      await page.goto(momentPath);
      await page.getByRole('link', { name: /Start the guided steps|Continue/ }).click();
      await expectPath(page, guard, `${momentPath}/step/1`, 'starting the guided steps');

      // 1. What happened: the text from quick capture is there; add context tags.
      assert.equal(await page.getByLabel('Describe it in a line or two').inputValue(), SITUATION);
      await page.getByRole('checkbox', { name: 'No reply' }).check();
      await page.getByRole('checkbox', { name: 'On their phone' }).check();
      await page.getByLabel('Your own words for it').fill('late evening');
      await inspect(t, page, 'step1');
      await saveAndContinue(page);
      await expectPath(page, guard, `${momentPath}/step/2`, 'saving step 1');

      // 2. Feelings with intensity, and the urge.
      await expectVisible(page.locator('aside.pinned', { hasText: SITUATION }), 'the situation pinned on step 2', guard);
      await page.getByRole('checkbox', { name: 'Anxious' }).check();
      await page.getByRole('slider', { name: 'How strong is Anxious?' }).fill('80');
      await page.getByRole('checkbox', { name: 'Jealous' }).check();
      await page.getByRole('slider', { name: 'How strong is Jealous?' }).fill('40');
      await page.getByRole('checkbox', { name: /Check their phone/ }).check();
      await inspect(t, page, 'step2');
      await saveAndContinue(page);
      await expectPath(page, guard, `${momentPath}/step/3`, 'saving step 2');

      // 3. Pause: the breathing timer runs and records the pause.
      const timerButton = page.getByRole('button', { name: /one-minute breathing timer/ });
      await expectVisible(timerButton, 'the breathing-timer button (JavaScript on)', guard);
      await timerButton.click();
      const display = page.locator('[data-timer-display]');
      await expectVisible(display, 'the running timer', guard);
      assert.match(await display.innerText(), /Breathe in · 1:00 left|Breathe in · 0:5\d left/);
      await page.waitForTimeout(1500);
      assert.match(await display.innerText(), /0:5\d left/, 'the timer counts down');
      assert.ok(
        await page.getByRole('radio', { name: 'I breathed for about a minute' }).isChecked(),
        'starting the timer records the breathing pause',
      );
      await inspect(t, page, 'step3');
      await saveAndContinue(page);
      await expectPath(page, guard, `${momentPath}/step/4`, 'saving step 3');

      // 4. Reflect.
      await page.getByRole('radio', { name: 'About then: a past relationship' }).check();
      await page.getByLabel('What is the actual evidence for the fear?').fill('Short replies today.');
      await page.getByLabel('What is the evidence against it?').fill('He said he had meetings all afternoon.');
      await page.getByLabel('What would you tell a friend in your place?').fill('Give it until the evening.');
      await page.getByLabel(/Have you ever acted like this yourself/).fill('I go quiet when I am swamped.');
      await inspect(t, page, 'step4');
      await saveAndContinue(page);
      await expectPath(page, guard, `${momentPath}/step/5`, 'saving step 4');

      // 5. The thought, analysed while it is typed, without submitting.
      const pinned = page.locator('[data-pinned]');
      const documentsBefore = guard.recentNavigations(100).length;
      const thought = page.getByLabel('What is the thought running through your mind?');
      await thought.click();
      const half = "They haven't texted back.";
      await thought.pressSequentially(half, { delay: 5 });
      await page.waitForFunction((text) => document.querySelector('[data-pinned]')?.textContent === text, half, { timeout: TIMEOUT })
        .catch(() => {});
      assert.equal(await pinned.innerText(), half, 'the pinned thought follows the typing');
      await thought.pressSequentially(THOUGHT.slice(half.length), { delay: 5 });
      await page.waitForFunction((text) => document.querySelector('[data-pinned]')?.textContent === text, THOUGHT, { timeout: TIMEOUT })
        .catch(() => {});
      assert.equal(await pinned.innerText(), THOUGHT, 'the pinned thought shows the whole thought');

      const mindReading = page.locator('fieldset.finding', { has: page.locator('legend', { hasText: 'Mind reading' }) });
      await expectVisible(mindReading, 'the "Mind reading" trap while typing', guard);
      const marks = await mindReading.locator('mark').allInnerTexts();
      assert.ok(marks.length > 0, 'the words that show the trap are highlighted');
      for (const m of marks) assert.ok(THOUGHT.includes(m), `highlighted "${m}" comes from the thought`);
      t.diagnostic(`mind reading highlights: ${JSON.stringify(marks)}`);
      assert.match(await mindReading.innerText(), /Ask yourself:/, 'the trap comes with a question to test it');
      assert.equal(pathOf(page), `${momentPath}/step/5`, 'still on step 5');
      assert.equal(guard.recentNavigations(100).length, documentsBefore, 'the analysis appeared without a page load');

      await mindReading.getByRole('radio', { name: 'This fits' }).check();
      const alternatives = page.locator('fieldset.alternatives input[type=checkbox]');
      await expectVisible(alternatives, 'other possible explanations', guard);
      const firstAlternative = (await page.locator('fieldset.alternatives label').first().innerText()).trim();
      await alternatives.first().check();
      t.diagnostic(`kept alternative: ${JSON.stringify(firstAlternative)}`);

      // The pinned thought stays in view while the person works further down the page, and it
      // does not sit on top of what they scrolled to.
      await page.getByLabel('Another explanation, in your words').scrollIntoViewIfNeeded();
      assert.ok(await inViewport(page.locator('aside.pinned')), 'the pinned thought stays in view while scrolling step 5');
      await notCoveredByPinned(page, page.getByRole('radio', { name: 'This fits' }).first(), 'the "This fits" choice');
      await notCoveredByPinned(page, alternatives.first(), 'the first explanation');
      // What the person actually sees at this point (not the full page).
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'moments-step5-viewport-phone.png') });
      await inspect(t, page, 'step5-live');
      await saveAndContinue(page);
      await expectPath(page, guard, `${momentPath}/step/6`, 'saving step 5');

      // 6. Balanced thought; the thought stays pinned.
      await expectVisible(page.locator('aside.pinned', { hasText: THOUGHT }), 'the thought pinned on step 6', guard);
      await page.getByLabel('Balanced thought').fill(BALANCED);
      await page.getByRole('slider', { name: /believe the original thought now/ }).fill('35');
      await page.getByRole('slider', { name: /Anxious now/ }).fill('45');
      await page.getByRole('button', { name: 'Save and continue' }).scrollIntoViewIfNeeded();
      assert.ok(await inViewport(page.locator('aside.pinned')), 'the pinned thought stays in view at the bottom of step 6');
      await inspect(t, page, 'step6');
      await saveAndContinue(page);
      await expectPath(page, guard, `${momentPath}/step/7`, 'saving step 6');

      // 7. Prediction due today.
      const today = await browserToday(page);
      await page.getByLabel('What do you fear will happen?').fill(FEAR);
      await page.getByLabel('When should Steady ask you?').fill(today);
      await inspect(t, page, 'step7');
      await page.getByRole('button', { name: 'Save and finish', exact: true }).click();
      await expectPath(page, guard, momentPath, 'finishing step 7');
      predictionSet = true;

      // The moment page lists everything.
      await expectVisible(page.getByRole('heading', { level: 1, name: THOUGHT }), 'the thought as the moment heading', guard);
      const expected = {
        'What happened': SITUATION,
        Context: 'No reply, On their phone, late evening',
        Feelings: 'Anxious 80 → 45; Jealous 40 → 40',
        Urge: 'Check their phone, location or social media',
        Pause: 'Guided breathing for 1 min',
        Root: 'About then: a past relationship',
        'Evidence for the fear': 'Short replies today.',
        'Evidence against it': 'He said he had meetings all afternoon.',
        "What I'd tell a friend": 'Give it until the evening.',
        'Belief in the thought': '50 / 100 → 35 / 100 afterwards',
        'Thinking traps': null,
        'Other explanations': firstAlternative,
        'Balanced thought': BALANCED,
        Prediction: FEAR,
      };
      for (const [term, value] of Object.entries(expected)) {
        if (value === null) continue;
        const got = await fact(page, term);
        assert.equal(got, value, `the moment page's "${term}"`);
      }
      assert.match(await fact(page, 'Thinking traps'), /Mind reading/);
      assert.equal(await page.getByRole('link', { name: /^(Continue|Start the guided steps)$/ }).count(), 0, 'a finished moment offers no "Continue" back into step 7');
      assert.equal(await fact(page, "When I've reacted like this myself"), 'I go quiet when I am swamped.');
      await inspect(t, page, 'moment-complete');
      guard.assertClean();
    } finally {
      await context.close();
    }
  });

  test('the home page asks about the prediction the day it is due', async (t) => {
    assert.ok(predictionSet, 'needs the prediction from the guided-flow test');
    const { context, page, guard } = await openPage(browser, server, VIEWPORT);
    try {
      await signIn(page, guard, username);
      const card = page.locator('section', { has: page.getByRole('heading', { name: 'Time to check a prediction' }) });
      await expectVisible(card, '"Time to check a prediction" on the home page', guard);
      assert.match(await card.innerText(), new RegExp(FEAR.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      await inspect(t, page, 'home-prediction-due');

      await card.getByRole('radio', { name: 'No' }).check();
      await card.getByLabel('What actually happened?').fill('He called after work and we made plans for Saturday.');
      await card.getByRole('button', { name: 'Save the answer' }).click();
      await expectPath(page, guard, '/', 'answering the prediction');
      await expectVisible(page.getByRole('status'), 'a thank-you notice', guard);
      assert.equal(await page.getByRole('heading', { name: 'Time to check a prediction' }).count(), 0, 'the question is gone once answered');
      const summary = page.locator('section', { has: page.getByRole('heading', { name: 'Your predictions so far' }) });
      await expectVisible(summary, 'the predictions summary', guard);
      assert.match(await summary.innerText(), /You've checked one fear so far, and it didn't happen\./);
      await inspect(t, page, 'home-predictions-summary');

      await page.goto(momentPath);
      assert.equal(await fact(page, 'Prediction'), `${FEAR}\nNo, it didn't: He called after work and we made plans for Saturday.`);
      guard.assertClean();
    } finally {
      await context.close();
    }
  });

  test('the list: search and filter find the moment; trash and restore', async (t) => {
    assert.ok(momentPath, 'needs the moment from the quick-capture test');
    const { context, page, guard } = await openPage(browser, server, VIEWPORT);
    try {
      await signIn(page, guard, username);
      // A second moment, so that search and filters have something to leave out.
      await page.getByRole('textbox', { name: "What's happening?" }).fill('She cancelled our dinner plans.');
      await page.getByRole('button', { name: 'Save this moment' }).click();
      await expectPath(page, guard, /^\/moments\/[^/]+$/, 'saving a second moment');

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moments' }).click();
      await expectPath(page, guard, '/moments', 'opening the list');
      const items = page.locator('ul.moment-list > li');
      assert.equal(await items.count(), 2, 'both moments are listed');
      await inspect(t, page, 'list');

      await page.getByRole('searchbox', { name: 'Search your words' }).fill('pulling away');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL((u) => u.searchParams.get('q') === 'pulling away', { timeout: TIMEOUT });
      assert.equal(await items.count(), 1, 'search finds only the matching moment');
      assert.match(await items.first().innerText(), /pulling away/);

      await page.getByRole('searchbox', { name: 'Search your words' }).fill('');
      const filters = page.locator('form.filters details');
      if (!(await filters.evaluate((d) => d.open))) await filters.locator('summary').click();
      await page.getByLabel('Thinking trap').selectOption({ label: 'Mind reading' });
      await inspect(t, page, 'list-filters-open');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL((u) => u.searchParams.get('trap') === 'mind_reading', { timeout: TIMEOUT });
      assert.equal(await items.count(), 1, 'the trap filter finds only the moment with mind reading');
      await page.getByLabel('Thinking trap').selectOption({ label: 'Any' });
      await page.getByLabel('Context').selectOption({ label: 'No reply' });
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL((u) => u.searchParams.get('tag') === 'no_reply', { timeout: TIMEOUT });
      assert.equal(await items.count(), 1, 'the context filter finds only the "no reply" moment');

      await items.first().getByRole('link').click();
      await expectPath(page, guard, momentPath, 'opening the moment from the list');
      await page.getByRole('button', { name: 'Move to trash' }).click();
      await expectPath(page, guard, '/moments', 'moving to trash');
      await expectVisible(page.getByRole('status'), 'a notice that it moved to the trash', guard);
      assert.equal(await items.count(), 1, 'one moment left in the list');
      assert.doesNotMatch(await items.first().innerText(), /pulling away/);
      await inspect(t, page, 'list-after-trash');

      await page.getByRole('link', { name: 'Trash' }).click();
      await expectPath(page, guard, '/moments/trash', 'opening the trash');
      assert.equal(await items.count(), 1, 'the trashed moment is in the trash');
      await inspect(t, page, 'trash');
      await items.first().getByRole('button', { name: 'Restore' }).click();
      await expectPath(page, guard, momentPath, 'restoring');
      await expectVisible(page.getByRole('heading', { level: 1, name: THOUGHT }), 'the restored moment', guard);
      await page.goto('/moments');
      assert.equal(await items.count(), 2, 'both moments are listed again');
      guard.assertClean();
    } finally {
      await context.close();
    }
  });
});

describe('safety in a real browser (phone)', () => {
  test('danger from a partner brings the support panel; a self-harm thought does too, live, without traps', async (t) => {
    const { context, page, guard } = await openPage(browser, server, VIEWPORT);
    try {
      await signUp(page, guard, uniqueUsername('sa'));
      await page.getByRole('textbox', { name: "What's happening?" }).fill('He said he would hurt me if I go out again');
      await page.getByRole('button', { name: 'Save this moment' }).click();
      await expectPath(page, guard, /^\/moments\/[^/]+$/, 'saving the moment');
      const momentPath = pathOf(page);
      const panel = page.getByRole('heading', { name: 'You deserve support right now' });
      await expectVisible(panel, 'the support panel on the moment page', guard);
      assert.equal(await page.getByRole('link', { name: 'Start the guided steps' }).count(), 0, 'no invitation into the challenge steps next to the support panel');
      await inspect(t, page, 'moment-support');

      // A fresh moment for the self-harm thought, so the first one's panel does not count.
      await page.goto('/');
      await page.getByRole('textbox', { name: "What's happening?" }).fill('No reply all evening');
      await page.getByRole('button', { name: 'Save this moment' }).click();
      await expectPath(page, guard, /^\/moments\/[^/]+$/, 'saving the second moment');
      const second = pathOf(page);
      await page.goto(`${second}/step/5`);
      assert.equal(await panel.count(), 0, 'no support panel before the thought is typed');
      const thought = page.getByLabel('What is the thought running through your mind?');
      await thought.click();
      await thought.pressSequentially("They must be pulling away. I don't want to live anymore.", { delay: 5 });
      await expectVisible(panel, 'the support panel appearing while typing a self-harm thought', guard);
      assert.equal(await page.locator('fieldset.finding').count(), 0, 'no thinking-trap suggestions next to a self-harm thought');
      assert.equal(await page.locator('fieldset.alternatives').count(), 0, 'no "other explanations" next to a self-harm thought');
      assert.ok(!(await page.getByLabel('Another explanation, in your words').isVisible()), 'no invitation to write another explanation');
      assert.ok(!(await page.getByText('Add a thinking trap yourself').isVisible()), 'no invitation to add thinking traps');
      await inspect(t, page, 'step5-support-live');

      // Saved, the page keeps the panel and still suggests no traps.
      await page.getByRole('button', { name: 'Check for thinking traps' }).click();
      await expectPath(page, guard, `${second}/step/5`, 'checking the thought');
      await expectVisible(panel, 'the support panel after saving the thought', guard);
      assert.equal(await page.locator('fieldset.finding').count(), 0, 'no thinking-trap suggestions after saving');
      assert.ok(!(await page.getByLabel('Another explanation, in your words').isVisible()), 'no invitation to write another explanation after saving');
      // Continuing leads to the moment and its support panel, not on to the balanced-thought step.
      await page.getByRole('button', { name: 'Save and continue', exact: true }).click();
      await expectPath(page, guard, second, 'continuing from a self-harm thought');
      await expectVisible(panel, 'the support panel on the moment page', guard);
      guard.assertClean();
    } finally {
      await context.close();
    }
  });
});

describe('moments without JavaScript (phone)', () => {
  test('quick capture and the "Check for thinking traps" button work without JavaScript', async (t) => {
    const { context, page, guard } = await openPage(browser, server, VIEWPORT, { javaScriptEnabled: false });
    try {
      await signUp(page, guard, uniqueUsername('nj'));
      await page.getByRole('textbox', { name: "What's happening?" }).fill(SITUATION);
      await page.getByRole('slider', { name: /How strong is the feeling/ }).fill('60');
      await page.getByRole('button', { name: 'Save this moment' }).click();
      await expectPath(page, guard, /^\/moments\/[^/]+$/, 'saving a quick moment without JavaScript');
      const momentPath = pathOf(page);
      await expectVisible(page.getByRole('heading', { level: 1, name: SITUATION }), 'the captured text', guard);
      assert.equal(await fact(page, 'Strength'), '60 / 100', 'without JavaScript the slider value is kept');

      // The pause works as plain steps.
      await page.goto(`${momentPath}/step/3`);
      assert.equal(await page.getByRole('button', { name: /breathing timer/ }).count(), 0, 'no timer button without JavaScript');
      await expectVisible(page.getByText('Breathe in through your nose'), 'the breathing steps as text', guard);
      await page.getByRole('radio', { name: 'I breathed for about a minute' }).check();
      await inspect(t, page, 'step3-nojs', { axe: false });
      await saveAndContinue(page);
      await expectPath(page, guard, `${momentPath}/step/4`, 'saving the pause');

      await page.goto(`${momentPath}/step/5`);
      await page.getByLabel('What is the thought running through your mind?').fill(THOUGHT);
      assert.equal(await page.locator('fieldset.finding').count(), 0, 'nothing analysed before the button is pressed');
      await page.getByRole('button', { name: 'Check for thinking traps' }).click();
      await expectPath(page, guard, `${momentPath}/step/5`, 'checking for thinking traps');
      const mindReading = page.locator('fieldset.finding', { has: page.locator('legend', { hasText: 'Mind reading' }) });
      await expectVisible(mindReading, 'the "Mind reading" trap after submitting', guard);
      assert.ok((await mindReading.locator('mark').count()) > 0, 'highlighted words');
      assert.equal(await page.locator('[data-pinned]').innerText(), THOUGHT, 'the saved thought is pinned');
      await inspect(t, page, 'step5-nojs', { axe: false });
      await mindReading.getByRole('radio', { name: 'This fits' }).check();
      await saveAndContinue(page);
      await expectPath(page, guard, `${momentPath}/step/6`, 'saving step 5');
      await page.goto(momentPath);
      assert.match(await fact(page, 'Pause'), /Guided breathing for 1 min/);
      assert.match(await fact(page, 'Thinking traps'), /Mind reading/);
      guard.assertClean();
    } finally {
      await context.close();
    }
  });
});
