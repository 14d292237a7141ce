package dev.kiroku.catalog.provider.igdb;

import dev.kiroku.catalog.provider.ProviderUnavailableException;
import dev.kiroku.catalog.provider.support.Json;
import dev.kiroku.catalog.provider.support.ProviderGuard;
import dev.kiroku.catalog.provider.support.ProviderJson;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/**
 * The Twitch app access token IGDB needs, shared by every catalog-service instance through Redis.
 *
 * <p>Key: {@code <prefix>igdb:access-token} (string value, the token). It is stored with a TTL of
 * {@code expires_in} minus a refresh margin (a tenth of the lifetime, at least 60 s and at most 24
 * h), so the key disappears, and the next call fetches a fresh token, before Twitch expires the old
 * one. {@link #refresh()} replaces it at once (after an IGDB 401). Concurrent misses may each fetch
 * a token; Twitch keeps every one valid, so the last write simply wins.
 */
public final class IgdbTokens {

  static final String KEY = "igdb:access-token";

  private final TwitchAuthApi twitch;
  private final ReactiveValueCommands<String, String> values;
  private final ProviderGuard guard;
  private final ProviderJson json;
  private final String clientId;
  private final String clientSecret;
  private final String key;

  /**
   * @param keyPrefix prefix of the Redis key, e.g. {@code kiroku:catalog:}
   */
  public IgdbTokens(
      TwitchAuthApi twitch,
      ReactiveRedisDataSource redis,
      ProviderGuard guard,
      ProviderJson json,
      String clientId,
      String clientSecret,
      String keyPrefix) {
    this.twitch = twitch;
    this.values = redis.value(String.class, String.class);
    this.guard = guard;
    this.json = json;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.key = keyPrefix + KEY;
  }

  /** The Redis key holding the token. */
  public String key() {
    return key;
  }

  /** The cached token, or a fresh one when Redis has none. */
  public Uni<String> current() {
    return values
        .get(key)
        .onFailure()
        .recoverWithNull() // Redis down: ask Twitch rather than fail
        .flatMap(token -> token != null ? Uni.createFrom().item(token) : refresh());
  }

  /** Fetches a new token from Twitch and stores it in Redis with its TTL. */
  public Uni<String> refresh() {
    return guard
        .call(() -> twitch.token(clientId, clientSecret, "client_credentials"))
        .map(json::parse)
        .flatMap(
            body -> {
              String token = Json.text(body, "access_token");
              Long expiresIn = Json.longValue(body, "expires_in");
              if (token == null || expiresIn == null || expiresIn <= 0) {
                return Uni.createFrom()
                    .failure(
                        new ProviderUnavailableException(
                            "igdb", "Twitch token response without access_token/expires_in", null));
              }
              long ttl = expiresIn - refreshMargin(expiresIn);
              if (ttl <= 0) {
                return Uni.createFrom().item(token);
              }
              return values.setex(key, ttl, token).onFailure().recoverWithNull().replaceWith(token);
            });
  }

  /** Seconds before expiry at which the token is replaced: a tenth of it, within 60 s..24 h. */
  static long refreshMargin(long expiresInSeconds) {
    return Math.max(60, Math.min(86_400, expiresInSeconds / 10));
  }
}
