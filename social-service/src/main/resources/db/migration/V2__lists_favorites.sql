-- social-service's copy of the catalog, fed by catalog.media.v1 (event.CatalogMediaConsumer): what
-- lists and favorites show of a media item. A MediaRemoved keeps the row, flagged removed, so the
-- lists that hold the item still show its last known title.
CREATE TABLE media_projection (
    media_id          uuid        PRIMARY KEY,
    media_type        text        NOT NULL,
    -- MediaSnapshot.titles.canonical
    title             text        NOT NULL,
    -- MediaSnapshot.images.poster; null when the catalog has none
    image_url         text,
    removed           boolean     NOT NULL DEFAULT false,
    -- MediaSnapshot.lastRefreshedAt: an older snapshot never overwrites a newer one
    last_refreshed_at timestamptz,
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- A user's list of media items.
CREATE TABLE user_list (
    id          uuid        PRIMARY KEY,
    owner_id    text        NOT NULL REFERENCES profile (user_id) ON DELETE CASCADE,
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    description text        CHECK (char_length(description) <= 2000),
    visibility  text        NOT NULL CHECK (visibility IN ('PUBLIC', 'FOLLOWERS', 'PRIVATE')),
    item_count  integer     NOT NULL DEFAULT 0 CHECK (item_count BETWEEN 0 AND 10000),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
-- a user's lists, newest first (keyset pages on (created_at, id))
CREATE INDEX user_list_owner ON user_list (owner_id, created_at DESC, id DESC);

-- The items of a list, ordered by position: sparse numbers (2^32 apart when appended or
-- renumbered), so a move or an insert writes one row; only when two neighbours have no gap left
-- is the list renumbered (one statement). The unique order is checked at commit, so that a
-- renumbering may pass through duplicate positions. Its index carries media_id, so finding the
-- neighbours at an index (OFFSET n, leaving the moved item out) is an index-only scan.
CREATE TABLE user_list_item (
    list_id  uuid        NOT NULL REFERENCES user_list (id) ON DELETE CASCADE,
    media_id uuid        NOT NULL REFERENCES media_projection (media_id),
    -- the list's owner (GET /lists/containing/{mediaId}); deleted with the profile
    owner_id text        NOT NULL REFERENCES profile (user_id) ON DELETE CASCADE,
    position bigint      NOT NULL,
    added_at timestamptz NOT NULL,
    PRIMARY KEY (list_id, media_id),
    CONSTRAINT user_list_item_order UNIQUE (list_id, position) INCLUDE (media_id)
        DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX user_list_item_owner_media ON user_list_item (owner_id, media_id);

-- A user's favorites: at most 10 per media type, in order (position 0 = first).
CREATE TABLE favorite (
    user_id    text        NOT NULL REFERENCES profile (user_id) ON DELETE CASCADE,
    media_type text        NOT NULL,
    position   smallint    NOT NULL CHECK (position BETWEEN 0 AND 9),
    media_id   uuid        NOT NULL REFERENCES media_projection (media_id),
    added_at   timestamptz NOT NULL,
    PRIMARY KEY (user_id, media_type, position),
    UNIQUE (user_id, media_id)
);
