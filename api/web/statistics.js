// The public statistics page: per problem attempts, accepted, first solve and the verdict mix; submissions over
// time; languages used. Numbers from statistics_data.js (pure, unit-tested); charts are inline SVG drawn here.
// During the freeze the public sees the hidden submissions as pending, as on the scoreboard.
import {
  addStrings, applyI18n, byOrdinal, findContest, formatDuration, get, h, isFrozen, onLanguageChange,
  setupLanguageToggle, showError, t, verdictText,
} from './common.js';
import { computeStatistics } from './statistics_data.js';

addStrings({
  vi: {
    'st.title': 'Thống kê',
    'st.problems': 'Các bài',
    'st.problem': 'Bài',
    'st.attempts': 'Lượt nộp',
    'st.accepted': 'Đúng',
    'st.teamsSolved': 'Số đội giải được',
    'st.firstSolve': 'Giải đầu tiên',
    'st.verdicts': 'Kết quả chấm theo bài',
    'st.overTime': 'Bài nộp theo thời gian',
    'st.languages': 'Ngôn ngữ lập trình',
    'st.submissions': 'bài nộp',
    'st.pending': 'Đang chấm / đóng băng',
    'st.rejected': 'Sai',
    'st.none': '—',
    'st.frozen': 'Bảng xếp hạng đang đóng băng: kết quả các bài nộp sau thời điểm đóng băng được tính là đang chấm.',
  },
  en: {
    'st.title': 'Statistics',
    'st.problems': 'Problems',
    'st.problem': 'Problem',
    'st.attempts': 'Attempts',
    'st.accepted': 'Accepted',
    'st.teamsSolved': 'Teams solved',
    'st.firstSolve': 'First solve',
    'st.verdicts': 'Verdicts per problem',
    'st.overTime': 'Submissions over time',
    'st.languages': 'Languages used',
    'st.submissions': 'submissions',
    'st.pending': 'Pending / frozen',
    'st.rejected': 'Rejected',
    'st.none': '—',
    'st.frozen': 'The scoreboard is frozen: results of submissions made after the freeze count as pending.',
  },
});

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const COLORS = { AC: '#2e7d32', WA: '#c62828', TLE: '#ef6c00', RTE: '#6a1b9a', MLE: '#00838f', OLE: '#4e342e',
  CE: '#757575', PE: '#ad1457', JE: '#000', '?': '#f2b705' };
