// What every browser script here shares: Debian's headless Chromium, one printed line per
// checked step ("ok: ..." or "FAILED: ..."), an exit status that says whether all passed, and
// the dashboard's login.
import { chromium } from 'playwright-core';

// Runs steps(page, check, failed) in a fresh 1200x800 page, then exits 0 only if every check
// passed and nothing threw. check(ok, what) prints the step; failed() tells whether one failed.
export async function run(steps) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  let failed = false;
  const check = (ok, what) => {
    console.log(`${ok ? 'ok' : 'FAILED'}: ${what}`);
    if (!ok) failed = true;
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await steps(page, check, () => failed);
  } catch (e) {
    console.log(`FAILED: ${e.message.split('\n')[0]}`);
    failed = true;
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
}

export async function logIn(page, base, user, password) {
  await page.goto(`${base}/login`);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', password);
  await page.click('button');
  await page.waitForURL(/\/ui$/);
}
