# Apache Kafka, the same version and jars as the local path (tools/kafka/pom.xml,
# resolved into tools/kafka/jars/ by the local tooling): the build context is
# prepared by `npm run containers -- images` (jars, server.properties, entrypoint).
ARG DEBIAN_IMAGE
FROM ${DEBIAN_IMAGE}
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /var/lib/kafka --create-home kafka
COPY jars/ /opt/kafka/libs/
COPY server.properties log4j2.properties /opt/kafka/config/
COPY kafka-entrypoint.sh /usr/local/bin/kafka-entrypoint
USER kafka
ENV KAFKA_HEAP_OPTS="-Xmx512m"
VOLUME /var/lib/kafka
EXPOSE 9092
ENTRYPOINT ["kafka-entrypoint"]
