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
// The charts' text: a little smaller than the page's (larger on a projector, see statistics.css), never below 12 px.
let fontPx = 12;
const font = () => `${fontPx}px system-ui, "Noto Sans", "DejaVu Sans", Arial, sans-serif`;
let stats = null;

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

let measurer = null;
function textWidth(text) {
  measurer ??= document.createElement('canvas').getContext('2d');
  measurer.font = font();
  return Math.ceil(measurer.measureText(String(text)).width);
}

// Charts are drawn at the width of their panel in CSS pixels (viewBox = size on screen), so that their text is as
// large on a phone as on a projector; they are drawn again when that width changes.
function chartWidth(id) {
  return Math.max(240, Math.floor($(id).clientWidth || 560));
}

function chart(width, height, label) {
  return svg('svg', {
    class: 'st-chart', viewBox: `0 0 ${width} ${height}`, width, height, 'font-size': fontPx, role: 'img',
    'aria-label': label,
  });
}

function legend(items) {
  return h('div.st-legend', ...items.map(([color, text]) => h('span', h('i', { style: { background: color } }), text)));
}

// Horizontal bars, one row each: the label in a column as wide as the longest label, the bar from the column's
// edge, its total after it. rows: [{label, total, after, data, segments: [{value, color, data, title}]}]. Every
// part of a row is drawn inside its band (a <g class="st-row">), the text centred on the bar.
function barRows(width, rows, label) {
  const rowH = Math.round(fontPx * 2.3);
  const barH = Math.round(fontPx * 1.6);
  const gap = Math.round(fontPx * 0.7);
  const labelW = Math.max(0, ...rows.map((r) => textWidth(r.label))) + gap;
  const afterW = Math.max(0, ...rows.map((r) => textWidth(r.after))) + gap;
  const span = Math.max(20, width - labelW - afterW);
  const max = Math.max(1, ...rows.map((r) => r.total));
  const c = chart(width, rows.length * rowH + 4, label);
  rows.forEach((r, i) => {
    const top = 2 + i * rowH;
    const mid = top + rowH / 2;
    const g = svg('g', { class: 'st-row', ...r.data });
    g.append(svg('text', { class: 'st-label', x: 0, y: mid, 'dominant-baseline': 'central' }, r.label));
    let x = labelW;
    for (const seg of r.segments) {
      const w = (span * seg.value) / max;
      g.append(
        svg('rect', { x, y: mid - barH / 2, width: Math.max(w, 1), height: barH, fill: seg.color, ...seg.data },
          svg('title', {}, seg.title)),
      );
      x += w;
    }
    g.append(svg('text', { class: 'st-after', x: x + gap / 2, y: mid, 'dominant-baseline': 'central' }, r.after));
    c.append(g);
  });
  return c;
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
  const seen = new Set();
  const rows = stats.problems.map((p) => ({
    label: p.label,
    total: p.attempts,
    after: p.attempts,
    data: { 'data-problem': p.id },
    segments: Object.entries(p.verdicts)
      .sort()
      .map(([verdict, n]) => {
        seen.add(verdict);
        return {
          value: n,
          color: colorOf(verdict),
          data: { 'data-verdict': verdict },
          title: `${p.label} ${verdictText(verdict === '?' ? null : verdict)}: ${n}`,
        };
      }),
  }));
  $('verdict-mix').replaceChildren(
    barRows(chartWidth('verdict-mix'), rows, t('st.verdicts')),
    legend([...seen].sort().map((v) => [colorOf(v), v === '?' ? t('st.pending') : `${v} — ${verdictText(v)}`])),
  );
}

// Stacked columns: accepted, rejected, pending, per time bin.
function renderOverTime() {
  const width = chartWidth('over-time');
  const height = Math.round(fontPx * 16);
  const bottom = Math.round(fontPx * 1.8);
  const bins = stats.overTime;
  const max = Math.max(1, ...bins.map((b) => b.accepted + b.rejected + b.pending));
  const left = textWidth(max) + 8;
  const c = chart(width, height, t('st.overTime'));
  const w = (width - left) / Math.max(1, bins.length);
  // A time label every so many bins, as many as fit.
  const every = Math.max(1, Math.ceil((textWidth('0:00') + 12) / w));
  bins.forEach((b, i) => {
    let y = height - bottom;
    for (const [key, color] of [['accepted', COLORS.AC], ['rejected', COLORS.WA], ['pending', COLORS['?']]]) {
      const hgt = ((height - bottom - 10) * b[key]) / max;
      y -= hgt;
      if (b[key] > 0) {
        c.append(svg('rect', { x: left + i * w, y, width: Math.max(w - 2, 1), height: hgt, fill: color, 'data-kind': key },
          svg('title', {}, `${formatDuration(b.from)}: ${b[key]}`)));
      }
    }
    const when = formatDuration(b.from).slice(0, -3);
    if (i % every === 0 && left + i * w + textWidth(when) <= width) {
      c.append(svg('text', { x: left + i * w, y: height - fontPx / 2 }, when));
    }
  });
  c.append(svg('text', { x: 0, y: 10 + fontPx / 2, 'data-axis': 'max' }, max));
  c.append(svg('line', { x1: left - 3, y1: height - bottom, x2: width, y2: height - bottom, stroke: '#9aa0ad' }));
  $('over-time').replaceChildren(
    c,
    legend([[COLORS.AC, t('st.accepted')], [COLORS.WA, t('st.rejected')], [COLORS['?'], t('st.pending')]]),
  );
}

function renderLanguages() {
  const rows = stats.languages.map((l) => ({
    label: l.name,
    total: l.count,
    after: `${l.count} ${t('st.submissions')}`,
    data: { 'data-language': l.id },
    segments: [{ value: l.count, color: '#1e88e5', data: { 'data-language': l.id }, title: `${l.name}: ${l.count}` }],
  }));
  $('languages').replaceChildren(barRows(chartWidth('languages'), rows, t('st.languages')));
}

let contestName = 'Khue';
function setTitle() {
  document.title = `${contestName} — ${t('st.title')}`;
}

let drawnAt = 0; // the panels' width the charts were drawn for
function render() {
  if (!stats) return;
  drawnAt = $('languages').clientWidth;
  fontPx = Math.max(12, Math.round(parseFloat(getComputedStyle($('languages')).fontSize) * 0.8));
  renderProblems();
  renderVerdictMix();
  renderOverTime();
  renderLanguages();
}

async function start() {
  try {
    const contest = await findContest();
    $('contest-name').textContent = contest.formal_name || contest.name || contest.id;
    contestName = contest.name ?? contest.id;
    setTitle();
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
onLanguageChange(() => {
  setTitle();
  render();
});
new ResizeObserver(() => {
  if (stats && $('languages').clientWidth !== drawnAt) render();
}).observe(document.querySelector('.st-main'));
applyI18n();
setTitle();
start();
