package dev.kiroku.catalog.provider.tmdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.catalog.provider.MediaProvider;
import dev.kiroku.catalog.provider.ProviderMedia;
import dev.kiroku.catalog.provider.ProviderNotConfiguredException;
import dev.kiroku.catalog.provider.support.Json;
import dev.kiroku.catalog.provider.support.ProviderGuard;
import dev.kiroku.catalog.provider.support.ProviderJson;
import dev.kiroku.catalog.provider.support.ProviderPolicy;
import dev.kiroku.catalog.provider.support.ProviderPolicy.RateLimitRule;
import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Movies and TV shows from TMDB v3 (TMDB ids). Needs {@value #API_KEY} (a v3 API key); without it
 * every call fails with {@link ProviderNotConfiguredException}. Rate limit: 40 requests per second
 * (TMDB's documented soft ceiling "around 40 per second"). A TV fetch reads the details, then every
 * season listed in {@code seasons[]} including season 0 (specials), one after another; a listed
 * season that answers 404 contributes no episodes. Mapping: {@link TmdbMapper}.
 */
@ApplicationScoped
public class TmdbProvider implements MediaProvider {

  /** Configuration key of the TMDB v3 API key. */
  public static final String API_KEY = "kiroku.providers.tmdb.api-key";

  /** TMDB: about 40 requests per second. */
  public static final ProviderPolicy POLICY =
      ProviderPolicy.standard(new RateLimitRule(40, Duration.ofSeconds(1)));

  static final String MOVIE_APPEND = "credits,videos,external_ids,alternative_titles";
  static final String TV_APPEND = "external_ids,alternative_titles";

  private final TmdbApi api;
  private final Optional<String> apiKey;
  private final ProviderGuard guard;
  private final ProviderJson json;
  private final TmdbMapper mapper;

  @Inject
  public TmdbProvider(
      @RestClient TmdbApi api,
      ObjectMapper objectMapper,
      @ConfigProperty(name = API_KEY) Optional<String> apiKey) {
    this(api, objectMapper, apiKey, POLICY, Clock.systemUTC());
  }

  /** For tests: another policy or clock. */
  public TmdbProvider(
      TmdbApi api,
      ObjectMapper objectMapper,
      Optional<String> apiKey,
      ProviderPolicy policy,
      Clock clock) {
    this.api = api;
    this.apiKey = apiKey.filter(k -> !k.isBlank());
    this.guard = new ProviderGuard(TmdbMapper.NAME, policy);
    this.json = new ProviderJson(TmdbMapper.NAME, objectMapper);
    this.mapper = new TmdbMapper(clock);
  }

  @Override
  public String name() {
    return TmdbMapper.NAME;
  }

  @Override
  public Set<MediaType> mediaTypes() {
    return Set.of(MediaType.MOVIE, MediaType.TV);
  }

  @Override
  public ExternalSource idSource() {
    return ExternalSource.TMDB;
  }

  @Override
  public boolean configured() {
    return apiKey.isPresent();
  }

  @Override
  public Uni<List<ProviderMedia>> search(String query, MediaType type, int page) {
    if (!configured()) {
      return notConfigured();
    }
    String key = apiKey.get();
    return guard.finish(
        guard
            .call(
                () ->
                    type == MediaType.TV
                        ? api.searchTv(key, query, page)
                        : api.searchMovie(key, query, page))
            .map(body -> mapper.mapSearch(json.parse(body), type)));
  }

  /**
   * {@code /search/multi}: movies and TV shows in one list (people and collections dropped).
   *
   * @return summaries typed MOVIE or TV by their {@code media_type}
   */
  public Uni<List<ProviderMedia>> searchMulti(String query, int page) {
    if (!configured()) {
      return notConfigured();
    }
    String key = apiKey.get();
    return guard.finish(
        guard
            .call(() -> api.searchMulti(key, query, page))
            .map(body -> mapper.mapSearch(json.parse(body), null)));
  }

  @Override
  public Uni<Optional<ProviderMedia>> fetch(MediaType type, String externalId) {
    if (!configured()) {
      return notConfigured();
    }
    long id;
    try {
      id = Long.parseLong(externalId.trim());
    } catch (NumberFormatException e) {
      return Uni.createFrom().item(Optional.empty());
    }
    String key = apiKey.get();
    if (type == MediaType.MOVIE) {
      return guard.finish(
          guard
              .callOptional(() -> api.movie(key, id, MOVIE_APPEND))
              .map(body -> body.map(b -> mapper.mapMovie(json.parse(b)))));
    }
    return guard.finish(
        guard
            .callOptional(() -> api.tv(key, id, TV_APPEND))
            .flatMap(
                body -> {
                  if (body.isEmpty()) {
                    return Uni.createFrom().item(Optional.<ProviderMedia>empty());
                  }
                  JsonNode tv = json.parse(body.get());
                  List<Integer> numbers = new ArrayList<>();
                  for (JsonNode season : Json.at(tv, "seasons")) {
                    Integer number = Json.integer(season, "season_number");
                    if (number != null && !numbers.contains(number)) {
                      numbers.add(number);
                    }
                  }
                  return Multi.createFrom()
                      .iterable(numbers)
                      .onItem()
                      .transformToUniAndConcatenate(
                          n -> guard.callOptional(() -> api.season(key, id, n)))
                      .collect()
                      .asList()
                      .map(
                          seasons -> {
                            List<JsonNode> parsed = new ArrayList<>();
                            for (Optional<byte[]> season : seasons) {
                              season.ifPresent(s -> parsed.add(json.parse(s)));
                            }
                            return Optional.of(mapper.mapTv(tv, parsed));
                          });
                }));
  }

  private <T> Uni<T> notConfigured() {
    return Uni.createFrom().failure(new ProviderNotConfiguredException(name(), API_KEY));
  }
}
