-- Migration 2: crash isolation. How often a worker died while holding the job, and how the last one died, so a
-- submission that kills its worker every time ends as JE after a bound instead of circling forever.

ALTER TABLE jobs ADD COLUMN crashes {INT} NOT NULL DEFAULT 0;

ALTER TABLE jobs ADD COLUMN crash_reason TEXT;
