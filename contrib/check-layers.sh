#!/usr/bin/env bash
# The one-way layer rule, sandbox <- judge <- store <- api: a lower layer never includes a higher one.
# Usage: contrib/check-layers.sh [SOURCE_DIR]   (registered as the CTest test `layers`)
# Exits 1 and names every offending file and line. The CMake targets enforce the same rule at compile time
# (a lower target does not see a higher one's include folder); this check also catches a relative include.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"
status=0

# check FOLDER DESCRIPTION PATTERN [EXCLUDED_SUBFOLDER]: fails on any #include in FOLDER matching PATTERN.
check() {
    local folder=$1 what=$2 pattern=$3 exclude=${4:-}
    [ -d "$folder" ] || { echo "check-layers: no folder $folder" >&2; status=1; return; }
    local args=(-rnE --include='*.cpp' --include='*.hpp' --include='*.h' --include='*.c' "$pattern" "$folder")
    [ -n "$exclude" ] && args=(--exclude-dir="$exclude" "${args[@]}")
    local hits
    hits=$(grep "${args[@]}" || true)
    if [ -n "$hits" ]; then
        echo "check-layers: $what:" >&2
        echo "$hits" >&2
        status=1
    fi
}

include='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]'
# The sandbox includes only its own headers (khue/sandbox/...) and system ones.
check sandbox "sandbox includes a khue header other than khue/sandbox" "${include}khue/[^s]|${include}khue/s[^a]|${include}(\.\./)+(judge|api)/"
# Of the sandbox, the judge and everything above it see only the protocol header: they run khue-box as a program.
check judge "judge or store includes a sandbox header other than khue/sandbox/protocol.hpp" \
    "${include}khue/sandbox/([^p]|p[^r]|pr[^o]|pro[^t]|prot[^o]|proto[^c]|protoc[^o]|protoco[^l]|protocol[^.])"
check api "the API includes a sandbox header other than khue/sandbox/protocol.hpp" \
    "${include}khue/sandbox/([^p]|p[^r]|pr[^o]|pro[^t]|prot[^o]|proto[^c]|protoc[^o]|protoco[^l]|protocol[^.])"
# The judge knows no store and no API.
check judge "the judge (judge/ outside judge/store) includes the store or the API" \
    "${include}khue/(store|api)/|${include}(\.\./)+(store|api)/" store
# The store knows no API.
check judge/store "the store includes the API" "${include}khue/api/|${include}(\.\./)+api/"
# Nothing below the API reaches into the API's private sources either.
check judge "judge or store includes api sources" "${include}[^\"]*api/src/"

if [ "$status" -eq 0 ]; then
    echo "check-layers: sandbox <- judge <- store <- api holds"
fi
exit "$status"
