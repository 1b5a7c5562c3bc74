#!/bin/bash
# Writes the Secrets that deploy/k8s refers to but never commits, from secrets.env beside this script (or the file
# given as first argument), into generated/ beside it. Both are git-ignored. Then:
#
#   kubectl apply -k deploy/k8s/secrets/generated     # before, or after, kubectl apply -k deploy/k8s
#
# The file is read as NAME=value lines, never run as a script. A value left empty or at CHANGE_ME stops it, so does
# a page-session key the services would refuse.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
env_file="${1:-$here/secrets.env}"
out="$here/generated"

if [[ ! -r "$env_file" ]]; then
  echo "generate.sh: no $env_file; copy secrets.env.example to it and fill it in" >&2
  exit 1
fi

declare -A values
while IFS= read -r line || [[ -n "$line" ]]; do
  if [[ "$line" =~ ^[[:space:]]*(#|$) ]]; then
    continue
  fi
  if [[ ! "$line" =~ ^([A-Z][A-Z0-9_]*)=(.*)$ ]]; then
    echo "generate.sh: $env_file: not a NAME=value line: ${line%%=*}=..." >&2
    exit 1
  fi
  values["${BASH_REMATCH[1]}"]="${BASH_REMATCH[2]}"
done < "$env_file"

# The value of variable $1, or a stop naming it when it is missing or still a placeholder.
value() {
  local v="${values[$1]:-}"
  if [[ -z "$v" || "${v^^}" == *CHANGE_ME* || "${v^^}" == *CHANGE-ME* ]]; then
    echo "generate.sh: set $1 in $env_file" >&2
    exit 1
  fi
  printf '%s' "$v"
}

# The same rule as the services' own check (service-infra SessionSecretCheck), so that a bad key stops here.
session_key() {
  local v
  v="$(value "$1")"
  if (( ${#v} < 32 )) || [[ "$v" == development-only* ]]; then
    echo "generate.sh: $1 needs 32 random characters or more (openssl rand -base64 48)" >&2
    exit 1
  fi
  printf '%s' "$v"
}

# A YAML single-quoted scalar: the value as it is.
quote() {
  printf "'%s'" "${1//\'/\'\'}"
}

# secret NAME TYPE KEY=VARIABLE...: a Secret whose keys take the values of those variables.
secret() {
  local name="$1" type="$2" pair key variable v
  shift 2
  {
    printf 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: %s\n  labels:\n    app.kubernetes.io/part-of: par\ntype: %s\nstringData:\n' "$name" "$type"
    for pair in "$@"; do
      key="${pair%%=*}"
      variable="${pair#*=}"
      if [[ "$variable" == PAR_WEB_SESSION_SECRET_* ]]; then
        v="$(session_key "$variable")"
      else
        v="$(value "$variable")"
      fi
      printf '  %s: %s\n' "$key" "$(quote "$v")"
    done
  } > "$out/$name.yaml"
  resources+=("$name.yaml")
}

# db_secret ROLE VARIABLE: the Secret par-db-ROLE of a database role, from which CloudNativePG sets the role's
# password (and sets it again when the Secret changes: label cnpg.io/reload) and the service reads both.
db_secret() {
  local role="$1" v
  v="$(value "$2")"
  {
    printf 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: par-db-%s\n  labels:\n    app.kubernetes.io/part-of: par\n' "$role"
    printf '    cnpg.io/reload: "true"\ntype: kubernetes.io/basic-auth\nstringData:\n'
    printf '  username: %s\n  password: %s\n' "$role" "$(quote "$v")"
  } > "$out/par-db-$role.yaml"
  resources+=("par-db-$role.yaml")
}

mkdir -p "$out"
chmod 700 "$out"
umask 077
resources=()

db_secret criteria PAR_DB_CRITERIA_PASSWORD
db_secret progress PAR_DB_PROGRESS_PASSWORD
db_secret scoring PAR_DB_SCORING_PASSWORD
db_secret keycloak PAR_DB_KEYCLOAK_PASSWORD
secret par-web-session Opaque criteria=PAR_WEB_SESSION_SECRET_CRITERIA progress=PAR_WEB_SESSION_SECRET_PROGRESS scoring=PAR_WEB_SESSION_SECRET_SCORING
secret par-db-backup-s3 Opaque ACCESS_KEY_ID=PAR_BACKUP_S3_ACCESS_KEY_ID ACCESS_SECRET_KEY=PAR_BACKUP_S3_SECRET_ACCESS_KEY
secret par-smtp Opaque host=PAR_SMTP_HOST port=PAR_SMTP_PORT username=PAR_SMTP_USERNAME password=PAR_SMTP_PASSWORD from=PAR_SMTP_FROM

{
  printf '# Written by ../generate.sh from secrets.env: do not edit, do not commit.\n'
  printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: par\nresources:\n'
  printf '  - %s\n' "${resources[@]}"
} > "$out/kustomization.yaml"

echo "Wrote ${#resources[@]} Secrets to $out: kubectl apply -k $out"
