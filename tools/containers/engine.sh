#!/usr/bin/env bash
# A Docker engine and its compose v2 plugin on a Debian bookworm machine without them, run as root:
#   bash tools/containers/engine.sh            installs what is missing, starts dockerd on its own socket and
#                                              leaves it running; prints the DOCKER_HOST to export
#   source tools/containers/engine.sh --ci     the same inside a script, stopping that dockerd when the script exits
# docker.io comes from the machine's Debian mirror. Bookworm's docker-compose is the old 1.x (no `docker compose`),
# so the 2.x plugin comes from trixie's docker-compose package, fetched with a source list kept apart from the
# system's (nothing else is upgraded) and unpacked with dpkg -x: a single static binary.
# An engine that already answers is used as it is.
set -euo pipefail

oms_say() { echo "[containers] $*"; }

oms_install_engine() {
  if command -v dockerd >/dev/null && command -v docker >/dev/null; then return; fi
  oms_say "installing Docker's engine from Debian packages (docker.io)"
  apt-get update -qq && apt-get install -y -qq docker.io >/dev/null
}

oms_install_compose_plugin() {
  if docker compose version >/dev/null 2>&1; then return; fi
  oms_say "installing the compose v2 plugin (Debian trixie's docker-compose package, unpacked)"
  local dir; dir=$(mktemp -d)
  mkdir -p "${dir}/sources" "${dir}/lists/partial" "${dir}/archives/partial"
  printf 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    >"${dir}/sources/trixie.sources"
  local apt_opts=(-o "Dir::Etc::sourcelist=/dev/null" -o "Dir::Etc::sourceparts=${dir}/sources"
    -o "Dir::State::Lists=${dir}/lists" -o "Dir::Cache::archives=${dir}/archives" -o "APT::Get::List-Cleanup=0")
  apt-get "${apt_opts[@]}" update -qq
  (cd "${dir}" && apt-get "${apt_opts[@]}" download docker-compose >/dev/null)
  dpkg -x "${dir}"/docker-compose_*.deb "${dir}/root"
  local plugin; plugin=$(find "${dir}/root" -type f -path "*/cli-plugins/docker-compose" | head -1)
  [ -n "${plugin}" ] || { oms_say "the docker-compose package holds no plugin binary"; return 1; }
  install -D -m 0755 "${plugin}" /usr/local/lib/docker/cli-plugins/docker-compose
  rm -rf "${dir}"
  docker compose version
}

oms_start_engine() {
  local stop_on_exit=$1
  if docker info >/dev/null 2>&1; then return; fi
  local run_dir=/run/oms-docker
  mkdir -p "${run_dir}"
  export DOCKER_HOST="unix://${run_dir}/docker.sock"
  if docker info >/dev/null 2>&1; then return; fi
  oms_say "starting dockerd on ${DOCKER_HOST} (log: ${run_dir}/dockerd.log)"
  if [ "${stop_on_exit}" = yes ]; then
    dockerd --host "${DOCKER_HOST}" --pidfile "${run_dir}/dockerd.pid" >"${run_dir}/dockerd.log" 2>&1 &
    OMS_DOCKERD_PID=$!
    trap 'kill "${OMS_DOCKERD_PID}" 2>/dev/null; wait "${OMS_DOCKERD_PID}" 2>/dev/null || true' EXIT
  else
    nohup dockerd --host "${DOCKER_HOST}" --pidfile "${run_dir}/dockerd.pid" >"${run_dir}/dockerd.log" 2>&1 &
  fi
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && return; sleep 1; done
  oms_say "dockerd did not start"; tail -20 "${run_dir}/dockerd.log"; return 1
}

oms_engine() {
  local stop_on_exit=$1
  oms_install_engine
  oms_start_engine "${stop_on_exit}"
  oms_install_compose_plugin || { [ "${stop_on_exit}" = yes ] && oms_say "no compose plugin: docker compose steps will fail"; }
}

if [ "${1:-}" = --ci ]; then
  oms_engine yes
else
  oms_engine no
  oms_say "engine ready; in your shell: export DOCKER_HOST=${DOCKER_HOST:-unix:///var/run/docker.sock}"
fi
