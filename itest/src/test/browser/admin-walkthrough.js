'use strict';
// Walks Admin's RFID authentication, Security and Firmware update sections, History's power chart and a refused
// Reset on Home (issue 18, feature.web's admin.js and chart.js) in Debian's chromium driven by playwright-core, on the
// booted 3T-DR sim image. Started by itest's WebAdminTest; prints one JSON line per observation on stdout, writes
// screenshots (every page at desktop and phone width) into --out, exits non-zero with the reason on stderr when a step
// does not come within its bound. Every wait is bounded.
//
//   node admin-walkthrough.js --base http://127.0.0.1:PORT --out DIR --scenario rfid|firmware|refused|chart
//          --user NAME --password PW [--jar SIGNED.jar --unsigned UNSIGNED.jar]
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
const BASE = args.base;
const OUT = args.out;
const STEP_MS = Number(args.stepMs || 60000);
const WIDTHS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
// as web-walkthrough.js: chromium kept off the network; playwright gives every launch a fresh profile
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function observe(step, values) {
  process.stdout.write(JSON.stringify(Object.assign({ step }, values)) + '\n');
}

async function sim(pathName, body) {
  const r = await fetch(BASE + pathName, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
  });
  if (!r.ok) {
    throw new Error('POST ' + pathName + ' → ' + r.status + ' ' + await r.text());
  }
}

/** GET with the script's own login (HTTP Basic, as scripts log in): the JSON, or null when not 200. */
async function apiGet(pathName) {
  const r = await fetch(BASE + pathName, { headers: {
    Authorization: 'Basic ' + Buffer.from(args.user + ':' + args.password).toString('base64') } });
  return r.ok ? r.json() : null;
}

/** Until the async condition holds, polled every 300 ms, at most STEP_MS. */
async function until(condition, what) {
  const end = Date.now() + STEP_MS;
  while (Date.now() < end) {
    if (await condition()) {
      return;
    }
    await new Promise(r => setTimeout(r, 300));
  }
  throw new Error('no ' + what + ' within ' + STEP_MS + ' ms');
}

