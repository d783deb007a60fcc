// Shared by the scoreboard, team and admin pages: translations (i18n.js), the Contest API client (api.js), the
// event-feed reader (feed.js), contest-time arithmetic (time.js), DOM helpers (dom.js) and a tiny zip writer
// (zip.js). Plain ES modules, no dependencies and no bundler: venues are often offline. The pages import from
// here, so every name keeps working wherever it lives.
export * from './i18n.js';
export * from './api.js';
export * from './feed.js';
export * from './time.js';
export * from './dom.js';
export * from './zip.js';
