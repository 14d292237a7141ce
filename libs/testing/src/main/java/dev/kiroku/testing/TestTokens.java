package dev.kiroku.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Access tokens for tests, shaped like Keycloak's (issuer, {@code sub}, {@code aud}, {@code
 * preferred_username}, {@code realm_access.roles}) and signed (RS256) with the test key that {@link
 * TestTokenIssuer} makes the service trust. Security stays on in every test.
 */
public final class TestTokens {

  /** Issuer the test profile expects. */
  public static final String ISSUER = "https://kiroku.test/realms/kiroku";

  /** Audience every Kiroku service requires. */
  public static final String AUDIENCE = "kiroku-api";

  private static final PrivateKey SIGNING_KEY = loadPrivateKey("/kiroku-test-keys/private.pem");
  private static final PrivateKey FOREIGN_KEY = loadForeignKey();

  private TestTokens() {}

  /** A valid token for {@code userId} with realm role {@code user}, valid for 5 minutes. */
  public static String user(String userId) {
    return claims(userId, List.of("user")).sign(SIGNING_KEY);
  }

  /** A valid token for {@code userId} with the given realm roles. */
  public static String withRoles(String userId, String... roles) {
    return claims(userId, List.of(roles)).sign(SIGNING_KEY);
  }

  /**
   * A service's own token, as Keycloak issues it for the client credentials grant of the
   * confidential client {@code clientId}: subject a service-account user id, {@code azp} and {@code
   * preferred_username} naming the client, audience {@code kiroku-api}, no realm roles; valid for 5
   * minutes.
   */
  public static String service(String clientId) {
    return Jwt.issuer(ISSUER)
        .subject(
            java.util.UUID.nameUUIDFromBytes(clientId.getBytes(StandardCharsets.UTF_8)).toString())
        .audience(AUDIENCE)
        .claim("preferred_username", "service-account-" + clientId)
        .claim("azp", clientId)
        .claim("realm_access", Map.of("roles", List.of()))
        .expiresIn(Duration.ofMinutes(5))
        .sign(SIGNING_KEY);
  }

  /** A token that expired an hour ago, otherwise valid. */
  public static String expired(String userId) {
    Instant past = Instant.now().minus(Duration.ofHours(2));
    return claims(userId, List.of("user"))
        .issuedAt(past)
        .expiresAt(past.plus(Duration.ofHours(1)))
        .sign(SIGNING_KEY);
  }

  /**
   * A valid token for {@code userId} (realm role {@code user}) whose {@code exp} is that far off.
   */
  public static String expiringIn(String userId, Duration lifetime) {
    return claims(userId, List.of("user")).expiresIn(lifetime).sign(SIGNING_KEY);
  }

  /** A token with the right claims signed by a key the service does not trust. */
  public static String signedByStranger(String userId) {
    return claims(userId, List.of("user")).sign(FOREIGN_KEY);
  }

  /**
   * A user's token whose {@code preferred_username} (and {@code name}, when not null) are given, as
   * Keycloak issues them to a user who signed up with that username.
   */
  public static String named(String userId, String username, String name) {
    JwtClaimsBuilder claims = claims(userId, List.of("user")).claim("preferred_username", username);
    if (name != null) {
      claims.claim("name", name);
    }
    return claims.sign(SIGNING_KEY);
  }

  /** A token issued for another audience. */
  public static String forAudience(String userId, String audience) {
    return claims(userId, List.of("user")).audience(audience).sign(SIGNING_KEY);
  }

  /** A token that becomes valid only in an hour ({@code nbf}), otherwise valid. */
  public static String notYetValid(String userId) {
    return claims(userId, List.of("user"))
        .claim("nbf", Instant.now().plus(Duration.ofHours(1)).getEpochSecond())
        .sign(SIGNING_KEY);
  }

  /** A token signed with the trusted key but naming another issuer. */
  public static String fromIssuer(String userId, String issuer) {
    return claims(userId, List.of("user")).issuer(issuer).sign(SIGNING_KEY);
  }

  /** The claims of a valid token under {@code "alg": "none"}, without a signature. */
  public static String unsigned(String userId) {
    String[] parts = user(userId).split("\\.");
    return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
  }

  /**
   * The claims of a valid token signed HS256 with the service's RSA public key (its PEM text) as
   * the HMAC secret: the algorithm-confusion forgery.
   */
  public static String hmacWithPublicKey(String userId) {
    String unsigned =
        base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + user(userId).split("\\.")[1];
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              readResource("/kiroku-test-keys/public.pem").getBytes(StandardCharsets.US_ASCII),
              "HmacSHA256"));
      return unsigned
          + "."
          + Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A valid token of {@code userId} whose claims were changed afterwards to name {@code
   * otherUserId} (the signature kept).
   */
  public static String tampered(String userId, String otherUserId) {
    String[] parts = user(userId).split("\\.");
    String claims =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"sub\":\"" + userId + "\"", "\"sub\":\"" + otherUserId + "\"");
    if (!claims.contains(otherUserId)) {
      throw new IllegalStateException("no sub claim to tamper with in " + claims);
    }
    return parts[0] + "." + base64Url(claims) + "." + parts[2];
  }

  private static String base64Url(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static JwtClaimsBuilder claims(String userId, List<String> roles) {
    return Jwt.issuer(ISSUER)
        .subject(userId)
        .audience(AUDIENCE)
        .claim("preferred_username", userId)
        .claim("azp", "kiroku-web")
        .claim("realm_access", Map.of("roles", roles))
        .expiresIn(Duration.ofMinutes(5));
  }

  static String readResource(String path) {
    try (InputStream in = TestTokens.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing test key " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] pemBody(String pem) {
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(base64);
  }

  private static PrivateKey loadPrivateKey(String path) {
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(pemBody(readResource(path))));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PrivateKey loadForeignKey() {
    try {
      var generator = java.security.KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair().getPrivate();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
