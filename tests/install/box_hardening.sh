#!/usr/bin/env bash
# khue-box runs as root: check that the binary really carries the hardening sandbox/CMakeLists.txt asks for.
# Usage: box_hardening.sh PATH/TO/khue-box
set -euo pipefail
box=$1
failed=0
check() {  # check DESCRIPTION COMMAND...
    if "${@:2}" >/dev/null; then
        echo "ok   $1"
    else
        echo "FAIL $1"
        failed=1
    fi
}
header=$(readelf -hW "$box")
segments=$(readelf -lW "$box")
dynamic=$(readelf -dW "$box")
symbols=$(readelf -sW "$box")
check "position-independent executable (ELF type DYN)" grep -Eq 'Type:[[:space:]]+DYN' <<<"$header"
check "RELRO segment (GNU_RELRO)" grep -q 'GNU_RELRO' <<<"$segments"
check "full RELRO: symbols bound at start (BIND_NOW)" grep -Eq '\(FLAGS\).*BIND_NOW|\(FLAGS_1\).*NOW' <<<"$dynamic"
check "no executable stack (GNU_STACK RW)" grep -Eq 'GNU_STACK([[:space:]]+[^[:space:]]+){5}[[:space:]]+RW[[:space:]]' <<<"$segments"
check "stack protector (__stack_chk_fail referenced)" grep -q '__stack_chk_fail' <<<"$symbols"
# _FORTIFY_SOURCE turns calls such as read, memcpy or snprintf with a known buffer size into their __*_chk forms.
check "_FORTIFY_SOURCE (checked __*_chk functions referenced)" \
    grep -Eq '[[:space:]]__[a-z0-9_]+_chk(@[^[:space:]]*)?$' < <(grep -v '__stack_chk' <<<"$symbols")
exit $failed
