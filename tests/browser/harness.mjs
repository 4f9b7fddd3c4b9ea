// Shared machinery for Steady's real-browser tests.
//
// - startServer(): runs `steady serve` on a free loopback port with a fresh temporary data
//   directory, waits for the one line in which it prints its URL, and tears everything down.
// - launchBrowser(): the system's Chromium (never a downloaded one), headless, with a fresh profile.
// - openPage(): a browser context + page that refuses and records every request to any origin
//   other than the server's, so a test fails if the app tries to talk to the outside world
//   (Steady's privacy promise: no third-party requests of any kind).
// - checkA11y(): injects axe-core from node_modules and fails on serious or critical violations.
//   The page guard also fails a test on uncaught page errors, 5xx responses and anything the
//   page's own Content-Security-Policy refuses.
// - screenshot(): full-page PNGs under tests/browser/screenshots/ (gitignored).
//
// Environment:
//   STEADY_BIN        path to the steady binary (default: target/debug/steady, relative to the repo root)
//   CHROMIUM_PATH     path to Chromium (default: /usr/bin/chromium)
//   STEADY_SERVER_LOG set to 1 to echo the server's output while tests run

import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const BROWSER_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(BROWSER_DIR, '..', '..');
export const SCREENSHOT_DIR = path.join(BROWSER_DIR, 'screenshots');
const AXE_PATH = require.resolve('axe-core/axe.min.js');

export const VIEWPORTS = {
  phone: {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  },
  desktop: {
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    isMobile: false,
    hasTouch: false,
  },
};

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const URL_PATTERN = /https?:\/\/[^\s]+/;

/** A username that is unique per run: lowercase letters and digits only. */
export function uniqueUsername(prefix = 'ana') {
  return `${prefix}${randomInt(100000, 1000000)}${randomInt(1000, 10000)}`;
}

function steadyBinary() {
  const bin = process.env.STEADY_BIN || path.join('target', 'debug', 'steady');
  return path.isAbsolute(bin) ? bin : path.resolve(REPO_ROOT, bin);
}

/**
 * Start `steady serve --listen 127.0.0.1:0 --data-dir <fresh tmp dir>`.
 * Resolves once the server prints its URL; rejects (with the server's output) if it exits first
 * or does not print a URL within `timeoutMs`.
 */
