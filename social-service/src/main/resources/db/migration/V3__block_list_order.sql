-- The caller's blocks, newest first (GET /me/blocks keyset pages), as the follow lists have.
CREATE INDEX block_blocker_created ON block (blocker_id, created_at DESC, blocked_id DESC);
