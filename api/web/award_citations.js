// Award citations in the page's language. The server writes its citations in English ("Gold medal", "First to solve
// problem A", "Winner of <group>", ...; api/src/scoreboard/awards.cpp); a page in Vietnamese shows them in
// Vietnamese, read from the award's id (the Contest API's kinds: winner, gold-medal, first-to-solve-<problem>,
// group-winner-<group>, ...). Only a citation worded exactly as the server words that kind is translated: an award
// of another kind, or one whose citation an organiser wrote (an imported contest's own text), is shown as given.
// Pure: the language is an argument; the pages pass lang() of i18n.js.

// kind: [the id's prefix (or the whole id), the server's English citation before the name, Vietnamese template].
// `{name}` is the part of the server's citation after its English prefix (a problem label, a group's name).
const KINDS = [
  { id: 'winner', en: 'Contest winner', vi: 'Đội vô địch' },
  { id: 'gold-medal', en: 'Gold medal', vi: 'Huy chương vàng' },
  { id: 'silver-medal', en: 'Silver medal', vi: 'Huy chương bạc' },
  { id: 'bronze-medal', en: 'Bronze medal', vi: 'Huy chương đồng' },
  { id: 'honorable-mention', en: 'Honorable mention', vi: 'Giải khuyến khích' },
  { prefix: 'first-to-solve-', en: 'First to solve problem ', vi: 'Đội đầu tiên giải được bài {name}' },
  { prefix: 'group-winner-', en: 'Winner of ', vi: 'Nhất bảng {name}' },
  { prefix: 'organization-winner-', en: 'Best team of ', vi: 'Đội xuất sắc nhất {name}' },
];

// The citation to show for `award` ({id, citation}) in `language` ('vi' or 'en').
export function awardCitation(award, language) {
  const given = award?.citation ?? award?.id ?? '';
  if (language !== 'vi' || !award?.id) return given;
  for (const kind of KINDS) {
    if (kind.id !== undefined) {
      if (award.id === kind.id && given === kind.en) return kind.vi;
    } else if (award.id.startsWith(kind.prefix) && award.id.length > kind.prefix.length) {
      if (!given.startsWith(kind.en) || given.length === kind.en.length) return given;
      return kind.vi.replace('{name}', given.slice(kind.en.length));
    }
  }
  return given;
}
