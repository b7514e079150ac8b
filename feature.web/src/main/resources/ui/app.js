// The login page and Home (manual §6.1.2): a session from POST /api/login, its csrfToken sent back in X-CSRF-Token
// with every change, Home polled from /api/status. Plain script, nothing loaded from outside the device.
"use strict";
let csrfToken = null;
let poller = null;

function api(method, path, body) {
  const headers = { "X-Requested-With": "fetch" }; // no Basic dialog of the browser on 401
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (csrfToken && method !== "GET") headers["X-CSRF-Token"] = csrfToken;
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
                       credentials: "same-origin" });
}

function show(view) {
  document.getElementById("login").hidden = view !== "login";
  document.getElementById("home").hidden = view !== "home";
  document.getElementById("logout").hidden = view !== "home";
  if (poller) { clearInterval(poller); poller = null; }
  if (view === "home") { refresh(); poller = setInterval(refresh, 2000); }
}

async function start() {
  applyLanguage();
  const r = await api("GET", "/api/session");
  if (r.ok) {
    csrfToken = (await r.json()).csrfToken || null;
    show("home");
  } else {
    show("login");
  }
}

async function logIn(event) {
  event.preventDefault();
  const error = document.getElementById("loginError");
  error.textContent = "";
  const r = await api("POST", "/api/login", { user: document.getElementById("user").value,
                                             password: document.getElementById("password").value });
  document.getElementById("password").value = "";
  if (r.ok) {
    csrfToken = (await r.json()).csrfToken;
    show("home");
  } else if (r.status === 429) {
    error.textContent = t("tooMany", r.headers.get("Retry-After") || "?");
  } else {
    error.textContent = t("wrongLogin");
  }
}

async function refresh() {
  const r = await api("GET", "/api/status");
  if (r.status === 401) { expired(); return; }
  if (!r.ok) { document.getElementById("state").textContent = t("coreDown"); return; }
  const s = await r.json();
  const fmt = (v, unit, digits) => v === null || v === undefined ? "–" : Number(v).toFixed(digits) + " " + unit;
  document.getElementById("state").textContent = t("states")[s.state] || s.stateText || s.state;
  document.getElementById("mode").textContent = t("modes")[s.mode] || s.mode || "–";
  document.getElementById("power").textContent = fmt(s.powerW / 1000, "kW", 2);
  document.getElementById("energy").textContent = fmt(s.sessionEnergyWh / 1000, "kWh", 2);
  document.getElementById("current").textContent = fmt(s.offeredCurrentA, "A", 0);
  document.getElementById("limitedBy").textContent = s.limitedBy || "–";
  document.getElementById("error").textContent = s.error ? s.error + (s.detail ? " — " + s.detail : "") : t("none");
}

async function control(action) {
  const r = await api("POST", "/api/control", { action });
  if (r.status === 401) { expired(); return; }
  const body = await r.json();
  document.getElementById("message").textContent = body.message || body.error || "";
  refresh();
}

function expired() {
  csrfToken = null;
  show("login");
  document.getElementById("loginError").textContent = t("expired");
}

async function logOut() {
  await api("POST", "/api/logout");
  csrfToken = null;
  show("login");
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("login").addEventListener("submit", logIn);
  document.getElementById("logout").addEventListener("click", logOut);
  document.getElementById("lang").addEventListener("click", () => {
    localStorage.setItem("lang", chosenLanguage() === "it" ? "en" : "it");
    applyLanguage();
    if (!document.getElementById("home").hidden) refresh();
  });
  document.querySelectorAll("[data-action]").forEach(b => b.addEventListener("click", () => control(b.dataset.action)));
  start();
});
