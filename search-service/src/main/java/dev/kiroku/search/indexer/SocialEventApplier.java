package dev.kiroku.search.indexer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.contracts.social.Blocked;
import dev.kiroku.contracts.social.ProfileUpdated;
import dev.kiroku.contracts.social.SocialEvents;
import dev.kiroku.contracts.social.Unblocked;
import dev.kiroku.contracts.social.UserDeleted;
import dev.kiroku.platform.outbox.CloudEventHeaders;
import dev.kiroku.search.index.PeopleIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Applies one {@code social.events.v1} record (CloudEvents binary mode) to a {@link PeopleIndex}:
 *
 * <ul>
 *   <li>{@link SocialEvents#PROFILE_UPDATED} ({@link ProfileUpdated}): a {@code PUBLIC} profile is
 *       stored (searchable), any other visibility takes it out of search;
 *   <li>{@link SocialEvents#USER_DELETED} ({@link UserDeleted}): every document of the user goes
 *       (profile, blocks both ways);
 *   <li>{@link SocialEvents#BLOCKED} / {@link SocialEvents#UNBLOCKED} ({@link Blocked}, {@link
 *       Unblocked}): the block pair is stored as active / lifted.
 * </ul>
 *
 * Profile and block writes carry the event's {@code occurredAt}; an event older than what the index
 * holds changes nothing ({@link Outcome#STALE}), so re-applying a record, or a whole replay, gives
 * the same index. Other types, and records without {@code ce_type}, are {@link Outcome#SKIPPED}. A
 * payload that is unreadable or lacks what it needs throws {@link PoisonRecordException}: the
 * caller parks the record on the dead-letter topic.
 */
public class SocialEventApplier {

  /**
   * Consumer name: the {@code consumer} tag of its metrics and the prefix of dead-letter reasons.
   */
  public static final String CONSUMER = "search-service.social-events";

  private static final Set<String> VISIBILITIES = Set.of("PUBLIC", "FOLLOWERS", "PRIVATE");

  /** What a record did. */
  public enum Outcome {
    /** The index changed (or was set again to what it held). */
    PROCESSED,
    /** The index holds a newer version of what the event is about; nothing written. */
    STALE,
    /** Not an event this consumer uses. */
    SKIPPED
  }

  /** A record that can never be applied, with a reason that names no user data. */
  public static final class PoisonRecordException extends Exception {
    public PoisonRecordException(String reason, Throwable cause) {
      super(reason, cause, false, false);
    }
  }

  private final ObjectMapper json;

  public SocialEventApplier(ObjectMapper json) {
    this.json = json;
  }

  /**
   * @throws PoisonRecordException when the payload of a used type is unreadable or incomplete
   * @throws IOException when the index cannot be written (the record is then not applied)
   */
  public Outcome apply(PeopleIndex index, ConsumerRecord<byte[], byte[]> record)
      throws PoisonRecordException, IOException {
    String type = header(record, CloudEventHeaders.TYPE);
    if (type == null) {
      return Outcome.SKIPPED;
    }
    return switch (type) {
      case SocialEvents.PROFILE_UPDATED ->
          profileUpdated(index, read(record, type, ProfileUpdated.class));
      case SocialEvents.USER_DELETED -> userDeleted(index, read(record, type, UserDeleted.class));
      case SocialEvents.BLOCKED -> {
        Blocked blocked = read(record, type, Blocked.class);
        yield block(
            index, type, blocked.blockerId(), blocked.blockedId(), true, blocked.occurredAt());
      }
      case SocialEvents.UNBLOCKED -> {
        Unblocked lifted = read(record, type, Unblocked.class);
        yield block(
            index, type, lifted.blockerId(), lifted.blockedId(), false, lifted.occurredAt());
      }
      default -> Outcome.SKIPPED;
    };
  }

  private static Outcome profileUpdated(PeopleIndex index, ProfileUpdated event)
      throws PoisonRecordException, IOException {
    String type = SocialEvents.PROFILE_UPDATED;
    if (event.user() == null || blank(event.user().userId())) {
      throw rejected(type, "no user.userId");
    }
    if (event.occurredAt() == null) {
      throw rejected(type, "no occurredAt");
    }
    if (event.visibility() == null || !VISIBILITIES.contains(event.visibility())) {
      throw rejected(type, "visibility is not PUBLIC, FOLLOWERS or PRIVATE");
    }
    String userId = event.user().userId();
    if (!"PUBLIC".equals(event.visibility())) {
      return outcome(index.hideProfile(userId, event.occurredAt()));
    }
    if (blank(event.user().handle())) {
      throw rejected(type, "a PUBLIC profile without user.handle");
    }
    return outcome(
        index.putProfile(
            userId,
            event.user().handle(),
            event.user().displayName(),
            event.user().avatarUrl(),
            event.occurredAt()));
  }

  private static Outcome userDeleted(PeopleIndex index, UserDeleted event)
      throws PoisonRecordException, IOException {
    if (blank(event.userId())) {
      throw rejected(SocialEvents.USER_DELETED, "no userId");
    }
    index.deleteUser(event.userId());
    return Outcome.PROCESSED;
  }

  private static Outcome block(
      PeopleIndex index,
      String type,
      String blockerId,
      String blockedId,
      boolean active,
      Instant occurredAt)
      throws PoisonRecordException, IOException {
    if (blank(blockerId) || blank(blockedId)) {
      throw rejected(type, "no blockerId or blockedId");
    }
    if (occurredAt == null) {
      throw rejected(type, "no occurredAt");
    }
    return outcome(index.putBlock(blockerId, blockedId, active, occurredAt));
  }

  private <T> T read(ConsumerRecord<byte[], byte[]> record, String type, Class<T> payload)
      throws PoisonRecordException {
    if (record.value() == null) {
      throw new PoisonRecordException(type + " without a value", null);
    }
    try {
      T event = json.readValue(record.value(), payload);
      if (event == null) {
        throw new PoisonRecordException(type + " with a null payload", null);
      }
      return event;
    } catch (IOException e) {
      throw new PoisonRecordException(
          "unreadable " + type + " payload (not a " + payload.getSimpleName() + ")", e);
    }
  }

  private static PoisonRecordException rejected(String type, String why) {
    return new PoisonRecordException(type + " rejected: " + why, null);
  }

  private static Outcome outcome(boolean written) {
    return written ? Outcome.PROCESSED : Outcome.STALE;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
