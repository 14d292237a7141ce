package dev.kiroku.social.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.contracts.Topic;
import dev.kiroku.contracts.social.ProfileUpdated;
import dev.kiroku.contracts.social.SocialEvents;
import dev.kiroku.contracts.social.UserRef;
import dev.kiroku.platform.outbox.OutboxEvent;
import dev.kiroku.social.domain.Profile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/**
 * Maps social changes to outbox events on {@code social.events.v1}, keyed by the id of the user who
 * acted, with payloads that carry what consumers render (handles, display names, avatars), so no
 * consumer calls back.
 */
@ApplicationScoped
public class SocialEventFactory {

  private final ObjectMapper json;

  @Inject
  SocialEventFactory(ObjectMapper json) {
    this.json = json;
  }

  /** The user as events show them. */
  public static UserRef ref(Profile profile) {
    return new UserRef(
        profile.userId(), profile.handle(), profile.displayName(), profile.avatarUrl());
  }

  /**
   * {@code ProfileUpdated}: the profile as it now is.
   *
   * @param previousHandle the handle before a rename in this change; null otherwise
   */
  public OutboxEvent profileUpdated(Profile profile, String previousHandle, Instant now) {
    return event(
        profile.userId(),
        SocialEvents.PROFILE_UPDATED,
        profile.userId(),
        new ProfileUpdated(
            ref(profile), previousHandle, profile.visibility().name(), profile.createdAt(), now),
        now);
  }

  /**
   * One event on {@code social.events.v1}.
   *
   * @param key the Kafka key: the id of the user who acted
   * @param subject the CloudEvents subject (a user or list id)
   */
  public OutboxEvent event(String key, String type, String subject, Object payload, Instant now) {
    try {
      return new OutboxEvent(
          UUID.randomUUID(),
          Topic.SOCIAL_EVENTS.topicName(),
          key,
          type,
          SocialEvents.SOURCE,
          subject,
          json.writeValueAsString(payload),
          now);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a " + type + " payload", e);
    }
  }
}
