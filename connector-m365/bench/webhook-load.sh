#!/usr/bin/env bash
# Webhook load benchmark: Graph change notifications against a running Palisade on loopback.
# Usage: connector-m365/bench/webhook-load.sh [base-url] [database] [connections] [seconds]
# Needs wrk (Debian package `wrk`) and psql. Creates one M365 subscription row with a known clientState for the
# first tenant in the database, then runs wrk with webhook-notifications.lua.
set -euo pipefail
BASE=${1:-http://127.0.0.1:8080}
DB=${2:-palisade}
CONNECTIONS=${3:-8}
SECONDS_=${4:-30}
HERE=$(cd "$(dirname "$0")" && pwd)

TENANT=$(psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT tenant_id FROM tenants ORDER BY created_at LIMIT 1")
if [ -z "$TENANT" ]; then echo "no tenant in database $DB" >&2; exit 1; fi
export SUBSCRIPTION=$(cat /proc/sys/kernel/random/uuid)
export CLIENT_STATE=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
HASH=$(printf '%s' "$CLIENT_STATE" | sha256sum | cut -d' ' -f1)
MAILBOX=$(psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT id FROM mailboxes WHERE tenant_id = '$TENANT' LIMIT 1")
psql -h 127.0.0.1 -U postgres -d "$DB" -qc "INSERT INTO m365_subscriptions (subscription_id, tenant_id, mailbox_id,
  resource, client_state_hash, expires_at, status, created_at, updated_at) VALUES ('$SUBSCRIPTION', '$TENANT',
  '$MAILBOX', '/users/bench/messages', '$HASH', now() + interval '1 day', 'ACTIVE', now(), now())"

wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" --latency -s "$HERE/webhook-notifications.lua" "$BASE/webhooks/m365"

echo "stored=$(psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT count(*) FROM work_items
  WHERE tenant_id = '$TENANT' AND kind = 'm365.notification' AND payload->>'subscriptionId' = '$SUBSCRIPTION'")"
# The benchmark's work items name messages that do not exist: remove them, and the subscription row.
psql -h 127.0.0.1 -U postgres -d "$DB" -qc "DELETE FROM work_items WHERE tenant_id = '$TENANT'
  AND kind = 'm365.notification' AND payload->>'subscriptionId' = '$SUBSCRIPTION';
  DELETE FROM m365_subscriptions WHERE subscription_id = '$SUBSCRIPTION'"
