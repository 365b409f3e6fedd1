#!/usr/bin/env bash
# Builds the libFuzzer target (clang, ASan+UBSan) in build/asan/ and runs it.
#   bash cpp/fuzz/run.sh                 # 10-second smoke run (what npm test does)
#   bash cpp/fuzz/run.sh 3600            # an hour; the corpus grows in build/asan/fuzz-corpus/
#   bash cpp/fuzz/run.sh 600 -jobs=2     # extra flags go to libFuzzer
# A finding stops the run and leaves crash-* in build/asan/fuzz-findings/;
# replay it with build/asan/pool_fuzz <file>, and add it to
# cpp/fuzz/regressions/ once fixed so every run replays it first.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-10}"
shift || true

CXX="${CXX:-clang++}" cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPOOLGRAD_SANITIZE=ON -DPOOLGRAD_FUZZ=ON >/dev/null
if ! cmake --build build/asan -j "$(nproc 2>/dev/null || echo 2)" --target pool_fuzz >build/asan/fuzz-build.log 2>&1; then
  cat build/asan/fuzz-build.log
  exit 1
fi

mkdir -p build/asan/fuzz-corpus build/asan/fuzz-findings
# Regressions first: each must pass before anything new is tried.
./build/asan/pool_fuzz cpp/fuzz/regressions/* 2>&1 | grep -E 'Executed|ERROR|error|pool_fuzz:'
# A fixed seed keeps the smoke run reproducible; the corpus carries progress over between runs.
./build/asan/pool_fuzz build/asan/fuzz-corpus cpp/fuzz/regressions \
  -max_total_time="$seconds" -seed="${FUZZ_SEED:-1}" -max_len=2048 -print_final_stats=1 \
  -artifact_prefix=build/asan/fuzz-findings/ "$@" 2>&1 |
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+ +DONE|ERROR|error|pool_fuzz:|SUMMARY'
