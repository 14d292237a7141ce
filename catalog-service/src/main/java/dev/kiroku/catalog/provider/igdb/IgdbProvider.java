package dev.kiroku.catalog.provider.igdb;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.catalog.provider.MediaProvider;
import dev.kiroku.catalog.provider.ProviderMedia;
import dev.kiroku.catalog.provider.ProviderNotConfiguredException;
import dev.kiroku.catalog.provider.support.ProviderGuard;
import dev.kiroku.catalog.provider.support.ProviderHttpException;
import dev.kiroku.catalog.provider.support.ProviderJson;
import dev.kiroku.catalog.provider.support.ProviderPolicy;
import dev.kiroku.catalog.provider.support.ProviderPolicy.RateLimitRule;
import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaType;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
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
 * Games from IGDB v4 (IGDB ids). Needs {@value #CLIENT_ID} and {@value #CLIENT_SECRET} (a Twitch
 * application); without them every call fails with {@link ProviderNotConfiguredException}. The app
 * access token lives in Redis ({@link IgdbTokens}, key prefix {@value #TOKEN_KEY_PREFIX}); an IGDB
 * 401 refreshes it once and retries the query once. Rate limit: IGDB's published 4 requests per
 * second and at most 8 open requests. Queries are Apicalypse: {@code search "<q>"; fields ...;
 * limit 20; offset ...;} and {@code fields ...; where id = <id>;}. Mapping: {@link IgdbMapper}.
 */
@ApplicationScoped
public class IgdbProvider implements MediaProvider {

  /** Twitch application client id. */
  public static final String CLIENT_ID = "kiroku.providers.igdb.client-id";

  /** Twitch application client secret. */
  public static final String CLIENT_SECRET = "kiroku.providers.igdb.client-secret";

  /** Prefix of the Redis key holding the access token. */
  public static final String TOKEN_KEY_PREFIX = "kiroku.providers.igdb.token-key-prefix";

  /** IGDB: 4 requests per second, at most 8 open requests. */
  public static final ProviderPolicy POLICY =
      ProviderPolicy.standard(new RateLimitRule(4, Duration.ofSeconds(1))).withMaxConcurrent(8);

  /** Twitch token endpoint: no published limit that matters at one call per token lifetime. */
  public static final ProviderPolicy TOKEN_POLICY = ProviderPolicy.standard();

  static final int PAGE_SIZE = 20;

  static final String FIELDS =
      "fields name,alternative_names.name,summary,storyline,cover.image_id,artworks.image_id,"
          + "screenshots.image_id,first_release_date,status,category,genres.name,themes.name,"
          + "involved_companies.company.name,involved_companies.developer,platforms.name,rating,"
          + "rating_count,total_rating,total_rating_count;";

  private final IgdbApi api;
  private final Optional<String> clientId;
  private final boolean configured;
  private final ProviderGuard guard;
  private final ProviderJson json;
  private final IgdbMapper mapper;
  private final IgdbTokens tokens;

  @Inject
  public IgdbProvider(
      @RestClient IgdbApi api,
      @RestClient TwitchAuthApi twitch,
      ReactiveRedisDataSource redis,
      ObjectMapper objectMapper,
      @ConfigProperty(name = CLIENT_ID) Optional<String> clientId,
      @ConfigProperty(name = CLIENT_SECRET) Optional<String> clientSecret,
      @ConfigProperty(name = TOKEN_KEY_PREFIX, defaultValue = "kiroku:catalog:") String keyPrefix) {
    this(
        api,
        twitch,
        redis,
        objectMapper,
        clientId,
        clientSecret,
        keyPrefix,
        POLICY,
        Clock.systemUTC());
  }

  /** For tests: another policy, clock or key prefix. */
  public IgdbProvider(
      IgdbApi api,
      TwitchAuthApi twitch,
      ReactiveRedisDataSource redis,
      ObjectMapper objectMapper,
      Optional<String> clientId,
      Optional<String> clientSecret,
      String keyPrefix,
      ProviderPolicy policy,
      Clock clock) {
    this.api = api;
    this.clientId = clientId.filter(s -> !s.isBlank());
    Optional<String> secret = clientSecret.filter(s -> !s.isBlank());
    this.configured = this.clientId.isPresent() && secret.isPresent();
    this.guard = new ProviderGuard(IgdbMapper.NAME, policy);
    this.json = new ProviderJson(IgdbMapper.NAME, objectMapper);
    this.mapper = new IgdbMapper(clock);
    this.tokens =
        new IgdbTokens(
            twitch,
            redis,
            new ProviderGuard(
                IgdbMapper.NAME,
                TOKEN_POLICY
                    .withTimeout(policy.timeout())
                    .withRetries(policy.maxRetries(), policy.initialBackoff())),
            json,
            this.clientId.orElse(""),
            secret.orElse(""),
            keyPrefix);
  }

  @Override
  public String name() {
    return IgdbMapper.NAME;
  }

  @Override
  public Set<MediaType> mediaTypes() {
    return Set.of(MediaType.GAME);
  }

  @Override
  public ExternalSource idSource() {
    return ExternalSource.IGDB;
  }

  @Override
  public boolean configured() {
    return configured;
  }

  /** The token cache, for tests and operations. */
  public IgdbTokens tokens() {
    return tokens;
  }

  @Override
  public Uni<List<ProviderMedia>> search(String query, MediaType type, int page) {
    String body =
        "search \""
            + escape(query)
            + "\"; "
            + FIELDS
            + " limit "
            + PAGE_SIZE
            + "; offset "
            + (Math.max(1, page) - 1) * PAGE_SIZE
            + ";";
    return games(body).map(b -> mapper.map(json.parse(b), false));
  }

  @Override
  public Uni<Optional<ProviderMedia>> fetch(MediaType type, String externalId) {
    long id;
    try {
      id = Long.parseLong(externalId.trim());
    } catch (NumberFormatException e) {
      return Uni.createFrom().item(Optional.empty());
    }
    return games(FIELDS + " where id = " + id + ";")
        .map(b -> mapper.map(json.parse(b), true).stream().findFirst());
  }

  /**
   * Runs one Apicalypse query with the cached token; on 401 refreshes the token once and retries
   * once.
   */
  Uni<byte[]> games(String query) {
    if (!configured) {
      return Uni.createFrom()
          .failure(new ProviderNotConfiguredException(name(), CLIENT_ID + ", " + CLIENT_SECRET));
    }
    String client = clientId.get();
    return guard.finish(
        tokens
            .current()
            .flatMap(token -> guard.call(() -> api.games(client, "Bearer " + token, query)))
            .onFailure(t -> t instanceof ProviderHttpException http && http.status() == 401)
            .recoverWithUni(
                () ->
                    tokens
                        .refresh()
                        .flatMap(
                            token ->
                                guard.call(() -> api.games(client, "Bearer " + token, query)))));
  }

  /** Escapes a string for an Apicalypse string literal. */
  static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
