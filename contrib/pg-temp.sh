#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 server in a temporary directory, listening on a Unix socket only.
#   source contrib/pg-temp.sh; pg_temp_start   -> exports KHUE_TEST_POSTGRES (a libpq URL)
#   pg_temp_stop                               -> stops it and removes the directory
pg_temp_start() {
  local bindir=/usr/lib/postgresql/15/bin
  PG_TEMP_DIR=$(mktemp -d /tmp/khue-pg.XXXXXX)
  chmod 755 "$PG_TEMP_DIR"
  local run=()
  if (( EUID == 0 )); then
    chown postgres: "$PG_TEMP_DIR"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bindir/initdb" -D "$PG_TEMP_DIR/data" -U khue --auth=trust -E UTF8 >"$PG_TEMP_DIR/initdb.log" 2>&1
  "${run[@]}" "$bindir/pg_ctl" -D "$PG_TEMP_DIR/data" -l "$PG_TEMP_DIR/server.log" -w \
    -o "-k $PG_TEMP_DIR -c listen_addresses='' -c fsync=off -c max_connections=200" start >/dev/null
  export KHUE_TEST_POSTGRES="postgresql:///postgres?host=$PG_TEMP_DIR&user=khue"
  echo "pg-temp: PostgreSQL running in $PG_TEMP_DIR"
}
pg_temp_stop() {
  [[ -n "${PG_TEMP_DIR:-}" && -d "$PG_TEMP_DIR" ]] || return 0
  local run=()
  (( EUID == 0 )) && run=(runuser -u postgres --)
  "${run[@]}" /usr/lib/postgresql/15/bin/pg_ctl -D "$PG_TEMP_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_TEMP_DIR"
}
