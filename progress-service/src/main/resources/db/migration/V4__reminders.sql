-- Reminders (README, Reminders): the target points a reminder puts at stake, where reminders go, and every
-- reminder sent.

-- A criterion's target points (the snapshot's derived.targetPoints). Criteria copied before it stay null until their
-- plan's next snapshot; a reminder then states no points.
ALTER TABLE plan_criterion ADD COLUMN target_points NUMERIC(12, 4);

-- Where reminders go. criteria-service owns units and agencies but does not carry their addresses yet; this service
-- sends the mail, so it keeps them: a UNIT row per unit code with its one address, an AGENCY row per agency with its
-- administrators' addresses (the copies of long-overdue tasks), keyed by the agency's name as AgencyNames.key writes it.
CREATE TABLE unit_contact (
    kind       VARCHAR(10)  NOT NULL CHECK (kind IN ('UNIT', 'AGENCY')),
    code       TEXT         NOT NULL,
    name       TEXT,
    emails     VARCHAR[]    NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL,
    updated_by VARCHAR(200) NOT NULL,
    PRIMARY KEY (kind, code),
    CHECK (cardinality(emails) >= 1 AND (kind = 'AGENCY' OR cardinality(emails) = 1))
);

-- Every reminder e-mail sent: to a unit (unit set) or to an agency's administrator (unit null).
CREATE TABLE reminder_message (
    id        UUID         PRIMARY KEY,
    sent_on   DATE         NOT NULL,
    recipient TEXT         NOT NULL,
    kind      VARCHAR(20)  NOT NULL,
    unit      TEXT,
    agency    TEXT,
    subject   TEXT         NOT NULL,
    sent_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX reminder_message_day ON reminder_message (sent_on, sent_at);

-- Each item a reminder carried. The primary key is the rule "never the same item twice to a recipient on one day":
-- a run inserts an item's row before it sends, ON CONFLICT DO NOTHING, in the transaction that sends the message,
-- so what another run (another replica, or this one before a restart) committed is skipped, and what it is sending
-- right now waits for its outcome. The message row is written after its items, hence the deferred key.
CREATE TABLE reminder_sent (
    sent_on    DATE  NOT NULL,
    recipient  TEXT  NOT NULL,
    item_key   TEXT  NOT NULL,
    message_id UUID  NOT NULL REFERENCES reminder_message (id) DEFERRABLE INITIALLY DEFERRED,
    position   INT   NOT NULL,
    item       JSONB NOT NULL,
    PRIMARY KEY (sent_on, recipient, item_key)
);
CREATE INDEX reminder_sent_message ON reminder_sent (message_id, position);
