// Bids for connection in a real browser at a phone viewport (390×844): log a partner's bid with
// one tap on the home page, answer it with a second tap, see it in the evidence component and in
// the ledger, whose chart has a text alternative; then a ledger with weeks of history and the
// research reference points. Accessibility checks and screenshots on every page on the way.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  launchBrowser,
  openPage,
  startServer,
  uniqueUsername,
} from './harness.mjs';
import { expectPath, expectVisible, inspect, PASSWORD, pathOf, signUp } from './steps.mjs';

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

/** The evidence-of-connection component on the current page. */
function evidence(page) {
  return page.getByRole('region', { name: 'Evidence of connection' });
}

describe(`bids for connection in a real browser (${VIEWPORT})`, () => {
  test('one tap logs a bid; it shows in the evidence and in the ledger, whose chart has a text alternative', async (t) => {
    const { context, page, guard } = await openPage(browser, server, VIEWPORT);
    try {
      await signUp(page, guard, uniqueUsername('ana'));
      await expectVisible(page.getByRole('heading', { name: 'What small thing did your partner do today?' }), 'the daily prompt', guard);
      await expectVisible(evidence(page).getByText('Nothing logged in the last 7 days'), 'an empty evidence component', guard);
      await inspect(t, page, 'bids-home-prompt');

      // One tap.
      await page.getByRole('button', { name: 'Checked in on me' }).click();
      await expectPath(page, guard, '/', 'tapping "Checked in on me"');
      const status = page.getByRole('status').filter({ hasText: 'Logged: Checked in on me' });
      await expectVisible(status, 'the confirmation of the tap', guard);
      await expectVisible(evidence(page).getByText('Checked in', { exact: true }), 'the bid in the evidence component', guard);
      await expectVisible(evidence(page).getByText(/^Today, \d\d:\d\d/), 'when it happened, in the evidence component', guard);
      assert.equal(
        await page.getByRole('heading', { name: 'What small thing did your partner do today?' }).count(),
        0,
        'the daily prompt is answered for today',
      );
      await inspect(t, page, 'bids-home-logged');

      // Second, optional tap: how I responded.
      await status.getByRole('button', { name: 'Turned toward' }).click();
      await expectPath(page, guard, '/', 'answering the bid');
      await expectVisible(evidence(page).getByText(/you turned toward/), 'the answer in the evidence component', guard);

      // The ledger.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connection' }).click();
      await expectPath(page, guard, '/connection', 'opening Connection');
      const partner = page.getByRole('region', { name: "My partner's bids, and how I answered" });
      await expectVisible(partner.getByText('100% (1 of 1)').first(), 'the turning-toward rate', guard);
      const chart = partner.getByRole('img', { name: /Turning-toward rate week by week/ });
      await expectVisible(chart, 'the chart, named for assistive technology', guard);
      const table = partner.getByRole('table', { name: /Week by week/ });
      await expectVisible(table, 'the table that is the chart\'s text alternative', guard);
      const rows = await table.getByRole('row').count();
      assert.equal(rows, 1 + 8, 'a header row and one row per week, empty weeks included');
      const thisWeek = table.getByRole('row').nth(1);
      assert.match(await thisWeek.innerText(), /1\s+0\s+0\s+100%/, 'this week: 1 toward, 100%');
      await expectVisible(page.getByText(/Research reference points appear here once/), 'no research figures yet', guard);
      await inspect(t, page, 'bids-ledger');

      // The full form.
      await page.getByRole('radio', { name: 'From me' }).check();
      await page.getByLabel('What kind of bid?').selectOption('invitation');
      await page.getByRole('radio', { name: 'Turned away' }).check();
      await page.getByLabel(/^Note/).fill('Asked if they wanted a walk after dinner');
      await page.getByRole('button', { name: 'Log bid' }).click();
      await expectPath(page, guard, '/connection', 'logging a bid with the form');
      await expectVisible(page.getByRole('status').filter({ hasText: 'Logged.' }), 'the confirmation', guard);
      const recent = page.getByRole('region', { name: 'Recently logged' });
      await expectVisible(recent.getByText('Asked if they wanted a walk after dinner'), 'the note in the recent list', guard);
      const mine = page.getByRole('region', { name: 'My bids, and how my partner answered' });
      await expectVisible(mine.getByText('0% (0 of 1)').first(), 'my bid turned away', guard);

      await recent.getByRole('link', { name: /^Edit An invitation/ }).click();
      await expectPath(page, guard, pathOf(page), 'opening the edit page');
      await expectVisible(page.getByRole('heading', { name: 'Edit bid' }), 'the edit page', guard);
      await inspect(t, page, 'bids-edit');
      guard.assertClean();
    } finally {
      await context.close();
    }
  });

  test('weeks of history: chart, reference points with their caveat, and patterns', async (t) => {
    const { context, page, guard } = await openPage(browser, server, VIEWPORT);
    try {
      const username = uniqueUsername('bea');
      await signUp(page, guard, username);
      const tokenResponse = await page.request.post('/api/v1/tokens', {
        data: { username, password: PASSWORD, name: 'browser test' },
      });
      assert.equal(tokenResponse.status(), 201);
      const { token } = await tokenResponse.json();
      const headers = { authorization: `Bearer ${token}` };
      const day = 24 * 3600 * 1000;
      const plan = [
        // weeks ago, direction, kind, response, how many
        [3, 'partner_to_me', 'checked_in', 'turned_toward', 4],
        [3, 'partner_to_me', 'affection', 'turned_away', 2],
        [3, 'partner_to_me', 'help', 'turned_toward', 2],
        [2, 'partner_to_me', 'gesture', 'turned_toward', 5],
        [2, 'partner_to_me', 'checked_in', 'turned_against', 1],
        [1, 'partner_to_me', 'remembered', 'turned_toward', 6],
        [1, 'partner_to_me', 'checked_in', 'turned_away', 1],
        [2, 'me_to_partner', 'humour', 'turned_toward', 3],
        [1, 'me_to_partner', 'invitation', 'turned_away', 2],
        [1, 'me_to_partner', 'invitation', 'turned_toward', 1],
      ];
      for (const [weeksAgo, direction, kind, response, n] of plan) {
        for (let i = 0; i < n; i += 1) {
          const occurred_at = new Date(Date.now() - weeksAgo * 7 * day - i * 3600 * 1000).toISOString();
          const r = await page.request.post('/api/v1/bids', { headers, data: { direction, kind, response, occurred_at } });
          assert.equal(r.status(), 201, `bid ${kind} ${weeksAgo} weeks ago`);
        }
      }
      await page.goto('/connection');
      const context_ = page.getByRole('region', { name: 'For context, not comparison' });
      await expectVisible(context_.getByText(/about 86%/), 'the 86% reference point', guard);
      await expectVisible(context_.getByText(/about 33%/), 'the 33% reference point', guard);
      await expectVisible(context_.getByText(/not comparable/), 'the caveat beside the figures', guard);
      const partner = page.getByRole('region', { name: "My partner's bids, and how I answered" });
      await expectVisible(partner.locator('svg text.chart-ref-text', { hasText: '86%' }), 'the 86% line on the chart', guard);
      await expectVisible(
        page.getByRole('region', { name: 'Patterns' }).getByText(/Checked in: 6 times/),
        'the kind of bid noticed most',
        guard,
      );
      await inspect(t, page, 'bids-ledger-history');
      guard.assertClean();
    } finally {
      await context.close();
    }
  });
});
