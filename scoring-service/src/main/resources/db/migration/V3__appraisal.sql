-- The year-end appraisal as scoring needs it: the first round's appraisal per leaf, where each plan's rounds stand,
-- and the figures a closed year settled.

-- The latest appraisal of the APPRAISAL round per criterion (the final round's points arrive settled when it closes).
CREATE TABLE appraisal (
    plan_id        UUID    NOT NULL,
    criterion_code TEXT    NOT NULL,
    points         NUMERIC NOT NULL,
    PRIMARY KEY (plan_id, criterion_code)
);

-- One row per plan once a round is opened; final_total (the sum of closed_leaf.final_points) once it is CLOSED: what
-- the ranking reads as the plan's headline figure.
CREATE TABLE appraisal_state (
    plan_id     UUID        PRIMARY KEY,
    round       TEXT        NOT NULL,
    deadline    TIMESTAMPTZ,
    final_total NUMERIC
);

-- The figures of AppraisalClosed, per applicable leaf, frozen: a later plan version or rule does not change them.
CREATE TABLE closed_leaf (
    plan_id         UUID    NOT NULL,
    criterion_code  TEXT    NOT NULL,
    self_assessed   NUMERIC,
    appraised       NUMERIC,
    final_appraised NUMERIC,
    final_points    NUMERIC NOT NULL,
    PRIMARY KEY (plan_id, criterion_code)
);
