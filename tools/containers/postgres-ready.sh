#!/bin/bash
# Health check: the server is accepting connections (the embedded-postgres binaries have no pg_isready;
# PostgreSQL writes its state, "ready" once it accepts connections, on line 8 of postmaster.pid).
sed -n 8p "${PGDATA}/postmaster.pid" 2>/dev/null | grep -q '^ready'
