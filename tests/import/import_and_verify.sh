#!/bin/sh
# import_and_verify.sh KHUE themis FOLDER [OPTIONS...] | KHUE polygon FOLDER: imports into a fresh temp folder
# with `khue import`, then runs `khue verify` on every package written. A Polygon fixture is kept unpacked in
# git; it is zipped first, as Polygon hands packages out. The temp folder is removed afterwards.
set -eu
khue=$1
kind=$2
source=$3
shift 3
work=$(mktemp -d "${TMPDIR:-/tmp}/khue-import-verify-XXXXXX")
trap 'rm -rf "$work"' EXIT
case $kind in
  themis) packages=$("$khue" import themis "$source" "$work/out" "$@") ;;
  polygon)
    python3 -c 'import shutil, sys; shutil.make_archive(sys.argv[1], "zip", sys.argv[2])' "$work/package" "$source"
    packages=$("$khue" import polygon "$work/package.zip" "$work/out") ;;
  *) echo "unknown kind $kind" >&2; exit 2 ;;
esac
for package in $packages; do
  "$khue" verify "$package"
done
