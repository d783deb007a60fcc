// The console's part for many contests: create a contest while the server runs (upload a CLICS contest package
// zip, or a form picking problems already on the server) and download the results CSV of this contest.
import { api, auth, contestIdFromUrl, get, h, showError, t } from './common.js';

const $ = (id) => document.getElementById(id);

async function currentContestId() {
  const named = contestIdFromUrl();
  if (named) return named;
  const list = await get('contests');
  return list[0]?.id;
}

async function downloadResults() {
  const id = await currentContestId();
  const response = await fetch(`/api/contests/${encodeURIComponent(id)}/khue/results.csv`, {
    headers: { Authorization: auth.get() ?? '' },
  });
  if (!response.ok) {
    showError($('error'), new Error(`results.csv: HTTP ${response.status}`));
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const a = h('a', { href: url, download: `results-${id}.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// Every problem of every contest, once per package, as checkboxes.
async function fillForm() {
  const contests = await get('contests');
  const teams = $('nc-teams');
  teams.replaceChildren(h('option', { value: '' }, '—'), ...contests.map((c) => h('option', { value: c.id }, c.name ?? c.id)));
  const boxes = [];
  for (const c of contests) {
    const problems = await get(`contests/${encodeURIComponent(c.id)}/problems`).catch(() => []);
    for (const p of problems) {
      boxes.push(
        h(
          'label.nc-problem',
          h('input', { type: 'checkbox', dataset: { contest: c.id, problem: p.id } }),
          ` ${c.id} / ${p.label ?? ''} ${p.name ?? p.id}`,
        ),
      );
    }
  }
  $('nc-problems').replaceChildren(...boxes);
}

function opened(contest) {
  $('new-contest-status').replaceChildren(
    `${t('contests.created')}: `,
    h('a', { href: `/contests/${encodeURIComponent(contest.id)}/admin` }, contest.name ?? contest.id),
  );
}

async function submitForm(event) {
  event.preventDefault();
  const problems = [...$('nc-problems').querySelectorAll('input:checked')].map((box) => ({
    contest_id: box.dataset.contest,
    id: box.dataset.problem,
  }));
  const body = {
    id: $('nc-id').value.trim(),
    name: $('nc-name').value.trim(),
    duration: $('nc-duration').value.trim(),
    problems,
    practice: $('nc-practice').checked,
  };
  if ($('nc-start').value.trim()) body.start_time = $('nc-start').value.trim();
  if ($('nc-freeze').value.trim()) body.scoreboard_freeze_duration = $('nc-freeze').value.trim();
  if ($('nc-teams').value) body.teams_from = $('nc-teams').value;
  try {
    opened(await api('POST', 'contests', { json: body }));
  } catch (e) {
    showError($('new-contest-status'), e);
    $('new-contest-status').hidden = false;
  }
}

async function submitZip(event) {
  event.preventDefault();
  const file = $('new-contest-file').files[0];
  if (!file) return;
  const form = new FormData();
  form.append('package', file, file.name);
  try {
    opened(await api('POST', 'contests', { body: form }));
  } catch (e) {
    showError($('new-contest-status'), e);
    $('new-contest-status').hidden = false;
  }
}

$('results-csv').addEventListener('click', () => downloadResults().catch((e) => showError($('error'), e)));
$('new-contest').addEventListener('toggle', () => {
  if ($('new-contest').open) fillForm().catch((e) => showError($('new-contest-status'), e));
});
$('new-contest-form').addEventListener('submit', submitForm);
$('new-contest-zip').addEventListener('submit', submitZip);
