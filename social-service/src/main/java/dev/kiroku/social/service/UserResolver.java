package dev.kiroku.social.service;

import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.social.domain.ByHandle;
import dev.kiroku.social.domain.ProfileLookup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/** Runs an operation on the user a handle names, unless the handle was renamed away from. */
@ApplicationScoped
public class UserResolver {

  private final ProfileService profiles;

  @Inject
  UserResolver(ProfileService profiles) {
    this.profiles = profiles;
  }

  /**
   * {@code action} on the profile {@code handle} (any case) names, with {@code viewerId}'s relation
   * to it; {@link ByHandle.Moved} without running it when the handle was renamed less than 30 days
   * ago.
   *
   * @throws ProblemException 404 {@code USER_NOT_FOUND} when no profile has or had the handle
   */
  <T> Uni<ByHandle<T>> resolve(
      String handle, String viewerId, Function<ProfileLookup.Found, Uni<T>> action) {
    return profiles
        .lookup(handle, viewerId)
        .flatMap(
            lookup -> {
              if (lookup instanceof ProfileLookup.Moved moved) {
                return Uni.createFrom().item((ByHandle<T>) new ByHandle.Moved<T>(moved.handle()));
              }
              return action
                  .apply((ProfileLookup.Found) lookup)
                  .map(value -> (ByHandle<T>) new ByHandle.Done<>(value));
            });
  }

  /** Now, at the microseconds PostgreSQL stores (events carry the stored times). */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** 404 {@code USER_NOT_FOUND} for {@code handle} (e.g. deleted while the request ran). */
  static ProblemException notFound(String handle) {
    return ProfileService.notFound(handle);
  }
}
