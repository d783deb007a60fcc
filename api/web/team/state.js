// The team page's shared state: the contest, the account, the team, the problems, the languages and the
// judgings (model), and the submissions whose details are expanded.

export const $ = (id) => document.getElementById(id);
export const model = { contest: null, account: null, team: null, problems: [], languages: [], store: null };
export const open = new Set(); // submission ids whose details are expanded
