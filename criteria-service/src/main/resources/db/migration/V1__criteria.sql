-- criteria-service: agencies, their units, plans with their criteria tree and tasks, and the audit trail.

CREATE TABLE agency (
    id        UUID         PRIMARY KEY,
    name      VARCHAR(300) NOT NULL,
    -- the name as matched: NFC, lower case, whitespace collapsed
    match_key VARCHAR(300) NOT NULL UNIQUE
);

CREATE TABLE unit (
    id         UUID         PRIMARY KEY,
    agency_id  UUID         NOT NULL REFERENCES agency (id),
    -- what the token's "unit" claim carries; unique across agencies
    code       VARCHAR(40)  NOT NULL UNIQUE,
    name       VARCHAR(300) NOT NULL,
    kind       VARCHAR(30)  NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX unit_agency ON unit (agency_id);

CREATE TABLE unit_alias (
    unit_id  UUID         NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
    position INT          NOT NULL,
    alias    VARCHAR(300) NOT NULL,
    PRIMARY KEY (unit_id, position)
);

-- A group ("Các PCM, ĐVSNCL thuộc Sở") expands to its members when plans are published.
CREATE TABLE unit_group_member (
    group_id  UUID NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
    member_id UUID NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, member_id)
);

CREATE TABLE plan (
    id            UUID         PRIMARY KEY,
    agency_id     UUID         NOT NULL REFERENCES agency (id),
    year          INT          NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    baseline_year INT          NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    -- 0 while DRAFT; 1 when published; +1 with every later change
    version       INT          NOT NULL,
    source        VARCHAR(300),
    created_at    TIMESTAMPTZ  NOT NULL,
    created_by    VARCHAR(200) NOT NULL,
    published_at  TIMESTAMPTZ,
    UNIQUE (agency_id, year)
);

CREATE TABLE criterion (
    id              UUID          PRIMARY KEY,
    plan_id         UUID          NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    code            VARCHAR(60)   NOT NULL,
    position        INT           NOT NULL,
    title           TEXT          NOT NULL,
    max_points      NUMERIC(12,4),
    baseline_points NUMERIC(12,4),
    target_points   NUMERIC(12,4),
    note            TEXT,
    UNIQUE (plan_id, code)
);

CREATE TABLE task (
    id           UUID PRIMARY KEY,
    criterion_id UUID NOT NULL REFERENCES criterion (id) ON DELETE CASCADE,
    position     INT  NOT NULL,
    description  TEXT NOT NULL,
    due_date     DATE
);
CREATE INDEX task_criterion ON task (criterion_id);

CREATE TABLE task_unit (
    task_id  UUID        NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    position INT         NOT NULL,
    unit_id  UUID        NOT NULL REFERENCES unit (id),
    role     VARCHAR(20) NOT NULL,
    PRIMARY KEY (task_id, position)
);

CREATE TABLE audit_entry (
    id           BIGSERIAL    PRIMARY KEY,
    plan_id      UUID         NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    at           TIMESTAMPTZ  NOT NULL,
    actor        VARCHAR(200) NOT NULL,
    action       VARCHAR(40)  NOT NULL,
    target       VARCHAR(100),
    field        VARCHAR(60),
    old_value    TEXT,
    new_value    TEXT,
    reason       TEXT,
    plan_version INT          NOT NULL
);
CREATE INDEX audit_entry_plan ON audit_entry (plan_id, id);
