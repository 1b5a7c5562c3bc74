-- criteria-service: each leaf's scoring rule, its "not applicable" flag, the rule the import proposes, and the lead
-- units named on a criterion's own row (docs/contracts/scoring-rules.md).

-- Rules are canonical JSON kept as text: the service writes it in the contract's member order, and the audit
-- trail and par.plans carry exactly that text. NULL is the default rule of a leaf, {"type":"MANUAL"}.
ALTER TABLE criterion
    ADD COLUMN rule                  TEXT,
    ADD COLUMN applicable            BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN not_applicable_reason TEXT,
    ADD COLUMN proposed_rule         TEXT,
    -- the text of the row the proposal was read from
    ADD COLUMN proposed_rule_source  TEXT;

-- The lead units (chủ trì) named on the criterion's row, kept even when the row has no task.
CREATE TABLE criterion_unit (
    criterion_id UUID NOT NULL REFERENCES criterion (id) ON DELETE CASCADE,
    position     INT  NOT NULL,
    unit_id      UUID NOT NULL REFERENCES unit (id),
    PRIMARY KEY (criterion_id, position)
);
