#!/usr/bin/env bash
# The API checked against its own OpenAPI document by a client that reads only the document:
# schemathesis generates requests for every operation, as an administrator and as a rep, on a
# demo company, and fails on any 5xx, any response the document does not describe (status,
# content type, body schema). Bounded: a fixed number of examples per operation, a fixed seed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! python3 -c "import schemathesis" 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore schemathesis ||
        python3 -m pip install --quiet --disable-pip-version-check --break-system-packages schemathesis
fi
cargo build --quiet -p sprut-cli
bin=target/debug/sprut
work=$(mktemp -d)
db="sqlite://$work/api.db?mode=rwc"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$bin" --db "$db" demo --today "$(date -u +%F)" >/dev/null
admin=$("$bin" --db "$db" user token admin@demo.sprut --label schemathesis 2>/dev/null)
rep=$("$bin" --db "$db" user token rep1@demo.sprut --label schemathesis 2>/dev/null)
port=$((18000 + RANDOM % 1000))
"$bin" --db "$db" serve --listen "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.5
done

status=0
# schemathesis keeps its cache in the working directory: keep it out of the repository.
cd "$work"
for who in admin rep; do
    token=${!who}
    echo "schemathesis as $who"
    schemathesis run "http://127.0.0.1:$port/api/v1/openapi.json" \
        --header "Authorization: Bearer $token" \
        --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
        --phases examples,fuzzing --max-examples "${SCHEMATHESIS_EXAMPLES:-25}" --seed 1 --workers 1 \
        --request-timeout 30 || status=1
done
cd - >/dev/null
if [ "$status" -ne 0 ]; then
    echo "--- server log"; tail -n 50 "$work/serve.log"
fi
exit "$status"
