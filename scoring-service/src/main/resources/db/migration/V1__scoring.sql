-- scoring-service: the projection of every plan, kept so that a restart needs no replay.
-- What is stored are the inputs of the rule (the plan's latest snapshot, the latest lead report per task, the latest
-- self-assessment per criterion) and the plan's totals; criteria values are recomputed from the inputs when read.
-- Points are NUMERIC without a scale: exact values, rounded only when they leave the service.

CREATE TABLE scored_plan (
    plan_id           UUID        PRIMARY KEY,
    -- Null until the plan's snapshot arrives: progress may come first, and is kept until it does.
    version           INTEGER,
    status            TEXT,
    agency            TEXT,
    year              INTEGER,
    snapshot          TEXT,
    -- The last ce_sequence applied from each input topic (idempotence: anything at or below is a repeat).
    plans_sequence    BIGINT      NOT NULL DEFAULT 0,
    progress_sequence BIGINT      NOT NULL DEFAULT 0,
    -- The sequence of the last ScoreChanged published for the plan (the outbox's per-key sequence on par.scores).
    score_sequence    BIGINT      NOT NULL DEFAULT 0,
    -- The time of the incoming event that produced the published state.
    as_of             TIMESTAMPTZ,
    projected         NUMERIC,
    baseline          NUMERIC,
    target            NUMERIC,
    max_points        NUMERIC
);

-- The latest lead report per task (also for tasks the current snapshot does not have: a later version may add them).
CREATE TABLE task_progress (
    plan_id          UUID     NOT NULL,
    task_id          TEXT     NOT NULL,
    status           TEXT     NOT NULL,
    percent_complete SMALLINT NOT NULL,
    PRIMARY KEY (plan_id, task_id)
);

-- The latest self-assessment per criterion.
CREATE TABLE self_assessment (
    plan_id        UUID    NOT NULL,
    criterion_code TEXT    NOT NULL,
    points         NUMERIC NOT NULL,
    PRIMARY KEY (plan_id, criterion_code)
);

-- Every ScoreChanged published, for the timeline and for "as it stood at that moment" (?asOf=).
CREATE TABLE score_history (
    plan_id   UUID        NOT NULL,
    sequence  BIGINT      NOT NULL,
    as_of     TIMESTAMPTZ NOT NULL,
    projected NUMERIC     NOT NULL,
    percent   NUMERIC     NOT NULL,
    -- The ScoreChanged event's data, as published.
    payload   TEXT        NOT NULL,
    PRIMARY KEY (plan_id, sequence)
);
CREATE INDEX score_history_as_of ON score_history (plan_id, as_of);
