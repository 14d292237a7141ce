-- Lists read through indexes again while library_entry updates stay HOT (V2).
--
-- V2 took updated_at and the rating out of library_entry's indexes, so a progress or rating PUT
-- is a heap-only update; since then GET /entries read every row of the user and sorted them, and
-- counted every row again for "counts". Two small tables, written in the same transaction as the
-- entry by every write path (repository.EntryListKeys), give the lists their index back:

-- One narrow row per entry: the keys the lists filter and sort on. Every write of an entry
-- rewrites it (updated_at moves), which is not HOT here (updated_at is indexed), but costs one
-- ~60-byte tuple and three small index entries instead of a ~300-byte tuple and an entry in every
-- index of library_entry. The list joins the first 41 rows of an index scan to library_entry by
-- id. Deleting the entry deletes its row (cascade).
CREATE TABLE library_entry_order (
    entry_id    uuid         PRIMARY KEY REFERENCES library_entry (id) ON DELETE CASCADE,
    user_id     text         NOT NULL,
    media_type  text         NOT NULL,
    status      text         NOT NULL,
    private     boolean      NOT NULL,
    updated_at  timestamptz  NOT NULL                  -- = library_entry.updated_at
);
-- sort=updated (default), with or without the type filter and private entries
CREATE INDEX library_entry_order_user_updated
    ON library_entry_order (user_id, updated_at DESC, entry_id DESC);
-- sort=updated with a status filter; /up-next (WATCHING)
CREATE INDEX library_entry_order_user_status_updated
    ON library_entry_order (user_id, status, updated_at DESC, entry_id DESC);

-- "counts" of GET /entries: entries per (user, media type, status, private flag). Changed only when
-- an entry is created or deleted or its status or private flag changes (a progress or rating
-- update leaves it alone); every writer applies its deltas in one statement, sorted by key, after
-- its entry writes, so two transactions never wait for each other's count rows in a cycle.
CREATE TABLE library_count (
    user_id     text     NOT NULL,
    media_type  text     NOT NULL,
    status      text     NOT NULL,
    private     boolean  NOT NULL,
    entries     integer  NOT NULL,
    PRIMARY KEY (user_id, media_type, status, private)
);

INSERT INTO library_entry_order (entry_id, user_id, media_type, status, private, updated_at)
SELECT id, user_id, media_type, status, private, updated_at FROM library_entry;

INSERT INTO library_count (user_id, media_type, status, private, entries)
SELECT user_id, media_type, status, private, count(*) FROM library_entry
 GROUP BY user_id, media_type, status, private;
