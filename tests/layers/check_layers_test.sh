#!/usr/bin/env bash
# contrib/check-layers.sh must fail, naming the file, for each kind of upward include, and pass on a clean tree.
# Usage: check_layers_test.sh SOURCE_DIR
set -euo pipefail
script="$1/contrib/check-layers.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tree() {  # a clean miniature of the source tree
    rm -rf "$work/t"
    mkdir -p "$work/t/sandbox/src" "$work/t/judge/src" "$work/t/judge/store/src" "$work/t/api/src"
    echo '#include "khue/sandbox/box.hpp"' > "$work/t/sandbox/src/box.cpp"
    printf '#include "khue/judge/types.hpp"\n#include "khue/sandbox/protocol.hpp"\n' > "$work/t/judge/src/types.cpp"
    printf '#include "khue/judge/types.hpp"\n#include "khue/store/store.hpp"\n' > "$work/t/judge/store/src/store.cpp"
    printf '#include "khue/store/store.hpp"\n#include "khue/api/server.hpp"\n' > "$work/t/api/src/server.cpp"
}

expect_fail() {  # FILE LINE
    tree
    echo "$2" >> "$work/t/$1"
    if out=$(bash "$script" "$work/t" 2>&1); then
        echo "FAIL: '$2' in $1 was not reported"; exit 1
    fi
    grep -q "$1" <<< "$out" || { echo "FAIL: the report does not name $1:"; echo "$out"; exit 1; }
}

tree
bash "$script" "$work/t" > /dev/null || { echo "FAIL: a clean tree was reported"; exit 1; }
expect_fail sandbox/src/box.cpp '#include "khue/judge/types.hpp"'
expect_fail sandbox/src/box.cpp '#include "khue/store/store.hpp"'
expect_fail judge/src/types.cpp '#include "khue/store/store.hpp"'
expect_fail judge/src/types.cpp '#include "khue/sandbox/box.hpp"'
expect_fail judge/store/src/store.cpp '#include <khue/sandbox/result.hpp>'
expect_fail judge/src/types.cpp '#  include <khue/api/server.hpp>'
expect_fail judge/store/src/store.cpp '#include "khue/api/contest_api.hpp"'
expect_fail judge/store/src/store.cpp '#include "../../../api/src/app.hpp"'
echo "check-layers catches every upward include"
