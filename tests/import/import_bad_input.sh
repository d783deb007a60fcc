#!/bin/sh
# import_bad_input.sh KHUE POLYGON_FOLDER: a Polygon package whose test 3 breaks the input format (a value
# beyond the validator's bounds, with an answer to match, so only the validator can tell) imports, and
# `khue verify` then fails, naming the imported testlib validator, the test and the validator's own reason.
set -eu
khue=$1
source=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/khue-import-bad-XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -R "$source" "$work/package"
printf '1\n2000000000\n' > "$work/package/tests/03"
printf '2000000000\n' > "$work/package/tests/03.a"
"$khue" import polygon "$work/package" "$work/out" > /dev/null
if "$khue" verify "$work/out" > "$work/verify.log" 2>&1; then
  cat "$work/verify.log"
  echo "FAIL: khue verify passed a package with an invalid test input" >&2
  exit 1
fi
cat "$work/verify.log"
for wanted in "input validator val rejects data/secret/02-1/03.in" "expected 42" "a_i = 2000000000 is not in"; do
  if ! grep -qF "$wanted" "$work/verify.log"; then
    echo "FAIL: the verify report does not say '$wanted'" >&2
    exit 1
  fi
done
# The other tests pass the validator: only test 3 is reported (in the progress and again in the summary).
if [ "$(grep -o 'input validator val rejects [^ ]*' "$work/verify.log" | sort -u | wc -l)" != 1 ]; then
  echo "FAIL: expected exactly one rejected input" >&2
  exit 1
fi
echo "ok: the invalid input was reported"
