package dev.kiroku.social.service;

import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.social.domain.ByHandle;
import dev.kiroku.social.domain.ProfileLookup;
import dev.kiroku.social.domain.SocialErrorCode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
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

  /**
   * {@code write} on the user {@code handle} (any case) names, for writes that find the user by
   * handle themselves ({@link FollowBatchWriter}, given the lower-case handle); when it fails with
   * 404 {@code USER_NOT_FOUND} and the handle was renamed less than 30 days ago, {@link
   * ByHandle.Moved} instead.
   *
   * @throws ProblemException 404 {@code USER_NOT_FOUND} when no profile has or had the handle
   */
  <T> Uni<ByHandle<T>> write(String handle, Function<String, Uni<T>> write) {
    String lower = handle.toLowerCase(Locale.ROOT);
    if (!ProfileService.mayExist(lower)) {
      return Uni.createFrom().failure(notFound(handle));
    }
    return write
        .apply(lower)
        .map(value -> (ByHandle<T>) new ByHandle.Done<>(value))
        .onFailure(UserResolver::userNotFound)
        .recoverWithUni(
            () -> profiles.renamedTo(handle, lower).map(current -> new ByHandle.Moved<>(current)));
  }

  private static boolean userNotFound(Throwable failure) {
    return failure instanceof ProblemException problem
        && problem.errorCode() == SocialErrorCode.USER_NOT_FOUND;
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
