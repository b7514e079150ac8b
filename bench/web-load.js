'use strict';
// bench/web.sh's measurements of the booted image's web interface (issue 18 "Benchmark"), printed as key=value lines.
//   node bench/web-load.js home    BASE USER PASSWORD RUNS      Home fully loaded from a cold browser (Debian's chromium,
//                                                               driven by playwright-core of itest/src/test/browser)
//   node bench/web-load.js pollers BASE USER PASSWORD N SECONDS INTERVAL_MS
//                                                               N clients polling /api/status, each with its own
//                                                               keep-alive connection and HTTP Basic, as scripts do
const path = require('path');
const http = require('http');

const [mode, BASE, USER, PASSWORD, ...rest] = process.argv.slice(2);
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] : NaN;
}

/**
 * Each run: a new browser context (empty cache, no cookie: cold), the session cookie of a login made beforehand
 * (the login form is a person typing, not the page loading), then from navigation to /ui/ until the load event has
 * fired AND Home shows the charger's state (the first /api/status answer rendered).
 */
/**
 * Resolves in the page once Home shows a state: at once when it already does (the page held its first answer), else
 * at the DOM change that shows it. One round trip of the driver, where polling at animation frames cost 100-300 ms
 * of the driver's own after the load event on this machine.
 */
function stateShown() {
  const shown = () => !!(document.getElementById('state') || { dataset: {} }).dataset.state;
  return shown() || new Promise(resolve => new MutationObserver((changes, observer) => {
    if (shown()) {
      observer.disconnect();
      resolve(true);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true }));
}

async function home(runs) {
  const { chromium } = require(path.join(__dirname, '..', 'itest/src/test/browser/node_modules/playwright-core'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: FLAGS });
  const times = [];
  const inPage = [];
  const floor = [];
  try {
    for (let i = 0; i < runs; i++) {
      const login = await fetch(BASE + '/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json',
        'X-Requested-With': 'fetch' }, body: JSON.stringify({ user: USER, password: PASSWORD }) });
      const cookie = /infinergi_session=([^;]+)/.exec(login.headers.get('set-cookie'))[1];
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addCookies([{ name: 'infinergi_session', value: cookie, url: BASE }]);
      // the page's own clock at the moment Home first shows a state (the driver's check below comes later)
      await context.addInitScript(() => {
        new MutationObserver((changes, observer) => {
          const state = document.getElementById('state');
          if (state && state.dataset.state) {
            window.__benchStateShownAt = performance.now();
            observer.disconnect();
          }
        }).observe(document, { subtree: true, childList: true, attributes: true });
      });
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(BASE + '/ui/', { waitUntil: 'load', timeout: 30000 });
      await page.evaluate(stateShown);
      times.push(Date.now() - t0);
      // the browser's own clock (Navigation/Resource Timing): from the navigation's start to the load event and Home
      // showing the state, whichever came last, without the driver's overhead; and the part spent waiting for the
      // charger's first byte, over all requests
      inPage.push(await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const all = [nav, ...performance.getEntriesByType('resource')];
        return { shown: Math.max(nav.loadEventEnd, window.__benchStateShownAt),
          waiting: all.reduce((a, e) => a + Math.max(0, e.responseStart - e.requestStart), 0), requests: all.length };
      }));
      await context.close();
    }
    // the same driver and browser on a page of nothing (the 404 of /ui/-): what the stopwatch above costs alone
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(BASE + '/ui/-', { waitUntil: 'load', timeout: 30000 });
      await page.evaluate(() => true);
      floor.push(Date.now() - t0);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log('home_cold_runs=' + runs);
  console.log('home_cold_first_ms=' + times[0]);
  console.log('home_cold_median_ms=' + percentile(sorted, 50));
  console.log('home_cold_max_ms=' + sorted[sorted.length - 1]);
  const median = xs => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  console.log('home_cold_in_page_median_ms=' + Math.round(median(inPage.map(x => x.shown))));
  console.log('home_cold_server_wait_median_ms=' + Math.round(median(inPage.map(x => x.waiting))));
  console.log('home_cold_requests=' + inPage[0].requests);
  console.log('home_harness_floor_median_ms=' + median(floor));
}

async function pollers(n, seconds, intervalMs) {
  const url = new URL(BASE + '/api/status');
  const auth = 'Basic ' + Buffer.from(USER + ':' + PASSWORD).toString('base64');
  const latencies = [];
  let failed = 0;
  const end = Date.now() + seconds * 1000;
  const one = agent => new Promise(resolve => {
    const t0 = process.hrtime.bigint();
    const req = http.get({ host: url.hostname, port: url.port, path: url.pathname, agent,
      headers: { Authorization: auth, Accept: 'application/json' }, timeout: 5000 }, res => {
      res.resume();
      res.on('end', () => {
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (res.statusCode !== 200) {
          failed++;
        }
        resolve();
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => { failed++; resolve(); });
  });
  const client = async k => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await new Promise(r => setTimeout(r, k * intervalMs / n)); // spread over the interval, as independent pages
    while (Date.now() < end) {
      const started = Date.now();
      await one(agent);
      const wait = intervalMs - (Date.now() - started);
      if (wait > 0) {
        await new Promise(r => setTimeout(r, wait));
      }
    }
    agent.destroy();
  };
  await Promise.all(Array.from({ length: n }, (_, k) => client(k)));
  const sorted = latencies.sort((a, b) => a - b);
  console.log('pollers=' + n);
  console.log('poll_interval_ms=' + intervalMs);
  console.log('poll_requests=' + sorted.length);
  console.log('poll_failed=' + failed);
  console.log('poll_p50_ms=' + percentile(sorted, 50).toFixed(1));
  console.log('poll_p95_ms=' + percentile(sorted, 95).toFixed(1));
  console.log('poll_p99_ms=' + percentile(sorted, 99).toFixed(1));
  console.log('poll_max_ms=' + sorted[sorted.length - 1].toFixed(1));
}

(mode === 'home' ? home(Number(rest[0] || 5)) : pollers(Number(rest[0]), Number(rest[1]), Number(rest[2])))
  .catch(e => {
    process.stderr.write('web-load: ' + (e && e.stack || e) + '\n');
    process.exit(1);
  });
