-- Shared by every service (shipped in service-infra): the transactional outbox.
-- A row is written in the same transaction as the state change it announces; the relay sends it to Kafka
-- and deletes it once the broker has acknowledged it. Kafka is the event log, this table only the queue.
CREATE TABLE outbox_event (
    id          BIGSERIAL    PRIMARY KEY,
    event_id    UUID         NOT NULL UNIQUE,
    topic       VARCHAR(200) NOT NULL,
    event_key   VARCHAR(200) NOT NULL,
    event_type  VARCHAR(100) NOT NULL,
    sequence    BIGINT       NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL,
    payload     TEXT         NOT NULL
);

-- The last sequence number handed out per topic and key. Taking the next one locks the row until commit,
-- so the sequence order of one key is its commit order and its outbox ids follow the same order.
CREATE TABLE outbox_sequence (
    topic         VARCHAR(200) NOT NULL,
    event_key     VARCHAR(200) NOT NULL,
    last_sequence BIGINT       NOT NULL,
    PRIMARY KEY (topic, event_key)
);
