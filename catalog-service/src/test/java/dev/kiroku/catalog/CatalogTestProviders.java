package dev.kiroku.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * For the catalog core's Quarkus tests: a Redis key prefix unique to this run (Redis is shared; no
 * test flushes it), and the Jikan stubs the core's tests use on the shared provider WireMock
 * ({@code dev.kiroku.catalog.provider.ProviderWireMock}, Jikan under {@code /jikan}), serving the
 * real recorded responses from {@code ../../shared/fixtures/jikan} (read by path):
 *
 * <ul>
 *   <li>{@code /manga/1/full} → manga_1_full.json (Monster); {@code /anime/1/full} → anime_1.json
 *       (Cowboy Bebop) and {@code /anime/1/episodes} → anime_1_episodes.json (26 episodes);
 *   <li>{@code /anime?q=naruto} → search_anime_naruto.json;
 *   <li>{@code /anime/424242/full} → 500 (a failing provider);
 *   <li>anything else → WireMock's 404 (the provider has no such item).
 * </ul>
 */
public class CatalogTestProviders implements QuarkusTestResourceLifecycleManager {

  /** This run's Redis key prefix. */
  public static final String REDIS_PREFIX =
      "kiroku:catalog:test:" + UUID.randomUUID().toString().substring(0, 8) + ":";

  static final Path FIXTURES = locateFixtures();

  @Override
  public Map<String, String> start() {
    return Map.of(
        "kiroku.catalog.cache.key-prefix",
        REDIS_PREFIX,
        // The tests check the Redis layer itself (they edit and delete its keys), so the
        // in-process layer in front of it is off here; MediaCacheLocalLayerTest covers it.
        "kiroku.catalog.cache.local-ttl",
        "0s");
  }

  @Override
  public void stop() {}

  /** (Re)registers the Jikan stubs (the provider tests reset WireMock before each of theirs). */
  static void stubJikan(WireMockServer server) {
    json(server, "/jikan/manga/1/full", "jikan/manga_1_full.json");
    json(server, "/jikan/anime/1/full", "jikan/anime_1.json");
    json(server, "/jikan/anime/1/episodes", "jikan/anime_1_episodes.json");
    server.stubFor(
        get(urlPathEqualTo("/jikan/anime"))
            .withQueryParam("q", equalTo("naruto"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(bytes("jikan/search_anime_naruto.json"))));
    server.stubFor(
        get(urlPathEqualTo("/jikan/anime/424242/full"))
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"status\":500,\"type\":\"InternalException\"}")));
  }

  private static void json(WireMockServer server, String path, String fixture) {
    server.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(bytes(fixture))));
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
