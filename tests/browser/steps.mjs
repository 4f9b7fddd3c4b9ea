// Steps every browser test shares: waiting for a page, checking what is visible, signing up,
// and the accessibility, layout and screenshot checks run on each page visited.

import assert from 'node:assert/strict';

import { checkA11y, horizontalOverflow, screenshot } from './harness.mjs';

export const PASSWORD = 'calm-harbour-2718';
export const TIMEOUT = 20_000;

export function pathOf(page) {
  return new URL(page.url()).pathname;
}

/** Waits until the page's path is `expected` (a string or a RegExp); says where it is if not. */
export async function expectPath(page, guard, expected, doing) {
  const matches = (p) => (expected instanceof RegExp ? expected.test(p) : p === expected);
  try {
    await page.waitForURL((url) => matches(url.pathname), { timeout: TIMEOUT });
  } catch {
    assert.fail(`after ${doing}, expected to reach ${expected}, but did not: ${await guard.describePage()}`);
  }
}

export async function expectVisible(locator, what, guard) {
  await locator.first().waitFor({ state: 'visible', timeout: TIMEOUT }).catch(() => {});
  assert.ok(await locator.first().isVisible(), `expected to see ${what}: ${await guard.describePage()}`);
}

/**
 * Screenshot, then axe and sideways-scroll checks as subtests (a failure names the page).
 * axe-core needs JavaScript in the page (its promises never settle without it), so pages seen
 * with JavaScript off are checked for layout only (`axe: false`).
 */
export async function inspect(t, page, name, { viewport = 'phone', axe = true, file = name } = {}) {
  await screenshot(page, file, viewport);
  if (axe) {
    await t.test(`${name}: no serious or critical axe violations`, async (st) => {
      const minor = await checkA11y(page, `${name} (${viewport})`);
      for (const v of minor) st.diagnostic(`axe ${v.impact}: ${v.id} — ${v.help} (${v.nodes.length} element(s))`);
    });
  }
  await t.test(`${name}: no sideways scrolling`, async () => {
    const { scrollWidth, clientWidth } = await horizontalOverflow(page);
    assert.ok(scrollWidth <= clientWidth, `${name} (${page.url()}) is ${scrollWidth}px wide in a ${clientWidth}px viewport`);
  });
}

export async function signUp(page, guard, username, password = PASSWORD) {
  await page.goto('/signup');
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expectPath(page, guard, '/', 'creating an account');
}
