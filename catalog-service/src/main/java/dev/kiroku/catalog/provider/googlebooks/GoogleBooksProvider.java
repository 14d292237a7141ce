package dev.kiroku.catalog.provider.googlebooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.catalog.provider.IsbnLookup;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Books from Google Books v1 (volume ids; ISBN lookups with {@code q=isbn:<isbn>}), the fallback
 * when Hardcover has no token or no match. Works keyless; {@value #API_KEY} (optional) raises the
 * quota to the key's project. Rate limits: Google's default project quota of 1,000 queries per day,
 * and at most 10 per second. Mapping: {@link GoogleBooksMapper}.
 */
@ApplicationScoped
public class GoogleBooksProvider implements MediaProvider, IsbnLookup {

  /** Optional Google API key. */
  public static final String API_KEY = "kiroku.providers.googlebooks.api-key";

  /** Google Books: 1,000 queries/day (default quota), 10/s locally. */
  public static final ProviderPolicy POLICY =
      ProviderPolicy.standard(
          new RateLimitRule(10, Duration.ofSeconds(1)),
          new RateLimitRule(1_000, Duration.ofDays(1)));

  static final int PAGE_SIZE = 20;

  private final GoogleBooksApi api;
  private final String apiKey;
  private final ProviderGuard guard;
  private final ProviderJson json;
  private final GoogleBooksMapper mapper;

  @Inject
  public GoogleBooksProvider(
      @RestClient GoogleBooksApi api,
      ObjectMapper objectMapper,
      @ConfigProperty(name = API_KEY) Optional<String> apiKey) {
    this(api, objectMapper, apiKey, POLICY, Clock.systemUTC());
  }

  /** For tests: another policy or clock. */
  public GoogleBooksProvider(
      GoogleBooksApi api,
      ObjectMapper objectMapper,
      Optional<String> apiKey,
      ProviderPolicy policy,
      Clock clock) {
    this.api = api;
    this.apiKey = apiKey.filter(k -> !k.isBlank()).orElse(null);
    this.guard = new ProviderGuard(GoogleBooksMapper.NAME, policy);
    this.json = new ProviderJson(GoogleBooksMapper.NAME, objectMapper);
    this.mapper = new GoogleBooksMapper(clock);
  }

  @Override
  public String name() {
    return GoogleBooksMapper.NAME;
  }

  @Override
  public Set<MediaType> mediaTypes() {
    return Set.of(MediaType.BOOK);
  }

  @Override
  public ExternalSource idSource() {
    return ExternalSource.GOOGLE_BOOKS;
  }

  @Override
  public boolean configured() {
    return true;
  }

  @Override
  public Uni<List<ProviderMedia>> search(String query, MediaType type, int page) {
    int start = (Math.max(1, page) - 1) * PAGE_SIZE;
    return guard.finish(
        guard
            .call(() -> api.search(query, start, PAGE_SIZE, "books", apiKey))
            .map(body -> mapper.mapSearch(json.parse(body))));
  }

  @Override
  public Uni<Optional<ProviderMedia>> fetch(MediaType type, String externalId) {
    String id = externalId.trim();
    if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
      return Uni.createFrom().item(Optional.empty());
    }
    return guard.finish(
        guard
            .callOptional(() -> api.volume(id, apiKey))
            .map(body -> body.map(b -> mapper.mapVolume(json.parse(b)))));
  }

  @Override
  public Uni<Optional<ProviderMedia>> fetchByIsbn(String isbn) {
    return guard.finish(
        guard
            .call(() -> api.search("isbn:" + isbn, 0, 1, "books", apiKey))
            .map(json::parse)
            .flatMap(
                body -> {
                  String id = Json.text(Json.at(body, "items").path(0), "id");
                  if (id == null) {
                    return Uni.createFrom().item(Optional.<ProviderMedia>empty());
                  }
                  return fetch(MediaType.BOOK, id);
                }));
  }
}
