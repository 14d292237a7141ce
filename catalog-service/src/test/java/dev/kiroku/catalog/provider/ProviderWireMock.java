package dev.kiroku.catalog.provider;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One WireMock server standing in for every media provider during the Quarkus tests: each provider
 * gets a path prefix ({@code /jikan}, {@code /tmdb}, ...) and its REST client's URL points there.
 * Tests stub the real recorded responses from {@link Fixtures}. A field annotated {@link
 * InjectWireMock} receives the server.
 */
public class ProviderWireMock implements QuarkusTestResourceLifecycleManager {

  /** The providers whose REST clients are pointed at WireMock. */
  public static final List<String> PROVIDERS =
      List.of("jikan", "tmdb", "igdb", "twitch", "hardcover", "googlebooks", "itunes");

  /** Marks the {@link WireMockServer} field of a test. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface InjectWireMock {}

  private WireMockServer server;

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    Map<String, String> config = new LinkedHashMap<>();
    for (String provider : PROVIDERS) {
      config.put("quarkus.rest-client." + provider + ".url", server.baseUrl() + "/" + provider);
    }
    return config;
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        server,
        new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
