// Contest time: RELTIME parsing, durations, the contest's phase and freeze.
// One module of the web client; common.js re-exports them all.

import { lang } from './i18n.js';
import { serverNow } from './api.js';


// RELTIME "(-)h:mm:ss(.uuu)" to milliseconds; null stays null.
export function parseRelTime(text) {
  if (text === null || text === undefined) return null;
  if (typeof text === 'number') return text * 60_000; // older contest files give penalty_time in minutes
  const m = /^(-)?(\d+):(\d\d):(\d\d)(?:\.(\d{1,3}))?$/.exec(String(text));
  if (!m) return null;
  const ms = ((+m[2] * 60 + +m[3]) * 60 + +m[4]) * 1000 + (m[5] ? +m[5].padEnd(3, '0') : 0);
  return m[1] ? -ms : ms;
}

export function formatDuration(ms) {
  const negative = ms < 0;
  let s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${negative ? '-' : ''}${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

// Whole contest minutes, as the scoreboard counts them.
export function contestMinutes(reltime) {
  const ms = parseRelTime(reltime);
  return ms === null ? '' : String(Math.floor(ms / 60_000));
}

export function formatClock(isoTime) {
  if (!isoTime) return '';
  const d = new Date(isoTime);
  return d.toLocaleTimeString(lang() === 'vi' ? 'vi-VN' : 'en-GB', { hour12: false });
}

// Where the contest stands at `now`: before / running / ended, with the time left to the next boundary.
export function contestPhase(contest, now = serverNow()) {
  if (!contest?.start_time) return { phase: 'unscheduled' };
  const start = Date.parse(contest.start_time);
  const end = start + (parseRelTime(contest.duration) ?? 0);
  if (now < start) return { phase: 'before', ms: start - now, start, end };
  if (now < end) return { phase: 'running', ms: end - now, elapsed: now - start, start, end };
  return { phase: 'ended', start, end };
}

export function isFrozen(contest, state, now = serverNow()) {
  if (state) return Boolean(state.frozen) && !state.thawed;
  const p = contestPhase(contest, now);
  const freeze = parseRelTime(contest?.scoreboard_freeze_duration);
  if (!freeze || p.phase === 'unscheduled' || p.phase === 'before') return false;
  return now >= p.end - freeze && !contest.scoreboard_thaw_time;
}
