#!/bin/bash
# Starts a single-node KRaft broker: the local path's server.properties, then every
# KAFKA_<NAME> variable as <name> (KAFKA_ADVERTISED_LISTENERS -> advertised.listeners),
# as the official apache/kafka image does. Storage is formatted on first start.
set -euo pipefail
config=/var/lib/kafka/server.properties
cp /opt/kafka/config/server.properties "$config"
while IFS='=' read -r name value; do
  case "$name" in KAFKA_HEAP_OPTS|KAFKA_OPTS|KAFKA_CLUSTER_ID) continue ;; esac
  key=$(echo "${name#KAFKA_}" | tr '[:upper:]' '[:lower:]' | tr '_' '.')
  echo "${key}=${value}" >> "$config"
done < <(env | grep -E '^KAFKA_[A-Z0-9_]+=' || true)
classpath='/opt/kafka/libs/*'
log4j="-Dlog4j2.configurationFile=/opt/kafka/config/log4j2.properties" # Kafka 4: log4j 2
if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  java -cp "$classpath" "$log4j" kafka.tools.StorageTool format --ignore-formatted \
    -t "${KAFKA_CLUSTER_ID:-$(java -cp "$classpath" "$log4j" kafka.tools.StorageTool random-uuid)}" -c "$config"
fi
# shellcheck disable=SC2086 # KAFKA_HEAP_OPTS and KAFKA_OPTS hold several JVM flags
exec java $KAFKA_HEAP_OPTS ${KAFKA_OPTS:-} -XX:+UseG1GC -Djava.awt.headless=true -cp "$classpath" "$log4j" kafka.Kafka "$config"
