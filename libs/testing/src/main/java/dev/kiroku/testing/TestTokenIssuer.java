package dev.kiroku.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Base64;
import java.util.Map;

/**
 * Makes the service under test verify bearer tokens against the test public key instead of
 * Keycloak's published keys, with the same issuer and audience checks as production. Tokens come
 * from {@link TestTokens}.
 */
public class TestTokenIssuer implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    String publicKey =
        Base64.getEncoder()
            .encodeToString(
                TestTokens.pemBody(TestTokens.readResource("/kiroku-test-keys/public.pem")));
    return Map.of(
        "quarkus.oidc.public-key", publicKey,
        "quarkus.oidc.token.issuer", TestTokens.ISSUER,
        "quarkus.oidc.token.audience", TestTokens.AUDIENCE);
  }

  @Override
  public void stop() {}
}