/** The page, or one element of it, at both widths. */
async function shoot(page, name, selector) {
  for (const [width, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    const file = path.join(OUT, name + '-' + width + '.png');
    if (selector) {
      await page.locator(selector).screenshot({ path: file, timeout: STEP_MS });
    } else {
      await page.screenshot({ path: file, fullPage: true });
    }
    observe('screenshot', { file });
  }
  await page.setViewportSize(WIDTHS.desktop);
}

async function logIn(page, user, password) {
  await page.goto(BASE + '/ui/', { timeout: STEP_MS });
  await page.locator('#login').waitFor({ state: 'visible', timeout: STEP_MS });
  await page.fill('#login-user', user);
  await page.fill('#login-password', password);
  await page.click('#login-submit');
  await page.locator('#page-home').waitFor({ state: 'visible', timeout: STEP_MS });
  await page.waitForFunction(() => !!document.getElementById('state').dataset.state, null, { timeout: STEP_MS });
}

async function go(page, section, ready, arg) {
  await page.evaluate(s => { location.hash = s; }, section);
  await page.locator('#page-' + section).waitFor({ state: 'visible', timeout: STEP_MS });
  await page.waitForFunction(ready, arg, { timeout: STEP_MS });
}

async function homeShows(page, state) {
  await page.waitForFunction(s => document.getElementById('state').dataset.state === s, state, { timeout: STEP_MS });
}

/** The page's own session calls the API (cookie + CSRF token), as the pages do: the status code and JSON. */
function api(page, method, pathName, body) {
  return page.evaluate(async ([m, p, b]) => {
    const login = JSON.parse(sessionStorage.getItem('infinergi.login')) || {};
    const headers = { 'X-Requested-With': 'fetch', 'Content-Type': 'application/json' };
    if (login.csrfToken) {
      headers['X-CSRF-Token'] = login.csrfToken;
    }
    const r = await fetch(p, { method: m, headers, body: b === undefined ? undefined : JSON.stringify(b) });
    let json = null;
    try {
      json = await r.json();
    } catch (e) {
      json = null;
    }
    return { status: r.status, json };
  }, [method, pathName, body]);
}

const adminLoaded = () => !document.getElementById('admin-sections').hidden
  && document.getElementById('admin-user-login').textContent !== '–';
const rfidLoaded = () => !document.getElementById('admin-rfid').hidden
  && document.querySelectorAll('#rfid-mode option').length > 0;
const cards = () => Array.from(document.querySelectorAll('#rfid-cards tbody tr')).map(r => ({
  uid: r.dataset.uid, state: r.querySelector('.card-state').textContent, blocked: r.classList.contains('blocked')
}));

/** The admin adds a card by swiping it at the simulated reader, types another, blocks, reactivates, removes. */
async function rfidScenario(browser) {
  const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'en-GB' });
  const page = await context.newPage();
  page.on('dialog', d => d.accept()); // the confirmations (remove, reset a password to its default)
  await logIn(page, args.user, args.password);
  await go(page, 'admin', adminLoaded);
  await page.waitForFunction(rfidLoaded, null, { timeout: STEP_MS });
  observe('rfid', { visible: await page.isVisible('#admin-rfid'),
    modes: await page.$$eval('#rfid-mode option', o => o.map(x => x.textContent)), cards: await page.evaluate(cards) });

  // Add new by swiping (manual §5.7.2): the page waits, the card comes to the reader, the list shows it
  await page.click('#rfid-swipe');
  await page.waitForFunction(() => document.getElementById('rfid-learn').dataset.state === 'WAITING', null,
    { timeout: STEP_MS });
  const waiting = await page.textContent('#rfid-learn');
  await shoot(page, 'admin-rfid-waiting', '#admin-rfid');
  await sim('/api/sim/card', { uid: args.card });
  await page.waitForFunction(uid => !!document.querySelector('#rfid-cards tr[data-uid="' + uid + '"]'), args.card,
    { timeout: STEP_MS });
  observe('swiped', { waiting, learned: await page.textContent('#rfid-learn'), cards: await page.evaluate(cards) });

  // Add new by typing the ID: a wrong one is refused next to the field, then a right one
  await page.fill('#rfid-uid', '12XY');
  await page.click('#rfid-add-form button[type="submit"]');
  await page.waitForFunction(() => document.getElementById('rfid-uid-message').classList.contains('bad'), null,
    { timeout: STEP_MS });
  const badId = await page.textContent('#rfid-uid-message');
  const typed = '0A0B0C0D';
  await page.fill('#rfid-uid', typed.toLowerCase());
  await page.click('#rfid-add-form button[type="submit"]');
  await page.waitForFunction(uid => !!document.querySelector('#rfid-cards tr[data-uid="' + uid + '"]'), typed,
    { timeout: STEP_MS });
  observe('typed', { badId, cards: await page.evaluate(cards) });

  // block, reactivate, remove
  const row = uid => '#rfid-cards tr[data-uid="' + uid + '"]';
  await page.click(row(args.card) + ' button[data-kind="block"]');
  await page.waitForFunction(s => document.querySelector(s).classList.contains('blocked'), row(args.card),
    { timeout: STEP_MS });
  observe('blocked', { cards: await page.evaluate(cards) });
  await shoot(page, 'admin-rfid', '#admin-rfid');
  await page.click(row(args.card) + ' button[data-kind="reactivate"]');
  await page.waitForFunction(s => !document.querySelector(s).classList.contains('blocked'), row(args.card),
    { timeout: STEP_MS });
  observe('reactivated', { cards: await page.evaluate(cards) });
  await page.click(row(typed) + ' button[data-kind="remove"]');
  await page.waitForFunction(s => !document.querySelector(s), row(typed), { timeout: STEP_MS });
  observe('removed', { cards: await page.evaluate(cards) });

  // the mode (manual §7.1.2): Local list, saved, read back after a reload; then Free again
  await page.selectOption('#rfid-mode', 'LOCAL_LIST');
  await page.click('#rfid-mode-form button[type="submit"]');
  await page.waitForFunction(() => document.getElementById('rfid-mode-message').textContent !== '', null,
    { timeout: STEP_MS });
  await page.reload();
  await page.waitForFunction(rfidLoaded, null, { timeout: STEP_MS });
  observe('mode', { mode: await page.$eval('#rfid-mode', s => s.value),
    label: await page.$eval('#rfid-mode', s => s.options[s.selectedIndex].textContent) });
  await page.selectOption('#rfid-mode', 'FREE');
  await page.click('#rfid-mode-form button[type="submit"]');
  await page.waitForFunction(() => document.getElementById('rfid-mode-message').textContent !== '', null,
    { timeout: STEP_MS });

  // Security (§7.1.3): a too short password is refused next to its field; the user's set, then blank → default
  await page.fill('#security-user-password', 'abc');
  await page.click('#security-user-form button[type="submit"]');
  await page.waitForFunction(() => document.getElementById('security-user-message').classList.contains('bad'), null,
    { timeout: STEP_MS });
  const tooShort = await page.textContent('#security-user-message');
  await page.fill('#security-user-password', 'garage-door-42');
  await page.click('#security-user-form button[type="submit"]');
  await page.waitForFunction(() => document.getElementById('security-user-message').textContent !== ''
    && !document.getElementById('security-user-message').classList.contains('bad'), null, { timeout: STEP_MS });
  const changed = (await api(page, 'GET', '/api/admin/security')).json.userWebPassword;
  await page.fill('#security-user-password', '');
  await page.click('#security-user-form button[type="submit"]');
  await page.waitForFunction(() => document.getElementById('security-user-message').textContent.includes('default'),
    null, { timeout: STEP_MS });
  observe('security', { tooShort, changed, reset: (await api(page, 'GET', '/api/admin/security')).json.userWebPassword,
    message: await page.textContent('#security-user-message') });
  await shoot(page, 'admin-security', '#admin-security');
  await shoot(page, 'admin');
  // Italian
  await page.click('button[data-lang="it"]');
  await page.waitForFunction(() => document.querySelector('#admin-rfid h2').textContent === 'Autenticazione RFID',
    null, { timeout: STEP_MS });
  await page.waitForFunction(() => document.querySelector('#rfid-cards .card-state') === null
    || document.querySelector('#rfid-cards .card-state').textContent === 'Valida', null, { timeout: STEP_MS });
  observe('italian', { rfid: await page.textContent('#admin-rfid h2'), swipe: await page.textContent('#rfid-swipe'),
    firmware: await page.textContent('#admin-firmware h2'), choose: await page.textContent('#firmware-form label span') });
  await shoot(page, 'admin-it');
  await context.close();
}

