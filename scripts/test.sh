#!/usr/bin/env bash
# Runs every test: the C++ unit tests (plain, then under sanitizers), the
# fuzz smoke run, then the Vitest suites.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== C++ unit tests"
./build/native/poolgrad_tests --gtest_brief=1

# Sanitizer build and fuzz smoke run, when clang with ASan, UBSan and
# libFuzzer is present (scripts/setup.sh installs it). FUZZ_SECONDS=0 skips the fuzz run.
if echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' |
  clang++ -x c++ -fsanitize=fuzzer,address,undefined -o /dev/null - 2>/dev/null; then
  echo "== C++ unit tests under ASan + UBSan (clang, build/asan)"
  CXX=clang++ cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPOOLGRAD_SANITIZE=ON -DPOOLGRAD_FUZZ=ON >/dev/null
  cmake --build build/asan -j 2 >build/asan/build.log 2>&1 || { cat build/asan/build.log; exit 1; }
  ./build/asan/poolgrad_tests --gtest_brief=1
  if [ "${FUZZ_SECONDS:-10}" != 0 ]; then
    echo "== Fuzz smoke run (libFuzzer + ASan + UBSan, ${FUZZ_SECONDS:-10} s; longer: bash cpp/fuzz/run.sh 3600)"
    bash cpp/fuzz/run.sh "${FUZZ_SECONDS:-10}"
  fi
else
  echo "== Sanitizer tests and fuzzing SKIPPED: clang++ with -fsanitize=fuzzer,address,undefined is not available"
fi

echo "== Vitest"
npx vitest run
