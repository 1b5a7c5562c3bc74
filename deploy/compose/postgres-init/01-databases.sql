-- Runs once, when the postgres container starts on an empty data volume (docker-entrypoint-initdb.d).
-- One database per service, as in the local stack; each service's Flyway creates its tables at start.
CREATE DATABASE criteria;
CREATE DATABASE progress;
CREATE DATABASE scoring;