/** The admin uploads a bundle on Firmware update: an unsigned one is refused, the signed one runs. */
async function firmwareScenario(browser) {
  const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'en-GB' });
  const page = await context.newPage();
  await logIn(page, args.user, args.password);
  await go(page, 'admin', adminLoaded);
  await page.click('#firmware-start');
  const noFile = await page.textContent('#firmware-message');
  await page.setInputFiles('#firmware-file', args.unsigned);
  await page.click('#firmware-start');
  await page.waitForFunction(() => document.getElementById('firmware-state').dataset.state === 'REFUSED', null,
    { timeout: STEP_MS });
  const refused = await page.textContent('#firmware-message');
  await page.setInputFiles('#firmware-file', args.jar);
  await page.click('#firmware-start');
  await page.waitForFunction(() => ['DONE', 'FAILED'].includes(document.getElementById('firmware-state').dataset.state),
    null, { timeout: STEP_MS });
  observe('firmware', { noFile, refused, state: await page.$eval('#firmware-state', e => e.dataset.state),
    text: await page.textContent('#firmware-state'), message: await page.textContent('#firmware-message'),
    progress: await page.$eval('#firmware-progress', p => p.value) });
  await shoot(page, 'admin-firmware', '#admin-firmware');
  await context.close();
}

/** The user: no Admin link, the section refused, and the API refuses the admin's endpoints (403, nothing changes). */
async function refusedScenario(browser) {
  const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'en-GB' });
  const page = await context.newPage();
  await logIn(page, args.user, args.password);
  const linkVisible = await page.isVisible('#nav-admin');
  await page.evaluate(() => { location.hash = 'admin'; });
  await page.locator('#admin-refused').waitFor({ state: 'visible', timeout: STEP_MS });
  observe('refused', {
    linkVisible,
    refused: await page.textContent('#admin-refused'),
    sectionsHidden: await page.$eval('#admin-sections', e => e.hidden),
    cards: (await api(page, 'GET', '/api/auth/cards')).status,
    learn: (await api(page, 'POST', '/api/auth/learn', {})).status,
    mode: (await api(page, 'PUT', '/api/auth/mode', { mode: 'FREE' })).status,
    security: (await api(page, 'PUT', '/api/admin/security', { userWebPassword: 'hijacked-1' })).status,
    update: (await api(page, 'GET', '/api/update')).status
  });
  await shoot(page, 'admin-refused');
  await context.close();
}

