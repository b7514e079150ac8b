'use strict';
// The one place that knows how the pages log in and call the charger's API (manual §6.1.2.1). Two ways, one switch:
//  - 'session': POST /api/login {user, password} → a session cookie (HttpOnly, SameSite=Strict) and
//    {user, role, csrfToken}; every state-changing request sends X-CSRF-Token; GET /api/session tells who is
//    logged in after a reload; POST /api/logout ends it.
//  - 'basic': HTTP Basic, the header built by the login form and kept in sessionStorage (gone with the tab); the
//    role is read from the API itself (the admin's endpoint answers 403 to the user).
// LOGIN_WITH picks one; nothing else in the pages depends on which.
window.Api = (function () {
  const LOGIN_WITH = 'basic';
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
    const headers = { 'Accept': 'application/json' };
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

  /** Who is logged in now (after a reload), or null. */
  async function current() {
    if (LOGIN_WITH === 'session') {
      try {
        const answer = await send('GET', '/api/session', undefined, null);
        const login = { user: answer.user, role: answer.role, csrfToken: answer.csrfToken || null };
        store(login);
        return login;
      } catch (e) {
        store(null);
        return null;
      }
    }
    return stored();
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

  return {
    ApiError,
    login,
    current,
    logout,
    get: path => send('GET', path, undefined, stored()),
    post: (path, body) => send('POST', path, body, stored()),
    put: (path, body) => send('PUT', path, body, stored())
  };
})();
