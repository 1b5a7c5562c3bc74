-- The year-end appraisal (docs/contracts/appraisal.md): agencies, rounds, appraisals, explanations, evidence files.

-- Every unit code of the plan's agency (the snapshot's agency.unitCodes), to tell a reporter of the agency from one
-- of another without asking criteria-service. Plans copied before it learn the plan's own units, which is what a
-- snapshot without agency.unitCodes means.
ALTER TABLE plan ADD COLUMN agency_unit_codes VARCHAR[];
UPDATE plan SET agency_unit_codes = ARRAY(SELECT u.code FROM plan_unit u WHERE u.plan_id = plan.id ORDER BY u.code);
ALTER TABLE plan ALTER COLUMN agency_unit_codes SET NOT NULL;
-- A reporter's agency is found by its unit (evidence files).
CREATE INDEX plan_agency_unit_codes ON plan USING GIN (agency_unit_codes);

-- Each plan's current round, the row that orders whatever depends on it: opening a round locks it for update,
-- a self-assessment, an indicator, an appraisal or an explanation for share. No row: no round opened yet.
-- closed_figures is the AppraisalClosed payload, the frozen figures of a closed year.
CREATE TABLE plan_appraisal (
    plan_id        UUID        PRIMARY KEY REFERENCES plan (id),
    round          VARCHAR(20),
    closed_figures JSONB
);

-- The rounds a plan has opened, with each one's deadline as it stands (null for CLOSED).
CREATE TABLE appraisal_round (
    plan_id   UUID         NOT NULL REFERENCES plan (id),
    round     VARCHAR(20)  NOT NULL,
    deadline  TIMESTAMPTZ,
    opened_by VARCHAR(200) NOT NULL,
    opened_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (plan_id, round)
);

-- Every move of a round's deadline, with its reason.
CREATE TABLE appraisal_deadline_change (
    id                UUID         PRIMARY KEY,
    plan_id           UUID         NOT NULL,
    round             VARCHAR(20)  NOT NULL,
    previous_deadline TIMESTAMPTZ  NOT NULL,
    deadline          TIMESTAMPTZ  NOT NULL,
    reason            TEXT         NOT NULL,
    moved_by          VARCHAR(200) NOT NULL,
    moved_at          TIMESTAMPTZ  NOT NULL,
    FOREIGN KEY (plan_id, round) REFERENCES appraisal_round (plan_id, round)
);
CREATE INDEX appraisal_deadline_change_round ON appraisal_deadline_change (plan_id, round, moved_at);

-- The appraiser's points for a leaf, in the APPRAISAL or FINAL_APPRAISAL round. The latest of a round counts: the
-- one with the highest sequence of its LeafAppraised event.
CREATE TABLE appraisal (
    id             UUID           PRIMARY KEY,
    plan_id        UUID           NOT NULL,
    criterion_code TEXT           NOT NULL,
    round          VARCHAR(20)    NOT NULL,
    points         NUMERIC(12, 4) NOT NULL,
    note           TEXT,
    appraised_by   VARCHAR(200)   NOT NULL,
    appraised_at   TIMESTAMPTZ    NOT NULL,
    event_sequence BIGINT         NOT NULL
);
CREATE INDEX appraisal_latest ON appraisal (plan_id, criterion_code, round, event_sequence DESC);

-- A lead unit's explanation (giải trình) of an adjusted leaf. The latest counts.
CREATE TABLE explanation (
    id             UUID         PRIMARY KEY,
    plan_id        UUID         NOT NULL,
    criterion_code TEXT         NOT NULL,
    unit           TEXT         NOT NULL,
    text           TEXT         NOT NULL,
    evidence       JSONB        NOT NULL,
    submitted_by   VARCHAR(200) NOT NULL,
    submitted_at   TIMESTAMPTZ  NOT NULL,
    event_sequence BIGINT       NOT NULL
);
CREATE INDEX explanation_latest ON explanation (plan_id, criterion_code, event_sequence DESC);

-- Evidence files (tài liệu kiểm chứng) uploaded by units, with their bytes. agency_key is the agency they belong to
-- (the uploader's), as agency names are compared; null for a provincial administrator's upload.
CREATE TABLE evidence_file (
    id           UUID         PRIMARY KEY,
    name         TEXT         NOT NULL,
    size         BIGINT       NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    sha256       VARCHAR(64)  NOT NULL,
    agency_key   TEXT,
    agency_name  TEXT,
    uploaded_by  VARCHAR(200) NOT NULL,
    uploaded_at  TIMESTAMPTZ  NOT NULL,
    content      BYTEA        NOT NULL
);
