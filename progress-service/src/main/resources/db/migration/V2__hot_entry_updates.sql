-- Keep library_entry updates HOT (heap-only: no index entries written) in the common case.
-- Every write sets updated_at, and a PUT typically changes progress and the rating: an index
-- holding updated_at or the rating forced every update to insert a new entry into all six indexes.
-- The lists are now read through indexes whose columns (almost) never change, and sorted in
-- memory after the index scan (a top-N sort over one user's entries):
--   sort=updated / sort=rating, with or without status: library_entry_user_status or the unique
--   (user_id, media_id) index; sort=created keeps library_entry_user_created; counts per status
--   and /up-next: library_entry_user_status.
-- A status change still writes index entries (it changes library_entry_user_status); rare next
-- to progress updates.
DROP INDEX library_entry_user_updated;
DROP INDEX library_entry_user_status_updated;
DROP INDEX library_entry_user_rating;
CREATE INDEX library_entry_user_status ON library_entry (user_id, status);
-- Room on each page for the new row versions of HOT updates (pages written from now on).
ALTER TABLE library_entry SET (fillfactor = 85);