const colorOf = (v) => COLORS[v] ?? '#455a64';
let stats = null;

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function chart(width, height, label) {
  return svg('svg', { class: 'st-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label });
}

function legend(items) {
  return h('div.st-legend', ...items.map(([color, text]) => h('span', h('i', { style: { background: color } }), text)));
}

function renderProblems() {
  const head = h('tr', ...['st.problem', 'st.attempts', 'st.accepted', 'st.teamsSolved', 'st.firstSolve'].map((k) => h('th', t(k))));
  const rows = stats.problems.map((p) =>
    h(
      'tr',
      { dataset: { problem: p.id } },
      h('td.name', `${p.label} — ${p.name}`),
      h('td.attempts', p.attempts),
      h('td.accepted', p.accepted),
      h('td.teams', p.teamsSolved),
      h('td.first', p.firstSolve === null ? t('st.none') : formatDuration(p.firstSolve)),
    ),
  );
  $('problem-table').replaceChildren(h('thead', head), h('tbody', ...rows));
}

// One horizontal stacked bar per problem, a segment per verdict.
function renderVerdictMix() {
  const width = 560;
  const rowH = 26;
  const left = 40;
  const seen = new Set();
  const max = Math.max(1, ...stats.problems.map((p) => p.attempts));
  const c = chart(width, stats.problems.length * rowH + 10, t('st.verdicts'));
  stats.problems.forEach((p, i) => {
    const y = 5 + i * rowH;
    c.append(svg('text', { x: 0, y: y + 16 }, p.label));
    let x = left;
    for (const [verdict, n] of Object.entries(p.verdicts).sort()) {
      seen.add(verdict);
      const w = ((width - left - 40) * n) / max;
      c.append(
        svg('rect', { x, y, width: Math.max(w, 0.5), height: rowH - 6, fill: colorOf(verdict), 'data-verdict': verdict },
          svg('title', {}, `${p.label} ${verdictText(verdict === '?' ? null : verdict)}: ${n}`)),
      );
      x += w;
    }
    c.append(svg('text', { x: x + 4, y: y + 16 }, p.attempts));
  });
  $('verdict-mix').replaceChildren(
    c,
    legend([...seen].sort().map((v) => [colorOf(v), v === '?' ? t('st.pending') : `${v} — ${verdictText(v)}`])),
  );
}

// Stacked columns: accepted, rejected, pending, per time bin.
function renderOverTime() {
  const width = 560;
  const height = 200;
  const bottom = 20;
  const bins = stats.overTime;
  const max = Math.max(1, ...bins.map((b) => b.accepted + b.rejected + b.pending));
  const c = chart(width, height, t('st.overTime'));
  const w = (width - 30) / Math.max(1, bins.length);
  bins.forEach((b, i) => {
    let y = height - bottom;
    for (const [key, color] of [['accepted', COLORS.AC], ['rejected', COLORS.WA], ['pending', COLORS['?']]]) {
      const hgt = ((height - bottom - 10) * b[key]) / max;
      y -= hgt;
      if (b[key] > 0) {
        c.append(svg('rect', { x: 30 + i * w, y, width: Math.max(w - 2, 1), height: hgt, fill: color, 'data-kind': key },
          svg('title', {}, `${formatDuration(b.from)}: ${b[key]}`)));
      }
    }
    if (i % 5 === 0) c.append(svg('text', { x: 30 + i * w, y: height - 5 }, formatDuration(b.from).slice(0, -3)));
  });
  c.append(svg('text', { x: 0, y: 12 }, max));
  $('over-time').replaceChildren(
    c,
    legend([[COLORS.AC, t('st.accepted')], [COLORS.WA, t('st.rejected')], [COLORS['?'], t('st.pending')]]),
  );
}

function renderLanguages() {
  const width = 560;
  const rowH = 24;
  const max = Math.max(1, ...stats.languages.map((l) => l.count));
  const c = chart(width, stats.languages.length * rowH + 10, t('st.languages'));
  stats.languages.forEach((l, i) => {
    const y = 5 + i * rowH;
    c.append(svg('text', { x: 0, y: y + 15 }, l.name));
    const w = ((width - 260) * l.count) / max; // room for the count after the bar
    c.append(svg('rect', { x: 130, y, width: Math.max(w, 1), height: rowH - 6, fill: '#1e88e5', 'data-language': l.id }));
    c.append(svg('text', { x: 134 + w, y: y + 15 }, `${l.count} ${t('st.submissions')}`));
  });
  $('languages').replaceChildren(c);
}

function render() {
  if (!stats) return;
  renderProblems();
  renderVerdictMix();
  renderOverTime();
  renderLanguages();
}

async function start() {
  try {
    const contest = await findContest();
    $('contest-name').textContent = contest.formal_name || contest.name || contest.id;
    const cid = encodeURIComponent(contest.id);
    const fetchPublic = (what) => get(`contests/${cid}/${what}`, { withAuth: false });
    const [problems, submissions, judgements, languages, state] = await Promise.all([
      fetchPublic('problems').catch(() => []),
      fetchPublic('submissions'),
      fetchPublic('judgements'),
      fetchPublic('languages').catch(() => []),
      fetchPublic('state').catch(() => null),
    ]);
    $('freeze-note').hidden = !isFrozen(contest, state);
    stats = computeStatistics({ contest, problems: [...problems].sort(byOrdinal), submissions, judgements, languages });
    window.khueStatistics = stats; // for tests
    render();
    document.body.dataset.ready = 'true';
  } catch (e) {
    showError($('error'), e);
  }
}

setupLanguageToggle($('lang-toggle'));
onLanguageChange(render);
applyI18n();
start();
