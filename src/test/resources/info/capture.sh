#!/usr/bin/env bash
# Captures real INFO output (raw bytes, CRLF line ends as Redis sends them) for InfoParserTest.
# Usage: capture.sh REDIS_SERVER_BINARY PREFIX OUTDIR   e.g. capture.sh /usr/bin/redis-server redis-7.0 .
# Starts throwaway instances on 127.0.0.1 in a temp dir and kills them on exit.
set -euo pipefail
BIN=$1; PREFIX=$2; OUT=$(cd "$3" && pwd)
CLI=${REDIS_CLI:-redis-cli}
DIR=$(mktemp -d); PIDS=()
# DEBUG (for DEBUG POPULATE) is disabled by default from 7.0 on, and 6.2 rejects the option.
EXTRA=(); "$BIN" --version | grep -q 'v=[789]' && EXTRA=(--enable-debug-command local)
# Children first: a master's RDB child outlives a killed parent.
cleanup() { for p in "${PIDS[@]}"; do pkill -9 -P "$p" 2>/dev/null || true; kill -9 "$p" 2>/dev/null || true; done; rm -rf "$DIR"; }
trap cleanup EXIT
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start() { # start NAME PORT [extra args...]; echoes nothing, records pid
  local name=$1 port=$2; shift 2; mkdir -p "$DIR/$name"
  "$BIN" --port "$port" --bind 127.0.0.1 --dir "$DIR/$name" --save '' --appendonly no --daemonize no \
         --logfile "$DIR/$name/log" "${EXTRA[@]}" "$@" & PIDS+=($!); disown
  for _ in $(seq 50); do "$CLI" -p "$port" ping >/dev/null 2>&1 && return; sleep 0.1; done; echo "$name did not start" >&2; exit 1
}
info() { "$CLI" -p "$1" info > "$OUT/$PREFIX-$2.txt"; echo "captured $PREFIX-$2.txt"; }
waitfor() { # waitfor PORT FIELD VALUE
  for _ in $(seq 100); do "$CLI" -p "$1" info replication | tr -d '\r' | grep -qx "$2:$3" && return; sleep 0.1; done
  echo "timeout waiting for $2:$3 on $1" >&2; exit 1
}

# A master with two replicas, both linked (behind stunnel they would all show ip=127.0.0.1 too).
M=$(freeport); R1=$(freeport); R2=$(freeport)
start master "$M"; start r1 "$R1" --replicaof 127.0.0.1 "$M"; start r2 "$R2" --replicaof 127.0.0.1 "$M"
waitfor "$R1" master_link_status up; waitfor "$R2" master_link_status up
# Real writes move master_repl_offset (DEBUG POPULATE is not replicated as a stream).
"$CLI" -p "$M" -r 300 incr counter >/dev/null; sleep 1.2
info "$M" master-two-replicas; info "$R1" replica-link-up

# The master dies: the replica's link goes down.
kill -9 "${PIDS[0]}"; sleep 2; info "$R1" replica-link-down

# A replica whose master was never reachable (master_link_down_since_seconds:-1 on 6.2.2+).
N=$(freeport); X=$(freeport); start never "$N" --replicaof 127.0.0.1 "$X"; sleep 1.5; info "$N" replica-never-connected

# A full sync in progress: a master whose RDB save crawls (rdb-key-save-delay, microseconds per key).
S=$(freeport); T=$(freeport)
start slowmaster "$S" --repl-diskless-sync no
"$CLI" -p "$S" debug populate 200000 >/dev/null
"$CLI" -p "$S" config set rdb-key-save-delay 200 >/dev/null
start syncing "$T" --replicaof 127.0.0.1 "$S"
waitfor "$T" master_sync_in_progress 1; sleep 1
info "$S" master-replica-wait-bgsave; info "$T" replica-sync-in-progress

# A diskless full sync streaming slowly: the replica has read part of a transfer of unknown size.
D=$(freeport); E=$(freeport)
start disklessmaster "$D" --repl-diskless-sync yes --repl-diskless-sync-delay 0
"$CLI" -p "$D" debug populate 200000 >/dev/null
"$CLI" -p "$D" config set rdb-key-save-delay 200 >/dev/null
start receiving "$E" --replicaof 127.0.0.1 "$D"
waitfor "$E" master_sync_in_progress 1; sleep 1.5
info "$D" master-diskless-transfer; info "$E" replica-diskless-transfer
