-- progress-service's own copy of the published plans (from par.plans), and what units report against them.
-- Codes and names come from criteria-service and are stored as TEXT: a longer code there must never make a
-- snapshot unappliable here.

-- The latest applied snapshot of each plan.
CREATE TABLE plan (
    id          UUID         PRIMARY KEY,
    version     BIGINT       NOT NULL,
    status      VARCHAR(20)  NOT NULL,
    agency_id   TEXT,
    agency_name TEXT         NOT NULL,
    year        INTEGER      NOT NULL,
    applied_at  TIMESTAMPTZ  NOT NULL
);

-- Criteria of the latest version, in tree order; max_points is the derived maximum (what scoring uses).
CREATE TABLE plan_criterion (
    plan_id     UUID           NOT NULL REFERENCES plan (id),
    code        TEXT           NOT NULL,
    parent_code TEXT,
    area_code   TEXT           NOT NULL,
    title       TEXT           NOT NULL,
    leaf        BOOLEAN        NOT NULL,
    max_points  NUMERIC(12, 4) NOT NULL,
    position    INTEGER        NOT NULL,
    PRIMARY KEY (plan_id, code)
);

CREATE TABLE plan_unit (
    plan_id UUID NOT NULL REFERENCES plan (id),
    code    TEXT NOT NULL,
    name    TEXT NOT NULL,
    PRIMARY KEY (plan_id, code)
);

-- Every task any version of a plan had. A task a later version dropped stays (active = false) so its reports
-- keep their context; it takes no new reports.
CREATE TABLE task (
    id                 UUID      PRIMARY KEY,
    plan_id            UUID      NOT NULL REFERENCES plan (id),
    criterion_code     TEXT      NOT NULL,
    description        TEXT      NOT NULL,
    lead_units         VARCHAR[] NOT NULL,
    coordinating_units VARCHAR[] NOT NULL,
    due_date           DATE,
    position           INTEGER   NOT NULL,
    active             BOOLEAN   NOT NULL
);
CREATE INDEX task_plan ON task (plan_id);
-- "My tasks" looks tasks up by unit (array containment).
CREATE INDEX task_lead_units ON task USING GIN (lead_units);
CREATE INDEX task_coordinating_units ON task USING GIN (coordinating_units);

-- Every accepted progress report, lead or coordinating. No foreign keys on this hot path: the task and plan
-- were checked against the in-memory index, and a foreign key would lock the task row on every insert.
CREATE TABLE progress_report (
    id                 UUID         PRIMARY KEY,
    task_id            UUID         NOT NULL,
    plan_id            UUID         NOT NULL,
    criterion_code     TEXT         NOT NULL,
    unit               TEXT         NOT NULL,
    role               VARCHAR(20)  NOT NULL,
    reported_by        VARCHAR(200) NOT NULL,
    status             VARCHAR(20)  NOT NULL,
    percent_complete   INTEGER      NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
    comment            TEXT,
    evidence           JSONB        NOT NULL,
    reported_at        TIMESTAMPTZ  NOT NULL,
    changes_task_state BOOLEAN      NOT NULL,
    idempotency_key    VARCHAR(200),
    request_hash       VARCHAR(64)
);
CREATE INDEX progress_report_task ON progress_report (task_id, reported_at DESC);
-- One report per caller and Idempotency-Key: a concurrent duplicate waits for the first and then fails here.
CREATE UNIQUE INDEX progress_report_idempotency ON progress_report (reported_by, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- The state the latest lead report gave each task (none until a lead unit reports).
CREATE TABLE task_state (
    task_id          UUID         PRIMARY KEY,
    report_id        UUID         NOT NULL,
    unit             TEXT         NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    percent_complete INTEGER      NOT NULL,
    reported_by      VARCHAR(200) NOT NULL,
    reported_at      TIMESTAMPTZ  NOT NULL
);

-- Points a lead unit claims for a leaf criterion. The latest counts: the one with the highest sequence of its
-- SelfAssessed event, the same order scoring-service applies them in.
CREATE TABLE self_assessment (
    id             UUID           PRIMARY KEY,
    plan_id        UUID           NOT NULL,
    criterion_code TEXT           NOT NULL,
    unit           TEXT           NOT NULL,
    points         NUMERIC(12, 4) NOT NULL,
    comment        TEXT,
    evidence       JSONB          NOT NULL,
    assessed_by    VARCHAR(200)   NOT NULL,
    assessed_at    TIMESTAMPTZ    NOT NULL,
    event_sequence BIGINT         NOT NULL
);
CREATE INDEX self_assessment_latest ON self_assessment (plan_id, criterion_code, event_sequence DESC);
