-- progress-service: library entries, episode history, per-user settings, and the local projection
-- of catalog.media.v1 (the write path needs no synchronous call to catalog-service).

-- One row per media item seen on catalog.media.v1 (or fetched from catalog-service on a miss).
-- summary = dev.kiroku.contracts.progress.MediaSummary as JSON (type, title, genres, totals, seasons).
CREATE TABLE media_projection (
    media_id           uuid         PRIMARY KEY,
    media_type         text         NOT NULL,
    summary            jsonb        NOT NULL,
    last_refreshed_at  timestamptz,                      -- MediaSnapshot.lastRefreshedAt: older snapshots never overwrite newer ones
    updated_at         timestamptz  NOT NULL DEFAULT now()
);

-- Per-user settings; a user without a row uses the defaults (rating scale POINT_10).
CREATE TABLE user_setting (
    user_id       text        PRIMARY KEY,
    rating_scale  text        NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE library_entry (
    id                 uuid         PRIMARY KEY,
    user_id            text         NOT NULL,             -- OIDC sub
    media_id           uuid         NOT NULL,
    media_type         text         NOT NULL,
    status             text         NOT NULL,
    -- current position, derived from episode_history for anime, TV, manga chapters and podcasts
    season             integer,
    episode            integer,
    chapter            integer,
    volume             integer,
    page               integer,
    percent            numeric(5, 2),                      -- 0-100
    hours_played       numeric(7, 1),
    repeat_count       integer      NOT NULL DEFAULT 0,    -- completed repeats (rewatches, rereads, replays)
    repeating          boolean      NOT NULL DEFAULT false,
    last_repeated_at   date,
    started_at         date,
    completed_at       date,
    rating             smallint     CHECK (rating BETWEEN 0 AND 100),
    review_text        text         CHECK (char_length(review_text) <= 20000),
    review_spoiler     boolean      NOT NULL DEFAULT false,
    review_visibility  text         NOT NULL DEFAULT 'PUBLIC',
    reviewed_at        timestamptz,
    notes              text,
    private            boolean      NOT NULL DEFAULT false,
    version            bigint       NOT NULL,
    created_at         timestamptz  NOT NULL,
    updated_at         timestamptz  NOT NULL,
    CONSTRAINT library_entry_user_media UNIQUE (user_id, media_id)
);
-- GET /entries (sort=updated|created|rating, optional status) and GET /users/{id}/entries; the
-- status index also serves the counts per status and /up-next.
CREATE INDEX library_entry_user_updated ON library_entry (user_id, updated_at DESC, id DESC);
CREATE INDEX library_entry_user_status_updated ON library_entry (user_id, status, updated_at DESC, id DESC);
CREATE INDEX library_entry_user_created ON library_entry (user_id, created_at DESC, id DESC);
CREATE INDEX library_entry_user_rating ON library_entry (user_id, (COALESCE(rating, -1)) DESC, id DESC);

-- Each watched episode (or read chapter). season: TV season (0 = specials); 1 for types without
-- seasons. repeat: 0 = first time through, n = n-th repeat.
CREATE TABLE episode_history (
    entry_id    uuid         NOT NULL REFERENCES library_entry (id) ON DELETE CASCADE,
    repeat      integer      NOT NULL,
    season      integer      NOT NULL,
    number      integer      NOT NULL,
    watched_at  timestamptz  NOT NULL,
    PRIMARY KEY (entry_id, repeat, season, number)
);
