package dev.kiroku.catalog.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.kiroku.catalog.provider.ProviderWireMock.InjectWireMock;
import dev.kiroku.catalog.provider.googlebooks.GoogleBooksApi;
import dev.kiroku.catalog.provider.googlebooks.GoogleBooksProvider;
import dev.kiroku.catalog.provider.hardcover.HardcoverApi;
import dev.kiroku.catalog.provider.hardcover.HardcoverProvider;
import dev.kiroku.catalog.provider.igdb.IgdbApi;
import dev.kiroku.catalog.provider.igdb.IgdbProvider;
import dev.kiroku.catalog.provider.igdb.TwitchAuthApi;
import dev.kiroku.catalog.provider.itunes.ItunesApi;
import dev.kiroku.catalog.provider.itunes.ItunesProvider;
import dev.kiroku.catalog.provider.jikan.JikanApi;
import dev.kiroku.catalog.provider.jikan.JikanProvider;
import dev.kiroku.catalog.provider.support.ProviderPolicy;
import dev.kiroku.catalog.provider.support.ProviderPolicy.RateLimitRule;
import dev.kiroku.catalog.provider.tmdb.TmdbApi;
import dev.kiroku.catalog.provider.tmdb.TmdbProvider;
import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import dev.kiroku.testing.TestTokenIssuer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The provider adapters over HTTP against WireMock serving the recorded responses, with their
 * resilience policies, and the wiring of {@link MediaProviders} in the running service. Resilience
 * tests build a fresh adapter (fresh circuit breaker and rate limiter) on the same REST client
 * interface, with short delays.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(ProviderWireMock.class)
class ProviderAdaptersTest {

  @InjectWireMock WireMockServer wireMock;

  @Inject MediaProviders providers;

  @Inject ObjectMapper objectMapper;

  @Inject io.quarkus.redis.datasource.ReactiveRedisDataSource redis;

  @BeforeEach
  void resetWireMock() {
    wireMock.resetAll();
  }

  static <T> T await(Uni<T> uni) {
    return uni.await().atMost(Duration.ofSeconds(30));
  }

