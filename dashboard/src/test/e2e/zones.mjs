// The zones pages in a real browser: create a hosted zone, an A record and a weighted pair by
// typing and clicking, see a refused weight beside its field, filter the table, see a zone that
// still holds records refused on delete, and import a pasted zone file. ZonesBrowserTest then
// asks the DNS port.
// Usage: node zones.mjs BASE_URL USER PASSWORD SCREENSHOT_DIR
// Exits 0 when every step saw what it should; prints one line per step.
import { run, logIn } from './browser.mjs';

const [base, user, password, shots] = process.argv.slice(2);

// Opens the record-set form from the zone page and fills what every record here shares.
async function newRecord(page, name, ttl, values) {
  await page.click('text=Create record set');
  await page.waitForSelector('#record-form');
  await page.fill('#f-name', name);
  await page.fill('#f-ttl', ttl);
  await page.fill('#f-values', values);
}

// Chooses weighted routing; htmx swaps in the weighted fields, keeping what was typed.
async function weighted(page, id, weight) {
  await page.selectOption('#f-policy', 'weighted');
  await page.waitForSelector('#f-weight');
  await page.fill('#f-setIdentifier', id);
  await page.fill('#f-weight', weight);
}

await run(async (page, check) => {
  await logIn(page, base, user, password);

  await page.click('nav >> text=Zones');
  await page.waitForURL(/\/ui\/zones$/);
  await page.fill('#f-name', 'shop.example');
  await page.fill('#f-comment', 'made in Chromium');
  await page.click('text=Create hosted zone');
  await page.waitForURL(/\/ui\/zones\/Z[A-Z0-9]+$/);
  check((await page.textContent('h2')).includes('shop.example.'), 'creating a hosted zone leads to its page');

  await newRecord(page, 'www', '60', '192.0.2.44');
  await page.click('#record-form button');
  await page.waitForSelector('.notice');
  check((await page.textContent('#rrsets')).includes('192.0.2.44'), 'the A record is listed after the form is sent');

  await newRecord(page, 'api', '60', '192.0.2.51');
  await weighted(page, 'blue', '3');
  check(await page.inputValue('#f-values') === '192.0.2.51', 'choosing a policy keeps the values typed before');
  await page.screenshot({ path: `${shots}/record-form.png`, fullPage: true });
  await page.click('#record-form button');
  await page.waitForSelector('.notice');

  await newRecord(page, 'api', '60', '192.0.2.52');
  await weighted(page, 'green', '300');
  await page.click('#record-form button');
  await page.waitForSelector('label.invalid[for=f-weight] .field-error');
  const error = await page.textContent('label[for=f-weight] .field-error');
  check(error.includes('Weight must be between 0 and 255'), 'a refused weight is shown beside the weight field');
  check(await page.inputValue('#f-values') === '192.0.2.52' && await page.inputValue('#f-setIdentifier') === 'green',
    'the refused form keeps what was typed');
  await page.screenshot({ path: `${shots}/record-error.png`, fullPage: true });
  await page.fill('#f-weight', '1');
  await page.click('#record-form button');
  await page.waitForSelector('.notice');

  await page.fill('#filter-name', 'api');
  await page.waitForSelector('#rrsets >> text=2 matching');
  const rows = await page.$$eval('#rrsets tbody tr', (trs) => trs.map((tr) => tr.textContent));
  check(rows.length === 2 && rows.every((r) => r.startsWith('api')), 'typing in the filter narrows the table to the weighted pair');
  await page.fill('#filter-name', '');
  await page.waitForSelector('#rrsets >> text=1–5 of 5');
  await page.screenshot({ path: `${shots}/zone.png`, fullPage: true });

  await page.click('text=Delete zone');
  await page.click('button.danger');
  await page.waitForSelector('.confirm .error');
  check((await page.textContent('.confirm .error')).includes('not SOA or NS records'),
    'deleting a zone that still holds records is refused, with Route 53\'s reason');
  await page.screenshot({ path: `${shots}/zone-delete-refused.png`, fullPage: true });

  await page.click('nav >> text=Zones');
  await page.click('text=Import a zone file');
  await page.fill('#f-zonefile', [
    '$ORIGIN pasted.example.',
    '$TTL 300',
    '@ SOA ns1.appliance.test. hostmaster 2024060101 7200 900 1209600 86400',
    '@ NS ns1.appliance.test.',
    'www A 192.0.2.61',
    'mail MX 10 mx.elsewhere.example.',
  ].join('\n'));
  await page.screenshot({ path: `${shots}/import.png`, fullPage: true });
  await page.click('form.stacked button');
  await page.waitForSelector('.notice');
  check((await page.textContent('.notice')).includes('Zone file imported: 4 records'), 'a pasted zone file becomes a hosted zone');

  await page.click('nav >> text=Zones');
  const list = await page.textContent('main');
  check(list.includes('shop.example.') && list.includes('made in Chromium'), 'the zone list shows the new zone and its comment');
  await page.screenshot({ path: `${shots}/zones.png`, fullPage: true });
});
