'use strict';
// Settings (manual §7.2: charging, system, the user's web login) and Admin → Installation (§7.1.1, the first
// configuration of §4.10.2 with Apply). The forms are drawn from what the API says of each section: its groups and
// fields as the owners' Metatype declares them (label, type, options, range, unit, value in force), so a section shows
// what this model has installed and a new bundle's setting appears without a change here. A refused value comes back
// as 400 with the field and the owner's message, shown next to the field; nothing was changed. The pages' words are
// in i18n.js (keys 'set.*'); a field without words of its own keeps the Metatype's label.
window.Settings = (function () {
  const $ = id => document.getElementById(id);
  const t = (key, args) => window.App.t(key, args);
  const has = key => t(key) !== key;
  const WARNING_WAIT_MS = 4000; // §4.10.2: the unit signals a wrong installation within moments of Apply
  const forms = {}; // section → the last form the API sent, to draw again in another language

  // ---- drawing a form ----

  function words(key, fallback) {
    return has(key) ? t(key) : fallback;
  }

  function fieldLabel(f) {
    return words('set.field.' + f.key, f.label.replace(/\s*\([^)]*\)\s*$/, ''));
  }

  function hint(f) {
    const unit = f.unit ? ' ' + f.unit : '';
    if (f.min !== undefined && f.max !== undefined) {
      return f.min + '–' + f.max + unit;
    }
    if (f.min !== undefined) {
      return '≥ ' + f.min + unit;
    }
    return f.unit || '';
  }

  function input(f) {
    let e;
    if (f.options) {
      e = document.createElement('select');
      f.options.forEach(o => {
        const option = document.createElement('option');
        option.value = o.value;
        option.textContent = words('set.option.' + f.key + '.' + o.value, o.label);
        e.appendChild(option);
      });
      e.value = f.value;
    } else if (f.type === 'boolean' && !f.list) {
      e = document.createElement('input');
      e.type = 'checkbox';
      e.checked = f.value === true;
    } else {
      e = document.createElement('input');
      if ((f.type === 'integer' || f.type === 'number') && !f.list) {
        e.type = 'number';
        e.step = f.type === 'integer' ? '1' : 'any';
        // no min/max on the element: the charger's own answer says what is wrong, next to the field
      } else if (f.key === 'dateTime') {
        e.type = 'datetime-local';
      } else {
        e.type = 'text';
      }
      e.value = f.list ? (f.value || []).join(',') : (f.value === null || f.value === undefined ? '' : f.value);
    }
    e.id = 'set-' + f.key;
    e.name = f.key;
    e.dataset.type = f.type;
    e.dataset.list = f.list ? 'true' : 'false';
    return e;
  }

  function valueOf(e) {
    if (e.type === 'checkbox') {
      return e.checked;
    }
    if (e.dataset.list === 'true') {
      return e.value.split(',').map(s => s.trim()).filter(s => s !== '');
    }
    if (e.dataset.type === 'integer' || e.dataset.type === 'number') {
      // a text that is not a number goes as it is: the charger names the field and what it expects
      return e.value.trim() === '' || isNaN(Number(e.value)) ? e.value : Number(e.value);
    }
    return e.value;
  }

  function draw(container, form, submitWords) {
    container.textContent = '';
    const el = document.createElement('form');
    el.className = 'settings-form';
    el.dataset.section = form.section;
    form.groups.forEach(g => {
      const set = document.createElement('fieldset');
      set.className = 'card';
      set.id = 'set-group-' + g.id;
      const legend = document.createElement('legend');
      legend.textContent = words('set.group.' + g.id, g.name);
      set.appendChild(legend);
      g.fields.forEach(f => {
        const row = document.createElement('div');
        row.className = 'field';
        row.dataset.key = f.key;
        const label = document.createElement('label');
        label.htmlFor = 'set-' + f.key;
        label.textContent = fieldLabel(f);
        label.title = f.description || '';
        const e = input(f);
        e.dataset.initial = JSON.stringify(valueOf(e));
        const range = document.createElement('span');
        range.className = 'hint';
        range.textContent = hint(f);
        const error = document.createElement('span');
        error.className = 'field-error error-text';
        error.id = 'set-error-' + f.key;
        error.setAttribute('role', 'alert');
        row.append(label, e, range, error);
        set.appendChild(row);
      });
      el.appendChild(set);
    });
    const submit = document.createElement('button');
    submit.type = 'submit';
    submit.id = 'set-apply-' + form.section;
    submit.textContent = t(submitWords);
    const result = document.createElement('p');
    result.className = 'sub form-result';
    result.id = 'set-result-' + form.section;
    result.setAttribute('role', 'status');
    el.append(submit, result);
    container.appendChild(el);
    return el;
  }

  /** The fields whose value differs from the one drawn: only they are sent. */
  function changes(el) {
    const out = {};
    el.querySelectorAll('input, select').forEach(e => {
      const v = valueOf(e);
      if (JSON.stringify(v) !== e.dataset.initial) {
        out[e.name] = v;
      }
    });
    return out;
  }

  function clearErrors(el) {
    el.querySelectorAll('.field-error').forEach(e => { e.textContent = ''; });
    el.querySelectorAll('.field.bad').forEach(e => e.classList.remove('bad'));
  }

  function showRefusal(el, error) {
    const result = el.querySelector('.form-result');
    const list = (error.body && error.body.errors) || [];
    let placed = 0;
    list.forEach(x => {
      const slot = x.field && el.querySelector('#set-error-' + x.field);
      if (slot) {
        slot.textContent = x.message;
        slot.parentElement.classList.add('bad');
        placed++;
      }
    });
    result.className = 'sub form-result error-text';
    result.textContent = placed > 0 ? t('set.refused') : t('set.failed', { m: error.message });
  }

  /** Sends the changed fields of a drawn form; resolves to the new form, or null when nothing was changed. */
  async function submitForm(el, path) {
    clearErrors(el);
    const result = el.querySelector('.form-result');
    const body = changes(el);
    if (Object.keys(body).length === 0) {
      result.className = 'sub form-result';
      result.textContent = t('set.nothing');
      return null;
    }
    const button = el.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const form = await Api.put(path, body);
      result.className = 'sub form-result';
      result.textContent = t('set.saved');
      return form;
    } catch (e) {
      if (e.status === 401) {
        window.App.handle(e);
      } else {
        showRefusal(el, e);
      }
      return null;
    } finally {
      button.disabled = false;
    }
  }

  // ---- Settings (§7.2) ----

  async function loadSettings() {
    const box = $('settings-forms');
    try {
      const list = await Api.get('/api/settings');
      box.textContent = '';
      for (const s of list.sections) {
        const part = document.createElement('section');
        part.id = 'settings-' + s.section;
        const h = document.createElement('h2');
        h.textContent = t('set.section.' + s.section);
        part.appendChild(h);
        const body = document.createElement('div');
        part.appendChild(body);
        box.appendChild(part);
        if (s.section === 'security') {
          drawSecurity(body);
        } else {
          forms[s.section] = await Api.get(s.path);
          drawSection(body, forms[s.section]);
        }
      }
    } catch (e) {
      window.App.handle(e);
    }
  }

  function drawSection(body, form) {
    const el = draw(body, form, 'set.save');
    el.addEventListener('submit', async event => {
      event.preventDefault();
      const next = await submitForm(el, form.path);
      if (next) {
        forms[form.section] = next;
        const said = el.querySelector('.form-result').textContent;
        drawSection(body, next);
        body.querySelector('.form-result').textContent = said;
      }
    });
  }

  /** §7.2.3 "User web login": the user's own password, with the current one (SecurityServlet). */
  function drawSecurity(body) {
    const el = draw(body, {
      section: 'security', groups: [{
        id: 'security', name: t('set.section.security'), fields: [
          { key: 'userWebPassword', label: t('set.field.userWebPassword'), type: 'text', value: '' },
          { key: 'currentPassword', label: t('set.field.currentPassword'), type: 'text', value: '' }]
      }]
    }, 'set.save');
    el.querySelectorAll('input').forEach(i => { i.type = 'password'; i.autocomplete = 'new-password'; });
    el.addEventListener('submit', async event => {
      event.preventDefault();
      clearErrors(el);
      const result = el.querySelector('.form-result');
      try {
        await Api.put('/api/settings/security', {
          userWebPassword: $('set-userWebPassword').value, currentPassword: $('set-currentPassword').value
        });
        el.reset();
        result.className = 'sub form-result';
        result.textContent = t('set.saved');
      } catch (e) {
        const slot = e.body && e.body.field && $('set-error-' + e.body.field);
        if (slot) {
          e.body.errors = [{ field: e.body.field, message: e.message }];
        }
        showRefusal(el, e);
      }
    });
  }

  // ---- Admin → Installation (§7.1.1, §4.10.2) ----

  async function loadInstallation() {
    const box = $('installation-form');
    try {
      forms.installation = await Api.get('/api/admin/installation');
      $('admin-installation').hidden = false;
      drawInstallation(box, forms.installation);
    } catch (e) {
      box.textContent = ''; // the user: Admin says the admin login is needed
      $('admin-installation').hidden = true;
      window.App.handle(e);
    }
  }

  function drawInstallation(box, form) {
    const el = draw(box, form, 'set.apply');
    el.addEventListener('submit', async event => {
      event.preventDefault();
      $('installation-warning').hidden = true;
      const next = await submitForm(el, form.path);
      if (next) {
        forms.installation = next;
        drawInstallation(box, next);
        $('set-result-installation').textContent = t('set.applied');
        await warnIfWrong();
      }
    });
  }

  /**
   * Manual §4.10.2 ATTENTION: when the unit signals a warning after Apply, disconnect the switch upstream and solve
   * the problem as §9.1 describes. The page says so, with the error the charger reports.
   */
  async function warnIfWrong() {
    const until = Date.now() + WARNING_WAIT_MS;
    let s = null;
    while (Date.now() < until) {
      s = await Api.get('/api/status');
      if (s.error || s.configurationError) {
        break;
      }
      await new Promise(r => setTimeout(r, 400));
    }
    const result = $('set-result-installation');
    if (s && (s.error || s.configurationError)) {
      const box = $('installation-warning');
      const words = s.error ? t('error.' + s.error) : null;
      $('installation-warning-code').textContent = s.error || '';
      $('installation-warning-title').textContent = Array.isArray(words) ? words[0] : (s.configurationError || '');
      $('installation-warning-remedy').textContent = Array.isArray(words) ? words[1] : '';
      box.hidden = false;
      result.textContent = '';
      return;
    }
    result.textContent = s && forms.installation && installed(forms.installation) ? t('set.ready') : t('set.applied');
  }

  function installed(form) {
    const value = key => {
      for (const g of form.groups) {
        for (const f of g.fields) {
          if (f.key === key) {
            return f.value;
          }
        }
      }
      return undefined;
    };
    return value('installationComplete') === true && value('chargingEnabled') !== false;
  }

  /** Draws the forms again in the language just chosen, from what the API last sent. */
  function relabel() {
    if (forms.installation && $('installation-form').firstChild) {
      drawInstallation($('installation-form'), forms.installation);
    }
    if (document.body.dataset.page === 'settings' && $('settings-forms').firstChild) {
      loadSettings();
    }
  }

  return { loadSettings, loadInstallation, relabel };
})();