export async function startServer({ timeoutMs = 60_000, extraArgs = [], env: extraEnv = {} } = {}) {
  const bin = steadyBinary();
  if (!existsSync(bin)) {
    throw new Error(`steady binary not found at ${bin}; build it with \`cargo build -p steady\` or set STEADY_BIN`);
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'steady-browser-'));
  // Hermetic: none of the developer's own Steady settings (STEADY_*, DATABASE_URL) reach the
  // server, so it runs with its defaults and the embedded database in the temporary data dir.
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('STEADY_') && k !== 'DATABASE_URL') env[k] = v;
  }
  Object.assign(env, extraEnv);
  const args = ['serve', '--listen', '127.0.0.1:0', '--data-dir', dataDir, ...extraArgs];
  const child = spawn(bin, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });

  const output = [];
  const echo = process.env.STEADY_SERVER_LOG === '1';
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });

  const url = await new Promise((resolve, reject) => {
    let found = false;
    let buffered = { stdout: '', stderr: '' };
    const timer = setTimeout(() => {
      if (!found) {
        reject(new Error(`steady did not print its URL within ${timeoutMs} ms.\nOutput so far:\n${output.join('\n')}`));
      }
    }, timeoutMs);
    const onData = (stream) => (chunk) => {
      buffered[stream] += chunk.toString('utf8');
      let nl;
      while ((nl = buffered[stream].indexOf('\n')) >= 0) {
        const line = buffered[stream].slice(0, nl).replace(/\r$/, '');
        buffered[stream] = buffered[stream].slice(nl + 1);
        output.push(`[${stream}] ${line}`);
        if (echo) process.stderr.write(`[steady ${stream}] ${line}\n`);
        const m = stream === 'stdout' && !found ? line.match(URL_PATTERN) : null;
        if (m) {
          found = true;
          clearTimeout(timer);
          resolve(m[0]);
        }
      }
    };
    child.stdout.on('data', onData('stdout'));
    child.stderr.on('data', onData('stderr'));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${bin}: ${err.message}`));
    });
    exitPromise.then(({ code, signal }) => {
      if (!found) {
        clearTimeout(timer);
        reject(new Error(`steady exited (code ${code}, signal ${signal}) before printing its URL.\nOutput:\n${output.join('\n')}`));
      }
    });
  }).catch((err) => {
    if (!exited) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });

  const parsed = new URL(url);
  const origin = parsed.origin;

  return {
    url,
    origin,
    dataDir,
    /** Absolute URL for a path on this server. */
    at(p) {
      return new URL(p, origin).toString();
    },
    output() {
      return output.join('\n');
    },
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => {
          if (!exited) child.kill('SIGKILL');
        }, 5_000);
        await exitPromise;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
      return exited;
    },
  };
}

/**
 * Launch the system's Chromium headless. Playwright gives every launch its own fresh temporary
 * profile (user-data-dir) and deletes it on close.
 */
export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}; run scripts/test (it installs Debian's chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/** "  - item (n times)" for each distinct item, in first-seen order. */
function listOnce(items) {
  const counts = new Map();
  for (const item of items) counts.set(item, (counts.get(item) || 0) + 1);
  return [...counts].map(([item, n]) => `  - ${item}${n > 1 ? ` (${n} times)` : ''}`);
}

function isOwnRequest(url, origin) {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/**
 * A new context (fresh cookies) and page for the given viewport, guarded so that:
 * - any request to an origin other than the server's is aborted and recorded;
 * - uncaught page errors and 5xx responses are recorded.
 * Call `guard.assertClean()` at the end of the test (or use `closeChecked`).
 * `contextOptions` go to browser.newContext (e.g. `{ javaScriptEnabled: false }`).
 */
export async function openPage(browser, server, viewportName, contextOptions = {}) {
  const device = VIEWPORTS[viewportName];
  if (!device) throw new Error(`unknown viewport ${viewportName}`);
  const context = await browser.newContext({ ...device, locale: 'en-GB', baseURL: server.origin, ...contextOptions });
  const problems = { foreignRequests: [], pageErrors: [], serverErrors: [], cspViolations: [], consoleErrors: [] };

  // Anything the page's own Content-Security-Policy blocks (an inline style or script, an asset
  // from elsewhere) is a bug: it silently breaks the page for real users.
  await context.exposeBinding('__steadyReportCsp', ({ page: p }, v) => {
    problems.cspViolations.push(`${v.directive} blocked ${v.blocked} in ${v.source || p?.url() || '?'}${v.line ? `:${v.line}` : ''}${v.sample ? ` (${v.sample})` : ''}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__steadyReportCsp({
        directive: e.effectiveDirective || e.violatedDirective,
        blocked: e.blockedURI,
        source: e.sourceFile,
        line: e.lineNumber,
        sample: e.sample,
      });
    });
  });

  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isOwnRequest(url, server.origin)) return route.continue();
    problems.foreignRequests.push(`${route.request().method()} ${url}`);
    return route.abort('blockedbyclient');
  });

  const page = await context.newPage();
  page.on('websocket', (ws) => {
    if (!isOwnRequest(ws.url().replace(/^ws/, 'http'), server.origin)) {
      problems.foreignRequests.push(`WEBSOCKET ${ws.url()}`);
    }
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err && err.stack ? err.stack : err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(`${msg.text()} (${page.url()})`);
  });
  const navigations = [];
  page.on('response', (res) => {
    const req = res.request();
    if (res.status() >= 500) problems.serverErrors.push(`${res.status()} ${req.method()} ${res.url()}`);
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) {
      navigations.push(`${res.status()} ${req.method()} ${new URL(res.url()).pathname}`);
    }
  });

  const guard = {
    problems,
    /** The main frame's recent document responses, e.g. "403 POST /signup". */
    recentNavigations(n = 4) {
      return navigations.slice(-n);
    },
    /** A short account of where the page is, for assertion messages. */
    async describePage() {
      const parts = [`now at ${page.url()}`];
      if (navigations.length) parts.push(`recent documents: ${navigations.slice(-4).join(', ')}`);
      const text = async (sel) =>
        (await page.locator(sel).allInnerTexts().catch(() => []))
          .map((t) => t.replace(/\s+/g, ' ').trim())
          .filter(Boolean)
          .join(' | ');
      const h1 = await text('h1');
      if (h1) parts.push(`heading: "${h1}"`);
      const alerts = await text('[role=alert]');
      if (alerts) parts.push(`alert: "${alerts}"`);
      const main = await text('main');
      if (main) parts.push(`page text: "${main.length > 240 ? `${main.slice(0, 240)}…` : main}"`);
      return parts.join('; ');
    },
    assertClean() {
      const lines = [];
      if (problems.foreignRequests.length) {
        lines.push('Requests to hosts other than the Steady server (privacy promise: none allowed):');
        lines.push(...listOnce(problems.foreignRequests));
      }
      if (problems.pageErrors.length) {
        lines.push('Uncaught errors in the page:');
        for (const e of problems.pageErrors) lines.push(`  - ${e}`);
      }
      if (problems.cspViolations.length) {
        lines.push('Content-Security-Policy violations (the browser refused part of the page):');
        lines.push(...listOnce(problems.cspViolations));
      }
      if (problems.serverErrors.length) {
        lines.push('Server errors:');
        for (const e of problems.serverErrors) lines.push(`  - ${e}`);
      }
      if (lines.length) throw new Error(lines.join('\n'));
    },
  };
  return { context, page, guard };
}

