package dev.kiroku.progress.service;

import dev.kiroku.contracts.progress.MediaSummary;
import dev.kiroku.progress.domain.EntryCommand;
import dev.kiroku.progress.repository.EntryBatchRepository.Key;

/**
 * One PUT or PATCH waiting for the group commit.
 *
 * @param userId the owner (token subject)
 * @param media the entry's media item, already resolved
 * @param command what the client asks
 * @param ifMatch the version the client read ({@code If-Match}), null for none
 */
record EntryWrite(String userId, MediaSummary media, EntryCommand command, Long ifMatch) {

  Key key() {
    return new Key(userId, media.id());
  }
}
