#!/usr/bin/env bash
# descent set-up: install what is missing (Debian 12), build, then
#   lessons   run every lesson and print a claim-by-claim summary
#   test      build the docs and run the whole test suite (CTest)
#   sanitize  build with ASan + UBSan in build-asan/ and run the test suite there (CI)
# Idempotent: installs only missing packages, reuses an existing build directory.
set -euo pipefail
mode="${1:-}"
case "$mode" in
  lessons|test|sanitize) ;;
  *) echo "usage: bash scripts/setup.sh lessons|test|sanitize" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."

packages=(g++ make cmake ninja-build pkg-config python3
  libeigen3-dev libboost-dev libmpfr-dev libgmp-dev libmpfi-dev
  catch2 librapidcheck-dev libcli11-dev nlohmann-json3-dev libbenchmark-dev liblbfgspp-dev
  gnuplot-nox doxygen graphviz libjs-mathjax python3-mpmath)
# the tests run real PyTorch (Debian's python3-torch for /usr/bin/python3) against the optimizers
if [ "$mode" != lessons ]; then packages+=(python3-torch); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

jobs="$(nproc 2>/dev/null || echo 2)"
# Ninja schedules every compilation as soon as its inputs exist (Make waits for whole
# targets), so both cores stay busy; a build directory made earlier keeps its generator.
generator() {
  if [ -f "$1/CMakeCache.txt" ]; then echo ""; else echo "-G Ninja"; fi
}
if [ "$mode" = sanitize ]; then
  cmake -S . -B build-asan $(generator build-asan) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDESCENT_SANITIZE=ON -DDESCENT_BUILD_BENCH=OFF >/dev/null
  cmake --build build-asan -j"$jobs"
  # Fewer random cases under the sanitizers: they run ~5x slower; the full count runs in `test`.
  RC_PARAMS="${RC_PARAMS:-max_success=25}" ASAN_OPTIONS=detect_leaks=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE docs
  exit $?
fi

cmake -S . -B build $(generator build) -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"

if [ "$mode" = lessons ]; then
  exec build/bin/descent verify
fi
cmake --build build --target docs
ctest --test-dir build --output-on-failure -j"$jobs"
