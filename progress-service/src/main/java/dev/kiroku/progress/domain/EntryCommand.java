package dev.kiroku.progress.domain;

import dev.kiroku.platform.problem.ProblemException;
import java.util.UUID;
import java.util.function.Function;

/**
 * A PUT or a PATCH of one library entry. Both are written by the same group commit: the command is
 * resolved against the entry as stored (and locked) in the write's transaction, so a PATCH merges
 * over exactly the state it replaces.
 */
public sealed interface EntryCommand {

  /**
   * The change this command asks of {@code current}.
   *
   * @param current the stored entry, null when there is none
   * @param mediaId the entry's media item (for error messages)
   * @param ifMatch the version the client last read ({@code If-Match}), null for none
   * @throws ProblemException 404 {@code ENTRY_NOT_FOUND} (a patch needs an entry), 412 {@code
   *     VERSION_MISMATCH}, or the 400 of a patch that does not merge into a valid change
   */
  EntryChange resolve(Entry current, UUID mediaId, Long ifMatch);

  /** {@code PUT}: creates or replaces. */
  record Put(EntryChange change) implements EntryCommand {
    @Override
    public EntryChange resolve(Entry current, UUID mediaId, Long ifMatch) {
      EntryRules.checkVersion(current, ifMatch);
      return change;
    }
  }

  /**
   * {@code PATCH}: a change computed from the stored entry. The merge itself (JSON merge patch) is
   * the REST layer's: it may throw {@link ProblemException} or a Bean Validation exception for a
   * patch that does not merge into a valid {@link EntryChange}.
   */
  record Patch(Function<Entry, EntryChange> merge) implements EntryCommand {
    @Override
    public EntryChange resolve(Entry current, UUID mediaId, Long ifMatch) {
      if (current == null) {
        throw EntryRules.entryNotFound(mediaId);
      }
      EntryRules.checkVersion(current, ifMatch);
      return merge.apply(current);
    }
  }
}
