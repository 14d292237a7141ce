package dev.kiroku.social;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
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
import java.util.HashMap;
import java.util.Map;

/**
 * Creates every topic and dead-letter topic on the embedded broker before the service starts (so
 * its consumers find them), and starts one WireMock server that stands in for Keycloak: the token
 * endpoint (social-service's own identity, client credentials) and the admin API's user deletion
 * ({@code DELETE /admin/realms/kiroku/users/{id}} answers 204 by default). A test that needs other
 * answers stubs them on the server ({@link InjectKeycloak}) and removes them afterwards.
 */
public class SocialTestSetup implements QuarkusTestResourceLifecycleManager {

  /** The token endpoint path under the server (the realm's). */
  public static final String TOKEN_PATH = "/realms/kiroku/protocol/openid-connect/token";

  /** The admin API path of user {@code id}. */
  public static String userPath(String id) {
    return "/admin/realms/kiroku/users/" + id;
  }

  /** The access token the token endpoint hands social-service. */
  public static final String SERVICE_TOKEN = TestTokens.service("social-service");

  /** Marks the {@link WireMockServer} field of a test. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface InjectKeycloak {}

  private WireMockServer server;

  @Override
  public Map<String, String> start() {
    Map<String, Integer> topics = new HashMap<>();
    for (Topic t : Topic.values()) {
      topics.put(t.topicName(), t.partitions());
      topics.put(t.dlqName(), Topic.DLQ_PARTITIONS);
    }
    KafkaTestBroker.ensureTopics(topics);
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(
        post(urlPathEqualTo(TOKEN_PATH))
            .withBasicAuth("social-service", "social-service-local-secret")
            .withRequestBody(containing("grant_type=client_credentials"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"access_token\": \""
                            + SERVICE_TOKEN
                            + "\", \"token_type\": \"Bearer\", \"expires_in\": 300}")));
    server.stubFor(
        delete(urlPathMatching("/admin/realms/kiroku/users/.*"))
            .atPriority(10)
            .willReturn(aResponse().withStatus(204)));
    return Map.of(
        "quarkus.rest-client.keycloak-admin.url",
        server.baseUrl(),
        "quarkus.oidc-client.auth-server-url",
        server.baseUrl() + "/realms/kiroku");
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        server,
        new TestInjector.AnnotatedAndMatchesType(InjectKeycloak.class, WireMockServer.class));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
