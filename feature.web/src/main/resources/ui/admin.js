'use strict';
// Admin's sections of issue 18 beside Installation: RFID authentication (manual §7.1.2, §5.7.2; shown only when the
// charger answers /api/auth/cards, i.e. feature.auth runs: a model without the reader has no such endpoint),
// Security (§7.1.3: the web logins; the display passcodes exist only on display models and this firmware has none),
// Firmware update (§5.9.2: choose a file, start, progress, result through /api/update). app.js calls show()/hide().
window.AdminPages = (function () {
  const LEARN_POLL_MS = 1000;
  const UPDATE_POLL_MS = 1000;
  const FINAL = ['DONE', 'FAILED', 'CANCELLED', 'POSTPONED'];
  let learnTimer = null;
  let wired = false;
  let lastUpdate = null;

  const $ = id => document.getElementById(id);

  function tr(key, args) {
    const dict = window.I18N[document.documentElement.lang] || window.I18N.en;
    const text = dict[key] !== undefined ? dict[key] : window.I18N.en[key];
    return String(text === undefined ? key : text).replace(/\{(\w+)\}/g, (m, n) => (args && args[n] !== undefined ? args[n] : m));
  }

  function say(id, text, bad) {
    $(id).textContent = text || '';
    $(id).classList.toggle('bad', !!bad);
  }

  // ---- RFID authentication ----

  async function loadRfid() {
    let view;
    try {
      view = await Api.get('/api/auth/cards');
    } catch (e) {
      $('admin-rfid').hidden = true; // 404: no reader, no authentication on this model (§7.1.2)
      return;
    }
    $('admin-rfid').hidden = false;
    showRfid(view);
  }

  function showRfid(view) {
    const select = $('rfid-mode');
    select.replaceChildren(...view.modes.map(m => {
      const o = document.createElement('option');
      o.value = m;
      o.textContent = tr('rfid.mode.' + m);
      o.selected = m === view.mode;
      return o;
    }));
    $('rfid-config-error').hidden = !view.configurationError;
    $('rfid-config-error').textContent = view.configurationError ? tr('rfid.configError', { m: view.configurationError }) : '';
    const body = $('rfid-cards').tBodies[0];
    body.replaceChildren(...view.cards.map(cardRow));
    $('rfid-empty').hidden = view.cards.length > 0;
    showLearning(view.learning);
  }

  function cardRow(card) {
    const tr_ = document.createElement('tr');
    tr_.className = card.blocked ? 'card-row blocked' : 'card-row';
    tr_.dataset.uid = card.uid;
    const uid = document.createElement('td');
    uid.className = 'uid';
    uid.textContent = card.uid;
    uid.dataset.label = tr('rfid.uid');
    const state = document.createElement('td');
    state.className = 'card-state';
    state.textContent = tr(card.blocked ? 'rfid.blocked' : 'rfid.valid');
    state.dataset.label = tr('rfid.state');
    const actions = document.createElement('td');
    actions.appendChild(button(tr(card.blocked ? 'rfid.reactivate' : 'rfid.block'), card.blocked ? 'reactivate' : 'block',
      () => change('PUT', '/api/auth/cards', { uid: card.uid, blocked: !card.blocked })));
    actions.appendChild(button(tr('rfid.remove'), 'remove', () => {
      if (window.confirm(tr('rfid.removeConfirm', { uid: card.uid }))) {
        change('DELETE', '/api/auth/cards?uid=' + encodeURIComponent(card.uid));
      }
    }));
    tr_.append(uid, state, actions);
    return tr_;
  }

  function button(text, kind, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.dataset.kind = kind;
    b.addEventListener('click', onClick);
    return b;
  }

  async function change(method, path, body) {
    say('rfid-list-message', '');
    try {
      showRfid(await Api.send(method, path, body));
    } catch (e) {
      say('rfid-list-message', e.message, true);
    }
  }

  async function saveMode(event) {
    event.preventDefault();
    say('rfid-mode-message', '');
    try {
      showRfid(await Api.put('/api/auth/mode', { mode: $('rfid-mode').value }));
      say('rfid-mode-message', tr('rfid.modeSaved'));
    } catch (e) {
      say('rfid-mode-message', e.message, true);
    }
  }

  async function addTyped(event) {
    event.preventDefault();
    const uid = $('rfid-uid').value.trim();
    say('rfid-uid-message', '');
    try {
      showRfid(await Api.post('/api/auth/cards', { uid }));
      say('rfid-uid-message', tr('rfid.added', { uid: uid.toUpperCase() }));
      $('rfid-uid').value = '';
    } catch (e) {
      say('rfid-uid-message', e.message, true); // the firmware's own check, next to the field; nothing changed
    }
  }

  async function startSwipe() {
    try {
      showLearning(await Api.post('/api/auth/learn', {}));
    } catch (e) {
      say('rfid-learn', e.message, true);
    }
  }

  async function cancelSwipe() {
    try {
      showLearning(await Api.send('DELETE', '/api/auth/learn'));
    } catch (e) {
      say('rfid-learn', e.message, true);
    }
  }

  function pollLearning() {
    clearTimeout(learnTimer);
    learnTimer = setTimeout(async () => {
      try {
        const l = await Api.get('/api/auth/learn');
        showLearning(l);
        if (l.state === 'LEARNED') {
          showRfid(await Api.get('/api/auth/cards'));
        }
      } catch (e) {
        // the next look at Admin tells
      }
    }, LEARN_POLL_MS);
  }

  function showLearning(l) {
    const waiting = l && l.state === 'WAITING';
    $('rfid-swipe').hidden = waiting;
    $('rfid-swipe-cancel').hidden = !waiting;
    $('rfid-learn').dataset.state = l ? l.state : 'IDLE';
    if (!l || l.state === 'IDLE') {
      say('rfid-learn', '');
    } else if (waiting) {
      say('rfid-learn', tr('rfid.waiting', { s: l.secondsLeft }));
      if (document.body.dataset.page === 'admin') {
        pollLearning();
      }
    } else if (l.state === 'LEARNED') {
      const known = l.message && l.message.indexOf('already') >= 0;
      say('rfid-learn', tr(known ? 'rfid.known' : 'rfid.learned', { uid: l.uid }));
    } else {
      say('rfid-learn', tr('rfid.' + l.state.toLowerCase()), l.state === 'EXPIRED');
    }
  }

  // ---- Security ----

  async function savePassword(event, field, input, message) {
    event.preventDefault();
    const value = $(input).value;
    say(message, '');
    if (value === '' && !window.confirm(tr('security.resetConfirm'))) {
      return;
    }
    try {
      await Api.put('/api/admin/security', { [field]: value });
      $(input).value = '';
      say(message, tr(value === '' ? 'security.reset' : 'security.changed'));
    } catch (e) {
      if (e.status === 401) {
        window.alert(tr('security.relogin')); // the admin's own password changed: its sessions ended
        location.reload();
        return;
      }
      say(message, e.message, true);
    }
  }

  // ---- Firmware update ----

  async function startUpdate(event) {
    event.preventDefault();
    const file = $('firmware-file').files[0];
    say('firmware-message', '');
    if (!file) {
      say('firmware-message', tr('firmware.noFile'), true);
      return;
    }
    $('firmware-start').disabled = true;
    $('firmware-progress').hidden = false;
    $('firmware-progress').value = 0;
    try {
      const status = await Api.upload('/api/update', file, p => {
        $('firmware-progress').value = p;
        say('firmware-state', tr('firmware.uploading', { p }));
      });
      showUpdate(status);
      followUpdate();
    } catch (e) {
      $('firmware-state').textContent = '';
      say('firmware-message', tr('firmware.refused', { m: e.message }), true);
      $('firmware-state').dataset.state = 'REFUSED';
    } finally {
      $('firmware-start').disabled = false;
    }
  }

  /** Polls /api/update until a final state; while feature.web itself is being replaced the API is briefly away. */
  function followUpdate() {
    setTimeout(async () => {
      try {
        const s = await Api.get('/api/update');
        showUpdate(s);
        if (!FINAL.includes(s.state)) {
          followUpdate();
        }
      } catch (e) {
        if (e.status === 401) {
          say('firmware-state', tr('firmware.state.RESTARTING'));
          return;
        }
        followUpdate();
      }
    }, UPDATE_POLL_MS);
  }

  function showUpdate(s) {
    lastUpdate = s;
    const el = $('firmware-state');
    el.dataset.state = s.state;
    el.textContent = tr('firmware.state.' + s.state, { name: s.symbolicName || '', to: s.toVersion || '' });
    el.classList.toggle('bad', s.state === 'FAILED');
    $('firmware-progress').value = s.state === 'DONE' ? 100 : $('firmware-progress').value;
    say('firmware-message', s.message || '', s.state === 'FAILED');
  }

  async function loadUpdate() {
    try {
      const s = await Api.get('/api/update');
      showUpdate(s);
      if (!FINAL.includes(s.state) && s.state !== 'IDLE') {
        followUpdate();
      }
    } catch (e) {
      // no update service on this image: the section says nothing
    }
  }

  // ---- wiring ----

  function wire() {
    if (wired) {
      return;
    }
    wired = true;
    $('rfid-mode-form').addEventListener('submit', saveMode);
    $('rfid-add-form').addEventListener('submit', addTyped);
    $('rfid-swipe').addEventListener('click', startSwipe);
    $('rfid-swipe-cancel').addEventListener('click', cancelSwipe);
    $('security-admin-form').addEventListener('submit', e => savePassword(e, 'adminWebPassword',
      'security-admin-password', 'security-admin-message'));
    $('security-user-form').addEventListener('submit', e => savePassword(e, 'userWebPassword',
      'security-user-password', 'security-user-message'));
    $('firmware-form').addEventListener('submit', startUpdate);
    document.querySelectorAll('[data-lang]').forEach(b => b.addEventListener('click', () => {
      if (document.body.dataset.page === 'admin') {
        loadRfid();
        if (lastUpdate) {
          showUpdate(lastUpdate);
        }
      }
    }));
  }

  /** The admin is in: load the sections. */
  function show() {
    wire();
    $('admin-sections').hidden = false;
    loadRfid();
    loadUpdate();
  }

  /** The user (403): none of Admin shows. */
  function hide() {
    $('admin-sections').hidden = true;
    clearTimeout(learnTimer);
  }

  return { show, hide };
})();
