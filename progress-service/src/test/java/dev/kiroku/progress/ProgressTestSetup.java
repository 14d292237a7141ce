package dev.kiroku.progress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.kiroku.contracts.Topic;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * Creates the topics and their dead-letter topics on the embedded broker before the service starts
 * (so its consumers find them), and starts one WireMock server that stands in for Keycloak's token
 * endpoint (progress-service's own identity, client credentials) and for catalog-service. By
 * default catalog-service is down (every call answers 503, as a load balancer does without a
 * healthy instance): a projection miss answers 503 {@code CATALOG_UNAVAILABLE}. A test that needs
 * answers stubs them on the server ({@link InjectCatalogStub}) and removes them afterwards.
 */
public class ProgressTestSetup implements QuarkusTestResourceLifecycleManager {

  /** The token endpoint path under the server (the realm's). */
  public static final String TOKEN_PATH = "/realms/kiroku/protocol/openid-connect/token";

  /** The access token the token endpoint hands progress-service. */
  public static final String SERVICE_TOKEN = TestTokens.service("progress-service");

  /** Marks the {@link WireMockServer} field of a test. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface InjectCatalogStub {}

  private WireMockServer server;

  @Override
  public Map<String, String> start() {
    createTopics();
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(
        post(urlPathEqualTo(TOKEN_PATH))
            .withBasicAuth("progress-service", "progress-service-local-secret")
            .withRequestBody(containing("grant_type=client_credentials"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"access_token\": \""
                            + SERVICE_TOKEN
                            + "\", \"token_type\": \"Bearer\", \"expires_in\": 300}")));
    server.stubFor(
        any(urlPathMatching("/api/v1/catalog/.*"))
            .atPriority(10)
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"status\": 503, \"code\": \"SERVICE_UNAVAILABLE\"}")));
    return Map.of(
        "quarkus.rest-client.catalog.url",
        server.baseUrl(),
        "quarkus.oidc-client.auth-server-url",
        server.baseUrl() + "/realms/kiroku");
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        server,
        new TestInjector.AnnotatedAndMatchesType(InjectCatalogStub.class, WireMockServer.class));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private static void createTopics() {
    Map<String, Integer> topics = new java.util.HashMap<>();
    for (Topic t : Topic.values()) {
      topics.put(t.topicName(), t.partitions());
      topics.put(t.dlqName(), Topic.DLQ_PARTITIONS);
    }
    KafkaTestBroker.ensureTopics(topics);
  }
}
