// The self plan in a real browser at a phone viewport (390×844): make a plan in the four areas,
// do this week's check-in, do the self-compassion exercise, and see progress over weeks and
// months (charts with a text alternative, missed weeks left empty). Accessibility checks, a
// sideways-scrolling check and screenshots on every page on the way.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  launchBrowser,
  openPage,
  startServer,
  uniqueUsername,
} from './harness.mjs';
import { expectPath, expectVisible, inspect, PASSWORD, signUp, TIMEOUT } from './steps.mjs';

const VIEWPORT = 'phone';

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

async function addIntention(page, guard, area, text, target) {
  const form = page.getByRole('region', { name: 'Add an intention' });
  await form.getByRole('radio', { name: area, exact: true }).check();
  await form.getByLabel('Intention', { exact: true }).fill(text);
  if (target) await form.getByLabel(/^Times a week/).fill(String(target));
  await form.getByRole('button', { name: 'Add to my plan' }).click();
  await expectPath(page, guard, '/plan', `adding "${text}"`);
  await expectVisible(page.getByRole('status').filter({ hasText: 'Added to your plan.' }), 'the confirmation', guard);
}

function weeksBefore(start, n) {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 7 * n);
  return d.toISOString().slice(0, 10);
}

describe(`the self plan in a real browser (${VIEWPORT})`, () => {
  test('make a plan, check in, write with self-compassion, and see progress', async (t) => {
    const { context, page, guard } = await openPage(browser, server, VIEWPORT);
    try {
      const username = uniqueUsername('ana');
      await signUp(page, guard, username);
      await expectVisible(page.getByRole('region', { name: /Your self plan/ }), 'the plan card on the home page', guard);

      // Make a plan.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plan' }).click();
      await expectPath(page, guard, '/plan', 'opening Plan');
      await expectVisible(page.getByRole('heading', { name: 'Self plan', level: 1 }), 'the plan page', guard);
      await inspect(t, page, 'plan-empty');

      await addIntention(page, guard, 'Friendships', 'Call my sister on Sunday', 1);
      await addIntention(page, guard, 'Hobbies', 'Run by the river', 2);
      await addIntention(page, guard, 'Personal goals', 'Finish the course module');
      await addIntention(page, guard, 'Self-compassion', 'One kind sentence to myself each evening');
      const hobbies = page.getByRole('region', { name: 'Hobbies' });
      await expectVisible(hobbies.getByText('Run by the river'), 'the intention in its area', guard);
      await expectVisible(hobbies.getByText('twice a week'), 'its weekly target', guard);
      await inspect(t, page, 'plan-made');

      // Edit and pause one.
      await page.getByRole('link', { name: 'Edit, pause or archive: Finish the course module' }).click();
      await expectVisible(page.getByRole('heading', { name: 'Edit intention' }), 'the edit page', guard);
      await page.getByLabel('Intention', { exact: true }).fill('Finish module 3 of the course');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expectPath(page, guard, '/plan', 'saving the edit');
      await page.getByRole('link', { name: 'Edit, pause or archive: Finish module 3 of the course' }).click();
      await inspect(t, page, 'plan-intention');
      await page.getByRole('button', { name: 'Pause' }).click();
      await expectPath(page, guard, '/plan', 'pausing');
      await expectVisible(
        page.getByRole('region', { name: 'Personal goals' }).getByText('Paused', { exact: true }),
        'the paused tag',
        guard,
      );

      // This week's check-in.
      await page.getByRole('link', { name: "Do this week's check-in" }).click();
      await expectPath(page, guard, '/plan/checkin', 'opening the check-in');
      assert.equal(
        await page.getByRole('group', { name: /Finish module 3/ }).count(),
        0,
        'a paused intention is left out of the check-in',
      );
      const sister = page.getByRole('group', { name: /Call my sister on Sunday/ });
      await sister.getByRole('radio', { name: 'Done' }).check();
      await sister.getByLabel(/^Note/).fill('We talked for an hour about her new job.');
      await page.getByRole('group', { name: /Run by the river/ }).getByRole('radio', { name: 'Partly' }).check();
      await page.getByRole('group', { name: /One kind sentence/ }).getByRole('radio', { name: 'Not this week' }).check();
      await page
        .getByRole('group', { name: 'How much did I value myself this week?' })
        .getByRole('radio', { name: '6', exact: true })
        .check();
      await page
        .getByRole('group', { name: 'How secure did I feel in my relationship this week?' })
        .getByRole('radio', { name: '4', exact: true })
        .check();
      await page.getByLabel(/^One thing that helped/).fill('Writing things down before reacting.');
      await inspect(t, page, 'plan-checkin');
      await page.getByRole('button', { name: 'Save check-in' }).click();
      await expectPath(page, guard, '/plan/checkin', 'saving the check-in');
      await expectVisible(page.getByRole('status').filter({ hasText: 'Saved.' }), 'the confirmation', guard);
      assert.ok(await sister.getByRole('radio', { name: 'Done' }).isChecked(), 'the check-in shows what was saved');
      await inspect(t, page, 'plan-checkin-saved');

      // The self-compassion exercise.
      await page.goto('/plan');
      await page.getByRole('link', { name: 'Self-compassion exercise' }).click();
      await expectPath(page, guard, '/plan/compassion', 'opening the exercise');
      await page.getByRole('textbox', { name: "What I'm going through" }).fill('I feel left out since she started going out with her new team.');
      await page.getByRole('textbox', { name: 'Others feel this too' }).fill('Lots of people feel unsettled when a partner makes new friends.');
      await page
        .getByRole('textbox', { name: 'What I would say to a friend in my place' })
        .fill("It makes sense to miss her. You can ask for time together and still trust her.");
      await inspect(t, page, 'plan-compassion');
      await page.getByRole('button', { name: "Save to my plan's history" }).click();
      await page.waitForURL((url) => url.pathname.startsWith('/plan/compassion/'), { timeout: TIMEOUT });
      await expectVisible(page.getByRole('status').filter({ hasText: "Saved in your plan's history" }), 'the confirmation', guard);
      await expectVisible(page.getByText('It makes sense to miss her.', { exact: false }), 'the kind words', guard);
      await inspect(t, page, 'plan-compassion-saved');

      // Earlier weeks through the API, with gaps, so progress has a shape.
      const tokenResponse = await page.request.post('/api/v1/tokens', {
        data: { username, password: PASSWORD, name: 'browser test' },
      });
      assert.equal(tokenResponse.status(), 201);
      const { token } = await tokenResponse.json();
      const headers = { authorization: `Bearer ${token}` };
      const current = await (await page.request.get('/api/v1/checkins/current', { headers })).json();
      const ids = Object.fromEntries(current.intentions.map((i) => [i.area, i.id]));
      const history = [
        // weeks ago, valued myself, felt secure, friendships, hobbies, self-compassion
        [1, 5, 4, 'done', 'done', 'partly'],
        [2, 4, 3, 'partly', 'not_this_week', 'done'],
        [4, 4, 5, 'done', 'partly', 'not_this_week'],
        [5, 3, 3, 'not_this_week', 'partly', 'partly'],
        [7, 3, 2, 'done', 'not_this_week', 'not_this_week'],
        [10, 2, 3, 'partly', 'done', 'partly'],
      ];
      for (const [ago, valueSelf, secure, friends, hobby, kind] of history) {
        const week = weeksBefore(current.week.start, ago);
        const r = await page.request.put(`/api/v1/checkins/${week}`, {
          headers,
          data: {
            items: [
              { intention_id: ids.friendships, status: friends },
              { intention_id: ids.hobbies, status: hobby },
              { intention_id: ids.self_compassion, status: kind },
            ],
            value_self: valueSelf,
            secure,
          },
        });
        assert.equal(r.status(), 201, `check-in ${ago} weeks ago`);
      }

      // Progress.
      await page.goto('/plan');
      await page.getByRole('link', { name: 'Progress over weeks and months' }).click();
      await expectPath(page, guard, '/plan/progress', 'opening progress');
      await expectVisible(page.getByText('This shows over months, not days.'), 'the note that change takes months', guard);
      const weekly = page.getByRole('region', { name: 'Both ratings, week by week' });
      await expectVisible(weekly.getByRole('img', { name: /Both ratings week by week/ }), 'the weekly chart, named', guard);
      const table = weekly.getByRole('table', { name: /Week by week/ });
      await expectVisible(table, "the chart's text alternative", guard);
      assert.equal(await table.getByRole('row').count(), 1 + 12, 'a header row and one row per week, empty weeks included');
      assert.match(await table.getByRole('row').nth(1).innerText(), /6\s+4/, 'this week in the table');
      assert.match(await table.getByRole('row').nth(4).innerText(), /no check-in/, 'a missed week is simply empty');
      const follow = page.getByRole('region', { name: 'Follow-through by area' });
      await expectVisible(follow.getByRole('img', { name: /Friendships: follow-through week by week/ }), 'the friendships chart', guard);
      await expectVisible(follow.getByText('Nothing marked in the last 12 weeks.'), 'an area without marks', guard);
      await follow.getByText('Friendships: the figures').click();
      const friends = follow.getByRole('table', { name: 'Friendships, week by week' });
      await expectVisible(friends, "the friendships chart's text alternative", guard);
      assert.match(await friends.getByRole('row').nth(1).innerText(), /100%: 1 done$/, 'this week, in words');
      const monthly = page.getByRole('region', { name: 'Month by month' });
      await expectVisible(monthly.getByRole('table', { name: /Month by month/ }), 'the monthly table', guard);
      await inspect(t, page, 'plan-progress');

      // History.
      await page.goto('/plan/history');
      await expectVisible(page.getByRole('heading', { name: 'Plan history' }), 'the history page', guard);
      await page.getByText(/Valued myself 6 of 10/).click();
      await expectVisible(page.getByText('We talked for an hour about her new job.'), 'the note in the history', guard);
      await expectVisible(page.getByRole('link', { name: /I feel left out/ }), 'the exercise entry in the history', guard);
      await inspect(t, page, 'plan-history');

      await page.goto('/');
      await expectVisible(page.getByText("You've checked in for this week."), 'the home card after the check-in', guard);
      guard.assertClean();
    } finally {
      await context.close();
    }
  });
});
