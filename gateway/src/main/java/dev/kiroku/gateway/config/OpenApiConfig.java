package dev.kiroku.gateway.config;

import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/**
 * {@code kiroku.gateway.openapi.*}: the merged API document the gateway serves at {@code
 * /q/openapi} (the services' own documents, fetched from each {@link GatewayConfig#routes()} base
 * URL at {@code /q/openapi?format=json}).
 */
public interface OpenApiConfig {

  /**
   * {@code fetch-timeout}: how long the gateway waits for one service's document (connection and
   * answer); a service slower than that is left out of the merged document and named in {@code
   * x-kiroku-missing-services}. Default 3 s.
   */
  @WithDefault("3s")
  Duration fetchTimeout();

  /**
   * {@code cache-ttl}: how long a merged document is served before the services are asked again.
   * Default 60 s.
   */
  @WithDefault("60s")
  Duration cacheTtl();

  /**
   * {@code realm-url}: the Keycloak realm as browsers reach it, e.g. {@code
   * http://127.0.0.1:8180/realms/kiroku}; the {@code keycloak} security scheme's authorization and
   * token URLs are {@code <realm-url>/protocol/openid-connect/auth} and {@code .../token}. Default
   * (application.properties): {@code quarkus.oidc.auth-server-url}.
   */
  URI realmUrl();

  /**
   * {@code server-url}: the one entry of the merged document's {@code servers}. Default {@code /}:
   * the origin the document was fetched from (the gateway).
   */
  @WithDefault("/")
  String serverUrl();
}
