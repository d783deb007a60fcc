// The event feed reader: fetch() streaming of NDJSON, resumed with since_token after any disconnect.
// One module of the web client; common.js re-exports them all.

import { auth } from './api.js';


export class EventFeed {
  constructor(contestId, { onEvent, onStatus, withAuth = true, sinceToken = null, types = null }) {
    this.types = types; // only these event types, when the server supports ?types= (runs are most of a feed)
    this.contestId = contestId;
    this.onEvent = onEvent;
    this.onStatus = onStatus ?? (() => {});
    this.withAuth = withAuth;
    this.token = sinceToken;
    this.stopped = false;
    this.retryMs = 500;
    this.controller = null;
  }

  start() {
    // A phone that changes networks keeps a dead TCP connection for minutes; the browser knows sooner.
    addEventListener('offline', () => this.controller?.abort());
    addEventListener('online', () => this.wake?.());
    this.loop();
    return this;
  }

  stop() {
    this.stopped = true;
    this.controller?.abort();
  }

  async loop() {
    while (!this.stopped) {
      try {
        await this.readOnce();
        this.retryMs = 500;
      } catch (e) {
        if (this.stopped) return;
        console.warn('event feed:', e.message);
      }
      if (this.stopped) return;
      this.onStatus(false);
      await new Promise((r) => {
        // Offline, retrying is pointless: the 'online' event wakes us (the timer is only a safety net).
        const timer = setTimeout(r, navigator.onLine === false ? 60_000 : this.retryMs);
        this.wake = () => {
          clearTimeout(timer);
          this.retryMs = 500;
          r();
        };
      });
      this.wake = null;
      this.retryMs = Math.min(this.retryMs * 2, 10000);
    }
  }

  async readOnce() {
    this.controller = new AbortController();
    const query = [];
    if (this.token) query.push(`since_token=${encodeURIComponent(this.token)}`);
    if (this.types) query.push(`types=${this.types.map(encodeURIComponent).join(',')}`);
    const params = query.length ? `?${query.join('&')}` : '';
    const headers = { Accept: 'application/x-ndjson' };
    const credentials = this.withAuth ? auth.get() : null;
    if (credentials) headers.Authorization = credentials;
    const response = await fetch(`/api/contests/${encodeURIComponent(this.contestId)}/event-feed${params}`, {
      headers,
      signal: this.controller.signal,
      cache: 'no-store',
    });
    if (response.status === 400 && this.types) {
      this.types = null; // a server without the filter: take everything and ignore what we do not need
      throw new Error('event feed: ?types= refused, reading every type');
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    this.onStatus(true);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    // The server sends an empty line at least every 120 s; silence for longer means a dead connection that TCP
    // has not noticed yet (a projector's Wi-Fi roaming), so we abort and resume.
    let watchdog = null;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => this.controller.abort(), 150_000);
    };
    arm();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        arm();
        buffer += value;
        let newline;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          if (!line) continue;
          let event;
          try {
            event = JSON.parse(line);
          } catch {
            console.warn('event feed: unparsable line', line);
            continue;
          }
          if (event.token) this.token = event.token;
          this.onEvent(normalizeEvent(event));
        }
      }
    } finally {
      clearTimeout(watchdog);
    }
  }
}

// One event of the Contest API 2023+ feed shape {type, id, data, token}; data null means deleted.
function normalizeEvent(event) {
  return { type: event.type, id: event.id ?? null, data: event.data, removed: event.data === null, token: event.token };
}

// Calls fn at most once per interval, always running it once more after the last request (trailing edge), so a
// burst of events during a busy minute costs one scoreboard fetch rather than hundreds.
export function coalesce(fn, intervalMs) {
  let timer = null;
  let again = false;
  let running = false;
  const run = async () => {
    timer = null;
    running = true;
    again = false;
    try {
      await fn();
    } finally {
      running = false;
      if (again) schedule();
    }
  };
  const schedule = () => {
    if (running) {
      again = true;
      return;
    }
    if (!timer) timer = setTimeout(run, intervalMs);
  };
  return schedule;
}
