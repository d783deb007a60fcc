// The team page's verdicts: an icon and words, and what they usually mean.
import { h, lang } from '../common.js';
import { VERDICTS, verdictInfo } from '../dist/beginner.js';
import { verdictBadge } from '../judging.js';
import { tt } from './strings.js';
import { $ } from './state.js';

// ---------------------------------------------------------------------------------------------------------------
// Verdicts: an icon and words, and what they usually mean

export function iconBadge(judgement) {
  const badge = verdictBadge(judgement);
  const id = judgement?.judgement_type_id;
  const icon = VERDICTS[id]?.icon ?? (id ? '✗' : '…');
  badge.prepend(h('span.icon', { 'aria-hidden': 'true' }, icon));
  return badge;
}

export function explanation(id) {
  const info = verdictInfo(id, lang());
  if (!info || id === 'AC') return null;
  return h(
    `div.explain.${id}`,
    { dataset: { verdict: id } },
    h('h4', h('span.icon', { 'aria-hidden': 'true' }, info.icon), ' ', info.name, ` (${id})`),
    h('p', info.means),
    info.check.length ? [h('p', h('b', tt('guide.check'))), h('ul', info.check.map((c) => h('li', c)))] : null,
  );
}

export function renderVerdictGuide() {
  $('verdict-guide-list').replaceChildren(
    ...Object.keys(VERDICTS).map((id) => {
      const info = verdictInfo(id, lang());
      return h(
        `div.explain.${id}`,
        { dataset: { verdict: id } },
        h('h4', h('span.icon', { 'aria-hidden': 'true' }, info.icon), ' ', info.name, ` (${id})`),
        h('p', info.means),
        info.check.length ? h('ul', info.check.map((c) => h('li', c))) : null,
      );
    }),
  );
}
