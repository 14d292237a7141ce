package dev.kiroku.catalog.provider.hardcover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroku.catalog.provider.IsbnLookup;
import dev.kiroku.catalog.provider.MediaProvider;
import dev.kiroku.catalog.provider.ProviderMedia;
import dev.kiroku.catalog.provider.ProviderNotConfiguredException;
import dev.kiroku.catalog.provider.ProviderUnavailableException;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Books from Hardcover's GraphQL API (Hardcover ids; ISBN lookups through {@code editions}). Needs
 * {@value #TOKEN} (the API token from the Hardcover account settings, with or without its {@code
 * Bearer } prefix); without it every call fails with {@link ProviderNotConfiguredException} and
 * {@link dev.kiroku.catalog.provider.DefaultMediaProviders} goes to Google Books. Rate limit:
 * Hardcover's published 60 requests per minute. A GraphQL {@code errors} answer is {@link
 * ProviderUnavailableException}. Mapping: {@link HardcoverMapper}.
 */
@ApplicationScoped
public class HardcoverProvider implements MediaProvider, IsbnLookup {

  /** Hardcover API token. */
  public static final String TOKEN = "kiroku.providers.hardcover.token";

  /** Hardcover: 60 requests per minute. */
  public static final ProviderPolicy POLICY =
      ProviderPolicy.standard(new RateLimitRule(60, Duration.ofMinutes(1)));

  static final int PAGE_SIZE = 20;

  static final String SEARCH =
      "query Search($query: String!, $page: Int!, $perPage: Int!) { search(query: $query,"
          + " query_type: \"Book\", page: $page, per_page: $perPage) { ids results } }";

  static final String BOOK =
      "query Book($id: Int!) { books_by_pk(id: $id) { id title subtitle slug description pages"
          + " release_date release_year rating ratings_count users_count alternative_titles"
          + " cached_image cached_tags cached_contributors contributions { author { id name slug } }"
          + " default_physical_edition { isbn_10 isbn_13 } book_mappings { external_id platform {"
          + " name } } } }";

  static final String EDITION_BY_ISBN =
      "query EditionByIsbn($isbn: String!) { editions(where: {_or: [{isbn_13: {_eq: $isbn}},"
          + " {isbn_10: {_eq: $isbn}}]}, limit: 1) { id book_id isbn_10 isbn_13 } }";

  private final HardcoverApi api;
  private final Optional<String> authorization;
  private final ProviderGuard guard;
  private final ProviderJson json;
  private final HardcoverMapper mapper;

  @Inject
  public HardcoverProvider(
      @RestClient HardcoverApi api,
      ObjectMapper objectMapper,
      @ConfigProperty(name = TOKEN) Optional<String> token) {
    this(api, objectMapper, token, POLICY, Clock.systemUTC());
  }

  /** For tests: another policy or clock. */
  public HardcoverProvider(
      HardcoverApi api,
      ObjectMapper objectMapper,
      Optional<String> token,
      ProviderPolicy policy,
      Clock clock) {
    this.api = api;
    this.authorization =
        token
            .map(String::strip)
            .filter(t -> !t.isEmpty())
            .map(t -> t.regionMatches(true, 0, "Bearer ", 0, 7) ? t.substring(7).strip() : t)
            .map(t -> "Bearer " + t);
    this.guard = new ProviderGuard(HardcoverMapper.NAME, policy);
    this.json = new ProviderJson(HardcoverMapper.NAME, objectMapper);
    this.mapper = new HardcoverMapper(clock);
  }

  @Override
  public String name() {
    return HardcoverMapper.NAME;
  }

  @Override
  public Set<MediaType> mediaTypes() {
    return Set.of(MediaType.BOOK);
  }

  @Override
  public ExternalSource idSource() {
    return ExternalSource.HARDCOVER;
  }

  @Override
  public boolean configured() {
    return authorization.isPresent();
  }

  @Override
  public Uni<List<ProviderMedia>> search(String query, MediaType type, int page) {
    return graphql(SEARCH, Map.of("query", query, "page", page, "perPage", PAGE_SIZE))
        .map(mapper::mapSearch);
  }

  @Override
  public Uni<Optional<ProviderMedia>> fetch(MediaType type, String externalId) {
    int id;
    try {
      id = Integer.parseInt(externalId.trim());
    } catch (NumberFormatException e) {
      return Uni.createFrom().item(Optional.empty());
    }
    return book(id, null);
  }

  @Override
  public Uni<Optional<ProviderMedia>> fetchByIsbn(String isbn) {
    return graphql(EDITION_BY_ISBN, Map.of("isbn", isbn))
        .flatMap(
            body -> {
              Integer bookId = Json.integer(Json.at(body, "data", "editions").path(0), "book_id");
              if (bookId == null) {
                return Uni.createFrom().item(Optional.<ProviderMedia>empty());
              }
              return book(bookId, isbn);
            });
  }

  private Uni<Optional<ProviderMedia>> book(int id, String isbn) {
    return graphql(BOOK, Map.of("id", id))
        .map(body -> Optional.ofNullable(mapper.mapBook(body, isbn)));
  }

  /** Runs one GraphQL request; a body with {@code errors} fails as unavailable. */
  Uni<JsonNode> graphql(String query, Map<String, Object> variables) {
    if (authorization.isEmpty()) {
      return Uni.createFrom().failure(new ProviderNotConfiguredException(name(), TOKEN));
    }
    byte[] request;
    try {
      ObjectNode node = json.mapper().createObjectNode();
      node.put("query", query);
      node.set("variables", json.mapper().valueToTree(variables));
      request = json.mapper().writeValueAsBytes(node);
    } catch (Exception e) {
      return Uni.createFrom()
          .failure(new ProviderUnavailableException(name(), "request not writable", e));
    }
    String auth = authorization.get();
    return guard.finish(
        guard
            .call(() -> api.graphql(auth, request))
            .map(json::parse)
            .map(
                body -> {
                  JsonNode errors = body.path("errors");
                  if (errors.isArray() && !errors.isEmpty()) {
                    throw new ProviderUnavailableException(
                        name(), "GraphQL error: " + Json.text(errors.get(0), "message"), null);
                  }
                  return body;
                }));
  }
}
