'use strict';
// Walks the Settings page (manual §7.2) and Admin → Installation (§7.1.1, the first configuration of §4.10.2) in
// Debian's chromium, driven by playwright-core, as web-walkthrough.js does the other pages. Started by itest's
// WebSettingsTest inside the booted image (factory state: installation not complete); prints one JSON line per
// observation on stdout, writes screenshots into --out, exits non-zero with the reason on stderr when a step does
// not come within its bound. Every wait is bounded.
//
//   node settings-walkthrough.js --base http://127.0.0.1:PORT --out DIR --scenario installation|mode
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
  await page.waitForFunction(() => !!document.getElementById('state').dataset.state, null, { timeout: STEP_MS });
}

/** The API as the page's own session sees it (GET). */
async function api(page, pathName) {
  return page.evaluate(async p => {
    const r = await fetch(p, { headers: { 'X-Requested-With': 'fetch' } });
    return r.json();
  }, pathName);
}

/** Until the charger's status reports the error {@code code} (null: none), bounded. */
async function statusError(page, code) {
  await page.waitForFunction(async c => {
    const r = await fetch('/api/status', { headers: { 'X-Requested-With': 'fetch' } });
    return r.ok && (await r.json()).error === c;
  }, code, { timeout: STEP_MS, polling: 250 });
}

function valueIn(form, key) {
  for (const g of form.groups) {
    for (const f of g.fields) {
      if (f.key === key) {
        return f.value;
      }
    }
  }
  return undefined;
}

async function home(page) {
  return page.evaluate(() => ({
    state: document.getElementById('state').dataset.state,
    stateText: document.getElementById('state').textContent,
    detail: document.getElementById('detail').textContent,
    mode: document.getElementById('mode').textContent
  }));
}

async function fieldError(page, key) {
  const slot = '#set-error-' + key;
  await page.waitForFunction(s => document.querySelector(s) && document.querySelector(s).textContent !== '', slot,
    { timeout: STEP_MS });
  return page.evaluate(s => document.querySelector(s).textContent, slot);
}

/**
 * Manual §4.10.2 on a factory-state charger, as the installer: admin login, Admin → Installation, a wiring limit
 * out of range refused next to the field (nothing changed), Apply while the supply is wrong (undervoltage: a phase
 * cable not inserted) → the warning with the §9.1 error and remedy; the supply put right, the error gone by itself
 * (I3); a last Apply with no warning: the device can charge.
 */
async function installationScenario(browser) {
  const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'en-GB' });
  const page = await context.newPage();
  await logIn(page, args.user, args.password);
  observe('factory', Object.assign(await home(page),
    { installation: await api(page, '/api/admin/installation') }));

  await page.evaluate(() => { location.hash = 'admin'; });
  await page.locator('#set-wiringLimitA').waitFor({ state: 'visible', timeout: STEP_MS });
  observe('form', await page.evaluate(() => ({
    fields: Array.from(document.querySelectorAll('#installation-form .field')).map(f => f.dataset.key),
    labels: Array.from(document.querySelectorAll('#installation-form .field label')).map(l => l.textContent),
    wiring: document.getElementById('set-wiringLimitA').value,
    complete: document.getElementById('set-installationComplete').checked,
    earthingOptions: Array.from(document.querySelectorAll('#set-earthing option')).map(o => o.value),
    apply: document.getElementById('set-apply-installation').textContent
  })));
  await shoot(page, 'installation');

  // out of range: refused next to the field, nothing changed
  await page.fill('#set-wiringLimitA', '40');
  await page.check('#set-installationComplete');
  await page.click('#set-apply-installation');
  const message = await fieldError(page, 'wiringLimitA');
  const after = await api(page, '/api/admin/installation');
  observe('outOfRange', {
    message,
    result: await page.textContent('#set-result-installation'),
    wiring: valueIn(after, 'wiringLimitA'),
    complete: valueIn(after, 'installationComplete')
  });
  await shoot(page, 'installation-refused');

  // something wrong on the site when Apply is pressed: the warning of §4.10.2
  await sim('/api/sim/fault', { fault: 'I3', active: true });
  await statusError(page, 'I3');
  await page.fill('#set-wiringLimitA', '32');
  await page.click('#set-apply-installation');
  await page.locator('#installation-warning').waitFor({ state: 'visible', timeout: STEP_MS });
  observe('warning', await page.evaluate(() => ({
    code: document.getElementById('installation-warning-code').textContent,
    title: document.getElementById('installation-warning-title').textContent,
    remedy: document.getElementById('installation-warning-remedy').textContent,
    text: document.querySelector('#installation-warning strong').textContent
  })));
  await shoot(page, 'installation-warning');

  // the installer puts the supply right (I3 clears by itself) and applies the final wiring limit: no warning
  await sim('/api/sim/fault', { fault: 'I3', active: false });
  await statusError(page, null);
  await page.fill('#set-wiringLimitA', '25');
  await page.click('#set-apply-installation');
  const ready = 'Applied. Now the device can be used to charge an electric vehicle.';
  await page.waitForFunction(t => document.getElementById('set-result-installation')
    && document.getElementById('set-result-installation').textContent === t, ready, { timeout: STEP_MS });
  observe('applied', {
    result: await page.textContent('#set-result-installation'),
    warningVisible: await page.isVisible('#installation-warning'),
    installation: await api(page, '/api/admin/installation')
  });
  await page.evaluate(() => { location.hash = 'home'; });
  await page.waitForFunction(() => document.getElementById('state').dataset.state === 'VEHICLE_NOT_CONNECTED', null,
    { timeout: STEP_MS });
  observe('installed', await home(page));
  await context.close();
}

