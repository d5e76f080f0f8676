#!/usr/bin/env bash
# The container path on a machine without a running Docker engine (CI, run as root): installs
# Debian's docker.io if absent, starts dockerd on a socket of its own (so no other program on the
# machine starts using it) and stops it on exit, builds the images (base images from Debian where no
# registry answers; Docker's store in /var/lib/docker keeps them between runs), then runs the
# integration and e2e suites through Testcontainers. An engine that already answers is used as it is.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! docker info >/dev/null 2>&1; then
  if ! command -v dockerd >/dev/null || ! command -v docker >/dev/null; then
    echo "[containers] installing Docker's engine from Debian packages (docker.io)"
    apt-get update -qq && apt-get install -y -qq docker.io >/dev/null
  fi
  run_dir=/run/oms-docker
  mkdir -p "${run_dir}"
  export DOCKER_HOST="unix://${run_dir}/docker.sock"
  if ! docker info >/dev/null 2>&1; then
    echo "[containers] starting dockerd on ${DOCKER_HOST} (log: ${run_dir}/dockerd.log)"
    dockerd --host "${DOCKER_HOST}" --pidfile "${run_dir}/dockerd.pid" >"${run_dir}/dockerd.log" 2>&1 &
    dockerd_pid=$!
    trap 'kill "${dockerd_pid}" 2>/dev/null; wait "${dockerd_pid}" 2>/dev/null || true' EXIT
    for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
    docker info >/dev/null 2>&1 || { echo "[containers] dockerd did not start"; tail -20 "${run_dir}/dockerd.log"; exit 1; }
  fi
fi
df -h /var/lib/docker 2>/dev/null | tail -1 | awk '{print "[containers] disk for images: " $4 " free"}'
npm run --silent containers -- test
