// Unit tests (node --test) of the award citations in the page's language (api/web/award_citations.js), shown by
// the resolver and the console's awards panel.
import assert from 'node:assert/strict';
import test from 'node:test';

import { awardCitation } from '../../api/web/award_citations.js';

test("the server's citations of each kind are shown in Vietnamese", () => {
  const vi = (id, citation) => awardCitation({ id, citation, team_ids: ['t1'] }, 'vi');
  assert.equal(vi('winner', 'Contest winner'), 'Đội vô địch');
  assert.equal(vi('gold-medal', 'Gold medal'), 'Huy chương vàng');
  assert.equal(vi('silver-medal', 'Silver medal'), 'Huy chương bạc');
  assert.equal(vi('bronze-medal', 'Bronze medal'), 'Huy chương đồng');
  assert.equal(vi('honorable-mention', 'Honorable mention'), 'Giải khuyến khích');
  assert.equal(vi('first-to-solve-hello', 'First to solve problem A'), 'Đội đầu tiên giải được bài A');
  assert.equal(vi('group-winner-uni', 'Winner of Khối đại học'), 'Nhất bảng Khối đại học');
  assert.equal(vi('organization-winner-hust', 'Best team of ĐH Bách khoa Hà Nội'), 'Đội xuất sắc nhất ĐH Bách khoa Hà Nội');
});

test('in English the citation is the one given', () => {
  assert.equal(awardCitation({ id: 'gold-medal', citation: 'Gold medal' }, 'en'), 'Gold medal');
  assert.equal(awardCitation({ id: 'first-to-solve-a', citation: 'First to solve problem A' }, 'en'), 'First to solve problem A');
});

test("an organiser's own citation, or an award of another kind, is kept as written", () => {
  // An imported contest's medal with its own wording.
  assert.equal(awardCitation({ id: 'gold-medal', citation: 'Gold — ICPC Asia Hanoi' }, 'vi'), 'Gold — ICPC Asia Hanoi');
  assert.equal(awardCitation({ id: 'first-to-solve-a', citation: 'Fastest on A' }, 'vi'), 'Fastest on A');
  assert.equal(awardCitation({ id: 'group-winner-x', citation: 'Winner of ' }, 'vi'), 'Winner of ');
  // Kinds the server does not give (rank-<n>, a prize of the sponsor's).
  assert.equal(awardCitation({ id: 'rank-4', citation: 'Rank 4' }, 'vi'), 'Rank 4');
  assert.equal(awardCitation({ id: 'sponsor-prize', citation: 'Giải của nhà tài trợ' }, 'vi'), 'Giải của nhà tài trợ');
  // A prefix alone is not a kind; an award without a citation shows its id.
  assert.equal(awardCitation({ id: 'first-to-solve-', citation: 'First to solve problem ' }, 'vi'), 'First to solve problem ');
  assert.equal(awardCitation({ id: 'winner' }, 'vi'), 'winner');
});
