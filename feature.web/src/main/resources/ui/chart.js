'use strict';
// History's chart (issue 18): the power of one session over time, from /api/sessions/power (sampled by the firmware
// every 5 s while the session lasted). An SVG drawn here by hand: no library, nothing loaded from outside, no inline
// style (the pages' Content-Security-Policy); colours are presentation attributes and classes of style.css.
window.HistoryChart = (function () {
  // the SVG namespace, taken from the logo's SVG of the page (no address of another site in the pages' files)
  const ns = () => document.querySelector('.brand svg').namespaceURI;
  const H = 240;
  const PAD = { left: 48, right: 12, top: 26, bottom: 30 };
  let sessions = [];
  let chosen = null;
  let listening = false;
  let resizing = false;
  let drawn = null; // the samples on screen, drawn again at the new width when the window is resized

  /** The drawing's width in its own units: the box's width in pixels, so that its text stays legible on a phone. */
  function width() {
    return Math.max(300, Math.min(960, $('power-chart').clientWidth || 640));
  }

  const $ = id => document.getElementById(id);

  function tr(key, args) {
    const dict = window.I18N[document.documentElement.lang] || window.I18N.en;
    const text = dict[key] !== undefined ? dict[key] : window.I18N.en[key];
    return String(text === undefined ? key : text).replace(/\{(\w+)\}/g, (m, n) => (args && args[n] !== undefined ? args[n] : m));
  }

  function el(name, attrs, text) {
    const e = document.createElementNS(ns(), name);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  /** A round step for an axis: 1, 2 or 5 times a power of ten, so that about `count` steps span `range`. */
  function step(range, count) {
    const raw = range / count;
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    return [1, 2, 5, 10].map(m => m * p).find(s => s >= raw) || raw;
  }

  /** The SVG of samples [{at, powerW}]: minutes from the first sample on x, kW on y. */
  function draw(samples, W) {
    const t0 = Date.parse(samples[0].at);
    // minutes on x; a session shorter than two minutes in seconds, so its line spans the chart
    const inSeconds = Date.parse(samples[samples.length - 1].at) - t0 < 120000;
    const unit = inSeconds ? 1000 : 60000;
    const points = samples.map(s => ({ x: (Date.parse(s.at) - t0) / unit, y: s.powerW / 1000 }));
    const maxX = Math.max(inSeconds ? 5 : 1, points[points.length - 1].x);
    const maxY = Math.max(1, ...points.map(p => p.y));
    const yStep = step(maxY, 4);
    const top = Math.ceil(maxY / yStep) * yStep;
    const xStep = step(maxX, 6);
    const sx = x => PAD.left + (W - PAD.left - PAD.right) * x / maxX;
    const sy = y => H - PAD.bottom - (H - PAD.top - PAD.bottom) * y / top;
    const svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'power-chart', 'aria-label': tr('chart.title') });
    for (let y = 0; y <= top + 1e-9; y += yStep) {
      svg.appendChild(el('line', { x1: PAD.left, x2: W - PAD.right, y1: sy(y), y2: sy(y), class: 'grid-line' }));
      svg.appendChild(el('text', { x: PAD.left - 6, y: sy(y) + 4, 'text-anchor': 'end', class: 'axis' },
        (yStep < 1 ? y.toFixed(1) : String(Math.round(y)))));
    }
    for (let x = 0; x <= maxX + 1e-9; x += xStep) {
      svg.appendChild(el('text', { x: sx(x), y: H - PAD.bottom + 16, 'text-anchor': 'middle', class: 'axis' },
        (xStep < 1 ? x.toFixed(1) : String(Math.round(x)))));
    }
    svg.appendChild(el('text', { x: W - PAD.right, y: H - 2, 'text-anchor': 'end', class: 'axis' }, tr(inSeconds ? 'chart.seconds' : 'chart.minutes')));
    svg.appendChild(el('text', { x: 4, y: 12, class: 'axis' }, tr('chart.kw')));
    const line = points.map(p => sx(p.x).toFixed(1) + ',' + sy(p.y).toFixed(1)).join(' ');
    const area = sx(0).toFixed(1) + ',' + sy(0) + ' ' + line + ' ' + sx(points[points.length - 1].x).toFixed(1) + ',' + sy(0);
    svg.appendChild(el('polygon', { points: area, class: 'power-area' }));
    svg.appendChild(el('polyline', { points: line, class: 'power-line', fill: 'none' }));
    return svg;
  }

  async function showSession(s) {
    chosen = s;
    const card = $('power-chart-card');
    card.hidden = !s;
    if (!s) {
      return;
    }
    $('power-chart-session').textContent = '— ' + new Date(s.start).toLocaleString(
      document.documentElement.lang === 'it' ? 'it-IT' : 'en-GB');
    document.querySelectorAll('#sessions tbody tr').forEach((r, i) => r.classList.toggle('chosen', sessions[i] === s));
    let samples = [];
    try {
      samples = (await window.Api.get('/api/sessions/power?start=' + encodeURIComponent(s.start))).samples || [];
    } catch (e) {
      samples = [];
    }
    if (chosen !== s) {
      return; // another session was chosen meanwhile
    }
    $('power-chart-none').hidden = samples.length > 1;
    drawn = samples.length > 1 ? samples : null;
    $('power-chart').replaceChildren(...(drawn ? [draw(drawn, width())] : []));
    $('power-chart').dataset.samples = String(samples.length);
  }

  /** Called by app.js with the sessions History lists (newest first): the newest is charted until another is chosen. */
  function show(list) {
    sessions = list || [];
    if (!listening) {
      listening = true;
      $('sessions').tBodies[0].addEventListener('click', e => {
        const row = e.target.closest('tr');
        const i = Array.prototype.indexOf.call(row.parentNode.children, row);
        if (sessions[i]) {
          showSession(sessions[i]);
        }
      });
    }
    if (!resizing) {
      resizing = true;
      window.addEventListener('resize', () => {
        if (drawn && !$('power-chart-card').hidden) {
          $('power-chart').replaceChildren(draw(drawn, width()));
        }
      });
    }
    const keep = chosen && sessions.find(s => s.id === chosen.id);
    showSession(keep || sessions[0] || null);
  }

  return { show, draw };
})();