  static ResponseDefinitionBuilder json(String fixture) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(Fixtures.bytes(fixture));
  }

  <T> T client(String provider, Class<T> api) {
    return QuarkusRestClientBuilder.newBuilder()
        .baseUri(URI.create(wireMock.baseUrl() + "/" + provider))
        .build(api);
  }

  /** Quick policy for resilience tests: 2 s timeout, retries from 50 ms, no rate limit. */
  static ProviderPolicy fast() {
    return ProviderPolicy.standard()
        .withTimeout(Duration.ofSeconds(2))
        .withRetries(3, Duration.ofMillis(50));
  }

  static Throwable rootCause(Throwable t) {
    return t.getCause() == null ? t : t.getCause();
  }

  @Nested
  class Jikan {

    JikanProvider jikan(ProviderPolicy policy) {
      return new JikanProvider(
          client("jikan", JikanApi.class), objectMapper, policy, Clock.systemUTC());
    }

    @Test
    void fetchesAnimeWithEveryEpisodePageThroughTheRouter() throws Exception {
      ObjectNode firstPage = (ObjectNode) Fixtures.json("jikan/anime_1_episodes.json");
      ((ObjectNode) firstPage.get("pagination")).put("has_next_page", true);
      wireMock.stubFor(
          get(urlPathEqualTo("/jikan/anime/1/full")).willReturn(json("jikan/anime_1.json")));
      wireMock.stubFor(
          get(urlPathEqualTo("/jikan/anime/1/episodes"))
              .withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.equalTo("1"))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/json")
                      .withBody(objectMapper.writeValueAsBytes(firstPage))));
      wireMock.stubFor(
          get(urlPathEqualTo("/jikan/anime/1/episodes"))
              .withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.equalTo("2"))
              .willReturn(json("jikan/anime_1_episodes.json")));

      ProviderMedia media =
          await(providers.fetch(ExternalSource.MAL, MediaType.ANIME, "1")).orElseThrow();

      assertTrue(media.complete());
      assertEquals("Cowboy Bebop", media.media().titles().canonical());
      assertEquals("カウボーイビバップ", media.media().titles().nativeTitle());
      // both pages were read; page 2 repeats page 1's numbers, which are kept once
      wireMock.verify(
          1,
          getRequestedFor(urlPathEqualTo("/jikan/anime/1/episodes"))
              .withQueryParam(
                  "page", com.github.tomakehurst.wiremock.client.WireMock.equalTo("2")));
      assertEquals(26, media.episodes().size());
      assertEquals("Asteroid Blues", media.episodes().get(0).title());
    }

    @Test
    void searchesMangaThroughTheRouter() {
      wireMock.stubFor(
          get(urlPathEqualTo("/jikan/manga"))
              .willReturn(json("jikan/search_manga_jujutsu_kaisen.json")));
      List<ProviderMedia> results = await(providers.search("jujutsu kaisen", MediaType.MANGA, 1));
      assertEquals(8, results.size());
      assertTrue(results.stream().noneMatch(ProviderMedia::complete));
      wireMock.verify(
          getRequestedFor(urlPathEqualTo("/jikan/manga"))
              .withQueryParam(
                  "q", com.github.tomakehurst.wiremock.client.WireMock.equalTo("jujutsu kaisen"))
              .withQueryParam(
                  "page", com.github.tomakehurst.wiremock.client.WireMock.equalTo("1")));
    }

    @Test
    void notFoundIsEmpty() {
      wireMock.stubFor(
          get(urlPathEqualTo("/jikan/manga/999999999/full"))
              .willReturn(
                  aResponse()
                      .withStatus(404)
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          "{\"status\":404,\"type\":\"BadResponseException\",\"message\":\"Resource does not exist\",\"error\":\"404 on https://myanimelist.net/manga/999999999/\"}")));
      assertEquals(
          Optional.empty(),
          await(providers.fetch(ExternalSource.MAL, MediaType.MANGA, "999999999")));
      wireMock.verify(1, getRequestedFor(urlPathEqualTo("/jikan/manga/999999999/full")));
    }

    @Test
    void retriesA503ThenSucceeds() {
      wireMock.stubFor(
          get(urlPathEqualTo("/jikan/manga/1/full"))
              .inScenario("503")
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(aResponse().withStatus(503).withBody("Service Unavailable"))
              .willSetStateTo("up"));
      wireMock.stubFor(
          get(urlPathEqualTo("/jikan/manga/1/full"))
              .inScenario("503")
              .whenScenarioStateIs("up")
              .willReturn(json("jikan/manga_1_full.json")));
      ProviderMedia media = await(jikan(fast()).fetch(MediaType.MANGA, "1")).orElseThrow();
      assertEquals("Monster", media.media().titles().canonical());
      wireMock.verify(2, getRequestedFor(urlPathEqualTo("/jikan/manga/1/full")));
    }

    @Test
    void honoursRetryAfterOn429() {
      wireMock.stubFor(
          get(urlPathEqualTo("/jikan/manga/1/full"))
              .inScenario("429")
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(
                  aResponse()
                      .withStatus(429)
                      .withHeader("Retry-After", "1")
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          "{\"status\":429,\"type\":\"RateLimitException\",\"message\":\"You are being rate-limited.\"}"))
              .willSetStateTo("ok"));
      wireMock.stubFor(
          get(urlPathEqualTo("/jikan/manga/1/full"))
              .inScenario("429")
              .whenScenarioStateIs("ok")
              .willReturn(json("jikan/manga_1_full.json")));
      await(jikan(fast()).fetch(MediaType.MANGA, "1")).orElseThrow();
      List<LoggedRequest> requests =
          wireMock.findAll(getRequestedFor(urlPathEqualTo("/jikan/manga/1/full")));
      assertEquals(2, requests.size());
      long gap =
          requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
      // the 50 ms backoff was replaced by the provider's Retry-After: 1 s
      assertTrue(gap >= 950, "retried after " + gap + " ms");
    }

    @Test
    void givesUpAfterRetriesAsUnavailable() {
      wireMock.stubFor(
          get(urlPathEqualTo("/jikan/anime"))
              .willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));
      ProviderUnavailableException e =
          assertThrows(
              ProviderUnavailableException.class,
              () -> await(jikan(fast()).search("naruto", MediaType.ANIME, 1)));
      assertEquals("jikan", e.provider());
      assertTrue(e.getMessage().contains("502"), e.getMessage());
      wireMock.verify(4, getRequestedFor(urlPathEqualTo("/jikan/anime")));
    }

    @Test
    void circuitOpensAfterRepeatedFailures() {
      wireMock.stubFor(get(urlPathEqualTo("/jikan/anime")).willReturn(aResponse().withStatus(500)));
      JikanProvider jikan =
          jikan(
              fast()
                  .withRetries(0, Duration.ofMillis(10))
                  .withCircuit(4, 0.5, Duration.ofMinutes(1)));
      for (int i = 0; i < 4; i++) {
        assertThrows(
            ProviderUnavailableException.class,
            () -> await(jikan.search("naruto", MediaType.ANIME, 1)));
      }
      ProviderUnavailableException open =
          assertThrows(
              ProviderUnavailableException.class,
              () -> await(jikan.search("naruto", MediaType.ANIME, 1)));
      assertInstanceOf(CircuitBreakerOpenException.class, open.getCause());
      wireMock.verify(4, getRequestedFor(urlPathEqualTo("/jikan/anime")));
    }

    @Test
    void rateLimitRejectsTheFourthCallInOneSecondWithoutRetries() {
      wireMock.stubFor(
          get(urlPathEqualTo("/jikan/anime")).willReturn(json("jikan/search_anime_naruto.json")));
      JikanProvider jikan =
          jikan(
              fast()
                  .withRetries(0, Duration.ofMillis(10))
                  .withRateLimits(
                      new RateLimitRule(3, Duration.ofSeconds(1)),
                      new RateLimitRule(60, Duration.ofMinutes(1))));
      for (int i = 0; i < 3; i++) {
        assertEquals(10, await(jikan.search("naruto", MediaType.ANIME, 1)).size());
      }
      ProviderUnavailableException limited =
          assertThrows(
              ProviderUnavailableException.class,
              () -> await(jikan.search("naruto", MediaType.ANIME, 1)));
      assertInstanceOf(RateLimitException.class, limited.getCause());
      wireMock.verify(3, getRequestedFor(urlPathEqualTo("/jikan/anime")));
    }

    @Test
    void minuteLimitAppliesToo() {
      wireMock.stubFor(
          get(urlPathEqualTo("/jikan/anime")).willReturn(json("jikan/search_anime_naruto.json")));
      // the per-minute rule is the second one: 100/s would allow it, 2/min does not
      JikanProvider jikan =
          jikan(
              fast()
                  .withRetries(0, Duration.ofMillis(10))
                  .withRateLimits(
                      new RateLimitRule(100, Duration.ofSeconds(1)),
                      new RateLimitRule(2, Duration.ofMinutes(1))));
      await(jikan.search("naruto", MediaType.ANIME, 1));
      await(jikan.search("naruto", MediaType.ANIME, 1));
      ProviderUnavailableException limited =
          assertThrows(
              ProviderUnavailableException.class,
              () -> await(jikan.search("naruto", MediaType.ANIME, 1)));
      assertInstanceOf(RateLimitException.class, limited.getCause());
      wireMock.verify(2, getRequestedFor(urlPathEqualTo("/jikan/anime")));
    }

    @Test
    void callsOverTheLimitWaitThroughRetriesAndStayWithinIt() {
      wireMock.stubFor(
          get(urlPathEqualTo("/jikan/anime")).willReturn(json("jikan/search_anime_naruto.json")));
      JikanProvider jikan =
          jikan(
              fast()
                  .withRetries(6, Duration.ofMillis(300))
                  .withRateLimits(new RateLimitRule(3, Duration.ofSeconds(1))));
      List<Uni<List<ProviderMedia>>> calls = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        calls.add(jikan.search("naruto", MediaType.ANIME, 1));
      }
      List<?> all = await(Uni.join().all(calls).andFailFast());
      assertEquals(5, all.size());
      List<Long> times =
          wireMock.findAll(getRequestedFor(urlPathEqualTo("/jikan/anime"))).stream()
              .map(r -> r.getLoggedDate().getTime())
              .sorted(Comparator.naturalOrder())
              .toList();
      assertEquals(5, times.size());
      // never 4 requests within one second (small slack for logging after the permit)
      assertTrue(times.get(3) - times.get(0) >= 900, "requests at " + times);
      assertTrue(times.get(4) - times.get(1) >= 900, "requests at " + times);
    }

    @Test
    void boundsRequestsInFlight() {
      wireMock.stubFor(
          get(urlPathEqualTo("/jikan/anime"))
              .willReturn(json("jikan/search_anime_naruto.json").withFixedDelay(600)));
      JikanProvider jikan = jikan(fast().withMaxConcurrent(2));
      List<Uni<List<ProviderMedia>>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        calls.add(jikan.search("naruto", MediaType.ANIME, 1));
      }
      assertEquals(4, await(Uni.join().all(calls).andFailFast()).size());
      List<Long> times =
          wireMock.findAll(getRequestedFor(urlPathEqualTo("/jikan/anime"))).stream()
              .map(r -> r.getLoggedDate().getTime())
              .sorted(Comparator.naturalOrder())
              .toList();
      // two at once; the third waits in the queue until one of the first two answered (600 ms)
      assertTrue(times.get(2) - times.get(0) >= 500, "requests at " + times);
      assertTrue(times.get(1) - times.get(0) < 500, "requests at " + times);
    }

    @Test
    void timesOut() {
      wireMock.stubFor(
          get(urlPathEqualTo("/jikan/manga/1/full"))
              .willReturn(json("jikan/manga_1_full.json").withFixedDelay(1500)));
      JikanProvider jikan =
          jikan(fast().withTimeout(Duration.ofMillis(300)).withRetries(0, Duration.ofMillis(10)));
      ProviderUnavailableException e =
          assertThrows(
              ProviderUnavailableException.class, () -> await(jikan.fetch(MediaType.MANGA, "1")));
      assertInstanceOf(TimeoutException.class, e.getCause());
    }

    @Test
    void unreadableBodyIsUnavailable() {
      wireMock.stubFor(
          get(urlPathEqualTo("/jikan/manga/1/full"))
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withHeader("Content-Type", "text/html")
                      .withBody("<html>maintenance</html>")));
      ProviderUnavailableException e =
          assertThrows(
              ProviderUnavailableException.class,
              () -> await(jikan(fast()).fetch(MediaType.MANGA, "1")));
      assertTrue(e.getMessage().contains("unreadable body"), e.getMessage());
    }
  }

  @Nested
  class Tmdb {

    static final String NOT_FOUND =
        "{\"success\":false,\"status_code\":34,\"status_message\":\"The resource you requested could not be found.\"}";

    TmdbProvider tmdb() {
      return new TmdbProvider(
          client("tmdb", TmdbApi.class),
          objectMapper,
          Optional.of("test-key"),
          fast(),
          Clock.systemUTC());
    }

    @Test
    void withoutApiKeyTheRouterAnswersNotConfigured() {
      ProviderNotConfiguredException e =
          assertThrows(
              ProviderNotConfiguredException.class,
              () -> await(providers.search("fight club", MediaType.MOVIE, 1)));
      assertEquals("tmdb", e.provider());
      assertTrue(e.getMessage().contains("kiroku.providers.tmdb.api-key"), e.getMessage());
      assertThrows(
          ProviderNotConfiguredException.class,
          () -> await(providers.fetch(ExternalSource.TMDB, MediaType.TV, "1399")));
      assertEquals(0, wireMock.getAllServeEvents().size());
    }

    @Test
    void fetchesTvWithEverySeasonIncludingSpecials() {
      wireMock.stubFor(
          get(urlPathEqualTo("/tmdb/tv/1399"))
              .withQueryParam("api_key", equalTo("test-key"))
              .willReturn(json("tmdb/tv_1399_details.json")));
      wireMock.stubFor(
          get(urlPathEqualTo("/tmdb/tv/1399/season/1"))
              .willReturn(json("tmdb/tv_1399_season_1.json")));
      wireMock.stubFor(
          get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                  "/tmdb/tv/1399/season/[02-8]"))
              .willReturn(
                  aResponse()
                      .withStatus(404)
                      .withHeader("Content-Type", "application/json")
                      .withBody(NOT_FOUND)));
      ProviderMedia media = await(tmdb().fetch(MediaType.TV, "1399")).orElseThrow();
      for (int season = 0; season <= 8; season++) {
        wireMock.verify(
            1,
            getRequestedFor(urlPathEqualTo("/tmdb/tv/1399/season/" + season))
                .withQueryParam("api_key", equalTo("test-key")));
      }
      wireMock.verify(
          getRequestedFor(urlPathEqualTo("/tmdb/tv/1399"))
              .withQueryParam("append_to_response", equalTo("external_ids,alternative_titles")));
      assertEquals(9, media.media().seasons().size());
      assertEquals(0, media.media().seasons().get(0).number());
      assertEquals(10, media.episodes().size());
      assertTrue(media.episodes().stream().allMatch(e -> e.seasonNumber() == 1));
    }

    @Test
    void fetchesMovieWithCreditsAndVideosAppended() {
      wireMock.stubFor(
          get(urlPathEqualTo("/tmdb/movie/607"))
              .willReturn(json("tmdb/movie_607_append_credits_videos.json")));
      ProviderMedia media = await(tmdb().fetch(MediaType.MOVIE, "607")).orElseThrow();
      assertEquals("Men in Black", media.media().titles().canonical());
      wireMock.verify(
          getRequestedFor(urlPathEqualTo("/tmdb/movie/607"))
              .withQueryParam(
                  "append_to_response", equalTo("credits,videos,external_ids,alternative_titles")));
    }

    @Test
    void unknownMovieIsEmpty() {
      wireMock.stubFor(
          get(urlPathEqualTo("/tmdb/movie/0"))
              .willReturn(
                  aResponse()
                      .withStatus(404)
                      .withHeader("Content-Type", "application/json")
                      .withBody(NOT_FOUND)));
      assertEquals(Optional.empty(), await(tmdb().fetch(MediaType.MOVIE, "0")));
    }

    @Test
    void searchesMoviesTvAndMulti() {
      wireMock.stubFor(
          get(urlPathEqualTo("/tmdb/search/movie"))
              .willReturn(json("tmdb/search_movie_fight_club.json")));
      wireMock.stubFor(
          get(urlPathEqualTo("/tmdb/search/tv"))
              .willReturn(json("tmdb/search_tv_breaking_bad.json")));
      wireMock.stubFor(
          get(urlPathEqualTo("/tmdb/search/multi"))
              .willReturn(json("tmdb/search_multi_star_wars.json")));
      assertEquals(20, await(tmdb().search("Fight Club", MediaType.MOVIE, 1)).size());
      assertEquals(
          "Breaking Bad",
          await(tmdb().search("Breaking Bad", MediaType.TV, 1))
              .get(0)
              .media()
              .titles()
              .canonical());
      assertEquals(2, await(tmdb().searchMulti("star wars", 1)).size());
      wireMock.verify(
          getRequestedFor(urlPathEqualTo("/tmdb/search/movie"))
              .withQueryParam("query", equalTo("Fight Club"))
              .withQueryParam("page", equalTo("1"))
              .withQueryParam("api_key", equalTo("test-key")));
    }

    @Test
    void invalidKeyIsUnavailableWithoutRetries() {
      wireMock.stubFor(
          get(urlPathEqualTo("/tmdb/search/movie"))
              .willReturn(
                  aResponse()
                      .withStatus(401)
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          "{\"status_code\":7,\"status_message\":\"Invalid API key: You must be granted a valid key.\",\"success\":false}")));
      ProviderUnavailableException e =
          assertThrows(
              ProviderUnavailableException.class,
              () -> await(tmdb().search("x", MediaType.MOVIE, 1)));
      assertTrue(e.getMessage().contains("401"), e.getMessage());
      wireMock.verify(1, getRequestedFor(urlPathEqualTo("/tmdb/search/movie")));
    }
  }

  @Nested
  class Igdb {

    final String prefix = "kiroku-test:" + java.util.UUID.randomUUID() + ":";

    IgdbProvider igdb() {
      return new IgdbProvider(
          client("igdb", IgdbApi.class),
          client("twitch", TwitchAuthApi.class),
          redis,
          objectMapper,
          Optional.of("test-client"),
          Optional.of("test-secret"),
          prefix,
          fast(),
          Clock.systemUTC());
    }

    void twitchGives(String token, long expiresIn) {
      wireMock.stubFor(
          post(urlPathEqualTo("/twitch/oauth2/token"))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          "{\"access_token\":\""
                              + token
                              + "\",\"expires_in\":"
                              + expiresIn
                              + ",\"token_type\":\"bearer\"}")));
    }

    String redisToken(IgdbProvider igdb) {
      return await(redis.value(String.class, String.class).get(igdb.tokens().key()));
    }

    @org.junit.jupiter.api.AfterEach
    void dropToken() {
      await(redis.key(String.class).del(prefix + "igdb:access-token"));
    }

    @Test
    void withoutCredentialsTheRouterAnswersNotConfigured() {
      ProviderNotConfiguredException e =
          assertThrows(
              ProviderNotConfiguredException.class,
              () -> await(providers.search("zelda", MediaType.GAME, 1)));
      assertEquals("igdb", e.provider());
      assertTrue(e.getMessage().contains("kiroku.providers.igdb.client-id"), e.getMessage());
    }

    @Test
    void fetchesATokenOnceCachesItInRedisAndQueriesWithIt() {
      twitchGives("token-1", 5_011_271);
      wireMock.stubFor(
          post(urlPathEqualTo("/igdb/games"))
              .withHeader("Authorization", equalTo("Bearer token-1"))
              .withHeader("Client-ID", equalTo("test-client"))
              .willReturn(json("igdb/games_search_god_of_war_expanded.json")));
      IgdbProvider igdb = igdb();
      assertEquals(4, await(igdb.search("god of war \"2018\"", MediaType.GAME, 2)).size());
      assertEquals(4, await(igdb.search("god of war", MediaType.GAME, 1)).size());
      wireMock.verify(
          1,
          postRequestedFor(urlPathEqualTo("/twitch/oauth2/token"))
              .withRequestBody(containing("grant_type=client_credentials"))
              .withRequestBody(containing("client_id=test-client")));
      wireMock.verify(
          postRequestedFor(urlPathEqualTo("/igdb/games"))
              .withRequestBody(containing("search \"god of war \\\"2018\\\"\";"))
              .withRequestBody(containing("limit 20; offset 20;")));
      assertEquals("token-1", redisToken(igdb));
      long ttl = await(redis.key(String.class).ttl(igdb.tokens().key()));
      // refreshed before expiry: TTL = expires_in minus the margin (min(24 h, a tenth))
      assertTrue(ttl > 5_011_271 - 86_400 - 60 && ttl <= 5_011_271 - 86_400, "ttl " + ttl);
    }

    @Test
    void a401RefreshesTheTokenOnceAndRetriesOnce() {
      await(
          redis
              .value(String.class, String.class)
              .setex(prefix + "igdb:access-token", 3600, "expired-token"));
      twitchGives("fresh-token", 5_000_000);
      wireMock.stubFor(
          post(urlPathEqualTo("/igdb/games"))
              .withHeader("Authorization", equalTo("Bearer expired-token"))
              .willReturn(
                  aResponse()
                      .withStatus(401)
                      .withHeader("Content-Type", "application/json")
                      .withBody(Fixtures.bytes("igdb/error_401_auth_failure.json"))));
      wireMock.stubFor(
          post(urlPathEqualTo("/igdb/games"))
              .withHeader("Authorization", equalTo("Bearer fresh-token"))
              .willReturn(json("igdb/games_details_god_of_war_expanded.json")));
      IgdbProvider igdb = igdb();
      ProviderMedia game = await(igdb.fetch(MediaType.GAME, "19560")).orElseThrow();
      assertEquals("God of War", game.media().titles().canonical());
      assertTrue(game.complete());
      wireMock.verify(
          2,
          postRequestedFor(urlPathEqualTo("/igdb/games"))
              .withRequestBody(containing("where id = 19560;")));
      wireMock.verify(1, postRequestedFor(urlPathEqualTo("/twitch/oauth2/token")));
      assertEquals("fresh-token", redisToken(igdb));
    }

    @Test
    void aSecond401IsUnavailableAfterOneRetry() {
      twitchGives("rejected-token", 5_000_000);
      wireMock.stubFor(
          post(urlPathEqualTo("/igdb/games"))
              .willReturn(
                  aResponse()
                      .withStatus(401)
                      .withHeader("Content-Type", "application/json")
                      .withBody(Fixtures.bytes("igdb/error_401_auth_failure.json"))));
      ProviderUnavailableException e =
          assertThrows(
              ProviderUnavailableException.class,
              () -> await(igdb().fetch(MediaType.GAME, "19560")));
      assertTrue(e.getMessage().contains("Authorization Failure"), e.getMessage());
      wireMock.verify(2, postRequestedFor(urlPathEqualTo("/igdb/games")));
      wireMock.verify(2, postRequestedFor(urlPathEqualTo("/twitch/oauth2/token")));
    }

    @Test
    void syntaxErrorIsUnavailableWithoutRetry() {
      twitchGives("token-1", 5_000_000);
      wireMock.stubFor(
          post(urlPathEqualTo("/igdb/games"))
              .willReturn(
                  aResponse()
                      .withStatus(400)
                      .withHeader("Content-Type", "application/json")
                      .withBody(Fixtures.bytes("igdb/error_400_syntax_error.json"))));
      ProviderUnavailableException e =
          assertThrows(
              ProviderUnavailableException.class,
              () -> await(igdb().search("Diablo", MediaType.GAME, 1)));
      assertTrue(e.getMessage().contains("Syntax Error"), e.getMessage());
      wireMock.verify(1, postRequestedFor(urlPathEqualTo("/igdb/games")));
    }

    @Test
    void unknownIdIsEmpty() {
      twitchGives("token-1", 5_000_000);
      wireMock.stubFor(
          post(urlPathEqualTo("/igdb/games"))
              .willReturn(
                  aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
      assertEquals(Optional.empty(), await(igdb().fetch(MediaType.GAME, "999999999")));
    }
  }

  @Nested
  class Books {

    HardcoverProvider hardcover() {
      return new HardcoverProvider(
          client("hardcover", HardcoverApi.class),
          objectMapper,
          Optional.of("Bearer hc-token"),
          fast(),
          Clock.systemUTC());
    }

    GoogleBooksProvider googleBooks() {
      return new GoogleBooksProvider(
          client("googlebooks", GoogleBooksApi.class),
          objectMapper,
          Optional.empty(),
          fast(),
          Clock.systemUTC());
    }

    void hardcoverAnswers(String queryPart, String fixture) {
      wireMock.stubFor(
          post(urlPathEqualTo("/hardcover/graphql"))
              .withRequestBody(containing(queryPart))
              .willReturn(json(fixture)));
    }

    @Test
    void withoutHardcoverTokenTheRouterSearchesGoogleBooks() {
      wireMock.stubFor(
          get(urlPathEqualTo("/googlebooks/volumes"))
              .willReturn(json("googlebooks/volumes_search_children_of_time.json")));
      List<ProviderMedia> results = await(providers.search("children of time", MediaType.BOOK, 1));
      assertEquals(2, results.size());
      assertEquals("googlebooks", results.get(0).media().sourceProvider());
      wireMock.verify(
          getRequestedFor(urlPathEqualTo("/googlebooks/volumes"))
              .withQueryParam("q", equalTo("children of time"))
              .withQueryParam("startIndex", equalTo("0")));
      wireMock.verify(0, postRequestedFor(urlPathEqualTo("/hardcover/graphql")));
    }

    @Test
    void isbnGoesThroughGoogleBooksWithTheBomPrefixedBodies() {
      wireMock.stubFor(
          get(urlPathEqualTo("/googlebooks/volumes"))
              .withQueryParam("q", equalTo("isbn:9780316452502"))
              .willReturn(json("googlebooks/volumes_search_children_of_time.json")));
      wireMock.stubFor(
          get(urlPathEqualTo("/googlebooks/volumes/49T5twEACAAJ"))
              .willReturn(json("googlebooks/volume_children_of_time_en.json")));
      ProviderMedia book =
          await(providers.fetch(ExternalSource.ISBN, MediaType.BOOK, "978-0-316-45250-2"))
              .orElseThrow();
      assertTrue(book.complete());
      assertEquals("Children of Time", book.media().titles().canonical());
      assertEquals("9780316452502", book.media().externalIds().get("isbn"));
      assertEquals(640, book.media().counts().pages());
    }

    @Test
    void googleBooksVolumeNotFoundIsEmpty() {
      wireMock.stubFor(
          get(urlPathEqualTo("/googlebooks/volumes/unknown1"))
              .willReturn(
                  aResponse()
                      .withStatus(404)
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          "{\"error\":{\"code\":404,\"message\":\"The volume ID could not be found.\",\"errors\":[{\"message\":\"The volume ID could not be found.\",\"domain\":\"global\",\"reason\":\"notFound\"}]}}")));
      assertEquals(
          Optional.empty(),
          await(providers.fetch(ExternalSource.GOOGLE_BOOKS, MediaType.BOOK, "unknown1")));
    }

    @Test
    void hardcoverSearchWithTheBearerToken() {
      hardcoverAnswers("search(", "hardcover/search_book_dune.json");
      List<ProviderMedia> results = await(hardcover().search("dune", MediaType.BOOK, 1));
      assertEquals(3, results.size());
      assertEquals("Dune", results.get(0).media().titles().canonical());
      wireMock.verify(
          postRequestedFor(urlPathEqualTo("/hardcover/graphql"))
              .withHeader("Authorization", equalTo("Bearer hc-token"))
              .withRequestBody(
                  com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                      "$.variables.query", equalTo("dune"))));
    }

    @Test
    void hardcoverBookByIdAndByIsbn() {
      hardcoverAnswers("books_by_pk", "hardcover/book_by_pk_1.json");
      hardcoverAnswers("editions(", "hardcover/book_editions_page.json");
      HardcoverProvider hardcover = hardcover();
      ProviderMedia byId = await(hardcover.fetch(MediaType.BOOK, "1")).orElseThrow();
      assertEquals("Lord Peter Views the Body", byId.media().titles().canonical());
      ProviderMedia byIsbn = await(hardcover.fetchByIsbn("9780060923952")).orElseThrow();
      assertEquals("9780060923952", byIsbn.media().externalIds().get("isbn"));
      wireMock.verify(
          postRequestedFor(urlPathEqualTo("/hardcover/graphql"))
              .withRequestBody(
                  com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                      "$.variables.id", equalTo("1"))));
    }

    @Test
    void hardcoverNoMatchFallsBackToGoogleBooks() {
      hardcoverAnswers("search(", "hardcover/books_empty_result.json");
      hardcoverAnswers("editions(", "hardcover/books_empty_result.json");
      wireMock.stubFor(
          get(urlPathEqualTo("/googlebooks/volumes"))
              .willReturn(json("googlebooks/volumes_search_children_of_time.json")));
      wireMock.stubFor(
          get(urlPathEqualTo("/googlebooks/volumes/49T5twEACAAJ"))
              .willReturn(json("googlebooks/volume_children_of_time_en.json")));
      DefaultMediaProviders router = new DefaultMediaProviders(List.of(googleBooks(), hardcover()));
      List<ProviderMedia> results = await(router.search("children of time", MediaType.BOOK, 1));
      assertEquals("googlebooks", results.get(0).media().sourceProvider());
      ProviderMedia byIsbn =
          await(router.fetch(ExternalSource.ISBN, MediaType.BOOK, "9780316452502")).orElseThrow();
      assertEquals("googlebooks", byIsbn.media().sourceProvider());
      wireMock.verify(2, postRequestedFor(urlPathEqualTo("/hardcover/graphql")));
    }

    @Test
    void hardcoverInvalidTokenAndGraphqlErrorsAreUnavailable() {
      wireMock.stubFor(
          post(urlPathEqualTo("/hardcover/graphql"))
              .withRequestBody(containing("search("))
              .willReturn(
                  aResponse()
                      .withStatus(401)
                      .withHeader("Content-Type", "application/json")
                      .withBody(Fixtures.bytes("hardcover/error_invalid_token.json"))));
      ProviderUnavailableException invalid =
          assertThrows(
              ProviderUnavailableException.class,
              () -> await(hardcover().search("dune", MediaType.BOOK, 1)));
      assertTrue(invalid.getMessage().contains("invalid_token"), invalid.getMessage());
      wireMock.stubFor(
          post(urlPathEqualTo("/hardcover/graphql"))
              .withRequestBody(containing("books_by_pk"))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          "{\"errors\":[{\"message\":\"field 'books_by_pk' not found in type: 'query_root'\",\"extensions\":{\"path\":\"$.selectionSet.books_by_pk\",\"code\":\"validation-failed\"}}]}")));
      ProviderUnavailableException graphql =
          assertThrows(
              ProviderUnavailableException.class,
              () -> await(hardcover().fetch(MediaType.BOOK, "1")));
      assertTrue(graphql.getMessage().contains("GraphQL error"), graphql.getMessage());
    }
  }

  @Nested
  class Itunes {

    ResponseDefinitionBuilder javascript(String fixture) {
      // Apple serves JSON as text/javascript (see itunes/cassettes/itunes.yml)
      return aResponse()
          .withHeader("Content-Type", "text/javascript; charset=utf-8")
          .withBody(Fixtures.bytes(fixture));
    }

    @Test
    void lookupWithEpisodesThroughTheRouter() {
      wireMock.stubFor(
          get(urlPathEqualTo("/itunes/lookup"))
              .withQueryParam("id", equalTo("381816509"))
              .willReturn(javascript("itunes/lookup_podcast_381816509_with_episodes.json")));
      ProviderMedia podcast =
          await(providers.fetch(ExternalSource.ITUNES, MediaType.PODCAST, "381816509"))
              .orElseThrow();
      assertEquals("NerdCast", podcast.media().titles().canonical());
      assertEquals(2, podcast.episodes().size());
      wireMock.verify(
          getRequestedFor(urlPathEqualTo("/itunes/lookup"))
              .withQueryParam("entity", equalTo("podcastEpisode")));
    }

    @Test
    void searchReadsTheLeadingBlankLinesBody() {
      wireMock.stubFor(
          get(urlPathEqualTo("/itunes/search"))
              .willReturn(javascript("itunes/lookup_podcast_215517191.json")));
      List<ProviderMedia> results = await(providers.search("wdw radio", MediaType.PODCAST, 1));
      assertEquals(1, results.size());
      assertEquals("itunes", results.get(0).media().sourceProvider());
      wireMock.verify(
          getRequestedFor(urlPathEqualTo("/itunes/search"))
              .withQueryParam("term", equalTo("wdw radio"))
              .withQueryParam("media", equalTo("podcast"))
              .withQueryParam("limit", equalTo("25")));
      assertEquals(List.of(), await(providers.search("wdw radio", MediaType.PODCAST, 2)));
    }

    @Test
    void emptyLookupIsEmpty() {
      wireMock.stubFor(
          get(urlPathEqualTo("/itunes/lookup"))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "text/javascript; charset=utf-8")
                      .withBody("\n\n\n{\n \"resultCount\":0,\n \"results\": []\n}\n")));
      assertEquals(
          Optional.empty(),
          await(
              new ItunesProvider(
                      client("itunes", ItunesApi.class), objectMapper, fast(), Clock.systemUTC())
                  .fetch(MediaType.PODCAST, "1")));
    }
  }
}