/** A session charged by the simulated car: its power on History's chart; a Reset refused on Home while the cause
 * persists shows the core's answer; every page at both widths. */
async function chartScenario(browser) {
  const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(BASE + '/ui/', { timeout: STEP_MS });
  await page.locator('#login').waitFor({ state: 'visible', timeout: STEP_MS });
  await shoot(page, 'login');
  await logIn(page, args.user, args.password);
  await sim('/api/sim/ev', { action: 'charge', maxCurrentA: 16, phases: 3 });
  await homeShows(page, 'CHARGING');
  // the session's power sampled (one every 5 s) while the car draws current: two samples over 1 kW, so the chart has
  // the charge to draw. Polled from here with the script's own login (a promise is no condition of waitForFunction).
  await until(async () => {
    const status = await apiGet('/api/status');
    if (!status || !status.sessionStart) {
      return false;
    }
    const power = await apiGet('/api/sessions/power?start=' + encodeURIComponent(status.sessionStart));
    return !!power && power.samples.filter(x => x.powerW > 1000).length >= 2;
  }, 'two samples of the charging power');
  await shoot(page, 'home');
  await sim('/api/sim/fault', { fault: 'V2', active: true });
  await homeShows(page, 'ERROR');
  await page.click('#btn-reset'); // the cause persists: the core refuses, and says why
  await page.waitForFunction(() => document.getElementById('action-result').textContent !== '', null,
    { timeout: STEP_MS });
  observe('reset-refused', { text: await page.textContent('#action-result'),
    refusedClass: await page.$eval('#action-result', e => e.classList.contains('refused')) });
  await shoot(page, 'home-reset-refused');
  await sim('/api/sim/fault', { fault: 'V2', active: false });
  await sim('/api/sim/ev', { action: 'unplug' });
  await until(async () => ((await apiGet('/api/status')) || {}).pilot === 'A', 'pilot A after the unplug');
  await page.click('#btn-reset');
  await homeShows(page, 'VEHICLE_NOT_CONNECTED');
  await go(page, 'history', () => document.querySelectorAll('#power-chart svg polyline').length > 0);
  observe('chart', await page.evaluate(() => ({
    samples: Number(document.getElementById('power-chart').dataset.samples),
    points: document.querySelector('#power-chart polyline').getAttribute('points').split(' ').length,
    title: document.querySelector('#power-chart-card .label').textContent,
    chosen: document.querySelectorAll('#sessions tbody tr.chosen').length
  })));
  await shoot(page, 'history');
  await shoot(page, 'history-chart', '#power-chart-card');
  await go(page, 'info', () => document.querySelectorAll('#bundles tbody tr').length > 0);
  await shoot(page, 'info');
  if (await page.isVisible('#nav a[data-page="settings"]')) {
    await page.click('#nav a[data-page="settings"]');
    await page.locator('#page-settings').waitFor({ state: 'visible', timeout: STEP_MS });
    await shoot(page, 'settings');
  }
  await go(page, 'admin', adminLoaded);
  await page.waitForFunction(rfidLoaded, null, { timeout: STEP_MS });
  await shoot(page, 'admin-all');
  await context.close();
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: args.chromium || '/usr/bin/chromium', headless: true, args: FLAGS, timeout: STEP_MS
  });
  try {
    const scenario = { rfid: rfidScenario, firmware: firmwareScenario, refused: refusedScenario,
      chart: chartScenario }[args.scenario];
    if (!scenario) {
      throw new Error('unknown --scenario ' + args.scenario);
    }
    await scenario(browser);
    observe('done', {});
  } finally {
    await browser.close();
  }
}

main().catch(e => {
  process.stderr.write('admin walkthrough failed: ' + (e && e.stack || e) + '\n');
  process.exit(1);
});
