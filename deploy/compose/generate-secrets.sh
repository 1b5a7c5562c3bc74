#!/bin/bash
# Writes a random value for every secret docker-compose.yml names that is not there yet, into
# deploy/compose/secrets/ (git-ignored), and the SMTP server's settings from the PAR_SMTP_* variables it is given.
# Existing files are kept: the database roles, the Kafka users and Keycloak's admin were created with them on the
# first start, so changing one takes the steps in README.md.
#
#   deploy/compose/generate-secrets.sh     # with PAR_SMTP_HOST, _PORT, _USERNAME, _PASSWORD, _FROM exported (README.md, Mail)
set -eu

dir="$(cd "$(dirname "$0")" && pwd)/secrets"
# The folder keeps other users of the host out; the files themselves stay readable, because each container reads
# its secrets as its own user (postgres, appuser, keycloak, 185), which compose cannot map outside Swarm.
mkdir -p "$dir"
chmod 700 "$dir"

names=(
  postgres-superuser
  db-criteria db-progress db-scoring db-keycloak
  kafka-admin kafka-criteria-service kafka-progress-service kafka-scoring-service
  keycloak-admin
  web-session-criteria web-session-progress web-session-scoring
)

for name in "${names[@]}"; do
  file="$dir/$name"
  if [[ -s "$file" ]]; then
    echo "kept    secrets/$name"
    continue
  fi
  # 40 letters and digits: nothing that needs quoting in JAAS, SQL, properties or YAML, and more than the 32
  # characters the services ask of PAR_WEB_SESSION_SECRET.
  value="$(LC_ALL=C tr -dc 'A-Za-z0-9' < /dev/urandom | head -c 40)"
  printf '%s' "$value" > "$file"
  chmod 644 "$file"
  echo "created secrets/$name"
done

# The agency's SMTP server (progress-service's daily reminders): its settings are the mail provider's, not random.
# A missing file is written from its variable (smtp-host from PAR_SMTP_HOST, ...); without one the script stops,
# after writing everything else, naming what to set.
smtp=(smtp-host smtp-port smtp-username smtp-password smtp-from)
missing=()
for name in "${smtp[@]}"; do
  file="$dir/$name"
  if [[ -s "$file" ]]; then
    echo "kept    secrets/$name"
    continue
  fi
  variable="PAR_$(printf '%s' "${name//-/_}" | tr '[:lower:]' '[:upper:]')"
  value="${!variable:-}"
  if [[ -z "$value" ]]; then
    missing+=("$variable")
    continue
  fi
  printf '%s' "$value" > "$file"
  chmod 644 "$file"
  echo "created secrets/$name (from $variable)"
done
if (( ${#missing[@]} > 0 )); then
  echo "generate-secrets.sh: the SMTP server of the reminders is not set: run again with ${missing[*]} (README.md, Mail)" >&2
  exit 1
fi
