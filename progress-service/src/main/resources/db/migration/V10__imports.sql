-- progress-service: list imports (issue 6). Import jobs with their per-row report, the import state
-- of entries (for mode=merge), and the external ids of the catalog projection (to resolve the ids
-- of an import file without a call per row).

-- Every external id of every media item seen on catalog.media.v1, as catalog-service keeps them
-- (ExternalSource keys; ISBNs as ISBN-13). Replaced with the snapshot.
CREATE TABLE media_projection_external_id (
    source       text  NOT NULL,
    media_type   text  NOT NULL,
    external_id  text  NOT NULL,
    media_id     uuid  NOT NULL REFERENCES media_projection (media_id) ON DELETE CASCADE,
    PRIMARY KEY (source, media_type, external_id)
);
-- the external ids of one media item (replacement on a new snapshot; export)
CREATE INDEX media_projection_external_id_media ON media_projection_external_id (media_id);

CREATE TABLE import_job (
    id              uuid         PRIMARY KEY,
    user_id         text         NOT NULL,             -- OIDC sub of the uploader
    format          text         NOT NULL,             -- mal-xml, anilist-json, trakt-json, goodreads-csv, kiroku-json
    mode            text         NOT NULL,             -- MERGE or OVERWRITE
    dry_run         boolean      NOT NULL,
    state           text         NOT NULL,             -- QUEUED, RUNNING, DONE, FAILED
    file_name       text,
    file_bytes      bigint       NOT NULL,
    total           integer      NOT NULL DEFAULT 0,   -- rows in the file
    imported        integer      NOT NULL DEFAULT 0,   -- entries created
    updated         integer      NOT NULL DEFAULT 0,   -- existing entries changed
    unchanged       integer      NOT NULL DEFAULT 0,   -- rows already as in the library
    skipped         integer      NOT NULL DEFAULT 0,   -- kept Kiroku's newer change, duplicate rows
    failed          integer      NOT NULL DEFAULT 0,   -- rows that could not be imported
    failure_code    text,                              -- why the whole job failed (FILE_TOO_LARGE, ...)
    failure_detail  text,
    created_at      timestamptz  NOT NULL,
    started_at      timestamptz,
    finished_at     timestamptz,
    heartbeat_at    timestamptz  NOT NULL              -- refreshed while queued or running
);
-- GET /imports (the user's jobs, newest first)
CREATE INDEX import_job_user_created ON import_job (user_id, created_at DESC, id DESC);
-- the sweep of jobs whose process died
CREATE INDEX import_job_unfinished ON import_job (heartbeat_at) WHERE state IN ('QUEUED', 'RUNNING');

-- One line of a job's report: a row that failed or was skipped, or a warning about a row.
CREATE TABLE import_job_row (
    job_id         uuid     NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    seq            integer  NOT NULL,                  -- report order
    record_number  bigint   NOT NULL,                  -- n-th row of the file
    line           bigint   NOT NULL,                  -- line of the file where the row starts (0 = unknown)
    outcome        text     NOT NULL,                  -- FAILED, SKIPPED, WARNING
    code           text     NOT NULL,                  -- MEDIA_NOT_FOUND, INVALID_PROGRESS, KEPT_NEWER_CHANGE, ...
    field          text,
    detail         text     NOT NULL,
    title          text,                               -- as written in the file
    external_ids   text,                               -- e.g. "mal:48"
    media_id       uuid,
    PRIMARY KEY (job_id, seq)
);

-- The version of an entry as an import job last wrote it. When the entry's version is still this
-- one, nobody changed it in Kiroku since; mode=merge then lets a new import update it.
CREATE TABLE import_entry_state (
    entry_id  uuid    PRIMARY KEY REFERENCES library_entry (id) ON DELETE CASCADE,
    job_id    uuid    NOT NULL,
    version   bigint  NOT NULL
);