function formatViolations(violations, label) {
  const lines = [`axe found ${violations.length} serious/critical accessibility violation(s) on ${label}:`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help}`);
    for (const node of v.nodes.slice(0, 8)) {
      lines.push(`      at ${node.target.join(' ')}`);
      lines.push(`         ${node.html.replace(/\s+/g, ' ').slice(0, 200)}`);
      if (node.failureSummary) {
        for (const s of node.failureSummary.split('\n')) lines.push(`         ${s.trim()}`);
      }
    }
    if (v.nodes.length > 8) lines.push(`      … and ${v.nodes.length - 8} more element(s)`);
  }
  return lines.join('\n');
}

/**
 * Run axe-core on the current page. Throws on serious/critical violations; returns the
 * minor/moderate ones so a test can report them.
 */
export async function checkA11y(page, label) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) {
    // axe-core comes from node_modules, never the network. page.addScriptTag({ path }) would add it
    // as an inline <script>, which Steady's Content-Security-Policy (script-src 'self') rightly
    // refuses -- and that refusal would be reported as a CSP violation of the page's own. Evaluating
    // the same file through the DevTools protocol is not subject to the page's CSP.
    await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
    const ok = await page.evaluate(() => typeof window.axe !== 'undefined');
    if (!ok) throw new Error(`could not inject axe-core into ${label} (${page.url()})`);
  }
  const results = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html, failureSummary: n.failureSummary })),
    }));
  });
  const serious = results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length) throw new Error(formatViolations(serious, `${label} (${page.url()})`));
  return results.filter((v) => !(v.impact === 'serious' || v.impact === 'critical'));
}

/** Full-page screenshot at tests/browser/screenshots/<name>-<viewport>.png. */
export async function screenshot(page, name, viewportName) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}-${viewportName}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Whether the page scrolls sideways (content wider than the viewport). */
export async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth };
  });
}
