#!/usr/bin/env bash
# Entrypoint of the Eddy Lab image (Dockerfile): starts the services the notebooks use, as
# `make lab-services` does, then JupyterLab with the Eddy kernel as the default kernel.
#
#   - the embedded Kafka broker (`eddy broker`) on EDDY_KAFKA_BOOTSTRAP, persistent under
#     EDDY_KAFKA_DATA_DIR, unless EDDY_EMBEDDED_BROKER=0 (docker-compose.yml uses apache/kafka);
#   - `eddy produce transactions` on EDDY_TRANSACTIONS_ADDR (the socket notebook);
#   - `eddy produce events` on EDDY_EVENTS_URL, writing to Kafka topic "events";
#   - `eddy produce rides`, the seed rides looped into Kafka topic rides_csv at EDDY_RIDES_RATE/s;
#   - JupyterLab on EDDY_LAB_IP:EDDY_LAB_PORT with EDDY_NOTEBOOKS as its root. Arguments are
#     passed on to `jupyter lab` (for example --IdentityProvider.token=...).
#
# The services log to EDDY_LOG_DIR (default ~/.eddy/logs). TERM/INT stop everything.
set -euo pipefail

: "${EDDY_KAFKA_BOOTSTRAP:=localhost:9092}"
: "${EDDY_TRANSACTIONS_ADDR:=localhost:5555}"
: "${EDDY_EVENTS_URL:=http://localhost:5000}"
: "${EDDY_EMBEDDED_BROKER:=1}"
: "${EDDY_KAFKA_DATA_DIR:=$HOME/.eddy/kafka}"
: "${EDDY_RIDES_RATE:=5}"
: "${EDDY_LAB_IP:=0.0.0.0}"
: "${EDDY_LAB_PORT:=8888}"
: "${EDDY_NOTEBOOKS:=$HOME/notebooks}"
: "${EDDY_DATA:=$HOME/data}"
: "${EDDY_LOG_DIR:=$HOME/.eddy/logs}"
export EDDY_KAFKA_BOOTSTRAP EDDY_TRANSACTIONS_ADDR EDDY_EVENTS_URL

mkdir -p "$EDDY_LOG_DIR"
pids=()
# shellcheck disable=SC2329 # called from the traps below
stop() {
  trap - TERM INT EXIT
  if ((${#pids[@]})); then
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap 'stop; exit 0' TERM INT
trap stop EXIT

# wait_for HOST:PORT SECONDS: true once a TCP connection to HOST:PORT succeeds.
wait_for() {
  local host=${1%:*} port=${1##*:} i
  for ((i = 0; i < $2 * 5; i++)); do
    if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  return 1
}

# The first bootstrap server is the one the broker listens on and the producers write to.
kafka=${EDDY_KAFKA_BOOTSTRAP%%,*}
if [ "$EDDY_EMBEDDED_BROKER" = 1 ]; then
  mkdir -p "$EDDY_KAFKA_DATA_DIR"
  eddy broker --addr "$kafka" --data-dir "$EDDY_KAFKA_DATA_DIR" >>"$EDDY_LOG_DIR/broker.log" 2>&1 &
  pids+=($!)
fi
if ! wait_for "$kafka" 60; then
  echo "eddy-lab: no Kafka broker answers on $kafka (log: $EDDY_LOG_DIR/broker.log)" >&2
  exit 1
fi
echo "eddy-lab: Kafka on $kafka"

events=${EDDY_EVENTS_URL#http://}
events=${events%%/*}
eddy produce transactions --listen "$EDDY_TRANSACTIONS_ADDR" --rate 2 >>"$EDDY_LOG_DIR/transactions.log" 2>&1 &
pids+=($!)
eddy produce events --listen "$events" --bootstrap "$kafka" >>"$EDDY_LOG_DIR/events.log" 2>&1 &
pids+=($!)
eddy produce rides --bootstrap "$kafka" --file "$EDDY_DATA/rides.csv" --rate "$EDDY_RIDES_RATE" --loop \
  >>"$EDDY_LOG_DIR/rides.log" 2>&1 &
pids+=($!)
echo "eddy-lab: transactions on $EDDY_TRANSACTIONS_ADDR, events API on http://$events, rides into rides_csv at $EDDY_RIDES_RATE/s (logs in $EDDY_LOG_DIR)"

jupyter lab --no-browser --ServerApp.ip="$EDDY_LAB_IP" --ServerApp.port="$EDDY_LAB_PORT" \
  --ServerApp.port_retries=0 --ServerApp.root_dir="$EDDY_NOTEBOOKS" \
  --MappingKernelManager.default_kernel_name=eddy "$@" &
lab=$!
pids+=("$lab")
status=0
wait "$lab" || status=$?
exit "$status"
