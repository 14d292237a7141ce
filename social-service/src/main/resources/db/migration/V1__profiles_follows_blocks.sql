-- Profiles: who a user is in public. user_id is the OIDC token's sub.
CREATE TABLE profile (
    user_id         text        PRIMARY KEY,
    -- stored lower-case, so unique ignoring case
    handle          text        NOT NULL CHECK (handle ~ '^[a-z0-9_]{3,30}$'),
    display_name    text        CHECK (char_length(display_name) <= 100),
    bio             text        CHECK (char_length(bio) <= 1000),
    avatar_url      text        CHECK (avatar_url LIKE 'https://%'),
    visibility      text        NOT NULL DEFAULT 'PUBLIC'
                                CHECK (visibility IN ('PUBLIC', 'FOLLOWERS', 'PRIVATE')),
    rating_scale    text        NOT NULL DEFAULT 'POINT_10',
    follower_count  integer     NOT NULL DEFAULT 0,
    following_count integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX profile_handle ON profile (handle);
-- people search: prefixes of handles and display names (LIKE 'abc%')
CREATE INDEX profile_handle_prefix ON profile (handle text_pattern_ops);
CREATE INDEX profile_display_name_prefix ON profile (lower(display_name) text_pattern_ops)
    WHERE display_name IS NOT NULL;

-- A renamed handle answers with a pointer to the new one until expires_at, and is not free until
-- then (except to its former owner).
CREATE TABLE handle_redirect (
    handle     text        PRIMARY KEY,
    user_id    text        NOT NULL REFERENCES profile (user_id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL
);
CREATE INDEX handle_redirect_user ON handle_redirect (user_id);
CREATE INDEX handle_redirect_expires ON handle_redirect (expires_at);

-- follower_id follows followed_id.
CREATE TABLE follow (
    follower_id text        NOT NULL REFERENCES profile (user_id) ON DELETE CASCADE,
    followed_id text        NOT NULL REFERENCES profile (user_id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (follower_id, followed_id),
    CHECK (follower_id <> followed_id)
);
-- followers of a user, newest first (keyset pages); following lists use the next one
CREATE INDEX follow_followed ON follow (followed_id, created_at DESC, follower_id DESC);
CREATE INDEX follow_follower ON follow (follower_id, created_at DESC, followed_id DESC);

-- A pending request by requester_id to follow target_id (a followers-only or private profile).
CREATE TABLE follow_request (
    requester_id text        NOT NULL REFERENCES profile (user_id) ON DELETE CASCADE,
    target_id    text        NOT NULL REFERENCES profile (user_id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (requester_id, target_id),
    CHECK (requester_id <> target_id)
);
CREATE INDEX follow_request_target ON follow_request (target_id, created_at DESC, requester_id DESC);

-- blocker_id blocked blocked_id.
CREATE TABLE block (
    blocker_id text        NOT NULL REFERENCES profile (user_id) ON DELETE CASCADE,
    blocked_id text        NOT NULL REFERENCES profile (user_id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id),
    CHECK (blocker_id <> blocked_id)
);
CREATE INDEX block_blocked ON block (blocked_id);
