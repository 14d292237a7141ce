package dev.kiroku.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens that Quarkus OIDC has fully verified (signature, issuer, audience, expiry), kept so
 * that the next request with the same token skips the verification: on this 2-core machine,
 * verifying a Keycloak token (RS256, ~1.4 KB) costs more CPU than the rest of a cached search.
 *
 * <p>How it works:
 *
 * <ul>
 *   <li>As the last {@link SecurityIdentityAugmentor}, this bean sees every identity Quarkus OIDC
 *       built from a bearer token and stores a copy of it (principal, roles, permissions,
 *       credentials, attributes other than the request's own) under the SHA-256 of the token.
 *   <li>{@link CachedBearerAuthenticationMechanism}, ahead of OIDC's mechanism, answers a request
 *       whose token is stored with a fresh identity built from that copy; any other request goes to
 *       OIDC as before.
 *   <li>An entry lives until the token's {@code exp} or {@link TokenCacheConfig#maxAge()},
 *       whichever comes first, and is never answered after it. At most {@link
 *       TokenCacheConfig#maxSize()} entries are kept (Caffeine, size-bounded).
 *   <li>Only successes are stored: a token OIDC rejects is verified (and rejected) every time, and
 *       a token that differs in any byte from a stored one is a different key.
 * </ul>
 *
 * <p>What it changes: a token stays accepted for up to {@code max-age} after its signing key was
 * withdrawn (Quarkus OIDC itself keeps the keys it fetched until it meets an unknown key id), and
 * nothing else: tokens are never revoked by a local JWT check anyway.
 *
 * <p>Metrics: {@code kiroku_security_token_cache_total{result="hit"|"miss"}} (a miss is a bearer
 * token that went to OIDC).
 */
@ApplicationScoped
@IfBuildProperty(name = "kiroku.security.token-cache.enabled", stringValue = "true")
public class VerifiedTokens implements SecurityIdentityAugmentor {

  /** Attributes that belong to the request that verified the token, never copied to others. */
  private static final Set<String> PER_REQUEST_ATTRIBUTES =
      Set.of(RoutingContext.class.getName(), AuthenticationRequestContext.class.getName());

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
          });

  /** A verified identity without its request, and when it stops being answered (epoch ms). */
  record Verified(QuarkusSecurityIdentity template, long validUntilMs) {}

  private final Cache<ByteBuffer, Verified> cache;
  private final Clock clock;
  private final long maxAgeMs;
  private final boolean storing;
  private final Counter hits;
  private final Counter misses;

  @Inject
  VerifiedTokens(TokenCacheConfig config, MeterRegistry metrics) {
    this(config, metrics, Clock.systemUTC());
  }

  VerifiedTokens(TokenCacheConfig config, MeterRegistry metrics, Clock clock) {
    this.clock = clock;
    this.maxAgeMs = config.maxAge().toMillis();
    this.storing = config.maxSize() > 0 && maxAgeMs > 0;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(config.maxSize())
            .expireAfter(
                new Expiry<ByteBuffer, Verified>() {
                  @Override
                  public long expireAfterCreate(ByteBuffer key, Verified value, long now) {
                    return remainingNanos(value);
                  }

                  @Override
                  public long expireAfterUpdate(
                      ByteBuffer key, Verified value, long now, long current) {
                    return remainingNanos(value);
                  }

                  @Override
                  public long expireAfterRead(
                      ByteBuffer key, Verified value, long now, long current) {
                    return current;
                  }
                })
            .build();
    this.hits = counter(metrics, "hit");
    this.misses = counter(metrics, "miss");
  }

  private static Counter counter(MeterRegistry metrics, String result) {
    return Counter.builder("kiroku.security.token.cache")
        .description("Bearer tokens answered from the verified-token cache (hit) or sent to OIDC")
        .tag("result", result)
        .register(metrics);
  }

  private long remainingNanos(Verified value) {
    return Math.max(0, value.validUntilMs() - clock.millis()) * 1_000_000L;
  }

  /** Last among augmentors, so the stored copy is the identity requests finally got. */
  @Override
  public int priority() {
    return Integer.MIN_VALUE;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    remember(identity);
    return Uni.createFrom().item(identity);
  }

  /**
   * Stores {@code identity} if OIDC built it from a bearer token that has not expired; anything
   * else (anonymous, other credentials, a principal without {@code exp}) is left alone.
   */
  void remember(SecurityIdentity identity) {
    if (!storing
        || identity.isAnonymous()
        || !(identity instanceof QuarkusSecurityIdentity)
        || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
      return;
    }
    AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
    long expiresAtSeconds = jwt.getExpirationTime();
    if (credential == null || credential.getToken() == null || expiresAtSeconds <= 0) {
      return;
    }
    long now = clock.millis();
    long validUntil = Math.min(expiresAtSeconds * 1000L, now + maxAgeMs);
    if (validUntil <= now) {
      return;
    }
    if (cache.getIfPresent(key(credential.getToken())) != null) {
      return;
    }
    Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
    attributes.keySet().removeAll(PER_REQUEST_ATTRIBUTES);
    QuarkusSecurityIdentity template =
        QuarkusSecurityIdentity.builder()
            .setPrincipal(identity.getPrincipal())
            .addRoles(identity.getRoles())
            .addCredentials(identity.getCredentials())
            .addPermissions(((QuarkusSecurityIdentity) identity).getPermissions())
            .addAttributes(attributes)
            .build();
    cache.put(key(credential.getToken()), new Verified(template, validUntil));
  }

  /**
   * The identity stored for {@code token}, rebuilt for {@code request}; null when the token is not
   * stored (or no longer valid), and the caller must verify it.
   *
   * @param token the bearer token exactly as sent (without the {@code Bearer } prefix)
   * @param request the request being authenticated (becomes the identity's routing-context
   *     attribute, as OIDC sets it)
   */
  SecurityIdentity lookup(String token, RoutingContext request) {
    Verified verified = cache.getIfPresent(key(token));
    if (verified == null || verified.validUntilMs() <= clock.millis()) {
      misses.increment();
      return null;
    }
    hits.increment();
    return QuarkusSecurityIdentity.builder(verified.template())
        .addAttribute(RoutingContext.class.getName(), request)
        .build();
  }

  /** Tokens stored now (for tests). */
  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  private static ByteBuffer key(String token) {
    return ByteBuffer.wrap(SHA256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
  }
}
