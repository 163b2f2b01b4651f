#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (every module with -sanitize=fuzzer,address) and runs each for a bounded
# time, starting from its seed corpus in Fuzz/Corpus/<target>/. Exits non-zero at the first crash, leak or
# timeout; the input that caused it is kept under .build-fuzz/artifacts/. docs/FUZZING.md says how to run longer.
#   FUZZ_SECONDS   seconds per target (default 45)
#   FUZZ_TARGETS   space-separated targets to run (default: every folder Fuzz/Sources/Fuzz*, FuzzSupport aside)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-45}
scratch=.build-fuzz
targets=${FUZZ_TARGETS:-$(ls Fuzz/Sources | grep '^Fuzz' | grep -vx FuzzSupport | tr '\n' ' ')}
# The manifest lists the targets by folder: a cached evaluation (SwiftPM keys it by the manifest's text, not by the
# folders) would miss a target added since, so it is evaluated afresh.
# C targets (the photo decoder's wrapper) are instrumented too, so the fuzzer sees their branches and ASan their reads.
swift build --package-path Fuzz --scratch-path "$scratch" -c release --manifest-cache none \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld \
    -Xcc -fsanitize=fuzzer-no-link,address
mkdir -p "$scratch/artifacts"
for target in $targets; do
    work=$(mktemp -d)
    cp Fuzz/Corpus/"$target"/* "$work"/
    log="$scratch/artifacts/$target.log"
    printf '\n== fuzzing %s for %s s\n' "$target" "$seconds"
    if ! "$scratch/release/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix="$scratch/artifacts/$target-" "$work" >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        echo "fuzz target $target failed; the input is under $scratch/artifacts/" >&2
        exit 1
    fi
    grep -E '^stat::(number_of_executed_units|new_units_added)|^Done' "$log" || true
    rm -rf "$work"
done
