package dev.kiroku.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * Gateway settings of the test runs: rate-limit keys under a prefix of their own per run (so runs
 * in parallel on one Redis never share a budget; the keys expire on their own), and CORS for two
 * web origins with credentials. The fake services answer no OpenAPI document (or never answer): the
 * merged document's fetches give up after 500 ms.
 */
public class GatewayTestSettings implements QuarkusTestResourceLifecycleManager {

  /** A web origin the gateway allows in tests. */
  static final String WEB_ORIGIN = "https://app.kiroku.test";

  /** The rate-limit key prefix of this run. */
  static final String KEY_PREFIX = "kiroku:gateway:test:" + UUID.randomUUID() + ":";

  @Override
  public Map<String, String> start() {
    return Map.of(
        "kiroku.gateway.rate-limit.key-prefix",
        KEY_PREFIX,
        "kiroku.gateway.cors.origins",
        WEB_ORIGIN + ",http://127.0.0.1:5173",
        "kiroku.gateway.cors.allow-credentials",
        "true",
        "kiroku.gateway.openapi.fetch-timeout",
        "500ms");
  }

  @Override
  public void stop() {}
}
