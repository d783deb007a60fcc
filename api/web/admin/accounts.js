// The console's accounts in bulk: upload a spreadsheet's CSV (or DOMjudge's teams.tsv, accounts.tsv,
// groups.tsv, organizations.json); the server imports all of it or, on any error, nothing, and says which
// file, line and column. The passwords it set come back once: the organiser downloads them as CSV or prints
// the login slips (slips.html) right away; the server keeps only their hashes. Lost slips: regenerate.
import { api, bytesToBase64, h, lang, onLanguageChange } from '../common.js';

const STRINGS = {
  vi: {
    title: 'Nhập danh sách đội và tài khoản',
    help: 'Tệp CSV (UTF-8) có dòng tiêu đề: team_id hoặc username, team_name, school, members, group, password; hoặc teams.tsv, accounts.tsv, groups.tsv, organizations.json của DOMjudge. Mật khẩu để trống sẽ được tạo tự động.',
    regenerate: 'Tạo mật khẩu mới cho các đội không có mật khẩu trong tệp',
    import: 'Nhập',
    done: 'Đã nhập: {t} đội, {a} tài khoản, {o} trường, {g} bảng.',
    csv: 'Tải CSV mật khẩu',
    slips: 'In phiếu đăng nhập',
    regenAll: 'Tạo lại mật khẩu cho mọi đội',
    regenConfirm: 'Tạo mật khẩu mới cho MỌI đội? Mật khẩu cũ sẽ hết hiệu lực.',
    once: 'Mật khẩu chỉ hiện một lần: hãy tải CSV hoặc in phiếu ngay.',
    pick: 'Hãy chọn tệp.',
  },
  en: {
    title: 'Import teams and accounts',
    help: 'A UTF-8 CSV with a header: team_id or username, team_name, school, members, group, password; or DOMjudge\'s teams.tsv, accounts.tsv, groups.tsv, organizations.json. Empty passwords are generated.',
    regenerate: 'New passwords for the teams the file gives none',
    import: 'Import',
    done: 'Imported: {t} teams, {a} accounts, {o} schools, {g} groups.',
    csv: 'Download passwords CSV',
    slips: 'Print login slips',
    regenAll: 'New passwords for every team',
    regenConfirm: 'New passwords for EVERY team? The old ones stop working.',
    once: 'Passwords are shown only once: download the CSV or print the slips now.',
    pick: 'Choose a file.',
  },
};

function tt(key, vars = {}) {
  let s = STRINGS[lang()][key] ?? STRINGS.en[key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, v);
  return s;
}

function csvField(v) {
  const s = String(v ?? '');
  return /[",;\r\n\t]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

// The organiser's CSV, with a BOM so that Excel reads the Vietnamese names right.
export function credentialsCsv(credentials) {
  const rows = [['team_id', 'team_name', 'organization', 'username', 'password'],
    ...credentials.map((c) => [c.team_id, c.team_name, c.organization, c.username, c.password])];
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function startAccountsImport({ contestId, mount }) {
  const cid = encodeURIComponent(contestId);
  const heading = h('h2#accounts-title');
  const help = h('p.muted');
  const files = h('input#accounts-files', { type: 'file', multiple: true, accept: '.csv,.tsv,.json,.txt' });
  const regenerate = h('input#accounts-regenerate', { type: 'checkbox' });
  const regenerateLabel = h('span');
  const send = h('button#accounts-send', { type: 'submit' });
  const regenAll = h('button.secondary#accounts-regen-all', { type: 'button' });
  const result = h('div#accounts-result', { role: 'status', 'aria-live': 'polite' });
  const form = h('form.panel#accounts-form', { 'aria-labelledby': 'accounts-title' }, heading, help,
    h('div.actions', files, h('label', regenerate, ' ', regenerateLabel), send, regenAll), result);
  mount.append(form);

  function labels() {
    heading.textContent = tt('title');
    help.textContent = tt('help');
    regenerateLabel.textContent = tt('regenerate');
    send.textContent = tt('import');
    regenAll.textContent = tt('regenAll');
  }

  function show(answer) {
    const parts = [h('p', tt('done', { t: answer.teams, a: answer.accounts, o: answer.organizations, g: answer.groups }))];
    if (answer.credentials.length) {
      const download = h('button#accounts-csv', { type: 'button' }, tt('csv'));
      download.addEventListener('click', () => {
        const blob = new Blob([credentialsCsv(answer.credentials)], { type: 'text/csv;charset=utf-8' });
        const a = h('a', { href: URL.createObjectURL(blob), download: `${contestId}-passwords.csv` });
        document.body.append(a);
        a.click();
        a.remove();
      });
      const slips = h('button#accounts-slips', { type: 'button' }, tt('slips'));
      slips.addEventListener('click', () => {
        // Handed to the slips page through this tab's session only; never sent back to the server.
        sessionStorage.setItem('khue.slips', JSON.stringify({
          contest: answer.contest_name || contestId, url: `${location.origin}/team?contest=${cid}`,
          credentials: answer.credentials,
        }));
        window.open('/static/slips.html', '_blank');
      });
      parts.push(h('p.warning', tt('once')), h('div.actions', download, slips));
    }
    result.replaceChildren(...parts);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!files.files.length) {
      result.textContent = tt('pick');
      return;
    }
    send.disabled = true;
    try {
      const list = [];
      for (const f of files.files) {
        list.push({ name: f.name, data: bytesToBase64(new Uint8Array(await f.arrayBuffer())) });
      }
      show(await api('POST', `khue/contests/${cid}/accounts/import`,
        { json: { files: list, regenerate_passwords: regenerate.checked } }));
    } catch (e) {
      result.replaceChildren(h('p.error#accounts-error', e.message));
    } finally {
      send.disabled = false;
    }
  });
  regenAll.addEventListener('click', async () => {
    if (!confirm(tt('regenConfirm'))) return;
    try {
      show(await api('POST', `khue/contests/${cid}/accounts/regenerate-passwords`, { json: {} }));
    } catch (e) {
      result.replaceChildren(h('p.error', e.message));
    }
  });
  onLanguageChange(labels);
  labels();
}
