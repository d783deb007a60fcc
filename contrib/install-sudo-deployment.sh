#!/usr/bin/env bash
# Sets up Khue's supported deployment: `khue serve` as the unprivileged system user `khue`, calling the sandbox
# through a narrow sudo rule (contrib/sudoers.d/khue) — see contrib/systemd/khue.service. Idempotent.
#
#   contrib/install-sudo-deployment.sh [--user khue] [--khue-box /opt/khue/khue-box] [--uninstall]
#
# It creates the user, the root-owned folders khue-box accepts host paths under (with a folder inside each that
# the server owns), and /etc/sudoers.d/khue, checked with `visudo -c` before it is put in place. It refuses a
# khue-box that is not root-owned and root-only-writable along its whole path, since the rule would make that
# file root for whoever can replace it.
#   /var/lib/khue         root 0755   /var/lib/khue/data   server-owned: database, package cache (--data)
#   /dev/shm/khue         root 0711   /dev/shm/khue/work   server-owned: judging scratch (KHUE_WORK_DIR)
# Needs root and sudo (apt-get install sudo).
set -euo pipefail

user=khue
khue_box=/opt/khue/khue-box
uninstall=0
while (( $# )); do
    case "$1" in
        --user) user=$2; shift 2 ;;
        --khue-box) khue_box=$2; shift 2 ;;
        --uninstall) uninstall=1; shift ;;
        *) echo "install-sudo-deployment: unknown option $1" >&2; exit 2 ;;
    esac
done
src=$(cd "$(dirname "$0")/.." && pwd)
sudoers=/etc/sudoers.d/$user

if (( EUID != 0 )); then
    echo "install-sudo-deployment: run as root" >&2
    exit 1
fi
if [[ ! $user =~ ^[a-z_][a-z0-9_-]*$ ]]; then
    echo "install-sudo-deployment: --user $user is not a plain user name" >&2
    exit 2
fi

if (( uninstall )); then
    rm -f "$sudoers"
    echo "install-sudo-deployment: removed $sudoers (the user and folders are kept)"
    exit 0
fi

if ! command -v sudo >/dev/null || ! command -v visudo >/dev/null; then
    echo "install-sudo-deployment: sudo is not installed (apt-get install sudo)" >&2
    exit 1
fi

# The rule names khue-box by its real absolute path; it and every folder above it must be root's alone.
khue_box=$(realpath -e "$khue_box")
path=$khue_box
while :; do
    owner=$(stat -c %u "$path")
    mode=$((8#$(stat -c %a "$path")))
    # Group/other-writable is tolerated only on a sticky folder (like /tmp), where nobody else may rename it.
    if (( owner != 0 )) || { (( mode & 8#022 )) && [[ ! -k $path || $path == "$khue_box" ]]; }; then
        echo "install-sudo-deployment: $path must be owned by root and writable by root only" >&2
        exit 1
    fi
    [[ $path == / ]] && break
    path=$(dirname "$path")
done
if [[ ! -x $khue_box ]]; then
    echo "install-sudo-deployment: $khue_box is not executable" >&2
    exit 1
fi

if ! id "$user" >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/khue --no-create-home --shell /usr/sbin/nologin "$user"
    echo "install-sudo-deployment: created system user $user"
fi

install -d -o root -g root -m 0755 /var/lib/khue
install -d -o "$user" -g "$user" -m 0711 /var/lib/khue/data
install -d -o root -g root -m 0711 /dev/shm/khue
install -d -o "$user" -g "$user" -m 0711 /dev/shm/khue/work

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
sed -e "s|@USER@|$user|g" -e "s|@KHUE_BOX@|$khue_box|g" "$src/contrib/sudoers.d/khue" >"$tmp"
if ! visudo -cqf "$tmp"; then
    echo "install-sudo-deployment: the generated sudoers file does not check:" >&2
    cat "$tmp" >&2
    exit 1
fi
install -o root -g root -m 0440 "$tmp" "$sudoers"
echo "install-sudo-deployment: $user may run $khue_box run|session|cleanup as root ($sudoers)"
