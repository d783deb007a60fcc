-- Migration 7: many contests on one server. An account may take part in contests besides its own (the same
-- username in a practice round and the real one): one row per further contest, with the team it plays as
-- there. A contest may keep judging after its end (practice, upsolving): submissions after the end are judged
-- but never count in the official standings.

CREATE TABLE account_contests (account_id TEXT NOT NULL REFERENCES accounts(id), contest_id TEXT NOT NULL REFERENCES contests(id), team_id TEXT, PRIMARY KEY (account_id, contest_id));

ALTER TABLE contests ADD COLUMN practice {INT} NOT NULL DEFAULT 0;
