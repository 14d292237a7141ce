-- catalog-service: media items, their external ids, TV seasons and episodes.
-- A media item's full canonical model is kept as its MediaSnapshot JSON document (the API and event
-- shape, served byte for byte); the columns beside it are the ones queries and rules need.
CREATE TABLE media (
    id                    uuid         PRIMARY KEY,
    type                  text         NOT NULL,            -- MediaType name, e.g. ANIME
    slug                  text         NOT NULL,            -- URL slug, unique per type
    title                 text         NOT NULL,            -- canonical title
    detail                smallint     NOT NULL,            -- 1 dataset row, 2 provider search summary, 3 full provider fetch
    source_provider       text         NOT NULL,            -- e.g. jikan, tmdb, dataset:anime-csv
    snapshot              json         NOT NULL,            -- MediaSnapshot, exactly as served and published
    last_refreshed_at     timestamptz,                      -- last full fetch from the provider
    refresh_requested_at  timestamptz,                      -- last accepted POST /refresh (24 h rule)
    created_at            timestamptz  NOT NULL DEFAULT now(),
    updated_at            timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT media_slug_per_type UNIQUE (type, slug)
);

-- Provider ids are reference data on an item: one id of a source names one item per media type
-- (a MAL anime and a MAL manga can share a number). The primary key is the lookup index.
CREATE TABLE media_external_id (
    source       text  NOT NULL,                            -- ExternalSource key, e.g. mal
    media_type   text  NOT NULL,
    external_id  text  NOT NULL,
    media_id     uuid  NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    PRIMARY KEY (source, media_type, external_id)
);
CREATE INDEX media_external_id_media ON media_external_id (media_id);

-- TV seasons (0 = specials), as listed by the provider.
CREATE TABLE media_season (
    media_id             uuid     NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    number               integer  NOT NULL,
    title                text,
    episode_count        integer,
    aired_episode_count  integer,
    air_date             date,
    PRIMARY KEY (media_id, number)
);

-- Episodes of TV shows (season_number set), anime and podcasts (season_number null).
CREATE TABLE media_episode (
    media_id         uuid     NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    season_number    integer,
    number           integer  NOT NULL,
    title            text,
    air_date         date,
    runtime_minutes  integer
);
CREATE UNIQUE INDEX media_episode_key ON media_episode (media_id, season_number, number) NULLS NOT DISTINCT;
