#!/usr/bin/env bash
# `cmake --install` gives a working Khue anywhere: install into a temporary prefix, move the tree elsewhere (the
# programs find their data from their own location, not from a path compiled in), start `khue serve` there from an
# empty folder and check that it serves the demo contest, its web pages and its languages. Stops the server by PID.
# Usage: install_tree.sh BUILD_DIR VERSION
set -euo pipefail
build=$1
version=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/khue-install-test.XXXXXX")
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "FAIL: $*" >&2
    [[ -f "$work/serve.err" ]] && sed 's/^/serve stderr: /' "$work/serve.err" >&2
    exit 1
}

cmake --install "$build" --prefix "$work/first" --strip >/dev/null
mv "$work/first" "$work/moved"
prefix=$work/moved
for f in bin/khue bin/khue-box; do
    [[ -x "$prefix/$f" ]] || fail "$f is not installed"
done
for f in share/khue/languages.yaml share/khue/web/index.html share/khue/problems/contest.yaml; do
    [[ -f "$prefix/$f" ]] || fail "$f is not installed"
done
[[ "$("$prefix/bin/khue" --version)" == "khue $version" ]] || fail "khue --version does not print 'khue $version'"

mkdir "$work/cwd"
cd "$work/cwd"  # an empty folder: nothing may be found relative to the current directory
env -u KHUE_WEB_ROOT -u KHUE_LANGUAGES -u KHUE_BOX "$prefix/bin/khue" serve --listen 127.0.0.1:0 --workers 0 \
    --data "$work/data" >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
port=""
for _ in $(seq 300); do
    port=$(sed -n 's|.* at http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/serve.out" | head -n 1)
    [[ -n "$port" ]] && break
    kill -0 "$server_pid" 2>/dev/null || fail "khue serve exited before it listened"
    sleep 0.1
done
[[ -n "$port" ]] || fail "khue serve did not print its address within 30 s"
base="http://127.0.0.1:$port"

contests=$(curl -sf "$base/api/contests") || fail "GET /api/contests failed"
contest=$(jq -r '.[0].id' <<<"$contests")
[[ -n "$contest" && "$contest" != null ]] || fail "/api/contests lists no contest: $contests"
grep -q "$prefix/share/khue/problems" "$work/serve.out" "$work/serve.err" ||
    fail "the demo contest was not read from $prefix/share/khue/problems"
problems=$(curl -sf "$base/api/contests/$contest/problems" | jq length)
[[ "$problems" -gt 0 ]] || fail "the demo contest has no problems"
languages=$(curl -sf "$base/api/contests/$contest/languages" | jq length)
[[ "$languages" -gt 0 ]] || fail "no languages: share/khue/languages.yaml was not found"
[[ "$(curl -sf "$base/api" | jq -r .provider.version)" == "$version" ]] || fail "/api provider version is not $version"
curl -sf "$base/" | grep -qi '<html' || fail "GET / does not serve index.html from share/khue/web"
# The team page is an entry module importing modules from a subfolder: the subfolder is installed and served.
team_js=$(curl -sf "$base/static/team.js") || fail "GET /static/team.js failed"
grep -q "from './team/editor.js'" <<<"$team_js" || fail "GET /static/team.js is not the team page"
editor_js=$(curl -sf "$base/static/team/editor.js") ||
    fail "GET /static/team/editor.js: the team page's modules are not installed or not served"
grep -q "export function setupEditor" <<<"$editor_js" || fail "GET /static/team/editor.js is not the editor module"

kill "$server_pid"
wait "$server_pid" || true
server_pid=""
echo "ok: installed tree moved to $prefix serves contest '$contest' ($problems problems, $languages languages)"
