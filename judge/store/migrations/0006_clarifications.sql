-- Migration 6: clarifications (questions, answers, announcements) and the jury's claims on questions.
-- to_team_ids / to_group_ids hold a JSON array, or NULL (the Contest API's null: no such recipients).

CREATE TABLE clarifications (seq {ID}, contest_id TEXT NOT NULL REFERENCES contests(id), id TEXT NOT NULL, from_team_id TEXT, to_team_ids TEXT, to_group_ids TEXT, reply_to_id TEXT, problem_id TEXT, text TEXT NOT NULL, time {INT} NOT NULL, sender TEXT NOT NULL, claimed_by TEXT, claimed_at {INT}, UNIQUE (contest_id, id));

CREATE INDEX clarifications_reply ON clarifications (contest_id, reply_to_id);
