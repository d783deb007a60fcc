// The console's "after the contest" panel: download the contest package (khue export), open the resolver and the
// statistics page, and see when the last backup was taken (khue backup). Kept apart from admin.js; the panel
// shows once admin.js has logged in (it un-hides #admin-main).
import { addStrings, applyI18n, auth, findContest, formatDuration, get, onLanguageChange, serverNow, showError, t } from './common.js';

addStrings({
  vi: {
    'cer.title': 'Sau cuộc thi và sao lưu',
    'cer.export': 'Tải gói cuộc thi (CLICS)',
    'cer.resolver': 'Mở trang công bố kết quả',
    'cer.statistics': 'Thống kê',
    'cer.lastBackup': 'Lần sao lưu gần nhất',
    'cer.never': 'chưa bao giờ — chạy khue backup (xem docs/deployment.md)',
    'cer.ago': 'cách đây {d}',
    'cer.old': 'đã hơn một phút: bộ hẹn giờ sao lưu có chạy không?',
    'cer.exporting': 'Đang tạo gói…',
  },
  en: {
    'cer.title': 'After the contest, and backups',
    'cer.export': 'Download the contest package (CLICS)',
    'cer.resolver': 'Open the resolver',
    'cer.statistics': 'Statistics',
    'cer.lastBackup': 'Last backup',
    'cer.never': 'never — run khue backup (see docs/deployment.md)',
    'cer.ago': '{d} ago',
    'cer.old': 'more than a minute old: is the backup timer running?',
    'cer.exporting': 'Building the package…',
  },
});

const $ = (id) => document.getElementById(id);
let contest = null;
let last = null;

function renderBackup() {
  const el = $('cer-backup');
  if (!el) return;
  if (!last) {
    el.textContent = t('cer.never');
    el.dataset.age = 'never';
    return;
  }
  const age = Math.max(0, serverNow() - Date.parse(last.time));
  el.textContent = `${t('cer.ago').replace('{d}', formatDuration(age))} (${last.target})${age > 90_000 ? ' — ' + t('cer.old') : ''}`;
  el.dataset.age = age > 90_000 ? 'old' : 'fresh';
}

async function refreshBackup() {
  if ($('admin-main').hidden || !auth.get()) return;
  try {
    last = (await get('khue/backups')).last;
    renderBackup();
  } catch {
    // a judge's console: not an admin's business here
  }
}

async function download() {
  const status = $('cer-status');
  status.textContent = t('cer.exporting');
  try {
    const response = await fetch(`/api/khue/contests/${encodeURIComponent(contest.id)}/export`, {
      headers: { Authorization: auth.get() ?? '' },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `${contest.id}-package.zip`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    status.textContent = '';
  } catch (e) {
    showError(status, e);
    status.hidden = false;
  }
}

async function main() {
  applyI18n($('ceremony-panel')); // admin.js translated the page before these strings were added
  try {
    contest = await findContest();
  } catch {
    return;
  }
  const q = `?contest=${encodeURIComponent(contest.id)}`;
  $('cer-resolver').href = `/resolver${q}`;
  $('cer-statistics').href = `/statistics${q}`;
  $('cer-export').addEventListener('click', download);
  onLanguageChange(renderBackup);
  refreshBackup();
  setInterval(refreshBackup, 15_000);
  setInterval(renderBackup, 1000);
  new MutationObserver(refreshBackup).observe($('admin-main'), { attributes: true, attributeFilter: ['hidden'] });
}

main();
