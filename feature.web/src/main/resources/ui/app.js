'use strict';
// The one place that knows how the pages log in and call the charger's API (manual §6.1.2.1). Two ways, one switch:
//  - 'session': POST /api/login {user, password} → a session cookie (HttpOnly, SameSite=Strict) and
//    {user, role, csrfToken}; every state-changing request sends X-CSRF-Token; GET /api/session tells who is
//    logged in after a reload, with ?include=status the charger's status in the same answer; POST /api/logout ends it.
//  - 'basic': HTTP Basic, the header built by the login form and kept in sessionStorage (gone with the tab); the
//    role is read from the API itself (the admin's endpoint answers 403 to the user).
// LOGIN_WITH picks one; nothing else in the pages depends on which.
window.Api = (function () {
  const LOGIN_WITH = 'session';
  const KEY = 'infinergi.login';

  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.error) || ('HTTP ' + status));
      this.status = status;
      this.body = body;
    }
  }

  function stored() {
    try {
      return JSON.parse(sessionStorage.getItem(KEY)) || null;
    } catch (e) {
      return null;
    }
  }

  function store(login) {
    if (login) {
      sessionStorage.setItem(KEY, JSON.stringify(login));
    } else {
      sessionStorage.removeItem(KEY);
    }
  }

  function basicHeader(user, password) {
    const bytes = new TextEncoder().encode(user + ':' + password); // RFC 7617 with charset UTF-8
    let binary = '';
    bytes.forEach(b => { binary += String.fromCharCode(b); });
    return 'Basic ' + btoa(binary);
  }

  async function send(method, path, body, login) {
    // X-Requested-With: a 401 comes without the Basic challenge, so the browser shows no login dialog of its own
    const headers = { 'Accept': 'application/json', 'X-Requested-With': 'fetch' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (login && login.authorization) {
      headers['Authorization'] = login.authorization;
    }
    if (login && login.csrfToken && method !== 'GET' && method !== 'HEAD') {
      headers['X-CSRF-Token'] = login.csrfToken;
    }
    const response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin', cache: 'no-store'
    });
    let json = null;
    try {
      json = await response.json();
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      const error = new ApiError(response.status, json);
      error.retryAfter = response.headers.get('Retry-After');
      throw error;
    }
    return json;
  }

  /** Logs in; resolves to {user, role} or rejects with an ApiError (401 wrong, 429 wait). */
  async function login(user, password) {
    if (LOGIN_WITH === 'session') {
      const answer = await send('POST', '/api/login', { user, password }, null);
      const login = { user: answer.user, role: answer.role, csrfToken: answer.csrfToken };
      store(login);
      return login;
    }
    const candidate = { user, authorization: basicHeader(user, password) };
    await send('GET', '/api/status', undefined, candidate);
    candidate.role = await roleOf(candidate);
    store(candidate);
    return candidate;
  }

  /** With Basic, the level is what the API grants: the admin's endpoint answers the user 403. */
  async function roleOf(login) {
    try {
      await send('GET', '/api/admin/security', undefined, login);
      return 'admin';
    } catch (e) {
      if (e.status === 403) {
        return 'user';
      }
      throw e;
    }
  }

  /**
   * Who is logged in now (after a reload): {login, status}, login null when nobody is. With the session the
   * charger's status comes in the same answer, so that Home is drawn after one request rather than two in a row
   * (issue 18: Home from a cold browser in under 300 ms); with Basic it is null and Home asks /api/status.
   */
  async function current() {
    if (LOGIN_WITH === 'session') {
      try {
        const answer = await send('GET', '/api/session?include=status', undefined, null);
        const login = { user: answer.user, role: answer.role, csrfToken: answer.csrfToken || null };
        store(login);
        return { login, status: answer.status || null };
      } catch (e) {
        store(null);
        return { login: null, status: null };
      }
    }
    return { login: stored(), status: null };
  }

  /**
   * At the page's load: {login, status}. A browser that came with a live session finds the answer of
   * /api/session?include=status in the page itself (PagesServlet), so Home is drawn as soon as this script runs,
   * without a request after it (issue 18: Home from a cold browser in under 300 ms); otherwise it asks.
   */
  function atLoad() {
    const block = document.getElementById('api-session');
    if (LOGIN_WITH === 'session' && block) {
      try {
        const answer = JSON.parse(block.textContent);
        const login = { user: answer.user, role: answer.role, csrfToken: answer.csrfToken || null };
        store(login);
        return Promise.resolve({ login, status: answer.status || null });
      } catch (e) {
        // not readable: ask, as without it
      }
    }
    return current();
  }

  async function logout() {
    if (LOGIN_WITH === 'session') {
      try {
        await send('POST', '/api/logout', undefined, stored());
      } catch (e) {
        // the session is gone either way
      }
    }
    store(null);
  }

  /** A file as the raw request body (the Firmware update's JAR), with the upload's progress in percent. */
  function upload(path, file, onProgress) {
    const login = stored();
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('X-Requested-With', 'fetch');
      xhr.setRequestHeader('Content-Type', 'application/java-archive');
      if (login && login.authorization) {
        xhr.setRequestHeader('Authorization', login.authorization);
      }
      if (login && login.csrfToken) {
        xhr.setRequestHeader('X-CSRF-Token', login.csrfToken);
      }
      xhr.upload.onprogress = e => {
        if (e.lengthComputable && onProgress) {
          onProgress(Math.round(100 * e.loaded / e.total));
        }
      };
      xhr.onload = () => {
        let json = null;
        try {
          json = JSON.parse(xhr.responseText);
        } catch (e) {
          json = null;
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve(json);
        } else {
          reject(new ApiError(xhr.status, json));
        }
      };
      xhr.onerror = () => reject(new ApiError(0, null));
      xhr.send(file);
    });
  }

  return {
    ApiError,
    login,
    current,
    atLoad,
    logout,
    get: path => send('GET', path, undefined, stored()),
    post: (path, body) => send('POST', path, body, stored()),
    put: (path, body) => send('PUT', path, body, stored()),
    // webadmin: any method (DELETE of Admin's card list) and the firmware upload
    send: (method, path, body) => send(method, path, body, stored()),
    upload
  };
})();

