package dev.kiroku.catalog.provider.jikan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.catalog.provider.MediaProvider;
import dev.kiroku.catalog.provider.ProviderMedia;
import dev.kiroku.catalog.provider.support.Json;
import dev.kiroku.catalog.provider.support.ProviderGuard;
import dev.kiroku.catalog.provider.support.ProviderJson;
import dev.kiroku.catalog.provider.support.ProviderPolicy;
import dev.kiroku.catalog.provider.support.ProviderPolicy.RateLimitRule;
import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Anime and manga from Jikan v4 (MyAnimeList ids). Keyless, so always configured. Rate limit:
 * Jikan's published 3 requests per second and 60 per minute, both enforced. Episodes are read from
 * every page of {@code /anime/{id}/episodes} (at most {@value #MAX_EPISODE_PAGES} pages). Mapping:
 * {@link JikanMapper}.
 */
@ApplicationScoped
public class JikanProvider implements MediaProvider {

  /** Jikan's published limits: 3 requests/s and 60 requests/min. */
  public static final ProviderPolicy POLICY =
      ProviderPolicy.standard(
          new RateLimitRule(3, Duration.ofSeconds(1)),
          new RateLimitRule(60, Duration.ofMinutes(1)));

  static final int MAX_EPISODE_PAGES = 100;
  static final int PAGE_SIZE = 25;

  private final JikanApi api;
  private final ProviderGuard guard;
  private final ProviderJson json;
  private final JikanMapper mapper;

  @Inject
  public JikanProvider(@RestClient JikanApi api, ObjectMapper objectMapper) {
    this(api, objectMapper, POLICY, Clock.systemUTC());
  }

  /** For tests: another policy or clock. */
  public JikanProvider(
      JikanApi api, ObjectMapper objectMapper, ProviderPolicy policy, Clock clock) {
    this.api = api;
    this.guard = new ProviderGuard(JikanMapper.NAME, policy);
    this.json = new ProviderJson(JikanMapper.NAME, objectMapper);
    this.mapper = new JikanMapper(clock);
  }

  @Override
  public String name() {
    return JikanMapper.NAME;
  }

  @Override
  public Set<MediaType> mediaTypes() {
    return Set.of(MediaType.ANIME, MediaType.MANGA);
  }

  @Override
  public ExternalSource idSource() {
    return ExternalSource.MAL;
  }

  @Override
  public boolean configured() {
    return true;
  }

  @Override
  public Uni<List<ProviderMedia>> search(String query, MediaType type, int page) {
    if (!mediaTypes().contains(type)) {
      return Uni.createFrom().failure(wrongType(type));
    }
    return guard
        .call(
            () ->
                type == MediaType.ANIME
                    ? api.searchAnime(query, page, PAGE_SIZE)
                    : api.searchManga(query, page, PAGE_SIZE))
        .map(body -> mapper.mapList(json.parse(body), type))
        .onFailure(t -> !(t instanceof dev.kiroku.catalog.provider.ProviderUnavailableException))
        .transform(guard::unavailable);
  }

  @Override
  public Uni<Optional<ProviderMedia>> fetch(MediaType type, String externalId) {
    if (!mediaTypes().contains(type)) {
      return Uni.createFrom().failure(wrongType(type));
    }
    long id;
    try {
      id = Long.parseLong(externalId.trim());
    } catch (NumberFormatException e) {
      return Uni.createFrom().item(Optional.empty());
    }
    if (id <= 0) {
      return Uni.createFrom().item(Optional.empty());
    }
    Uni<Optional<ProviderMedia>> result;
    if (type == MediaType.MANGA) {
      result =
          guard
              .callOptional(() -> api.manga(id))
              .map(body -> body.map(b -> mapper.mapDetails(json.parse(b), type, List.of())));
    } else {
      result =
          guard
              .callOptional(() -> api.anime(id))
              .flatMap(
                  body -> {
                    if (body.isEmpty()) {
                      return Uni.createFrom().item(Optional.<ProviderMedia>empty());
                    }
                    JsonNode details = json.parse(body.get());
                    return episodePages(id, 1, new ArrayList<>())
                        .map(pages -> Optional.of(mapper.mapDetails(details, type, pages)));
                  });
    }
    return result
        .onFailure(t -> !(t instanceof dev.kiroku.catalog.provider.ProviderUnavailableException))
        .transform(guard::unavailable);
  }

  private Uni<List<JsonNode>> episodePages(long id, int page, List<JsonNode> pages) {
    return guard
        .callOptional(() -> api.animeEpisodes(id, page))
        .flatMap(
            body -> {
              if (body.isEmpty()) {
                return Uni.createFrom().item(pages);
              }
              JsonNode node = json.parse(body.get());
              pages.add(node);
              boolean more = Json.at(node, "pagination", "has_next_page").asBoolean(false);
              if (more && page < MAX_EPISODE_PAGES) {
                return episodePages(id, page + 1, pages);
              }
              return Uni.createFrom().item(pages);
            });
  }

  private static IllegalArgumentException wrongType(MediaType type) {
    return new IllegalArgumentException("jikan serves ANIME and MANGA, not " + type);
  }
}