/**
 * The user: Settings drawn from what the model has; a maximum charge rate out of range refused next to the field,
 * nothing changed; the Active mode changed to Green and seen on Home.
 */
async function modeScenario(browser) {
  const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'en-GB' });
  const page = await context.newPage();
  await logIn(page, args.user, args.password);
  await page.waitForFunction(() => document.getElementById('mode').textContent !== '–', null, { timeout: STEP_MS });
  observe('before', await home(page));

  await page.evaluate(() => { location.hash = 'settings'; });
  await page.locator('#set-activeMode').waitFor({ state: 'visible', timeout: STEP_MS });
  await page.locator('#set-timeZone').waitFor({ state: 'visible', timeout: STEP_MS });
  observe('settings', await page.evaluate(() => ({
    sections: Array.from(document.querySelectorAll('#settings-forms > section h2')).map(h => h.textContent),
    groups: Array.from(document.querySelectorAll('#settings-charging legend')).map(l => l.textContent),
    modes: Array.from(document.querySelectorAll('#set-activeMode option')).map(o => o.value),
    maxChargeRate: document.getElementById('set-maxChargeRateA').value
  })));
  await shoot(page, 'settings');

  await page.fill('#set-maxChargeRateA', '40');
  await page.selectOption('#set-activeMode', 'GREEN');
  await page.click('#set-apply-charging');
  const message = await fieldError(page, 'maxChargeRateA');
  const after = await api(page, '/api/settings/charging');
  observe('outOfRange', {
    message,
    result: await page.textContent('#set-result-charging'),
    maxChargeRate: valueIn(after, 'maxChargeRateA'),
    mode: valueIn(after, 'activeMode')
  });
  await shoot(page, 'settings-refused');

  await page.fill('#set-maxChargeRateA', '16');
  await page.click('#set-apply-charging');
  await page.waitForFunction(() => document.getElementById('set-result-charging')
    && document.getElementById('set-result-charging').textContent === 'Saved.', null, { timeout: STEP_MS });
  await page.evaluate(() => { location.hash = 'home'; });
  await page.waitForFunction(() => document.getElementById('mode').textContent.startsWith('Green'), null,
    { timeout: STEP_MS });
  observe('after', Object.assign(await home(page), { settings: await api(page, '/api/settings/charging') }));

  // Italian: the same form in the manufacturer's language
  await page.evaluate(() => { location.hash = 'settings'; });
  await page.locator('#set-activeMode').waitFor({ state: 'visible', timeout: STEP_MS });
  await page.click('[data-lang=it]');
  await page.waitForFunction(() => document.getElementById('set-apply-charging')
    && document.getElementById('set-apply-charging').textContent === 'Salva', null, { timeout: STEP_MS });
  observe('italian', await page.evaluate(() => ({
    title: document.querySelector('#page-settings h1').textContent,
    maxChargeRate: document.querySelector('label[for=set-maxChargeRateA]').textContent
  })));
  await context.close();
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: args.chromium || '/usr/bin/chromium', headless: true, args: FLAGS, timeout: STEP_MS
  });
  try {
    const scenario = { installation: installationScenario, mode: modeScenario }[args.scenario];
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
  process.stderr.write('settings walkthrough failed: ' + (e && e.stack || e) + '\n');
  process.exit(1);
});
