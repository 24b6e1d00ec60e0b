// The dashboard in a real browser: log in, read the overview, watch, filter and pause the live
// query log, ask Explain, log out.
// Usage: node dashboard.mjs BASE_URL USER PASSWORD SCREENSHOT_DIR
// Exits 0 when every step saw what it should; prints one line per step.
import { run } from './browser.mjs';
import dgram from 'node:dgram';

const [base, user, password, shots, dnsPort] = process.argv.slice(2);

// One DNS query over UDP, as a resolver sends it: header, then QNAME, QTYPE (A unless given), QCLASS IN.
function askDns(name, type = 1) {
  const labels = name.split('.').filter((l) => l.length > 0);
  const parts = [Buffer.from([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0])];
  for (const l of labels) parts.push(Buffer.from([l.length]), Buffer.from(l, 'ascii'));
  parts.push(Buffer.from([0, 0, type, 0, 1]));
  const socket = dgram.createSocket('udp4');
  return new Promise((resolve) => {
    socket.on('message', () => { socket.close(); resolve(); });
    socket.send(Buffer.concat(parts), Number(dnsPort), '127.0.0.1');
    setTimeout(() => { try { socket.close(); } catch (e) { /* answered */ } resolve(); }, 1000);
  });
}
await run(async (page, check) => {
  await page.goto(`${base}/ui`);
  check(page.url().endsWith('/login'), 'an anonymous visit lands on the login page');
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', 'wrong password');
  await page.click('button');
  check((await page.textContent('.error'))?.includes('Wrong user name or password'), 'a wrong password is refused');
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', password);
  await page.screenshot({ path: `${shots}/login.png` });
  await page.click('button');
  await page.waitForURL(/\/ui$/);
  await page.waitForSelector('text=queries/s now');
  check((await page.textContent('main')).includes('browser.example.'), 'the overview lists the hosted zone');
  check((await page.textContent('main')).includes('queries/s now'), 'the overview shows live traffic');
  await page.screenshot({ path: `${shots}/overview.png`, fullPage: true });
  await page.click('text=Query log');
  await page.waitForURL(/\/ui\/log$/);
  await page.waitForTimeout(300); // the SSE stream connects
  await askDns('logged.browser.example');
  await page.waitForSelector('#log >> text=logged.browser.example A NXDOMAIN UDP', { timeout: 2000 });
  check(true, 'a query sent over DNS appears in the live log within 2 s');
  await askDns('www.browser.example');
  await page.waitForSelector('#log >> text=set="blue" policy="weighted"', { timeout: 2000 });
  check(true, 'a routed answer shows its answer, record set and policy');
  await page.screenshot({ path: `${shots}/querylog.png`, fullPage: true });
  await page.selectOption('select[name=type]', 'AAAA');
  await page.waitForFunction(() => !document.querySelector('#log')?.textContent.includes('logged.browser.example'));
  await page.waitForTimeout(300); // the filtered stream connects
  await askDns('v6.browser.example', 28);
  await askDns('v4.browser.example', 1);
  await page.waitForSelector('#log >> text=v6.browser.example AAAA', { timeout: 2000 });
  await page.waitForTimeout(500);
  check(!(await page.textContent('#log')).includes('v4.browser.example'), 'the type filter keeps only AAAA lines, old and new');
  await page.click('#pause');
  await askDns('held.browser.example', 28);
  await page.waitForSelector('#held >> text=1 new lines held', { timeout: 2000 });
  check(!(await page.textContent('#log')).includes('held.browser.example'), 'while paused new lines are held, not shown');
  await page.screenshot({ path: `${shots}/querylog-paused.png`, fullPage: true });
  await page.click('#pause');
  check((await page.textContent('#log')).includes('held.browser.example'), 'resume shows the held lines');
  await page.click('text=Overview');
  await page.waitForURL(/\/ui$/);
  await page.waitForTimeout(1200); // latency is collected once a second
  await page.reload();
  check((await page.textContent('main')).includes('www.browser.example.'), 'the overview shows the top names');
  await page.screenshot({ path: `${shots}/overview-traffic.png`, fullPage: true });
  await page.click('text=Explain');
  await page.fill('input[name=name]', 'www.browser.example');
  await page.fill('input[name=subnet]', '198.51.100.0');
  await page.click('main button');
  await page.waitForSelector('tr.chosen');
  const decision = await page.textContent('#result');
  check(decision.includes('Weighted routing') && decision.includes('blue'), 'Explain shows the weighted decision and the winner');
  await page.screenshot({ path: `${shots}/explain.png`, fullPage: true });
  await page.click('text=Log out');
  await page.waitForURL(/\/login$/);
  await page.goto(`${base}/ui`);
  check(page.url().endsWith('/login'), 'after logging out the dashboard asks for a login again');
});
