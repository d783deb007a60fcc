// The Contest API client: credentials, JSON requests with clear errors, the server's clock.
// One module of the web client; common.js re-exports them all.

import { bytesToBase64 } from './zip.js';


export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

const AUTH_KEY = 'khue.auth';

// Credentials live in sessionStorage so that closing the browser on a shared lab machine logs the team out.
export const auth = {
  get() {
    return sessionStorage.getItem(AUTH_KEY);
  },
  set(username, password) {
    const bytes = new TextEncoder().encode(`${username}:${password}`);
    sessionStorage.setItem(AUTH_KEY, 'Basic ' + bytesToBase64(bytes));
  },
  clear() {
    sessionStorage.removeItem(AUTH_KEY);
  },
};

// Server clock minus client clock, in ms; projector laptops often have a wrong clock and the contest clock must not.
let clockSkewMs = 0;

export function serverNow() {
  return Date.now() + clockSkewMs;
}

function noteServerDate(response) {
  const date = response.headers.get('Date');
  if (!date) return;
  const ms = Date.parse(date);
  // The header has one-second resolution; ignore differences that small to keep the clock from jittering.
  if (!Number.isNaN(ms) && Math.abs(ms - Date.now() - clockSkewMs) > 1500) clockSkewMs = ms - Date.now();
}

export async function api(method, path, { body, json, withAuth = true, headers = {} } = {}) {
  // X-Requested-With: a 401 then comes without a Basic challenge, so the browser opens no login dialog of its own
  // over the page (the page says the password is wrong).
  const h = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest', ...headers };
  const credentials = withAuth ? auth.get() : null;
  if (credentials) h.Authorization = credentials;
  let payload = body;
  if (json !== undefined) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(json);
  }
  const response = await fetch('/api/' + path.replace(/^\//, ''), { method, headers: h, body: payload });
  noteServerDate(response);
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) {
    const message = data && typeof data === 'object' ? data.message : typeof data === 'string' ? data : '';
    throw new ApiError(response.status, data?.code, message || `${method} ${path}: HTTP ${response.status}`);
  }
  return data;
}

export const get = (path, opts) => api('GET', path, opts);

// The contest a page URL names: /contests/<id>/... or ?contest=<id>; null when it names none.
export function contestIdFromUrl(url = location) {
  const m = /^\/contests\/([^/]+)(\/|$)/.exec(url.pathname);
  if (m) return decodeURIComponent(m[1]);
  return new URLSearchParams(url.search).get('contest');
}

// The contest to show: the one the page URL names, else the first (usually only) contest the server offers.
// On a page of a named contest, the links back to the scoreboard stay in that contest.
export async function findContest() {
  const wanted = contestIdFromUrl();
  if (wanted) {
    const contest = await get(`contests/${encodeURIComponent(wanted)}`);
    for (const a of document.querySelectorAll('a[href="/"]')) a.href = `/contests/${encodeURIComponent(wanted)}/`;
    return contest;
  }
  const contests = await get('contests');
  if (!Array.isArray(contests) || contests.length === 0) throw new Error('The server offers no contest');
  return contests[0];
}
