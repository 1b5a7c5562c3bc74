#!/bin/bash
# Entrypoint wrapper of the services and Keycloak in docker-compose.yml: for every variable NAME_FILE that names a
# compose secret (a file under /run/secrets/) it exports NAME with the file's content, then runs the command it was
# given. Secrets thus reach the process as the variables it reads, without being written in the compose
# file, in an .env file or in `docker inspect`. Bash built-ins only: the Keycloak image has no cat.
set -eu

for var in $(compgen -e); do
  file="${!var}"
  case "$var=$file" in
    *_FILE=/run/secrets/*)
      if [[ ! -r "$file" ]]; then
        echo "secret-env.sh: $var names $file, which cannot be read (run deploy/compose/generate-secrets.sh)" >&2
        exit 1
      fi
      export "${var%_FILE}=$(<"$file")"
      unset "$var"
      ;;
  esac
done

exec "$@"
