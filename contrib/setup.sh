#!/usr/bin/env bash
# Installs everything Khue needs to build, run and test on Debian 12. Idempotent: when every package is
# already there it only checks (well under a second) and touches nothing.
#   contrib/setup.sh          build + run dependencies, compilers for the judged languages
#   contrib/setup.sh --test   also what the test suite needs (PostgreSQL server, Chromium, wrk, nginx, npm packages)
set -euo pipefail

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-filesystem1.81-dev
  libseccomp-dev libyaml-cpp-dev libspdlog-dev libsqlite3-dev libpq-dev libzip-dev zlib1g-dev libssl-dev libcli11-dev
  # compilers and runtimes of the judged languages (languages/languages.yaml)
  gcc g++ python3 openjdk-17-jdk-headless fpc rustc nodejs
  zip unzip
)
if (( want_test )); then
  packages+=(libgtest-dev clang libclang-rt-14-dev postgresql-15 chromium wrk nginx-light hyperfine procps bc python3 sudo)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    # nodejs may come from another Debian-compatible source that already provides /usr/bin/node
    if [[ "$p" == nodejs ]] && command -v node >/dev/null; then continue; fi
    missing+=("$p")
  fi
done

if (( ${#missing[@]} )); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  (( EUID != 0 )) && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all Debian packages present"
fi

# The web pages' editor and statement renderer are bundled from npm packages at build time (api/web/CMakeLists.txt),
# for running and testing alike; `npm ci` installs exactly what api/web/src/package-lock.json names.
# A copy of the lock file in node_modules says which lock file was installed last.
if [[ -f api/web/src/package-lock.json ]] && ! cmp -s api/web/src/package-lock.json \
    api/web/src/node_modules/.khue-installed-lock.json 2>/dev/null; then
  echo "setup: installing npm packages for the web pages' bundle"
  (cd api/web/src && npm ci --no-audit --no-fund --silent && cp package-lock.json node_modules/.khue-installed-lock.json)
fi

# The browser and Contest API conformance tests' packages (playwright-core, ajv), exactly as their lock file names
# them, again whenever the lock file changed.
if (( want_test )) && [[ -f tests/browser/package-lock.json ]] && ! cmp -s tests/browser/package-lock.json \
    tests/browser/node_modules/.khue-installed-lock.json 2>/dev/null; then
  echo "setup: installing npm packages for the browser tests"
  (cd tests/browser && npm ci --no-audit --no-fund --silent && cp package-lock.json node_modules/.khue-installed-lock.json)
fi
