// DOM helpers: a tiny element builder, error display, colours, problem order.
// One module of the web client; common.js re-exports them all.


// h('div.cls#id', {attr: v, onclick: fn}, child, 'text', …)
export function h(spec, attrs, ...children) {
  const [, tag, rest] = /^([a-z0-9]+)(.*)$/i.exec(spec);
  const el = document.createElement(tag);
  for (const part of rest.match(/[.#][^.#]+/g) ?? []) {
    if (part[0] === '.') el.classList.add(part.slice(1));
    else el.id = part.slice(1);
  }
  if (attrs !== null && attrs !== undefined && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

export function showError(target, error) {
  target.textContent = error ? String(error.message ?? error) : '';
  target.hidden = !error;
}

// Readable text on a problem's colour: black on light colours, white on dark ones.
export function textColorOn(rgb) {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(rgb ?? '');
  if (!m) return '#000';
  let hex = m[1];
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? '#000' : '#fff';
}

export function byOrdinal(a, b) {
  return (a.ordinal ?? 0) - (b.ordinal ?? 0) || String(a.label ?? a.id).localeCompare(String(b.label ?? b.id));
}
