#!/usr/bin/env bash
# Runs every test: the C++ unit tests, then the Vitest suites.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== C++ unit tests"
./build/native/poolgrad_tests --gtest_brief=1

echo "== Vitest"
npx vitest run
