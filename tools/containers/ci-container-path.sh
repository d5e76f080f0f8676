#!/usr/bin/env bash
# The container path on a machine without a running Docker engine (CI, run as root): installs
# Debian's docker.io and the compose plugin if absent (engine.sh), starts dockerd on a socket of its own
# (so no other program on the machine starts using it) and stops it on exit, builds the images (base images from Debian where no
# registry answers; Docker's store in /var/lib/docker keeps them between runs), then runs the
# integration and e2e suites through Testcontainers, then starts the system with `docker compose up` and runs
# the README's walk-through against it (tools/dev/readme-walkthrough.sh). An engine that already answers is used as it is.
set -euo pipefail
cd "$(dirname "$0")/../.."

source tools/containers/engine.sh --ci
df -h /var/lib/docker 2>/dev/null | tail -1 | awk '{print "[containers] disk for images: " $4 " free"}'
set +e
npm run --silent containers -- test
tests_status=$?
echo "[containers] the README walk-through against docker compose"
started=$(date +%s)
# The walk-through needs a fresh system: a compose project left on this engine by an earlier run that was
# stopped before its own `down` (CI runs on the machine a session leaves, with Docker's store kept) would be
# recreated with its old anonymous volumes, and the walk-through would meet its records (409 on the warehouse).
npm run --silent containers -- down >/dev/null 2>&1 || true
npm run --silent containers -- up && npm run --silent walkthrough
walkthrough_status=$?
npm run --silent containers -- down >/dev/null 2>&1
echo "[containers] README walk-through against compose: $([ "${walkthrough_status}" -eq 0 ] && echo passed || echo FAILED) after $(( $(date +%s) - started )) s"
set -e
exit $(( tests_status != 0 ? tests_status : walkthrough_status ))
