'use strict';
// Walks the charger's web pages (feature.web, manual §6.1.2) in Debian's chromium, driven by playwright-core (no
// browser download: executablePath /usr/bin/chromium). Started by itest's WebInterfaceTest inside the booted image;
// prints one JSON line per observation on stdout for the test to assert on, writes screenshots into --out, and exits
// non-zero with the reason on stderr when a step does not come within its bound. Every wait is bounded.
//
//   node web-walkthrough.js --base http://127.0.0.1:PORT --out DIR --scenario user|session|italian|error
//          --user NAME --password PW
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
// the flags that keep chromium off the network of this closed machine (java-maven.md "Known to work"); playwright
// itself gives every launch a fresh, empty --user-data-dir and adds --headless
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

async function shoot(page, name) {
  for (const [width, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    const file = path.join(OUT, name + '-' + width + '.png');
    await page.screenshot({ path: file, fullPage: true });
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
  // the first /api/status answer has come: the state carries its name
  await page.waitForFunction(() => !!document.getElementById('state').dataset.state, null, { timeout: STEP_MS });
}

/** Until the charger's own status (the page's session) says no vehicle is connected: pilot state A. */
async function vehicleGone(page) {
  // polled from here: page.waitForFunction takes the promise an async function returns as already true
  const until = Date.now() + STEP_MS;
  for (;;) {
    const pilot = await page.evaluate(async () => {
      const r = await fetch('/api/status', { headers: { 'X-Requested-With': 'XMLHttpRequest' } });
      return r.ok ? (await r.json()).pilot : null;
    });
    if (pilot === 'A') return;
    if (Date.now() > until) throw new Error('the charger did not see the vehicle go (pilot ' + pilot + ')');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function homeShows(page, state) {
  await page.waitForFunction(s => document.getElementById('state').dataset.state === s, state, { timeout: STEP_MS });
  return page.evaluate(() => ({
    state: document.getElementById('state').textContent,
    lightRow: document.getElementById('light-row').textContent,
    mode: document.getElementById('mode').textContent,
    power: document.getElementById('power').textContent,
    energy: document.getElementById('energy').textContent,
    duration: document.getElementById('duration').textContent,
    limit: document.getElementById('limit').textContent,
    pauseVisible: !document.getElementById('btn-pause').hidden,
    adminLinkVisible: !document.getElementById('nav-admin').hidden,
    nav: Array.from(document.querySelectorAll('#nav a')).filter(a => !a.hidden).map(a => a.textContent)
  }));
}

async function go(page, section, ready) {
  await page.evaluate(s => { location.hash = s; }, section);
  await page.locator('#page-' + section).waitFor({ state: 'visible', timeout: STEP_MS });
  await page.waitForFunction(ready, null, { timeout: STEP_MS });
}

const infoLoaded = () => document.querySelectorAll('#bundles tbody tr').length > 0
  && document.querySelectorAll('#meters .meter').length > 0;
const historyLoaded = () => document.querySelectorAll('#sessions tbody tr').length > 0
  || !document.getElementById('sessions-empty').hidden;

/** The user: Home with the state, every section but Admin, and Admin refused. */
async function userScenario(browser) {
  const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(BASE + '/ui/', { timeout: STEP_MS });
  await page.locator('#login').waitFor({ state: 'visible', timeout: STEP_MS });
  await shoot(page, 'login');
  await logIn(page, args.user, args.password);
  observe('home', await homeShows(page, 'VEHICLE_NOT_CONNECTED'));
  await shoot(page, 'home');
  await go(page, 'history', historyLoaded);
  await shoot(page, 'history');
  await go(page, 'info', infoLoaded);
  observe('info', await page.evaluate(() => ({
    model: document.getElementById('info-model').textContent,
    meters: Array.from(document.querySelectorAll('#meters .meter .value')).map(e => e.textContent),
    bundles: document.querySelectorAll('#bundles tbody tr').length
  })));
  await shoot(page, 'info');
  // typed by hand: the section stays empty, and the API itself refuses the user
  await page.evaluate(() => { location.hash = 'admin'; });
  await page.locator('#admin-refused').waitFor({ state: 'visible', timeout: STEP_MS });
  observe('admin', {
    // the pages' login: a session (HttpOnly cookie, not readable here) and its CSRF token, no Basic header
    sessionLogin: await page.evaluate(() => {
      const login = JSON.parse(sessionStorage.getItem('infinergi.login'));
      return !!login.csrfToken && !login.authorization && document.cookie === '';
    }),
    refused: await page.textContent('#admin-refused'),
    apiStatus: await page.evaluate(async () => {
      const login = JSON.parse(sessionStorage.getItem('infinergi.login'));
      const headers = login.authorization ? { Authorization: login.authorization } : {};
      return (await fetch('/api/admin/security', { headers })).status;
    })
  });
  // the switch: Italian at once, and it stays chosen
  await page.evaluate(() => { location.hash = 'home'; });
  await page.click('button[data-lang="it"]');
  await page.waitForFunction(() => document.documentElement.lang === 'it', null, { timeout: STEP_MS });
  observe('italian', await homeShows(page, 'VEHICLE_NOT_CONNECTED'));
  await shoot(page, 'home-it');
  // logging out ends the session: the login form again, and the API no longer answers this browser
  await page.click('#logout');
  await page.locator('#login').waitFor({ state: 'visible', timeout: STEP_MS });
  observe('logout', { status: await page.evaluate(async () => (await fetch('/api/status',
    { headers: { 'X-Requested-With': 'fetch' } })).status) });
  await context.close();
}

/** A browser that asks for Italian gets Italian without touching the switch. */
async function italianScenario(browser) {
  const context = await browser.newContext({ viewport: WIDTHS.phone, locale: 'it-IT' });
  const page = await context.newPage();
  await page.goto(BASE + '/ui/', { timeout: STEP_MS });
  await page.locator('#login').waitFor({ state: 'visible', timeout: STEP_MS });
  observe('login-it', { title: await page.textContent('#page-login h1'), submit: await page.textContent('#login-submit') });
  await context.close();
}

/** The admin: Admin shown; a simulated charge on Home, then in History after unplugging; the CSV export. */
async function sessionScenario(browser) {
  const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'en-GB', acceptDownloads: true });
  const page = await context.newPage();
  await logIn(page, args.user, args.password);
  observe('admin-home', await homeShows(page, 'VEHICLE_NOT_CONNECTED'));
  await go(page, 'admin', () => document.getElementById('admin-user-login').textContent !== '–');
  observe('admin', { userLogin: await page.textContent('#admin-user-login') });
  await shoot(page, 'admin');
  await go(page, 'history', historyLoaded);
  const before = await page.locator('#sessions tbody tr').count();

  await page.evaluate(() => { location.hash = 'home'; });
  await sim('/api/sim/ev', { action: 'charge', maxCurrentA: 16, phases: 3 });
  const charging = await homeShows(page, 'CHARGING');
  // energy and duration move while it charges (the page polls): wait for both to leave zero
  await page.waitForFunction(() => document.getElementById('energy').textContent !== '0.00 kWh'
    && !['–', '0:00:00'].includes(document.getElementById('duration').textContent), null, { timeout: STEP_MS });
  observe('charging', Object.assign(charging, await homeShows(page, 'CHARGING')));
  await shoot(page, 'home-charging');
  // the multifunction button's requests from Home (manual §6.2.1)
  await page.click('#btn-pause');
  observe('paused', await homeShows(page, 'PAUSED'));
  await page.click('#btn-resume');
  observe('resumed', await homeShows(page, 'CHARGING'));

  await sim('/api/sim/ev', { action: 'unplug' });
  observe('unplugged', await homeShows(page, 'VEHICLE_NOT_CONNECTED'));
  await go(page, 'history', b => document.querySelectorAll('#sessions tbody tr').length > 0);
  await page.waitForFunction(n => document.querySelectorAll('#sessions tbody tr').length > n, before,
    { timeout: STEP_MS });
  observe('history', {
    before,
    rows: await page.locator('#sessions tbody tr').count(),
    newest: await page.evaluate(() => Array.from(document.querySelectorAll('#sessions tbody tr')[0].cells)
      .map(c => c.textContent))
  });
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: STEP_MS }),
    page.click('#csv')
  ]);
  const csvFile = path.join(OUT, 'sessions.csv');
  await download.saveAs(csvFile);
  observe('csv', { lines: fs.readFileSync(csvFile, 'utf8').trim().split(/\r?\n/) });
  await shoot(page, 'history-after-session');
  await context.close();
}

