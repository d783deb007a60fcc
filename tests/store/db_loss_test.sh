#!/usr/bin/env bash
# A worker keeps going through a PostgreSQL restart: it backs off while the server is down and judges everything,
# before and after, exactly once. Starts its own throw-away server (contrib/pg-temp.sh; needs root to run it as
# the postgres user, as CI does). Usage: db_loss_test.sh SOURCE_DIR QUEUE_CRASH_HELPER
set -euo pipefail
src=$1
helper=$2
if [[ $EUID -ne 0 || ! -x /usr/lib/postgresql/15/bin/pg_ctl ]]; then
  echo "skipped: needs root and PostgreSQL 15 server binaries"
  exit 0
fi
source "$src/contrib/pg-temp.sh"
pg_temp_start >/dev/null
url=$KHUE_TEST_POSTGRES
log=$(mktemp)
cleanup() {
  [[ -n ${worker:-} ]] && kill -KILL "$worker" 2>/dev/null || true
  rm -f "$log"
  pg_temp_stop
}
trap cleanup EXIT
pg() { runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$PG_TEMP_DIR/data" -w "$@" >/dev/null; }

"$helper" seed "$url"
"$helper" worker "$url" survivor 2 50 3000 >"$log" 2>&1 &
worker=$!
"$helper" submit "$url" 20 >/dev/null
sleep 2
pg -m fast stop
sleep 3
pg -l "$PG_TEMP_DIR/server.log" -o "-k $PG_TEMP_DIR -c listen_addresses='' -c fsync=off" start
"$helper" submit "$url" 20 >/dev/null
for _ in $(seq 1 100); do
  judged=$(psql -At "$url" -c "select count(verdict) from judgements where current = 1 and valid = 1")
  [[ $judged == 40 ]] && break
  sleep 0.2
done
kill -TERM "$worker"
wait "$worker"
worker=
total=$(psql -At "$url" -c "select count(*) from judgements where valid = 1")
errors=$(grep -c "database" "$log" || true)
echo "judged: $judged of 40, valid judgements: $total, database errors survived: $errors"
[[ $judged == 40 && $total == 40 && $errors -gt 0 ]]
