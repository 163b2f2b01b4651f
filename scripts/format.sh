#!/usr/bin/env bash
# Formats the Swift sources in place, then checks that nothing is left for the linter.
set -euo pipefail
cd "$(dirname "$0")/.."
swift format format --in-place --recursive --parallel Package.swift Sources Tests
swift format lint --strict --recursive --parallel Package.swift Sources Tests