// The pages of manual §6.1.2: Home, History, Info, Admin (admin only), behind the login of §6.1.2.1.
(function () {
  const POLL_MS = 2000; // Home is live by polling /api/status: one small JSON answer per 2 s per open page
  const PAGES = ['home', 'history', 'info', 'admin', 'settings'];
  let lang = chooseLanguage();
  let login = null;
  let lastStatus = null;
  let poller = null;
  let sessions = [];

  const $ = id => document.getElementById(id);

  // ---- language ----

  function chooseLanguage() {
    const chosen = localStorage.getItem('infinergi.lang');
    if (chosen === 'en' || chosen === 'it') {
      return chosen;
    }
    const browser = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
    return browser.toLowerCase().startsWith('it') ? 'it' : 'en';
  }

  function t(key, args) {
    let text = I18N[lang][key];
    if (text === undefined) {
      text = I18N.en[key];
    }
    if (text === undefined) {
      return key;
    }
    if (Array.isArray(text)) {
      return text;
    }
    return text.replace(/\{(\w+)\}/g, (m, name) => (args && args[name] !== undefined ? args[name] : m));
  }

  function setLanguage(l) {
    lang = l;
    localStorage.setItem('infinergi.lang', l);
    applyLanguage();
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
    document.querySelectorAll('[data-lang]').forEach(b => b.classList.toggle('on', b.dataset.lang === lang));
    if (lastStatus) {
      showStatus(lastStatus);
    }
    if (currentPage() === 'history') {
      showSessions(sessions);
    }
    if (window.Settings) {
      Settings.relabel(); // settings.js: its forms in the new language
    }
  }

  // ---- formats ----

  function dateTime(iso) {
    return iso ? new Date(iso).toLocaleString(lang === 'it' ? 'it-IT' : 'en-GB') : '–';
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) {
      return '–';
    }
    const s = Math.max(0, Math.round(seconds));
    const pad = n => String(n).padStart(2, '0');
    return Math.floor(s / 3600) + ':' + pad(Math.floor(s / 60) % 60) + ':' + pad(s % 60);
  }

  function kw(watts) {
    return watts === null || watts === undefined ? '–' : (watts / 1000).toFixed(2) + ' kW';
  }

  function kwh(wh) {
    return wh === null || wh === undefined ? '–' : (wh / 1000).toFixed(2) + ' kWh';
  }

  function number(v, unit, digits) {
    return v === null || v === undefined ? '–' : v.toFixed(digits) + ' ' + unit;
  }

  // ---- Home ----

  /**
   * The logo row of manual §8 that the state stands for, by the same reading as the panel's LED (feature.panel
   * LedLogic): the core's detail tells the pre-charge test, DLM's and Green's suspensions apart.
   */
  function lightRow(s) {
    const detail = s.detail || '';
    const dlm = detail.startsWith('Current not available (DLM)');
    const connected = ['B', 'C', 'D'].includes(s.pilot);
    switch (s.state) {
      case 'INITIALISING': return t('light.startup');
      case 'NOT_ENABLED':
        return s.mode === 'OCPP' && connected ? t('light.suspended', { why: t('why.ocpp') }) : t('light.incomplete');
      case 'OUT_OF_SERVICE': return t('light.outOfService');
      case 'VEHICLE_NOT_CONNECTED': return t('light.notConnected');
      case 'WAITING_FOR_AUTHENTICATION': return t('light.waiting');
      case 'WAITING_FOR_CURRENT':
        if (detail.startsWith('RDC-DD test before the charge')) {
          return t('light.test');
        }
        return s.offeredCurrentA > 0 ? t('light.waiting') : t('light.noCurrent');
      case 'CHARGING': return s.contactorClosed ? t('light.charging') : t('light.test');
      case 'PAUSED': return dlm ? t('light.noCurrent') : t('light.suspended', { why: suspension(s) });
      case 'TERMINATED': return t('light.complete');
      case 'ERROR': return t('light.error');
      case 'UPDATING': return t('light.update');
      default: return '';
    }
  }

  /** Manual §8's reasons for a suspended charge, from the core's detail. */
  function suspension(s) {
    const detail = (s.detail || '').toLowerCase();
    if (detail.startsWith('suspended: green energy not available')) {
      return t('why.green');
    }
    if (detail.includes('program')) {
      return t('why.program');
    }
    if (detail.includes('ventilation')) {
      return t('why.ventilation');
    }
    return t('why.user');
  }

  function showStatus(s) {
    lastStatus = s;
    $('state').textContent = t('state.' + s.state) !== 'state.' + s.state ? t('state.' + s.state) : s.stateText;
    $('state').dataset.state = s.state;
    $('state-card').dataset.state = s.state;
    $('light-row').textContent = lightRow(s);
    $('detail').textContent = s.detail || '';
    const program = s.activeProgram && s.mode === 'PROGRAMMED' ? ' (' + t('home.program', { p: s.activeProgram }) + ')' : '';
    $('mode').textContent = (s.mode ? t('mode.' + s.mode) : '–') + program;
    $('power').textContent = s.state === 'CHARGING' ? kw(s.powerW) : '–';
    $('energy').textContent = kwh(s.sessionEnergyWh);
    $('duration').textContent = duration(s.sessionDurationS);
    $('limit').textContent = limit(s);
    showError(s);
    showActions(s);
  }

  /** The winning limit and its reason (ARCHITECTURE.md: the core records which provider won), with a vehicle. */
  function limit(s) {
    if (['INITIALISING', 'NOT_ENABLED', 'OUT_OF_SERVICE', 'VEHICLE_NOT_CONNECTED', 'ERROR', 'UPDATING'].includes(s.state)) {
      return t('home.noCurrent');
    }
    if (!s.limitedBy) {
      return t('home.noLimit');
    }
    const known = t('limit.' + s.limitedBy);
    return t('home.limitedBy', { a: (s.offeredCurrentA || 0).toFixed(1),
      who: known === 'limit.' + s.limitedBy ? s.limitedBy : known });
  }

  function showError(s) {
    const card = $('error-card');
    if (!s.error) {
      card.hidden = true;
      return;
    }
    const [title, remedy] = t('error.' + s.error.toUpperCase());
    card.hidden = false;
    $('error-code').textContent = s.error;
    $('error-title').textContent = title || '';
    $('error-category').textContent = t('home.category', { n: s.errorCategory, name: t('category.' + s.errorCategory) });
    $('error-remedy').textContent = remedy || '';
  }

  /** The buttons that apply now (manual §6.2.1 multifunction button, §9.1 reset, §5.5 Boost). */
  function showActions(s) {
    const connected = ['WAITING_FOR_CURRENT', 'CHARGING', 'PAUSED', 'WAITING_FOR_AUTHENTICATION'].includes(s.state);
    $('btn-pause').hidden = !(s.state === 'CHARGING' || s.state === 'WAITING_FOR_CURRENT');
    $('btn-resume').hidden = s.state !== 'PAUSED';
    $('btn-reset').hidden = s.state !== 'ERROR';
    $('btn-boost').hidden = !(s.mode === 'GREEN' && connected);
    $('btn-boost-off').hidden = !(s.mode === 'GREEN' && connected);
  }

  function showOnline(s) {
    showStatus(s);
    $('connection').textContent = t('home.online');
    $('connection').classList.remove('bad');
  }

  async function pollStatus() {
    try {
      showOnline(await Api.get('/api/status'));
    } catch (e) {
      if (e.status === 401) {
        return loggedOut();
      }
      $('connection').textContent = t('home.offline');
      $('connection').classList.add('bad');
    }
  }

  /** Home live; first: a status the page already holds (the login's answer at the page's load), shown at once. */
  function startPolling(first) {
    stopPolling();
    if (first) {
      showOnline(first);
    } else {
      pollStatus();
    }
    poller = setInterval(() => {
      if (document.visibilityState === 'visible') {
        pollStatus();
      }
    }, POLL_MS);
  }

  function stopPolling() {
    if (poller) {
      clearInterval(poller);
      poller = null;
    }
  }

  async function act(action) {
    $('action-result').textContent = '';
    try {
      const answer = await Api.post('/api/control', { action });
      // the core's answer, also when it refuses (a reset while the cause persists, §9.1): never nothing
      const refused = answer && answer.accepted === false;
      const message = answer && answer.message ? answer.message : '';
      $('action-result').textContent = refused ? t('action.refused', { m: message }) : message;
      $('action-result').classList.toggle('refused', refused);
    } catch (e) {
      $('action-result').textContent = t('action.refused', { m: e.message });
      $('action-result').classList.add('refused');
    }
    pollStatus();
  }

  /**
   * The current time, hh:mm:ss as both languages write it. Not toLocaleTimeString: its first call loads the browser's
   * locale data, tens of milliseconds of Home's first load (issue 18: Home from a cold browser in under 300 ms).
   */
  function tick() {
    const now = new Date();
    const pad = n => String(n).padStart(2, '0');
    $('clock').textContent = pad(now.getHours()) + ':' + pad(now.getMinutes()) + ':' + pad(now.getSeconds());
  }

  // ---- History ----

  function greenShare(s) {
    return s.energyWh > 0 ? Math.round(100 * s.greenEnergyWh / s.energyWh) + ' %' : '–';
  }

  function showSessions(list) {
    sessions = list;
    const body = $('sessions').tBodies[0];
    body.replaceChildren(...list.map(s => row([dateTime(s.start), duration(s.durationS), kwh(s.energyWh),
      greenShare(s), s.idTag || '–', s.endReason || '–'], 'session', headings('sessions'))));
    $('sessions-empty').hidden = list.length > 0;
    if (window.HistoryChart) {
      HistoryChart.show(list); // chart.js: the power of the newest session, or of the one chosen
    }
  }

  /** A table row; with labels (the table's headings), a phone shows each row as a card of labelled lines. */
  function row(cells, kind, labels) {
    const tr = document.createElement('tr');
    tr.className = kind;
    cells.forEach((c, i) => {
      const td = document.createElement('td');
      td.textContent = c;
      if (labels) {
        td.dataset.label = labels[i];
      }
      tr.appendChild(td);
    });
    return tr;
  }

  function headings(table) {
    return Array.from($(table).tHead.rows[0].cells).map(th => th.textContent);
  }

  async function loadHistory() {
    try {
      showSessions(await Api.get('/api/sessions?limit=100'));
      const errors = await Api.get('/api/errors?limit=50');
      $('errors').tBodies[0].replaceChildren(...errors.map(e => row([e.code, (t('error.' + e.code.toUpperCase())[0] || e.title),
        dateTime(e.raised), e.cleared ? dateTime(e.cleared) : t('errors.active')], 'error-row', headings('errors'))));
    } catch (e) {
      handle(e);
    }
  }

  /** The sessions as CSV (RFC 4180), the stored values as the API gives them. */
  function csv(list) {
    const quote = v => {
      const s = v === null || v === undefined ? '' : String(v);
      return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    };
    const columns = ['id', 'start', 'end', 'durationS', 'energyWh', 'greenEnergyWh', 'gridEnergyWh', 'peakPowerW',
      'mode', 'idTag', 'endReason'];
    return [columns.join(',')].concat(list.map(s => columns.map(c => quote(s[c])).join(','))).join('\r\n') + '\r\n';
  }

  function exportCsv() {
    const blob = new Blob([csv(sessions)], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'infinergi-sessions.csv';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  // ---- Info ----

  async function loadInfo() {
    try {
      const info = await Api.get('/api/info');
      $('info-model').textContent = info.model || '–';
      $('info-mac').textContent = info.mac || '–';
      $('bundles').tBodies[0].replaceChildren(...info.bundles.map(b => row([b.name, b.version, b.state], 'bundle')));
      showReadings(await Api.get('/api/readings'));
    } catch (e) {
      handle(e);
    }
  }

  function showReadings(readings) {
    const box = $('meters');
    box.replaceChildren(...readings.meters.map(m => {
      const card = document.createElement('div');
      card.className = 'card meter';
      const head = document.createElement('div');
      head.className = 'value';
      head.textContent = m.role + ' · ' + m.source + (m.model ? ' · ' + m.model : '') + ' · '
        + (m.inUse ? t('info.inUse') : t('info.notInUse')) + ' · ' + m.status;
      card.appendChild(head);
      const table = document.createElement('table');
      table.appendChild(row([t('info.phase'), t('info.voltage'), t('info.current'), t('info.power')], 'head'));
      m.phases.forEach((p, i) => table.appendChild(row(['L' + (i + 1), number(p.voltageV, 'V', 1),
        number(p.currentA, 'A', 2), number(p.powerW, 'W', 0)], 'phase')));
      table.appendChild(row([t('info.total'), '', '', number(m.powerW, 'W', 0)], 'total'));
      card.appendChild(table);
      const energy = document.createElement('div');
      energy.className = 'sub';
      energy.textContent = t('info.energyTotal') + ': ' + kwh(m.energyWh);
      card.appendChild(energy);
      return card;
    }));
  }

  // ---- Admin ----

  async function loadAdmin() {
    $('admin-refused').hidden = true;
    $('admin-body').hidden = false;
    try {
      const security = await Api.get('/api/admin/security');
      $('admin-admin-login').textContent = t('login.' + security.adminWebPassword);
      $('admin-user-login').textContent = t('login.' + security.userWebPassword);
      if (window.AdminPages) {
        AdminPages.show(); // admin.js: RFID authentication, Security, Firmware update
      }
    } catch (e) {
      if (window.AdminPages) {
        AdminPages.hide();
      }
      if (e.status === 403) {
        $('admin-body').hidden = true;
        $('admin-refused').hidden = false;
        $('admin-refused').textContent = t('admin.refused');
        return;
      }
      handle(e);
    }
  }

  // ---- navigation and login ----

  // Settings, Admin and History's chart bring their scripts when they first open: Home's load needs none of them
  // (index.html loads home.js alone: the words and this file)
  const scripts = {};

  function need(...files) {
    return Promise.all(files.map(file => scripts[file] || (scripts[file] = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = file;
      script.onload = resolve;
      script.onerror = () => {
        delete scripts[file]; // asked again the next time the page opens
        reject(new Error('could not load ' + file));
      };
      document.head.appendChild(script);
    }))));
  }

  function currentPage() {
    const page = location.hash.replace('#', '');
    return PAGES.includes(page) ? page : 'home';
  }

  function show(page) {
    document.querySelectorAll('.page').forEach(p => { p.hidden = p.id !== 'page-' + page; });
    document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('on', a.dataset.page === page));
    document.body.dataset.page = page;
  }

  /** Shows the page the address names; firstStatus: the charger's status the page's load already brought. */
  function route(firstStatus) {
    if (!login) {
      stopPolling();
      show('login');
      return;
    }
    const page = currentPage();
    show(page);
    if (page === 'home') {
      startPolling(firstStatus);
    } else {
      stopPolling();
    }
    if (page === 'history') {
      need('chart.js').catch(() => null).then(loadHistory); // without its chart, History still lists
    } else if (page === 'info') {
      loadInfo();
    } else if (page === 'admin') {
      need('admin.js', 'settings.js').then(() => {
        loadAdmin();
        Settings.loadInstallation(); // settings.js: Admin → Installation
      }, handle);
    } else if (page === 'settings') {
      need('settings.js').then(() => Settings.loadSettings(), handle); // settings.js
    }
  }

  function loggedIn(l, firstStatus) {
    login = l;
    $('nav').hidden = false;
    $('logout').hidden = false;
    // manual §6.1.2.1: the user sees every section but Admin (the API refuses it anyway: 403)
    $('nav-admin').hidden = String(l.role).toLowerCase() !== 'admin';
    $('who').textContent = l.user;
    $('who').dataset.role = l.role;
    route(firstStatus);
  }

  function loggedOut() {
    login = null;
    $('nav').hidden = true;
    $('logout').hidden = true;
    $('nav-admin').hidden = true;
    $('who').textContent = '';
    route();
  }

  function handle(e) {
    if (e.status === 401) {
      loggedOut();
    }
  }

  async function submitLogin(event) {
    event.preventDefault();
    $('login-error').textContent = '';
    $('login-submit').disabled = true;
    try {
      loggedIn(await Api.login($('login-user').value.trim(), $('login-password').value));
      $('login-password').value = '';
    } catch (e) {
      if (e.status === 401) {
        $('login-error').textContent = t('login.wrong');
      } else if (e.status === 429) {
        $('login-error').textContent = t('login.wait', { s: e.retryAfter || '?' });
      } else {
        $('login-error').textContent = t('login.unreachable');
      }
    } finally {
      $('login-submit').disabled = false;
    }
  }

  // what settings.js needs of this page: its words and the answer to a lost login
  window.App = { t, handle };

  async function start() {
    // asked first (when the page does not hold the answer): the charger answers while the page wires itself
    const asked = Api.atLoad();
    applyLanguage();
    document.querySelectorAll('[data-lang]').forEach(b => b.addEventListener('click', () => setLanguage(b.dataset.lang)));
    document.querySelectorAll('[data-action]').forEach(b => b.addEventListener('click', () => act(b.dataset.action)));
    $('login').addEventListener('submit', submitLogin);
    $('logout').addEventListener('click', async () => {
      await Api.logout();
      loggedOut();
    });
    $('csv').addEventListener('click', exportCsv);
    window.addEventListener('hashchange', () => route());
    tick();
    setInterval(tick, 1000);
    const now = await asked;
    if (now.login) {
      loggedIn(now.login, now.status);
    } else {
      loggedOut();
    }
  }

  start();
})();
