package dev.kiroku.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * For the catalog core's Quarkus tests: WireMock standing in for Jikan with the real recorded
 * responses from {@code ../../shared/fixtures/jikan} (read by path), plus a Redis key prefix unique
 * to this run (Redis is shared; no test flushes it).
 *
 * <ul>
 *   <li>{@code /manga/1/full} → manga_1_full.json (Monster); {@code /anime/1/full} → anime_1.json
 *       (Cowboy Bebop) and {@code /anime/1/episodes} → anime_1_episodes.json (26 episodes);
 *   <li>{@code /anime?q=naruto} → search_anime_naruto.json;
 *   <li>{@code /anime/5114/full} and {@code /anime/424242/full} → 500 (a failing provider);
 *   <li>anything else → WireMock's 404 (the provider has no such item).
 * </ul>
 */
public class CatalogTestProviders implements QuarkusTestResourceLifecycleManager {

  /** The running server, for request-count checks. */
  public static WireMockServer server;

  /** This run's Redis key prefix. */
  public static final String REDIS_PREFIX =
      "kiroku:catalog:test:" + UUID.randomUUID().toString().substring(0, 8) + ":";

  static final Path FIXTURES = locateFixtures();

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    json("/manga/1/full", "jikan/manga_1_full.json");
    json("/anime/1/full", "jikan/anime_1.json");
    json("/anime/1/episodes", "jikan/anime_1_episodes.json");
    server.stubFor(
        get(urlPathEqualTo("/anime"))
            .withQueryParam("q", equalTo("naruto"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(bytes("jikan/search_anime_naruto.json"))));
    for (String failing : new String[] {"/anime/5114/full", "/anime/424242/full"}) {
      server.stubFor(
          get(urlPathEqualTo(failing))
              .willReturn(
                  aResponse()
                      .withStatus(500)
                      .withHeader("Content-Type", "application/json")
                      .withBody("{\"status\":500,\"type\":\"InternalException\"}")));
    }
    return Map.of(
        "quarkus.rest-client.jikan.url",
        server.baseUrl(),
        "kiroku.catalog.cache.key-prefix",
        REDIS_PREFIX,
        // The tests check the Redis layer itself (they edit and delete its keys), so the
        // in-process layer in front of it is off here; MediaCacheLocalLayerTest covers it.
        "kiroku.catalog.cache.local-ttl",
        "0s");
  }

  private void json(String path, String fixture) {
    server.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(bytes(fixture))));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }

  static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(FIXTURES.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code /work/shared} resolved from the module directory ({@code ../../shared}). */
  public static Path shared() {
    return FIXTURES.getParent();
  }

  private static Path locateFixtures() {
    for (Path candidate :
        new Path[] {Path.of("../../shared/fixtures"), Path.of("../shared/fixtures")}) {
      if (Files.isDirectory(candidate.resolve("jikan"))) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException(
        "shared/fixtures not found from " + Path.of("").toAbsolutePath());
  }
}
