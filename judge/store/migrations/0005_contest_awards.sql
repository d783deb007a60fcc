-- Migration 5: the awards a contest gives (gold/silver/bronze counts, honourable mention, group and organization
-- winners, first to solve, the overall winner), as the JSON text the API layer reads; empty means the defaults.

ALTER TABLE contests ADD COLUMN awards TEXT NOT NULL DEFAULT '';
