-- Shared by every service with a database (Flyway location classpath:db/platform).
-- Transactional outbox: a service inserts the event row in the same transaction as its change;
-- the relay publishes unpublished rows to Kafka in seq order and marks them published.
CREATE TABLE outbox_event (
    seq           bigserial    PRIMARY KEY,
    id            uuid         NOT NULL UNIQUE,           -- CloudEvents id (consumers de-duplicate on it)
    topic         text         NOT NULL,
    event_key     text         NOT NULL,                  -- Kafka key: the aggregate id
    type          text         NOT NULL,                  -- CloudEvents type, e.g. kiroku.catalog.media-upserted.v1
    source        text         NOT NULL,                  -- CloudEvents source, e.g. /catalog-service
    subject       text,
    payload       jsonb        NOT NULL,
    occurred_at   timestamptz  NOT NULL DEFAULT now(),
    published_at  timestamptz
);
CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_event_published_at ON outbox_event (published_at) WHERE published_at IS NOT NULL;

-- Inbox: ids of consumed events, written in the same transaction as the consumer's effect.
CREATE TABLE inbox_event (
    consumer      text         NOT NULL,
    event_id      text         NOT NULL,
    processed_at  timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX inbox_event_processed_at ON inbox_event (processed_at);
