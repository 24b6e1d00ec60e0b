// The health page in a real browser: a check reads healthy while its target answers, then turns
// unhealthy in the open page (no reload) once the target stops, with the failure reason shown.
// Usage: node health.mjs BASE_URL USER PASSWORD SCREENSHOT_DIR CHECK_ID
// Prints "ok: the check reads healthy on /ui/health" when it has seen passing probes, then waits
// for a line on stdin: HealthBrowserTest stops the target and writes one. Exits 0 when every
// step saw what it should; prints one line per step.
import { run, logIn } from './browser.mjs';
import readline from 'node:readline';

const [base, user, password, shots, checkId] = process.argv.slice(2);
const stdin = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
await run(async (page, check, failed) => {
  await logIn(page, base, user, password);
  await page.click('nav >> text=Health');
  await page.waitForURL(/\/ui\/health$/);
  const card = `[id="check-${checkId}"]`;
  // A few passing probes, so the timeline has something to show before the target goes away.
  await page.waitForFunction((sel) => document.querySelectorAll(`${sel} rect.pass`).length >= 3, card, { timeout: 20000 });
  check((await page.textContent(`${card} .badge`)) === 'healthy', 'the check reads healthy on /ui/health');
  const tooltip = await page.textContent(`${card} rect.pass title`);
  check(/^\d\d:\d\d:\d\d UTC · \d+ ms\nSuccess: HTTP Status Code 200/.test(tooltip),
    `a tick's tooltip gives time, latency and status (${JSON.stringify(tooltip)})`);
  await page.screenshot({ path: `${shots}/health-healthy.png`, fullPage: true });
  if (failed()) throw new Error('not waiting for the target to stop: the page is not right while it runs');
  await page.evaluate(() => { window.notReloaded = true; });

  await stdin.next(); // the test has stopped the target
  await page.waitForSelector(`${card} .badge.down`, { timeout: 15000 });
  check(await page.evaluate(() => window.notReloaded === true), 'the page turned unhealthy without a reload');
  const reason = await page.textContent(`${card} .facts dd`);
  check(reason.includes('Failure: Connection refused by 127.0.0.1'), `the failure reason is shown (${reason})`);
  check((await page.locator(`${card} rect.fail`).count()) >= 1, 'the timeline shows the failed probes in red');
  await page.waitForFunction((sel) => document.querySelectorAll(`${sel} rect.fail`).length >= 3, card, { timeout: 10000 });
  await page.screenshot({ path: `${shots}/health-unhealthy.png`, fullPage: true });

  await page.click(`${card} button:text-is("Invert")`);
  await page.waitForSelector(`${card} >> text=Un-invert`, { timeout: 5000 });
  check((await page.textContent(`${card} .check-head`)).includes('inverted'), 'Invert in the page inverts the check');
});
