package dev.kiroku.catalog.provider.itunes;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.catalog.provider.MediaProvider;
import dev.kiroku.catalog.provider.ProviderMedia;
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
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Podcasts from the iTunes Search API (iTunes collection ids). Keyless. Rate limit: Apple's
 * documented "approximately 20 calls per minute". Search pages are slices of one result list
 * ({@code limit} = page × {@value #PAGE_SIZE}, at most 200: the API has no offset). A fetch is a
 * lookup with {@code entity=podcastEpisode} (the newest 200 episodes). Mapping: {@link
 * ItunesMapper}.
 */
@ApplicationScoped
public class ItunesProvider implements MediaProvider {

  /** iTunes: about 20 calls per minute. */
  public static final ProviderPolicy POLICY =
      ProviderPolicy.standard(new RateLimitRule(20, Duration.ofMinutes(1)));

  static final int PAGE_SIZE = 25;
  static final int MAX_RESULTS = 200;

  private final ItunesApi api;
  private final ProviderGuard guard;
  private final ProviderJson json;
  private final ItunesMapper mapper;

  @Inject
  public ItunesProvider(@RestClient ItunesApi api, ObjectMapper objectMapper) {
    this(api, objectMapper, POLICY, Clock.systemUTC());
  }

  /** For tests: another policy or clock. */
  public ItunesProvider(
      ItunesApi api, ObjectMapper objectMapper, ProviderPolicy policy, Clock clock) {
    this.api = api;
    this.guard = new ProviderGuard(ItunesMapper.NAME, policy);
    this.json = new ProviderJson(ItunesMapper.NAME, objectMapper);
    this.mapper = new ItunesMapper(clock);
  }

  @Override
  public String name() {
    return ItunesMapper.NAME;
  }

  @Override
  public Set<MediaType> mediaTypes() {
    return Set.of(MediaType.PODCAST);
  }

  @Override
  public ExternalSource idSource() {
    return ExternalSource.ITUNES;
  }

  @Override
  public boolean configured() {
    return true;
  }

  @Override
  public Uni<List<ProviderMedia>> search(String query, MediaType type, int page) {
    int from = (Math.max(1, page) - 1) * PAGE_SIZE;
    if (from >= MAX_RESULTS) {
      return Uni.createFrom().item(List.of());
    }
    int limit = Math.min(MAX_RESULTS, from + PAGE_SIZE);
    return guard.finish(
        guard
            .call(() -> api.search(query, "podcast", "podcast", limit))
            .map(body -> mapper.mapSearch(json.parse(body)))
            .map(
                all ->
                    all.size() <= from
                        ? List.<ProviderMedia>of()
                        : List.copyOf(all.subList(from, Math.min(all.size(), limit)))));
  }

  @Override
  public Uni<Optional<ProviderMedia>> fetch(MediaType type, String externalId) {
    long id;
    try {
      id = Long.parseLong(externalId.trim());
    } catch (NumberFormatException e) {
      return Uni.createFrom().item(Optional.empty());
    }
    return guard.finish(
        guard
            .callOptional(() -> api.lookup(id, "podcastEpisode", MAX_RESULTS))
            .map(body -> body.map(b -> mapper.mapLookup(json.parse(b)))));
  }
}
