-- The latest rule indicator per criterion (the fact a unit reported for a TIERS, BRACKETS, RATIO, COUNT, DEDUCTION or
-- SURVEY rule): one row per criterion whatever its type, so a later fact of another type replaces an earlier one.
CREATE TABLE indicator (
    plan_id        UUID    NOT NULL,
    criterion_code TEXT    NOT NULL,
    rule_type      TEXT    NOT NULL,
    -- TIERS: the option's key
    option_key     TEXT,
    -- value, numerator, count, violations or percent, by type
    number         NUMERIC,
    -- RATIO: the denominator
    denominator    NUMERIC,
    PRIMARY KEY (plan_id, criterion_code)
);
