#!/usr/bin/env bash
# Usage: deploy_sudo_test.sh KHUE KHUE_BOX SOURCE_DIR
# Installs the sudo deployment (contrib/install-sudo-deployment.sh) for a root-owned copy of the build, starts
# `khue serve` as the user khue (KHUE_BOX_SUDO=1, scratch and data under the root-owned roots), submits the
# demo's hello.c as admin, and expects AC. Removes the sudoers rule, the copy and its data afterwards (and the
# user, if this test created it). Exit 77: skipped (not root, or no sudo).
set -euo pipefail
khue=$1
khue_box=$2
src=$3
if (( EUID != 0 )); then
    echo "deploy test: needs root (it creates the khue user and a sudoers rule); skipped"
    exit 77
fi
if ! command -v sudo >/dev/null || ! command -v visudo >/dev/null; then
    echo "deploy test: sudo is not installed (contrib/setup.sh --test installs it); skipped"
    exit 77
fi

prefix=/opt/khue-deploy-test-$$
data=/var/lib/khue/data/deploy-test-$$
created_user=0
id khue >/dev/null 2>&1 || created_user=1
serve_pid=
cleanup() {
    if [[ -n $serve_pid ]]; then
        kill "$serve_pid" 2>/dev/null || true   # the server this test started
        for _ in $(seq 1 100); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$serve_pid" 2>/dev/null || true
    fi
    bash "$src/contrib/install-sudo-deployment.sh" --uninstall >/dev/null || true
    rm -rf "$prefix" "$data" /dev/shm/khue/work/khue-job-* 2>/dev/null || true
    if (( created_user )); then
        # What the installer made for the user this test created (kept when the user existed before).
        rm -rf /dev/shm/khue/work/* 2>/dev/null || true
        rmdir /dev/shm/khue/work /var/lib/khue/data 2>/dev/null || true
        userdel khue 2>/dev/null || true
    fi
}
trap cleanup EXIT

# A root-owned copy: the rule may only name a khue-box that nobody but root can replace.
install -d -o root -g root -m 0755 "$prefix" "$prefix/web"
install -o root -g root -m 0755 "$khue" "$prefix/khue"
install -o root -g root -m 0755 "$khue_box" "$prefix/khue-box"
install -o root -g root -m 0644 "$src/judge/data/languages.yaml" "$prefix/languages.yaml"
cp -r "$src/api/web/." "$prefix/web/"
cp -r "$src/problems" "$prefix/contest"
chmod -R go+rX "$prefix"

bash "$src/contrib/install-sudo-deployment.sh" --user khue --khue-box "$prefix/khue-box"
test "$(stat -c %U /var/lib/khue)" = root
test "$(stat -c %U /dev/shm/khue)" = root

# The rule is narrow: khue may run khue-box run|session|cleanup, and nothing else as root.
if setpriv --reuid khue --regid khue --init-groups sudo -n /bin/true 2>/dev/null; then
    echo "deploy test: FAIL: the khue user may run /bin/true as root"
    exit 1
fi
if setpriv --reuid khue --regid khue --init-groups sudo -n "$prefix/khue-box" check 2>/dev/null; then
    echo "deploy test: FAIL: the khue user may run khue-box commands other than run, session and cleanup"
    exit 1
fi

install -d -o khue -g khue -m 0700 "$data"
out=$data/serve.out
setpriv --reuid khue --regid khue --init-groups env -i PATH=/usr/bin:/bin \
    KHUE_WORK_DIR=/dev/shm/khue/work KHUE_CACHE="$data/cache" KHUE_BOX="$prefix/khue-box" KHUE_BOX_SUDO=1 \
    KHUE_LANGUAGES="$prefix/languages.yaml" KHUE_WEB_ROOT="$prefix/web" \
    "$prefix/khue" serve --contest "$prefix/contest" --data "$data" --listen 127.0.0.1:0 --workers 1 \
    >"$out" 2>"$data/serve.err" &
serve_pid=$!
port=
for _ in $(seq 1 300); do
    port=$(sed -n 's|.* at http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$out" | head -n1)
    [[ -n $port ]] && break
    kill -0 "$serve_pid" 2>/dev/null || { echo "deploy test: khue serve exited"; cat "$data/serve.err"; exit 1; }
    sleep 0.2
done
[[ -n $port ]] || { echo "deploy test: khue serve did not start"; cat "$data/serve.err"; exit 1; }
test "$(ps -o user= -p "$serve_pid")" = khue

verdict=$(python3 - "$port" "$src/problems/hello/submissions/accepted/hello.c" <<'PY'
import base64, json, sys, time, urllib.request
port, source = sys.argv[1], sys.argv[2]
auth = 'Basic ' + base64.b64encode(b'admin:admin-demo').decode()
def call(method, path, body=None, ctype=None):
    req = urllib.request.Request('http://127.0.0.1:%s%s' % (port, path), data=body, method=method)
    req.add_header('Authorization', auth)
    if ctype:
        req.add_header('Content-Type', ctype)
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read() or b'null')
code = open(source, 'rb').read()
b = b'--B\r\nContent-Disposition: form-data; name="problem_id"\r\n\r\nhello\r\n' \
    b'--B\r\nContent-Disposition: form-data; name="language_id"\r\n\r\nc\r\n' \
    b'--B\r\nContent-Disposition: form-data; name="team_id"\r\n\r\nteam1\r\n' \
    b'--B\r\nContent-Disposition: form-data; name="code"; filename="hello.c"\r\n\r\n' + code + b'\r\n--B--\r\n'
sub = call('POST', '/api/contests/week-demo/submissions', b, 'multipart/form-data; boundary=B')
deadline = time.time() + 240
while time.time() < deadline:
    for j in call('GET', '/api/contests/week-demo/judgements?submission_id=' + sub['id']):
        if j.get('judgement_type_id'):
            print(j['judgement_type_id'])
            sys.exit(0)
    time.sleep(0.5)
print('none')
PY
)
echo "deploy test: verdict $verdict"
if [[ $verdict != AC ]]; then
    echo "--- serve stderr"; tail -n 40 "$data/serve.err"
    exit 1
fi
echo "deploy test: khue serve as user khue judged hello.c through sudo khue-box: AC"
