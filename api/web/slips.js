// The login slips page: one slip per team (contest, team, school, username, password, the team page's URL),
// laid out 8 to an A4 sheet with cut lines. The console puts the credentials of its last import (or password
// regeneration) in this tab's sessionStorage; the server never hands passwords out again.
import { h, lang } from './common.js';

const STRINGS = {
  vi: { print: 'In', count: '{n} phiếu', user: 'Tên đăng nhập', pass: 'Mật khẩu', url: 'Địa chỉ',
    empty: 'Không có mật khẩu nào để in. Hãy nhập danh sách đội (hoặc tạo lại mật khẩu) trong bảng điều khiển rồi bấm “In phiếu đăng nhập”.' },
  en: { print: 'Print', count: '{n} slips', user: 'Username', pass: 'Password', url: 'Address',
    empty: 'No passwords to print. Import the teams (or regenerate passwords) in the console, then press “Print login slips”.' },
};
const tt = (key, n) => (STRINGS[lang()][key] ?? key).replace('{n}', n);

const data = JSON.parse(sessionStorage.getItem('khue.slips') ?? 'null');
document.getElementById('print').textContent = tt('print');
document.getElementById('print').addEventListener('click', () => window.print());
const slips = (data?.credentials ?? []).filter((c) => c.password);
if (!slips.length) {
  const empty = document.getElementById('empty');
  empty.hidden = false;
  empty.textContent = tt('empty');
} else {
  document.getElementById('count').textContent = tt('count', slips.length);
  document.getElementById('sheet').replaceChildren(...slips.map((c) => h('section.slip',
    h('div.scissors', '✂'),
    h('div.contest', data.contest),
    h('div.team', c.team_name || c.username),
    c.organization ? h('div.org', c.organization) : null,
    h('dl', h('dt', tt('user')), h('dd.username', c.username), h('dt', tt('pass')), h('dd.password', c.password)),
    h('div.url', `${tt('url')}: ${data.url}`))));
}
