# Sourced by the benchmarks that compare Khue's scoreboard with nginx serving the same bytes.
#
# start_khue_bench_server WORK DB starts WORK/scoreboard_bench serving DB on a free loopback port, fed through the
# fifo WORK/server.in (kept open on fd $server_in), sets server_pid and khue_url, and saves the scoreboard's bytes
# as WORK/www/api/contests/bench/scoreboard for nginx, and Khue's gzip form of them as scoreboard.gz beside it
# (nginx's gzip_static then sends the very bytes Khue sends to a client that accepts gzip).
start_khue_bench_server() {
    local work=$1 db=$2
    mkfifo "$work/server.in"
    # The copy in WORK has no installation beside it: the languages file comes from the source tree.
    local languages
    languages=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/judge/data/languages.yaml
    KHUE_LANGUAGES=${KHUE_LANGUAGES:-$languages} \
        "$work/scoreboard_bench" serve "$db" 0 < "$work/server.in" > "$work/server.out" 2>&1 &
    server_pid=$!
    exec {server_in}>"$work/server.in"
    for _ in $(seq 1200); do  # the replay of 20,000 submissions takes a while on a loaded machine
        grep -q "serving on" "$work/server.out" 2>/dev/null && break
        sleep 0.1
    done
    local port
    port=$(sed -n 's/serving on //p' "$work/server.out")
    khue_url="http://127.0.0.1:$port/api/contests/bench/scoreboard"
    mkdir -p "$work/www/api/contests/bench"
    curl -sf "$khue_url" -o "$work/www/api/contests/bench/scoreboard"
    curl -sf -H "Accept-Encoding: gzip" "$khue_url" -o "$work/www/api/contests/bench/scoreboard.gz"
}

# start_nginx_same_bytes WORK starts nginx on a random
# loopback port serving WORK/www as static files (the same bytes Khue serves), sets nginx_conf and nginx_url (the
# scoreboard's address) and checks nginx answers with exactly those bytes. Stop it with
# `nginx -p "$work" -c "$nginx_conf" -s stop`. Also defines rps, which reads wrk's requests per second.
start_nginx_same_bytes() {
    local work=$1
    # Below the ephemeral range (32768 and up by default), which the 10,000 feed clients crowd.
    local port=$(( 20000 + RANDOM % 12000 ))
    nginx_conf="$work/nginx.conf"
    cat > "$nginx_conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    types { }
    default_type application/json;
    gzip_static on;
    gzip_vary on;
    server {
        listen 127.0.0.1:$port;
        root $work/www;
    }
}
CONF
    nginx -p "$work" -c "$nginx_conf"
    nginx_url="http://127.0.0.1:$port/api/contests/bench/scoreboard"
    cmp <(curl -sf "$nginx_url") "$work/www/api/contests/bench/scoreboard"
}

rps() { awk '/Requests\/sec/ {print $2}'; }
