// The team page: log in, read problems (Markdown with math, PDF inline), write code in the editor (a draft
// kept per problem), run it on the samples, submit, and watch verdicts arrive over the event feed, each verdict
// explained in plain words. The editor and the Markdown/math renderer come from dist/beginner.js, built from
// api/web/src at build time (no CDN).
// This entry wires the page together; each concern lives in a module under team/.
import {
  applyI18n, auth, contestPhase, findContest, formatDuration, onLanguageChange, serverNow, setupLanguageToggle, showError, t,
} from './common.js';
import { display } from './judging.js';
import { applyPageI18n } from './team/strings.js';
import { $, model, open } from './team/state.js';
import { tryAccount, showLogin, login, logout, enter } from './team/session.js';
import {
  languageForFile, onFileChosen, saveDraft, switchDraft, onLanguageChosen, resetTemplate,
} from './team/editor.js';
import { submit, renderSubmissions } from './team/submissions.js';
import { runSamples } from './team/samples.js';
import { renderVerdictGuide } from './team/verdicts.js';
import { showProblem, reloadProblems, currentProblem } from './team/problems.js';

// Large-text mode: remembered in this browser.
function setupLargeText() {
  const button = $('large-text');
  const apply = (on) => {
    document.documentElement.classList.toggle('large-text', on);
    button.setAttribute('aria-pressed', String(on));
  };
  apply(localStorage.getItem('khue.largeText') === '1');
  button.addEventListener('click', () => {
    const on = !document.documentElement.classList.contains('large-text');
    localStorage.setItem('khue.largeText', on ? '1' : '0');
    apply(on);
  });
}

let lastPhase = null;

function tickClock() {
  const p = contestPhase(model.contest, serverNow());
  // Problems are often published at the start: fetch them then, in case no event says so.
  if ((lastPhase === 'before' || lastPhase === 'unscheduled') && p.phase === 'running' && model.store) {
    setTimeout(reloadProblems, 1500);
  }
  lastPhase = p.phase;
  $('clock-label').textContent =
    p.phase === 'before' ? t('clock.before') : p.phase === 'running' ? t('clock.running') : p.phase === 'ended'
      ? t('clock.ended') : t('clock.notScheduled');
  $('clock-value').textContent = p.ms !== undefined ? formatDuration(p.ms) : '';
}

async function main() {
  setupLanguageToggle($('lang-toggle'));
  setupLargeText();
  applyPageI18n();
  renderVerdictGuide();
  onLanguageChange(() => {
    applyI18n();
    applyPageI18n();
    renderVerdictGuide();
    if (model.store) renderSubmissions();
    if (currentProblem) showProblem(currentProblem);
    tickClock();
  });
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  $('submit-form').addEventListener('submit', submit);
  $('submit-file').addEventListener('change', onFileChosen);
  $('submit-language').addEventListener('change', onLanguageChosen);
  $('submit-problem').addEventListener('change', () => {
    switchDraft();
    showProblem($('submit-problem').value);
  });
  $('submit-filename').addEventListener('change', () => {
    const language = languageForFile($('submit-filename').value);
    if (language && language.id !== $('submit-language').value) {
      $('submit-language').value = language.id;
      onLanguageChosen();
    }
    saveDraft();
  });
  $('run-samples').addEventListener('click', runSamples);
  $('reset-template').addEventListener('click', resetTemplate);
  document.addEventListener('keydown', (e) => {
    // Escape closes an open submission's details and the verdict guide.
    if (e.key === 'Escape' && !e.target.closest?.('.cm-editor')) {
      if ($('verdict-guide').open) $('verdict-guide').open = false;
      else if (open.size) {
        open.clear();
        renderSubmissions();
      }
    }
  });
  try {
    model.contest = await findContest();
  } catch (e) {
    showError($('error'), e);
    return;
  }
  $('contest-name').textContent = model.contest.formal_name ?? model.contest.name ?? model.contest.id;
  display.scores = model.contest.scoreboard_type === 'score';
  tickClock();
  setInterval(tickClock, 1000);
  if (!auth.get()) {
    showLogin(null);
    return;
  }
  try {
    model.account = await tryAccount();
  } catch (e) {
    auth.clear();
    showLogin(e.status === 401 ? null : e);
    return;
  }
  await enter();
}

main();
