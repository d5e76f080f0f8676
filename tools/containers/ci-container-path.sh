#!/usr/bin/env bash
# The container path on a machine without a running Docker engine (CI, run as root): installs
# Debian's docker.io and the compose plugin if absent (engine.sh), starts dockerd on a socket of its own
# (so no other program on the machine starts using it) and stops it on exit, builds the images (base images from Debian where no
# registry answers; Docker's store in /var/lib/docker keeps them between runs), then runs the
# integration and e2e suites through Testcontainers. An engine that already answers is used as it is.
set -euo pipefail
cd "$(dirname "$0")/../.."

source tools/containers/engine.sh --ci
df -h /var/lib/docker 2>/dev/null | tail -1 | awk '{print "[containers] disk for images: " $4 " free"}'
npm run --silent containers -- test
