-- Scoring rules and indicators (docs/contracts/scoring-rules.md).

-- What the par.plans snapshot says of each criterion since rules exist. Rows copied before keep a null rule, which
-- means MANUAL for a leaf, and are applicable with no lead units of their own row, as such a snapshot meant.
ALTER TABLE plan_criterion
    ADD COLUMN rule                  JSONB,
    ADD COLUMN rule_description      TEXT,
    ADD COLUMN applicable            BOOLEAN   NOT NULL DEFAULT TRUE,
    ADD COLUMN not_applicable_reason TEXT,
    ADD COLUMN lead_units            VARCHAR[] NOT NULL DEFAULT '{}';

-- A MANUAL indicator is a self-assessment and takes an Idempotency-Key like every indicator.
ALTER TABLE self_assessment
    ADD COLUMN idempotency_key VARCHAR(200),
    ADD COLUMN request_hash    VARCHAR(64);
CREATE UNIQUE INDEX self_assessment_idempotency ON self_assessment (assessed_by, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- The facts lead units report for leaves scored by a rule other than MANUAL. Exactly the members of the fact's
-- rule_type are set. points is what the fact gave under the rule when it was reported, exact (a ratio's one
-- division has 34 significant digits). The latest of a leaf is the one with the highest event sequence, the order
-- scoring-service applies them in.
CREATE TABLE indicator (
    id              UUID          PRIMARY KEY,
    plan_id         UUID          NOT NULL,
    criterion_code  TEXT          NOT NULL,
    unit            TEXT          NOT NULL,
    rule_type       VARCHAR(20)   NOT NULL,
    option          TEXT,
    value           NUMERIC(16, 4),
    numerator       NUMERIC(16, 4),
    denominator     NUMERIC(16, 4),
    count           BIGINT,
    violations      BIGINT,
    percent         NUMERIC(7, 4),
    points          NUMERIC       NOT NULL,
    comment         TEXT,
    evidence        JSONB         NOT NULL,
    reported_by     VARCHAR(200)  NOT NULL,
    reported_at     TIMESTAMPTZ   NOT NULL,
    event_sequence  BIGINT        NOT NULL,
    idempotency_key VARCHAR(200),
    request_hash    VARCHAR(64)
);
CREATE INDEX indicator_latest ON indicator (plan_id, criterion_code, event_sequence DESC);
CREATE UNIQUE INDEX indicator_idempotency ON indicator (reported_by, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
