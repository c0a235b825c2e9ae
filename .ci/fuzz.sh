#!/usr/bin/env bash
# Runs every fuzz target of the main module for a short while each
# (FUZZTIME, default 8s), one after another, each bounded by a timeout.
# Targets are found by their declarations, so a new fuzzer is run without
# editing this file. A crash fails the run; Go then writes the input that
# failed to the package's testdata/fuzz/<Name>/, where it becomes a
# regression seed once committed. Every target should have a committed
# seed corpus there: missing ones are listed.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${FUZZTIME:-8s}
start=$(date +%s)
missing=()
n=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# file:line:func FuzzName(, outside the separate bench module
while IFS=: read -r file _ decl; do
  name=${decl#func }
  name=${name%%(*}
  dir=$(dirname "$file")
  if ! compgen -G "$dir/testdata/fuzz/$name/*" >/dev/null; then
    missing+=("$dir $name")
  fi
  echo "fuzz: $dir $name for $fuzztime"
  # The budget covers building the instrumented test binary too.
  if ! timeout --kill-after=10s 300s go test "./$dir" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" >"$log" 2>&1; then
    cat "$log"
    # Go 1.26's fuzz coordinator can fail a target with a bare "context
    # deadline exceeded" at the end of -fuzztime, having found nothing
    # (go.dev/issue/75804, fixed in Go 1.27). A finding always writes
    # its input ("Failing input written to ..."); that one fails the run.
    if grep -q 'context deadline exceeded' "$log" && ! grep -q -e 'Failing input written' -e '^panic:' -e 'fuzz: minimizing' "$log"; then
      echo "fuzz: $dir $name: the coordinator's deadline race (go.dev/issue/75804), no failing input: not a finding"
    else
      echo "fuzz: $dir $name failed"
      exit 1
    fi
  fi
  tail -n 2 "$log"
  n=$((n + 1))
done < <(grep -rn --include='*_test.go' -E '^func Fuzz[A-Za-z0-9_]*\(' . | grep -v '^\./bench/' | sed 's|^\./||' | sort)

echo "fuzz: $n targets in $(( $(date +%s) - start )) s"
for m in "${missing[@]}"; do
  echo "fuzz: no committed seed corpus for $m (testdata/fuzz/<Name>/)"
done
