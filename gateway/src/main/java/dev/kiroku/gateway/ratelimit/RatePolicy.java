package dev.kiroku.gateway.ratelimit;

import java.util.Map;

/**
 * One route class's budgets ({@code kiroku.gateway.rate-limit.classes.<name>}): the same window for
 * everyone, a quota for signed-in users, larger ones for some realm roles, and one per client
 * address for calls without a valid token.
 *
 * @param name the class, e.g. {@code writes}
 * @param limit requests per window for a user with none of {@code roleLimits}' roles
 * @param windowSeconds the window, seconds
 * @param roleLimits requests per window by realm role
 * @param anonymousLimit requests per window per client address
 */
public record RatePolicy(
    String name,
    int limit,
    long windowSeconds,
    Map<String, Integer> roleLimits,
    int anonymousLimit) {

  public RatePolicy {
    roleLimits = Map.copyOf(roleLimits);
  }

  /** The budget {@code caller} spends: the largest its roles give, else the plain limit. */
  public Budget budgetFor(Caller caller) {
    if (caller.anonymous()) {
      return new Budget(name, anonymousLimit, windowSeconds);
    }
    int quota = limit;
    for (String role : caller.roles()) {
      Integer forRole = roleLimits.get(role);
      if (forRole != null && forRole > quota) {
        quota = forRole;
      }
    }
    return new Budget(name, quota, windowSeconds);
  }
}
