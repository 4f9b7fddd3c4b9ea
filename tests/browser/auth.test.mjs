// Sign up, sign out, sign in (and a wrong password) in a real browser, on a phone and a desktop
// viewport, with accessibility checks and screenshots of every page on the way.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  checkA11y,
  horizontalOverflow,
  launchBrowser,
  openPage,
  screenshot,
  startServer,
  uniqueUsername,
} from './harness.mjs';

const PASSWORD = 'calm-harbour-2718';
const WRONG_PASSWORD = 'stormy-harbour-3141';
const TIMEOUT = 20_000;

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

/** Path of the page's current URL. */
function pathOf(page) {
  return new URL(page.url()).pathname;
}

async function expectPath(page, guard, expected, doing) {
  try {
    await page.waitForURL((url) => url.pathname === expected, { timeout: TIMEOUT });
  } catch {
    assert.fail(`after ${doing}, expected to reach ${expected}, but did not: ${await guard.describePage()}`);
  }
  assert.equal(pathOf(page), expected);
}

async function expectVisibleText(page, text, where) {
  const locator = page.getByText(text, { exact: false }).first();
  await locator.waitFor({ state: 'visible', timeout: TIMEOUT }).catch(() => {});
  assert.ok(await locator.isVisible(), `expected to see "${text}" on ${where} (${page.url()})`);
}

async function expectNoSidewaysScroll(page, label) {
  const { scrollWidth, clientWidth } = await horizontalOverflow(page);
  assert.ok(
    scrollWidth <= clientWidth,
    `${label} (${page.url()}) scrolls sideways: content is ${scrollWidth}px wide in a ${clientWidth}px viewport`,
  );
}

/**
 * Screenshot of the page as it is now, then its accessibility and layout checks as subtests, so
 * that a failing check is reported under its own name without stopping the flow being tested.
 */
async function inspect(t, page, name, viewportName) {
  await screenshot(page, name, viewportName);
  await t.test(`${name} page: no serious or critical axe violations`, async (st) => {
    const minor = await checkA11y(page, `${name} page (${viewportName})`);
    for (const v of minor) st.diagnostic(`axe ${v.impact}: ${v.id} — ${v.help} (${v.nodes.length} element(s))`);
  });
  await t.test(`${name} page: no sideways scrolling`, async () => {
    await expectNoSidewaysScroll(page, `${name} page`);
  });
}

/** Fill in and send the sign-up form on the current page. */
async function signUp(page, username, password) {
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** Fill in and send the sign-in form on the current page. */
async function signIn(page, username, password) {
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function expectSignedInHome(page, guard, username, doing) {
  await expectPath(page, guard, '/', doing);
  await expectVisibleText(page, username, 'the home page');
  const signOut = page.getByRole('button', { name: 'Sign out', exact: true });
  await signOut.waitFor({ state: 'visible', timeout: TIMEOUT }).catch(() => {});
  assert.ok(await signOut.isVisible(), `expected a "Sign out" button on the home page (${page.url()})`);
}

for (const viewportName of ['phone', 'desktop']) {
  describe(`accounts in a real browser (${viewportName})`, () => {
    // Created by the first test; the others sign in with it.
    const username = uniqueUsername('ana');
    let accountCreated = false;

    function needAccount() {
      if (!accountCreated) throw new Error('the account from the sign-up test does not exist, so this test cannot run');
    }

    test('sign up, land on home with my username and a Sign out button', async (t) => {
      const { context, page, guard } = await openPage(browser, server, viewportName);
      try {
        const response = await page.goto('/signup');
        assert.equal(response?.status(), 200, 'GET /signup should answer 200');
        await inspect(t, page, 'signup', viewportName);

        await signUp(page, username, PASSWORD);
        await expectSignedInHome(page, guard, username, 'creating an account');
        accountCreated = true;
        await inspect(t, page, 'home', viewportName);
        guard.assertClean();
      } finally {
        await context.close();
      }
    });

    test('sign out leads to sign-in; signing in again leads home', async (t) => {
      needAccount();
      const { context, page, guard } = await openPage(browser, server, viewportName);
      try {
        await page.goto('/signin');
        await signIn(page, username, PASSWORD);
        await expectSignedInHome(page, guard, username, 'signing in');

        await page.getByRole('button', { name: 'Sign out', exact: true }).click();
        await expectPath(page, guard, '/signin', 'signing out');
        await inspect(t, page, 'signin', viewportName);

        // Signed out for real: the settings page is no longer reachable with this browser's cookies.
        await page.goto('/settings');
        await expectPath(page, guard, '/signin', 'visiting /settings after signing out');

        await signIn(page, username, PASSWORD);
        await expectSignedInHome(page, guard, username, 'signing in');
        guard.assertClean();
      } finally {
        await context.close();
      }
    });

    test('a wrong password shows an error and stays on sign-in', async (t) => {
      needAccount();
      const { context, page, guard } = await openPage(browser, server, viewportName);
      try {
        await page.goto('/signin');
        await signIn(page, username, WRONG_PASSWORD);
        const alert = page.getByRole('alert');
        await alert.first().waitFor({ state: 'visible', timeout: TIMEOUT }).catch(() => {});
        assert.ok(
          await alert.first().isVisible(),
          `expected an error with role=alert after a wrong password: ${await guard.describePage()}`,
        );
        const message = (await alert.first().innerText()).trim();
        assert.ok(message.length > 0, 'the role=alert error should say something');
        t.diagnostic(`wrong-password message: ${JSON.stringify(message)}`);
        assert.equal(pathOf(page), '/signin', 'a wrong password should stay on the sign-in page');
        // Still the sign-in form (not an error page), ready for another try.
        const signInButton = page.getByRole('button', { name: 'Sign in', exact: true });
        assert.ok(await signInButton.isVisible(), `the sign-in form should be shown again: ${await guard.describePage()}`);
        assert.equal(
          await page.getByLabel('Username', { exact: true }).inputValue(),
          username,
          'the username should still be filled in',
        );
        await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeAbsent();
        await inspect(t, page, 'signin-error', viewportName);
        guard.assertClean();
      } finally {
        await context.close();
      }
    });

    test('signed out, home and settings lead to sign-in', async () => {
      const { context, page, guard } = await openPage(browser, server, viewportName);
      try {
        for (const path of ['/', '/settings']) {
          await page.goto(path);
          await expectPath(page, guard, '/signin', `visiting ${path} signed out`);
          await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeAbsent();
        }
        guard.assertClean();
      } finally {
        await context.close();
      }
    });

    test('settings page when signed in', async (t) => {
      needAccount();
      const { context, page, guard } = await openPage(browser, server, viewportName);
      try {
        await page.goto('/signin');
        await signIn(page, username, PASSWORD);
        await expectSignedInHome(page, guard, username, 'signing in');

        const response = await page.goto('/settings');
        assert.equal(response?.status(), 200, 'GET /settings should answer 200 when signed in');
        assert.equal(pathOf(page), '/settings', 'signed in, /settings should not redirect');
        await inspect(t, page, 'settings', viewportName);
        guard.assertClean();
      } finally {
        await context.close();
      }
    });
  });
}

/** Tiny helper so the intent reads clearly: the locator must match nothing. */
function expect(locator) {
  return {
    async toBeAbsent() {
      assert.equal(await locator.count(), 0, `expected no element matching ${locator}`);
    },
  };
}
