#!/usr/bin/env bash
# Runs the README's walk-through as a new user pastes it: every ```bash block of README.md, in order, in one
# shell, against a system already running (`npm start`, or `npm run containers -- up`) and fresh (it seeds the
# catalog and creates records). Stops at the first failing step and shows it.
# A curl answering 4xx/5xx fails its step (curl --fail-with-body), except one that prints its own status code
# (-w '%{http_code}'), which is how the README shows an expected refusal; a jq that cannot read its input
# fails its step too (pipefail). Usage: npm run walkthrough
set -euo pipefail
cd "$(dirname "$0")/../.."

script=$(mktemp --suffix=.walkthrough.sh)
{
  echo 'set -Eeo pipefail'
  echo 'curl() { local a; for a in "$@"; do case "$a" in -w|--write-out) command curl "$@"; return;; esac; done; command curl --fail-with-body "$@"; }'
  # The failing line: inside the curl wrapper, the line that called it.
  echo 'trap '"'"'rc=$?; l=$LINENO; [ ${#FUNCNAME[@]} -gt 0 ] && l=${BASH_LINENO[0]}; echo; echo "[walkthrough] FAILED (exit $rc) at:" >&2; sed -n "$((l > 2 ? l - 2 : 1)),${l}p" "$0" >&2'"'"' ERR'
  awk '/^```bash$/ { inside = 1; next } /^```$/ && inside { inside = 0; next } inside { print }' README.md
  echo 'echo "[walkthrough] every README step answered"'
} >"${script}"
echo "[walkthrough] $(grep -c 'curl ' "${script}") curl calls from README.md's bash blocks (script: ${script})"
bash "${script}"
rm -f "${script}"
