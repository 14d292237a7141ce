package dev.kiroku.social.domain;

import java.time.Instant;

/**
 * A user in a list of users, as the reader may see them.
 *
 * @param userId OIDC {@code sub} (for the page key; never shown)
 * @param handle lower-case handle
 * @param displayName null when none or restricted
 * @param avatarUrl https URL; null when none or restricted
 * @param restricted whether the reader may not see the user's details ({@link ProfileAccess}): a
 *     private profile, a followers-only one the reader does not follow, a user who blocked the
 *     reader
 * @param since when the follow, request or block was made (microseconds)
 */
public record ListedUser(
    String userId,
    String handle,
    String displayName,
    String avatarUrl,
    boolean restricted,
    Instant since) {}
