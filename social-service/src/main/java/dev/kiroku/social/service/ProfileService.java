package dev.kiroku.social.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kiroku.platform.outbox.Outbox;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.social.domain.ByHandle;
import dev.kiroku.social.domain.Caller;
import dev.kiroku.social.domain.Handles;
import dev.kiroku.social.domain.Profile;
import dev.kiroku.social.domain.ProfileChange;
import dev.kiroku.social.domain.ProfileLookup;
import dev.kiroku.social.domain.ProfileRules;
import dev.kiroku.social.domain.ShownProfile;
import dev.kiroku.social.domain.SocialErrorCode;
import dev.kiroku.social.event.SocialEventFactory;
import dev.kiroku.social.repository.ProfileRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Profiles: created on a user's first call, read by handle, changed by their owner. */
@ApplicationScoped
public class ProfileService {

  /** Tries with {@code _2} ... {@code _5}, then random numbers, before giving up. */
  static final int CREATE_ATTEMPTS = 12;

  private final Pool pool;
  private final ProfileRepository profiles;
  private final Outbox outbox;
  private final SocialEventFactory events;

  /** Users known to have a profile (a first call creates it; later ones skip the lookup). */
  private final Cache<String, Boolean> known =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(10)).build();

  @Inject
  ProfileService(Pool pool, ProfileRepository profiles, Outbox outbox, SocialEventFactory events) {
    this.pool = pool;
    this.profiles = profiles;
    this.outbox = outbox;
    this.events = events;
  }

  /** Makes sure the caller has a profile (one statement on their first call, none after). */
  public Uni<Void> ensure(Caller caller) {
    if (known.getIfPresent(caller.userId()) != null) {
      return Uni.createFrom().voidItem();
    }
    return me(caller).replaceWithVoid();
  }

  /** Forgets that {@code userId} has a profile (after its deletion). */
  public void forget(String userId) {
    known.invalidate(userId);
  }

  /** The caller's profile, created from the token on their first call. */
  public Uni<Profile> me(Caller caller) {
    return profiles
        .find(pool, caller.userId())
        .flatMap(
            found ->
                found.isPresent()
                    ? Uni.createFrom().item(found.get())
                    : create(caller, Handles.fromUsername(caller.username()), 0))
        .invoke(p -> known.put(p.userId(), Boolean.TRUE));
  }

  /**
   * Creates the caller's profile with {@code base} or, when taken, {@code base_2}, {@code base_3},
   * ... then random numbers; publishes {@code ProfileUpdated}. A concurrent first call of the same
   * user finds the profile the other one made.
   */
  private Uni<Profile> create(Caller caller, String base, int attempt) {
    if (attempt >= CREATE_ATTEMPTS) {
      return Uni.createFrom()
          .failure(new IllegalStateException("No free handle found from " + base));
    }
    String handle =
        attempt == 0
            ? base
            : Handles.withSuffix(
                base,
                "_"
                    + (attempt < 4
                        ? attempt + 1
                        : ThreadLocalRandom.current().nextInt(10, 100_000)));
    Instant now = Instant.now();
    String displayName = displayName(caller.name());
    return pool.withTransaction(
            tx ->
                profiles
                    .create(tx, caller.userId(), handle, displayName, now)
                    .call(
                        created ->
                            created.isPresent()
                                ? outbox.append(tx, events.profileUpdated(created.get(), null, now))
                                : Uni.createFrom().voidItem()))
        .onFailure(ProfileService::handleTaken)
        .recoverWithItem(Optional.empty())
        .flatMap(
            created ->
                created.isPresent()
                    ? Uni.createFrom().item(created.get())
                    : profiles
                        .find(pool, caller.userId())
                        .flatMap(
                            existing ->
                                existing.isPresent()
                                    ? Uni.createFrom().item(existing.get())
                                    : create(caller, base, attempt + 1)));
  }

  /**
   * Changes the caller's profile; publishes {@code ProfileUpdated} when anything changed. A new
   * handle leaves the old one answering with a pointer to it for 30 days.
   *
   * @throws ProblemException 400 {@code VALIDATION_FAILED} (see {@link ProfileRules#apply}); 409
   *     {@code HANDLE_TAKEN} when another profile has the handle or had it less than 30 days ago
   */
  public Uni<Profile> update(Caller caller, ProfileChange change) {
    return me(caller)
        .flatMap(
            ignored ->
                pool.withTransaction(
                    tx ->
                        profiles
                            .findForUpdate(tx, caller.userId())
                            .flatMap(
                                current -> {
                                  Instant now = Instant.now();
                                  Profile after = ProfileRules.apply(current, change, now);
                                  if (after.sameFields(current)) {
                                    return Uni.createFrom().item(current); // nothing changed
                                  }
                                  boolean renamed = !after.handle().equals(current.handle());
                                  Uni<Void> claim =
                                      renamed
                                          ? profiles
                                              .claimRedirected(
                                                  tx, after.handle(), caller.userId(), now)
                                              .invoke(
                                                  free -> {
                                                    if (!free) {
                                                      throw taken(after.handle());
                                                    }
                                                  })
                                              .replaceWithVoid()
                                          : Uni.createFrom().voidItem();
                                  return claim
                                      .chain(() -> profiles.update(tx, after))
                                      .chain(
                                          () ->
                                              renamed
                                                  ? profiles.addRedirect(
                                                      tx, current.handle(), caller.userId(), now)
                                                  : Uni.createFrom().voidItem())
                                      .chain(
                                          () ->
                                              outbox.append(
                                                  tx,
                                                  events.profileUpdated(
                                                      after,
                                                      renamed ? current.handle() : null,
                                                      now)))
                                      .replaceWith(after);
                                })))
        .onFailure(ProfileService::handleTaken)
        .transform(
            e ->
                taken(
                    change.handle().value() == null
                        ? ""
                        : change.handle().value().toLowerCase(Locale.ROOT)));
  }

  /**
   * What {@code handle} leads to for {@code viewerId}: the profile with the viewer's relation to
   * it, or the current handle of a profile renamed away from it less than 30 days ago.
   *
   * @throws ProblemException 404 {@code USER_NOT_FOUND}
   */
  public Uni<ProfileLookup> lookup(String handle, String viewerId) {
    String lower = handle.toLowerCase(Locale.ROOT);
    if (!mayExist(lower)) {
      return Uni.createFrom().failure(notFound(handle));
    }
    return profiles
        .viewByHandle(pool, lower, viewerId)
        .flatMap(
            viewed ->
                viewed.isPresent()
                    ? Uni.createFrom()
                        .item(
                            (ProfileLookup)
                                new ProfileLookup.Found(
                                    viewed.get().profile(), viewed.get().relation()))
                    : renamedTo(handle, lower).map(ProfileLookup.Moved::new));
  }

  /**
   * The profile {@code handle} names as {@code viewerId} reads it (with its favorites, in one
   * statement), or the current handle of a profile renamed away from it less than 30 days ago.
   * Whether the viewer sees the details is {@link dev.kiroku.social.domain.ProfileAccess}'s call.
   *
   * @throws ProblemException 404 {@code USER_NOT_FOUND}
   */
  public Uni<ByHandle<ShownProfile>> show(String handle, String viewerId) {
    String lower = handle.toLowerCase(Locale.ROOT);
    if (!mayExist(lower)) {
      return Uni.createFrom().failure(notFound(handle));
    }
    return profiles
        .showByHandle(pool, lower, viewerId)
        .flatMap(
            shown ->
                shown.isPresent()
                    ? Uni.createFrom()
                        .item((ByHandle<ShownProfile>) new ByHandle.Done<>(shown.get()))
                    : renamedTo(handle, lower).map(ByHandle.Moved::new));
  }

  /** Whether some profile may have or have had {@code lower}: a valid or a reserved handle. */
  static boolean mayExist(String lower) {
    return Handles.problem(lower) == null || Handles.RESERVED.contains(lower);
  }

  /**
   * The current handle of the profile renamed away from {@code lower} less than 30 days ago.
   *
   * @throws ProblemException 404 {@code USER_NOT_FOUND} when there is none
   */
  Uni<String> renamedTo(String handle, String lower) {
    return profiles
        .redirect(pool, lower, Instant.now())
        .map(moved -> moved.orElseThrow(() -> notFound(handle)));
  }

  /**
   * People whose handle (public and followers-only profiles) or display name (public profiles)
   * starts with {@code prefix}, ignoring case; none that blocked {@code viewerId}; by handle.
   */
  public Uni<List<Profile>> search(String prefix, String viewerId, int limit) {
    return profiles.search(pool, prefix.toLowerCase(Locale.ROOT), viewerId, limit);
  }

  /** A display name from the token's {@code name}: trimmed, at most 100 characters, or none. */
  static String displayName(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String trimmed = name.strip();
    return trimmed.codePointCount(0, trimmed.length()) <= ProfileRules.DISPLAY_NAME_MAX
        ? trimmed
        : trimmed.substring(0, trimmed.offsetByCodePoints(0, ProfileRules.DISPLAY_NAME_MAX));
  }

  static ProblemException notFound(String handle) {
    return new ProblemException(SocialErrorCode.USER_NOT_FOUND, "No user has the handle " + handle);
  }

  private static ProblemException taken(String handle) {
    return new ProblemException(SocialErrorCode.HANDLE_TAKEN, "The handle " + handle + " is taken");
  }

  /** A unique violation of {@code profile_handle}: another profile has the handle. */
  static boolean handleTaken(Throwable failure) {
    return failure instanceof PgException pg
        && "23505".equals(pg.getSqlState())
        && "profile_handle".equals(pg.getConstraint());
  }
}
