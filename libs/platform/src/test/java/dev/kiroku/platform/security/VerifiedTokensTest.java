package dev.kiroku.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** {@link VerifiedTokens} on its own: what is stored, what is answered, and for how long. */
class VerifiedTokensTest {

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-12-03T08:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  record Config(long maxSize, Duration maxAge) implements TokenCacheConfig {
    @Override
    public boolean enabled() {
      return true;
    }
  }

  /** The smallest JsonWebToken: a subject and an exp (epoch seconds). */
  record Jwt(String subject, long exp) implements JsonWebToken {
    @Override
    public String getName() {
      return subject;
    }

    @Override
    public Set<String> getClaimNames() {
      return Set.of("sub", "exp");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
      return (T)
          switch (claimName) {
            case "sub" -> subject;
            case "exp" -> Long.valueOf(exp);
            default -> null;
          };
    }
  }

  final MovableClock clock = new MovableClock();
  final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  VerifiedTokens cache(long maxSize, Duration maxAge) {
    return new VerifiedTokens(new Config(maxSize, maxAge), metrics, clock);
  }

  static RoutingContext request(String name) {
    return (RoutingContext)
        Proxy.newProxyInstance(
            RoutingContext.class.getClassLoader(),
            new Class<?>[] {RoutingContext.class},
            (proxy, method, args) ->
                method.getName().equals("toString")
                    ? name
                    : method.getDeclaringClass() == Object.class
                        ? method.invoke(name, args)
                        : null);
  }

  /** An identity shaped like the one Quarkus OIDC builds for a bearer token. */
  SecurityIdentity verified(String token, String subject, Duration lifetime) {
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(new Jwt(subject, clock.now.plus(lifetime).getEpochSecond()))
        .addRole("user")
        .addCredential(new AccessTokenCredential(token))
        .addPermission(new StringPermission("profile"))
        .addAttribute("tenant-id", "Default")
        .addAttribute(RoutingContext.class.getName(), request("first request"))
        .addAttribute(AuthenticationRequestContext.class.getName(), "first request's context")
        .build();
  }

  double count(String result) {
    return metrics.get("kiroku.security.token.cache").tag("result", result).counter().count();
  }

  @Test
  void aVerifiedTokenIsAnsweredWithItsIdentityBuiltForTheNewRequest() {
    VerifiedTokens tokens = cache(100, Duration.ofMinutes(5));
    tokens
        .augment(verified("token-a", "alice", Duration.ofMinutes(15)), null)
        .await()
        .indefinitely();

    RoutingContext second = request("second request");
    SecurityIdentity answered = tokens.lookup("token-a", second);

    assertThat(answered).isNotNull();
    assertThat(answered.getPrincipal().getName()).isEqualTo("alice");
    assertThat(answered.getRoles()).containsExactly("user");
    assertThat(answered.getCredential(AccessTokenCredential.class).getToken()).isEqualTo("token-a");
    assertThat(answered.checkPermissionBlocking(new StringPermission("profile"))).isTrue();
    assertThat(answered.checkPermissionBlocking(new StringPermission("admin"))).isFalse();
    assertThat((Object) answered.getAttribute("tenant-id")).isEqualTo("Default");
    assertThat((Object) answered.getAttribute(RoutingContext.class.getName())).isSameAs(second);
    assertThat(answered.getAttributes())
        .doesNotContainKey(AuthenticationRequestContext.class.getName());
    assertThat(count("hit")).isEqualTo(1);
  }

  @Test
  void aTokenDifferingInOneCharacterIsNotAnswered() {
    VerifiedTokens tokens = cache(100, Duration.ofMinutes(5));
    tokens.remember(verified("eyJ.payload.signatureA", "alice", Duration.ofMinutes(15)));

    assertThat(tokens.lookup("eyJ.payload.signatureB", request("r"))).isNull();
    assertThat(tokens.lookup("eyJ.payload.signatureA ", request("r"))).isNull();
    assertThat(tokens.lookup("eyJ.payload.signatureA", request("r"))).isNotNull();
    assertThat(count("miss")).isEqualTo(2);
  }

  @Test
  void aTokenIsNeverAnsweredAfterItsExp() {
    VerifiedTokens tokens = cache(100, Duration.ofMinutes(5));
    tokens.remember(verified("short", "alice", Duration.ofSeconds(30)));

    clock.now = clock.now.plusSeconds(29);
    assertThat(tokens.lookup("short", request("r"))).isNotNull();
    clock.now = clock.now.plusSeconds(1);
    assertThat(tokens.lookup("short", request("r"))).isNull();
  }

  @Test
  void maxAgeBoundsALongLivedToken() {
    VerifiedTokens tokens = cache(100, Duration.ofMinutes(5));
    tokens.remember(verified("long", "alice", Duration.ofHours(1)));

    clock.now = clock.now.plus(Duration.ofMinutes(5)).minusMillis(1);
    assertThat(tokens.lookup("long", request("r"))).isNotNull();
    clock.now = clock.now.plusMillis(1);
    assertThat(tokens.lookup("long", request("r"))).isNull();
  }

  @Test
  void expiredAnonymousAndOtherIdentitiesAreNotStored() {
    VerifiedTokens tokens = cache(100, Duration.ofMinutes(5));
    tokens.remember(verified("expired", "alice", Duration.ofSeconds(-1)));
    tokens.remember(QuarkusSecurityIdentity.builder().setAnonymous(true).build());
    tokens.remember(
        QuarkusSecurityIdentity.builder()
            .setPrincipal(() -> "bob")
            .addCredential(new AccessTokenCredential("not-a-jwt-principal"))
            .build());

    assertThat(tokens.size()).isZero();
    assertThat(tokens.lookup("expired", request("r"))).isNull();
    assertThat(tokens.lookup("not-a-jwt-principal", request("r"))).isNull();
  }

  @Test
  void sizeZeroStoresNothing() {
    VerifiedTokens tokens = cache(0, Duration.ofMinutes(5));
    tokens.remember(verified("token-a", "alice", Duration.ofMinutes(15)));

    assertThat(tokens.lookup("token-a", request("r"))).isNull();
  }

  @Test
  void theHeaderIsReadAsOidcReadsIt() {
    assertThat(CachedBearerAuthenticationMechanism.bearerToken("Bearer abc.def"))
        .isEqualTo("abc.def");
    assertThat(CachedBearerAuthenticationMechanism.bearerToken("bearer abc.def"))
        .isEqualTo("abc.def");
    assertThat(CachedBearerAuthenticationMechanism.bearerToken("Bearer  abc")).isEqualTo(" abc");
    assertThat(CachedBearerAuthenticationMechanism.bearerToken("Basic YWxpY2U6YQ==")).isNull();
    assertThat(CachedBearerAuthenticationMechanism.bearerToken("Bearerabc")).isNull();
    assertThat(CachedBearerAuthenticationMechanism.bearerToken("BearerX abc")).isNull();
    assertThat(CachedBearerAuthenticationMechanism.bearerToken(null)).isNull();
  }
}