/** The user: an error on Home with its code, category and the manual's remedy; Reset from Home once it is gone. */
async function errorScenario(browser) {
  const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'en-GB' });
  const page = await context.newPage();
  await logIn(page, args.user, args.password);
  await homeShows(page, 'VEHICLE_NOT_CONNECTED');
  await sim('/api/sim/ev', { action: 'charge', maxCurrentA: 16, phases: 3 });
  await homeShows(page, 'CHARGING');
  await sim('/api/sim/fault', { fault: 'V2', active: true }); // DC leakage during the charge
  const error = await homeShows(page, 'ERROR');
  await page.locator('#error-card').waitFor({ state: 'visible', timeout: STEP_MS });
  observe('error', Object.assign(error, await page.evaluate(() => ({
    code: document.getElementById('error-code').textContent,
    title: document.getElementById('error-title').textContent,
    category: document.getElementById('error-category').textContent,
    remedy: document.getElementById('error-remedy').textContent,
    resetVisible: !document.getElementById('btn-reset').hidden
  }))));
  await shoot(page, 'home-error');
  await sim('/api/sim/fault', { fault: 'V2', active: false });
  await sim('/api/sim/ev', { action: 'unplug' });
  // Manual §9.1 "Disconnect the vehicle, …, and reset": the charger refuses the reset until it has seen the vehicle
  // go (pilot A), as the user would read on the page; the click comes once it has.
  await vehicleGone(page);
  await page.click('#btn-reset');
  observe('reset', await homeShows(page, 'VEHICLE_NOT_CONNECTED'));
  await context.close();
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: args.chromium || '/usr/bin/chromium', headless: true, args: FLAGS, timeout: STEP_MS
  });
  try {
    const scenario = { user: userScenario, session: sessionScenario, italian: italianScenario,
      error: errorScenario }[args.scenario];
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
  process.stderr.write('web walkthrough failed: ' + (e && e.stack || e) + '\n');
  process.exit(1);
});
