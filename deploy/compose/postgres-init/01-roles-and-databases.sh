#!/bin/bash
# Runs once, when the postgres container starts on an empty data volume (docker-entrypoint-initdb.d), as the
# superuser. Each service, and Keycloak, gets a login role of its own that owns its database and nothing else;
# each role's password comes from its compose secret (deploy/compose/secrets/db-<role>). PUBLIC loses CONNECT on
# these databases, so a role can open only the one it owns (the superuser still opens every one, for backups).
# Each service's Flyway creates its tables at start, as the owner.
set -e

own_database() {
  local role="$1"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v role="$role" -v password="$(< "/run/secrets/db-$role")" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role";
REVOKE CONNECT, TEMPORARY ON DATABASE :"role" FROM PUBLIC;
SQL
}

own_database criteria
own_database progress
own_database scoring
own_database keycloak
