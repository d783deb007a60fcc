// The team page's login and what follows it: the team's problems, languages and submissions, then the event
// feed that keeps them current.
import { ApiError, auth, byOrdinal, EventFeed, get, showError, t } from '../common.js';
import { JudgingStore } from '../judging.js';
import { $, model } from './state.js';
import { fillForm, setupEditor } from './editor.js';
import { renderSubmissions } from './submissions.js';
import { renderProblemTabs, reloadProblems } from './problems.js';
import { startClarifications } from './clarifications.js';
import { renderMyContests } from '../my_contests.js';

let feed = null;

// ---------------------------------------------------------------------------------------------------------------
// Login

export async function tryAccount() {
  const account = await get(`contests/${encodeURIComponent(model.contest.id)}/account`);
  if (account.type !== 'team' || !account.team_id) throw new ApiError(403, 403, t('login.notTeam'));
  return account;
}

export function showLogin(error) {
  $('login-form').hidden = false;
  $('team-main').hidden = true;
  $('logout').hidden = true;
  $('team-name').textContent = '';
  showError($('login-error'), error);
  $('login-user').focus();
}

export async function login(event) {
  event.preventDefault();
  auth.set($('login-user').value.trim(), $('login-pass').value);
  try {
    model.account = await tryAccount();
  } catch (e) {
    // 403: the account plays in other contests of this server; it is offered their team pages.
    if (e.status === 403) await renderMyContests($('my-contests'), model.contest.id);
    else auth.clear();
    showLogin(e.status === 401 ? new Error(t('login.failed')) : e);
    return;
  }
  $('login-pass').value = '';
  await enter();
}

export function logout() {
  auth.clear();
  feed?.stop();
  feed = null;
  location.reload();
}

// ---------------------------------------------------------------------------------------------------------------
// After login

export async function enter() {
  const cid = encodeURIComponent(model.contest.id);
  renderMyContests($('my-contests'), model.contest.id);
  $('login-form').hidden = true;
  $('team-main').hidden = false;
  $('logout').hidden = false;
  const [team, problems, languages] = await Promise.all([
    get(`contests/${cid}/teams/${encodeURIComponent(model.account.team_id)}`).catch(() => null),
    get(`contests/${cid}/problems`).catch(() => []), // hidden before the start on some servers
    get(`contests/${cid}/languages`),
  ]);
  model.team = team;
  model.problems = [...problems].sort(byOrdinal);
  model.languages = languages;
  $('team-name').textContent = team?.display_name ?? team?.name ?? model.account.team_id;
  fillForm();
  setupEditor();
  renderProblemTabs();
  const clarifications = startClarifications({ contestId: model.contest.id, teamId: model.account.team_id, problems: model.problems,
    mount: $('team-main'), controls: document.querySelector('.topbar .controls') });

  model.store = new JudgingStore(model.contest.id);
  await model.store.load(`?team_id=${encodeURIComponent(model.account.team_id)}`);
  model.store.onChange(() => renderSubmissions());
  renderSubmissions();

  feed = new EventFeed(model.contest.id, {
    types: ['contest', 'state', 'problems', 'submissions', 'judgements', 'runs', 'clarifications'],
    onStatus: (live) => {
      $('live').dataset.state = live ? 'on' : 'off';
      $('live').textContent = live ? t('live.connected') : t('live.reconnecting');
    },
    onEvent: (event) => {
      if (event.type === 'clarifications') {
        clarifications.handle(event);
        return;
      }
      if (event.type === 'contest' && event.data) {
        model.contest = { ...model.contest, ...event.data };
        return;
      }
      if (event.type === 'state') {
        if (event.data?.started && !model.started) reloadProblems();
        model.started = Boolean(event.data?.started);
        return;
      }
      if (event.type === 'problems') {
        reloadProblems();
        return;
      }
      // A public or shared feed may carry other teams' submissions; this page shows only ours.
      if (event.type === 'submissions' && event.data && event.data.team_id !== model.account.team_id) return;
      if (event.type === 'judgements' && event.data && !model.store.submissions.has(event.data.submission_id)) return;
      // Teams are shown the sample runs only; the secret ones stay with the jury even if a feed carries them.
      if (event.type === 'runs' && event.data?.test_name && !event.data.test_name.startsWith('sample/')) return;
      const sid = model.store.apply(event);
      if (sid !== null && sid !== undefined) model.store.changed(sid);
      // The feed carries no compiler messages; the judgement's own endpoint gives them to this team.
      if (event.type === 'judgements' && event.data?.judgement_type_id === 'CE') fetchCompileOutput(event.data.id);
    },
  }).start();
}

export async function fetchCompileOutput(judgementId) {
  const cid = encodeURIComponent(model.contest.id);
  const j = await get(`contests/${cid}/judgements/${encodeURIComponent(judgementId)}`).catch(() => null);
  const known = model.store.judgements.get(judgementId);
  if (!j?.compile_output || !known) return;
  known.compile_output = j.compile_output;
  model.store.changed(known.submission_id);
}
