#!/usr/bin/env bash
# The test command of the README: installs the Python references, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
dotnet test MlNetResNet.sln -c Release "$@"
