package dev.kiroku.gateway.ratelimit;

import java.util.Set;

/**
 * Who spends a budget: a signed-in user (the token's {@code sub}) or, for a call without a valid
 * token, the client's address.
 *
 * @param key the caller's part of the Redis key: {@code u:<sub>} or {@code ip:<address>}
 * @param roles the user's realm roles ({@code realm_access.roles}); empty for an address
 * @param anonymous true for an address
 */
public record Caller(String key, Set<String> roles, boolean anonymous) {

  /** A signed-in user. */
  public static Caller user(String subject, Set<String> realmRoles) {
    return new Caller("u:" + subject, Set.copyOf(realmRoles), false);
  }

  /** A call without a valid token, from {@code address} (an IP address as text). */
  public static Caller address(String address) {
    return new Caller("ip:" + address, Set.of(), true);
  }
}
