-- criteria-service: what a plan asks its administrator to check, e.g. a plan made from the year before (next
-- year's plan): figures taken from projected rather than final points, leaves flagged not applicable last year.
CREATE TABLE plan_warning (
    plan_id        UUID        NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position       INT         NOT NULL,
    -- the criterion it is about; NULL: the whole plan
    criterion_code VARCHAR(60),
    message        TEXT        NOT NULL,
    PRIMARY KEY (plan_id, position)
);
