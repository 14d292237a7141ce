package dev.kiroku.progress.domain;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.EntryStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The status transition table (README "Transitions"). ACTIVE stands for the one active status that
 * fits the media type (WATCHING, READING, PLAYING or LISTENING). Staying in the same status is
 * always allowed.
 *
 * <pre>
 * from \ to   PLANNING ACTIVE COMPLETED PAUSED DROPPED
 * (none)         x       x       x        x      x
 * PLANNING       x       x       x        -      x
 * ACTIVE         x       x       x        x      x
 * PAUSED         x       x       x        x      x
 * DROPPED        x       x       x        -      x
 * COMPLETED      -       x*      x        -      -
 * </pre>
 *
 * x* = starts a repeat (rewatch, reread, replay).
 */
public final class Transitions {

  private Transitions() {}

  /**
   * The statuses that fit {@code type}: PLANNING, its active status, COMPLETED, PAUSED, DROPPED.
   */
  public static List<EntryStatus> allowedFor(MediaType type) {
    return List.of(
        EntryStatus.PLANNING,
        EntryStatus.activeFor(type),
        EntryStatus.COMPLETED,
        EntryStatus.PAUSED,
        EntryStatus.DROPPED);
  }

  /** Statuses reachable from {@code from} (null = no entry yet) for {@code type}. */
  public static Set<EntryStatus> from(EntryStatus from, MediaType type) {
    EntryStatus active = EntryStatus.activeFor(type);
    if (from == null) {
      return EnumSet.copyOf(allowedFor(type));
    }
    return switch (from) {
      case PLANNING ->
          EnumSet.of(EntryStatus.PLANNING, active, EntryStatus.COMPLETED, EntryStatus.DROPPED);
      case COMPLETED -> EnumSet.of(EntryStatus.COMPLETED, active);
      case PAUSED -> EnumSet.copyOf(allowedFor(type));
      case DROPPED ->
          EnumSet.of(EntryStatus.PLANNING, active, EntryStatus.COMPLETED, EntryStatus.DROPPED);
      default -> EnumSet.copyOf(allowedFor(type)); // the active status
    };
  }
}
