-- Migration 1: the initial schema. Never edit a released migration: add the next numbered file.
-- {ID} {INT} {REAL} {BLOB} stand for the types the backends spell differently (see migrations.cpp).

CREATE TABLE packages (hash TEXT PRIMARY KEY, bytes {BLOB} NOT NULL, size {INT} NOT NULL, created_at {INT} NOT NULL);

CREATE TABLE contests (id TEXT PRIMARY KEY, name TEXT NOT NULL, formal_name TEXT NOT NULL, start_time {INT}, duration_ms {INT} NOT NULL, freeze_ms {INT}, thaw_time {INT}, scoreboard_type TEXT NOT NULL, penalty_ms {INT} NOT NULL, utc_offset_min {INT} NOT NULL, started {INT}, frozen {INT}, ended {INT}, thawed {INT}, finalized {INT}, end_of_updates {INT});

CREATE TABLE problems (contest_id TEXT NOT NULL REFERENCES contests(id), id TEXT NOT NULL, label TEXT NOT NULL, name TEXT NOT NULL, ordinal {INT} NOT NULL, rgb TEXT NOT NULL, color TEXT NOT NULL, time_limit_us {INT} NOT NULL, memory_bytes {INT} NOT NULL, output_bytes {INT} NOT NULL, code_bytes {INT} NOT NULL, test_data_count {INT} NOT NULL, max_score {REAL}, package_hash TEXT NOT NULL REFERENCES packages(hash), PRIMARY KEY (contest_id, id));

CREATE TABLE organizations (contest_id TEXT NOT NULL REFERENCES contests(id), id TEXT NOT NULL, name TEXT NOT NULL, formal_name TEXT NOT NULL, country TEXT NOT NULL, PRIMARY KEY (contest_id, id));

CREATE TABLE team_groups (contest_id TEXT NOT NULL REFERENCES contests(id), id TEXT NOT NULL, name TEXT NOT NULL, hidden {INT} NOT NULL, PRIMARY KEY (contest_id, id));

CREATE TABLE teams (contest_id TEXT NOT NULL REFERENCES contests(id), id TEXT NOT NULL, name TEXT NOT NULL, label TEXT NOT NULL, display_name TEXT NOT NULL, organization_id TEXT, group_ids TEXT NOT NULL, hidden {INT} NOT NULL, PRIMARY KEY (contest_id, id));

CREATE TABLE accounts (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, type TEXT NOT NULL, contest_id TEXT, team_id TEXT, name TEXT NOT NULL);

CREATE TABLE counters (name TEXT PRIMARY KEY, value {INT} NOT NULL);

CREATE TABLE submissions (seq {ID}, contest_id TEXT NOT NULL REFERENCES contests(id), id TEXT NOT NULL, team_id TEXT NOT NULL, problem_id TEXT NOT NULL, language_id TEXT NOT NULL, entry_point TEXT, time {INT} NOT NULL, UNIQUE (contest_id, id));

CREATE INDEX submissions_team ON submissions (contest_id, team_id);

CREATE TABLE submission_files (submission_seq {INT} NOT NULL REFERENCES submissions(seq), idx {INT} NOT NULL, name TEXT NOT NULL, bytes {BLOB} NOT NULL, PRIMARY KEY (submission_seq, idx));

CREATE TABLE rejudgings (id {ID}, contest_id TEXT NOT NULL, reason TEXT NOT NULL, state TEXT NOT NULL, created_at {INT} NOT NULL, decided_at {INT}, submission_count {INT} NOT NULL);

CREATE TABLE judgements (id {ID}, contest_id TEXT NOT NULL, submission_seq {INT} NOT NULL REFERENCES submissions(seq), verdict TEXT, score {REAL}, max_score {REAL}, current {INT} NOT NULL, valid {INT} NOT NULL, start_time {INT} NOT NULL, end_time {INT}, max_run_time_us {INT}, rejudging_id {INT}, judged_by TEXT NOT NULL, compile_ok {INT} NOT NULL, compile_output TEXT NOT NULL, job_id {INT} NOT NULL);

-- The rule "a submission has at most one current judgement", enforced by the database itself.
CREATE UNIQUE INDEX judgements_one_current ON judgements (submission_seq) WHERE current = 1;

CREATE INDEX judgements_contest ON judgements (contest_id, id);

CREATE TABLE runs (id {ID}, contest_id TEXT NOT NULL, judgement_id {INT} NOT NULL REFERENCES judgements(id), ordinal {INT} NOT NULL, verdict TEXT NOT NULL, time {INT} NOT NULL, run_time_us {INT} NOT NULL, wall_time_us {INT} NOT NULL, memory_bytes {INT} NOT NULL, test_name TEXT NOT NULL, grp TEXT NOT NULL, message TEXT NOT NULL, UNIQUE (judgement_id, ordinal));

CREATE INDEX runs_contest ON runs (contest_id, id);

CREATE TABLE jobs (id {ID}, submission_seq {INT} NOT NULL REFERENCES submissions(seq), contest_id TEXT NOT NULL, team_id TEXT NOT NULL, priority {INT} NOT NULL, fair_seq {INT} NOT NULL, state TEXT NOT NULL, owner TEXT, judgement_id {INT}, prev_judgement_id {INT}, lease_expires {INT}, attempts {INT} NOT NULL, enqueued_at {INT} NOT NULL, claimed_at {INT}, finished_at {INT}, rejudging_id {INT});

CREATE INDEX jobs_next ON jobs (state, priority, fair_seq, id);

CREATE INDEX jobs_lease ON jobs (state, lease_expires);

CREATE INDEX jobs_team ON jobs (priority, contest_id, team_id, fair_seq);

CREATE INDEX jobs_rejudging ON jobs (rejudging_id);

CREATE TABLE events (token {ID}, contest_id TEXT NOT NULL, type TEXT NOT NULL, obj_id TEXT, data TEXT, time {INT} NOT NULL);

CREATE INDEX events_contest ON events (contest_id, token);

CREATE TABLE judge_hosts (host TEXT PRIMARY KEY, slots {INT} NOT NULL, slot_status TEXT NOT NULL, last_seen {INT} NOT NULL);
