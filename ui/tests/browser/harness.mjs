// A small test runner for the browser flows: serves the built app with `vite preview`
// in this process (on a free port, under the desktop's strict CSP), drives Debian's
// Chromium through playwright-core with the fake IPC injected, checks every screen with
// axe-core, and always closes the browser and the server, whatever happens.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

export const UI_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RESULTS = path.join(UI_ROOT, 'test-results');
const FAKE_TAURI = fileURLToPath(new URL('./fake-tauri.js', import.meta.url));
const AXE_SOURCE = readFileSync(path.join(UI_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// A watchdog against a hung browser, not a speed target: generous, because a loaded machine is slow.
const RUN_TIMEOUT_MS = 600_000;

// What Tauri will enforce: nothing inline, nothing remote.
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const tests = [];
// `BROWSER_TESTS=documents npm run test:browser` runs only the tests whose name contains that text.
const ONLY = process.env.BROWSER_TESTS || '';
export function test(name, fn) {
  if (name.includes(ONLY)) tests.push({ name, fn });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something truthy (or a passing assertion). */
export async function eventually(check, what, timeoutMs = 5000) {
  const started = Date.now();
  let last;
  while (Date.now() - started < timeoutMs) {
    try {
      const result = await check();
      if (result !== false && result !== undefined && result !== null) return result;
    } catch (error) {
      last = error;
    }
    await sleep(40);
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

export async function expectText(page, selector, text) {
  await eventually(async () => {
    const content = (await page.locator(selector).first().textContent()) ?? '';
    assert.ok(content.includes(text), `"${selector}" says ${JSON.stringify(content.trim())}`);
    return true;
  }, `${selector} to contain ${JSON.stringify(text)}`);
}

export async function expectDisabled(page, selector, disabled) {
  await eventually(
    async () => (await page.locator(selector).isDisabled()) === disabled,
    `${selector} to be ${disabled ? 'disabled' : 'enabled'}`,
  );
}

export async function expectFocus(page, id) {
  await eventually(async () => (await page.evaluate(() => document.activeElement?.id)) === id, `focus on #${id}`);
}

/** Runs axe-core on the page as it is now; any violation fails the test. */
export async function checkA11y(page, label) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  });
  if (violations.length) {
    const text = violations.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n');
    throw new Error(`axe found ${violations.length} accessibility problem(s) on "${label}":\n${text}`);
  }
}

/** Fails when the page scrolls sideways (the window may be as small as 900×650). */
export async function checkNoSidewaysScroll(page, label) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  assert.ok(scroll <= width, `"${label}" scrolls sideways: ${scroll}px wide in a ${width}px window`);
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

export async function fake(page, expression) {
  return page.evaluate(expression);
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function run() {
  if (!existsSync(path.join(UI_ROOT, 'dist/index.html'))) {
    console.error('ui/dist is missing: run `npm run build` first (npm run test:browser does).');
    process.exit(1);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`);
    process.exit(1);
  }
  mkdirSync(RESULTS, { recursive: true });
  // A failure screenshot from an earlier run would look like one from this run.
  for (const f of readdirSync(RESULTS)) if (f.startsWith('FAILED-')) rmSync(path.join(RESULTS, f));

  let server;
  let browser;
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
  };
  const abort = async (why) => {
    console.error(`\nStopping: ${why}`);
    await close();
    process.exit(1);
  };
  process.once('SIGINT', () => void abort('interrupted'));
  process.once('SIGTERM', () => void abort('terminated'));
  const watchdog = setTimeout(() => void abort(`the whole run took longer than ${RUN_TIMEOUT_MS / 1000}s`), RUN_TIMEOUT_MS);

  let passed = 0;
  let failed = 0;
  try {
    const port = await freePort();
    server = await preview({
      root: UI_ROOT,
      logLevel: 'warn',
      preview: { host: '127.0.0.1', port, strictPort: true, open: false, headers: { 'Content-Security-Policy': CSP } },
    });
    const url = `http://127.0.0.1:${port}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });

    for (const { name, fn } of tests) {
      const context = await browser.newContext({ viewport: { width: 900, height: 650 }, locale: 'en-GB' });
      const problems = [];
      let page;
      const open = async (fakeConfig = {}, options = {}) => {
        page = await context.newPage();
        page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
        });
        if (options.clock) await page.clock.install({ time: new Date('2025-11-14T10:00:00Z') });
        await page.addInitScript({ content: `window.__CAREFILE_FAKE_CONFIG__ = ${JSON.stringify(fakeConfig)};` });
        await page.addInitScript({ path: FAKE_TAURI });
        await page.addInitScript({
          content: `document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));`,
        });
        await page.goto(url);
        return page;
      };
      const started = Date.now();
      try {
        await fn({ open });
        if (page) {
          const contract = await page.evaluate(() => window.__carefileFake?.violations ?? []);
          if (contract.length) problems.push(`IPC contract: ${contract.join('; ')}`);
        }
        if (problems.length) throw new Error(problems.join('\n'));
        passed++;
        console.log(`ok   ${name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed++;
        console.log(`FAIL ${name}\n     ${String(error?.stack || error).split('\n').join('\n     ')}`);
        if (page) await screenshot(page, `FAILED-${name.replace(/[^a-z0-9]+/gi, '-')}`).catch(() => undefined);
      } finally {
        await context.close().catch(() => undefined);
      }
    }
  } catch (error) {
    failed++;
    console.error(`The browser tests could not run: ${error?.stack || error}`);
  } finally {
    clearTimeout(watchdog);
    await close();
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}
