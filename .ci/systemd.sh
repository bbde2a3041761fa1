#!/usr/bin/env bash
# The shipped systemd unit, checked by systemd-analyze verify where systemd is installed
# (the binary path is pointed at this build; the environment file at the example).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v systemd-analyze >/dev/null; then
    echo "SKIPPED: systemd-analyze is not installed here"
    exit 0
fi
cargo build --quiet -p sprut-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -e "s#/usr/local/bin/sprut#$PWD/target/debug/sprut#" -e "s#/etc/sprut/sprut.env#$PWD/deploy/sprut.env.example#" \
    deploy/sprut.service >"$work/sprut.service"
out=$(SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no "$work/sprut.service" 2>&1 || true)
# Without a running systemd (a container), verify can only say so; anything else is a finding.
findings=$(printf '%s\n' "$out" | grep -v -e '^$' -e 'System has not been booted with systemd' \
    -e 'Failed to connect to bus' -e 'Failed to initialize manager' -e 'Failed to setup working directory' \
    -e 'sprut.service: Failed to create sprut.service' -e "Unit sprut.service not found" || true)
if [ -n "$findings" ]; then
    printf 'systemd-analyze verify deploy/sprut.service:\n%s\n' "$findings"
    exit 1
fi
echo "deploy/sprut.service verified"
