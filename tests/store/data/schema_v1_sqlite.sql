-- The schema of migration 1 exactly as the C++-string migrations of earlier builds created it in SQLite
-- (frozen: do not edit). migrations_test.cpp checks that such a database still opens and that the embedded
-- .sql migrations create the same schema.
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);
CREATE TABLE packages (hash TEXT PRIMARY KEY, bytes BLOB NOT NULL, size INTEGER NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE contests (id TEXT PRIMARY KEY, name TEXT NOT NULL, formal_name TEXT NOT NULL, start_time INTEGER, duration_ms INTEGER NOT NULL, freeze_ms INTEGER, thaw_time INTEGER, scoreboard_type TEXT NOT NULL, penalty_ms INTEGER NOT NULL, utc_offset_min INTEGER NOT NULL, started INTEGER, frozen INTEGER, ended INTEGER, thawed INTEGER, finalized INTEGER, end_of_updates INTEGER);
CREATE TABLE problems (contest_id TEXT NOT NULL REFERENCES contests(id), id TEXT NOT NULL, label TEXT NOT NULL, name TEXT NOT NULL, ordinal INTEGER NOT NULL, rgb TEXT NOT NULL, color TEXT NOT NULL, time_limit_us INTEGER NOT NULL, memory_bytes INTEGER NOT NULL, output_bytes INTEGER NOT NULL, code_bytes INTEGER NOT NULL, test_data_count INTEGER NOT NULL, max_score REAL, package_hash TEXT NOT NULL REFERENCES packages(hash), PRIMARY KEY (contest_id, id));
CREATE TABLE organizations (contest_id TEXT NOT NULL REFERENCES contests(id), id TEXT NOT NULL, name TEXT NOT NULL, formal_name TEXT NOT NULL, country TEXT NOT NULL, PRIMARY KEY (contest_id, id));
CREATE TABLE team_groups (contest_id TEXT NOT NULL REFERENCES contests(id), id TEXT NOT NULL, name TEXT NOT NULL, hidden INTEGER NOT NULL, PRIMARY KEY (contest_id, id));
CREATE TABLE teams (contest_id TEXT NOT NULL REFERENCES contests(id), id TEXT NOT NULL, name TEXT NOT NULL, label TEXT NOT NULL, display_name TEXT NOT NULL, organization_id TEXT, group_ids TEXT NOT NULL, hidden INTEGER NOT NULL, PRIMARY KEY (contest_id, id));
CREATE TABLE accounts (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, type TEXT NOT NULL, contest_id TEXT, team_id TEXT, name TEXT NOT NULL);
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE submissions (seq INTEGER PRIMARY KEY AUTOINCREMENT, contest_id TEXT NOT NULL REFERENCES contests(id), id TEXT NOT NULL, team_id TEXT NOT NULL, problem_id TEXT NOT NULL, language_id TEXT NOT NULL, entry_point TEXT, time INTEGER NOT NULL, UNIQUE (contest_id, id));
CREATE INDEX submissions_team ON submissions (contest_id, team_id);
CREATE TABLE submission_files (submission_seq INTEGER NOT NULL REFERENCES submissions(seq), idx INTEGER NOT NULL, name TEXT NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY (submission_seq, idx));
CREATE TABLE rejudgings (id INTEGER PRIMARY KEY AUTOINCREMENT, contest_id TEXT NOT NULL, reason TEXT NOT NULL, state TEXT NOT NULL, created_at INTEGER NOT NULL, decided_at INTEGER, submission_count INTEGER NOT NULL);
CREATE TABLE judgements (id INTEGER PRIMARY KEY AUTOINCREMENT, contest_id TEXT NOT NULL, submission_seq INTEGER NOT NULL REFERENCES submissions(seq), verdict TEXT, score REAL, max_score REAL, current INTEGER NOT NULL, valid INTEGER NOT NULL, start_time INTEGER NOT NULL, end_time INTEGER, max_run_time_us INTEGER, rejudging_id INTEGER, judged_by TEXT NOT NULL, compile_ok INTEGER NOT NULL, compile_output TEXT NOT NULL, job_id INTEGER NOT NULL);
CREATE UNIQUE INDEX judgements_one_current ON judgements (submission_seq) WHERE current = 1;
CREATE INDEX judgements_contest ON judgements (contest_id, id);
CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, contest_id TEXT NOT NULL, judgement_id INTEGER NOT NULL REFERENCES judgements(id), ordinal INTEGER NOT NULL, verdict TEXT NOT NULL, time INTEGER NOT NULL, run_time_us INTEGER NOT NULL, wall_time_us INTEGER NOT NULL, memory_bytes INTEGER NOT NULL, test_name TEXT NOT NULL, grp TEXT NOT NULL, message TEXT NOT NULL, UNIQUE (judgement_id, ordinal));
CREATE INDEX runs_contest ON runs (contest_id, id);
CREATE TABLE jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, submission_seq INTEGER NOT NULL REFERENCES submissions(seq), contest_id TEXT NOT NULL, team_id TEXT NOT NULL, priority INTEGER NOT NULL, fair_seq INTEGER NOT NULL, state TEXT NOT NULL, owner TEXT, judgement_id INTEGER, prev_judgement_id INTEGER, lease_expires INTEGER, attempts INTEGER NOT NULL, enqueued_at INTEGER NOT NULL, claimed_at INTEGER, finished_at INTEGER, rejudging_id INTEGER);
CREATE INDEX jobs_next ON jobs (state, priority, fair_seq, id);
CREATE INDEX jobs_lease ON jobs (state, lease_expires);
CREATE INDEX jobs_team ON jobs (priority, contest_id, team_id, fair_seq);
CREATE INDEX jobs_rejudging ON jobs (rejudging_id);
CREATE TABLE events (token INTEGER PRIMARY KEY AUTOINCREMENT, contest_id TEXT NOT NULL, type TEXT NOT NULL, obj_id TEXT, data TEXT, time INTEGER NOT NULL);
CREATE INDEX events_contest ON events (contest_id, token);
CREATE TABLE judge_hosts (host TEXT PRIMARY KEY, slots INTEGER NOT NULL, slot_status TEXT NOT NULL, last_seen INTEGER NOT NULL);
INSERT INTO schema_version (version, applied_at) VALUES (1, 1764460800000000);
