package dev.kiroku.progress.service.imports;

import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.MediaSummary;
import dev.kiroku.progress.client.CatalogMediaClient;
import dev.kiroku.progress.domain.imports.ImportPlanner;
import dev.kiroku.progress.domain.imports.format.ImportedEntry;
import dev.kiroku.progress.repository.MediaProjectionRepository;
import dev.kiroku.progress.service.MediaCatalog;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Resolves the ids of import rows to catalog media items, never by title:
 *
 * <ol>
 *   <li>a Kiroku export's internal media id, when progress-service's catalog projection has it;
 *   <li>the row's external ids, in the order {@link #PREFERENCE}, in the projection's copy of
 *       catalog-service's external ids (one query per batch);
 *   <li>for the rest, catalog-service's by-external lookup ({@code GET
 *       /api/v1/catalog/media/by-external/{source}/{id}?type=}), as progress-service itself ({@link
 *       CatalogMediaClient}: the job holds no user token): first {@code fetch=false} for every key
 *       (what catalog-service stores but the projection has not consumed yet), then, for what is
 *       still unknown, the best key with the provider asked, at most {@link #CONCURRENCY} at a
 *       time. After the first provider lookup that fails (after the client's retries: the provider
 *       unavailable or slow), the job asks only for stored ids; after a stored-id lookup that fails
 *       (catalog-service down), it asks nothing more. Rows left unresolved that way are {@code
 *       CATALOG_UNAVAILABLE}.
 * </ol>
 *
 * Runs on a worker thread (it waits for the database and catalog-service).
 */
@ApplicationScoped
public class CatalogResolver {

  private static final Logger LOG = Logger.getLogger(CatalogResolver.class);

  /** External sources tried, best first. */
  static final List<ExternalSource> PREFERENCE =
      List.of(
          ExternalSource.MAL,
          ExternalSource.ANILIST,
          ExternalSource.KITSU,
          ExternalSource.TMDB,
          ExternalSource.IMDB,
          ExternalSource.TVDB,
          ExternalSource.IGDB,
          ExternalSource.GOODREADS,
          ExternalSource.ISBN,
          ExternalSource.HARDCOVER,
          ExternalSource.GOOGLE_BOOKS,
          ExternalSource.ITUNES);

  /** Most by-external calls in flight per batch. */
  static final int CONCURRENCY = 4;

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  /** The outcome for one row: the media item, or why there is none. */
  public record Resolution(MediaSummary media, String code, String detail) {
    static Resolution of(MediaSummary media) {
      return new Resolution(media, null, null);
    }
  }

  /** Per job: whether catalog-service, or the providers behind it, stopped answering. */
  public static final class Session {

    /** catalog-service itself did not answer: ask it nothing more. */
    final AtomicBoolean catalogDown = new AtomicBoolean();

    /** A lookup that asks providers failed: ask only for stored ids from now on. */
    final AtomicBoolean providersDown = new AtomicBoolean();
  }

  private final MediaCatalog media;
  private final MediaProjectionRepository projection;
  private final CatalogMediaClient catalog;

  @Inject
  CatalogResolver(
      MediaCatalog media, MediaProjectionRepository projection, CatalogMediaClient catalog) {
    this.media = media;
    this.projection = projection;
    this.catalog = catalog;
  }

  /** The row's ids as lookup keys, best first. */
  static List<Key> keys(ImportedEntry row) {
    List<Key> keys = new ArrayList<>();
    if (row.mediaType() == null) {
      return keys;
    }
    for (ExternalSource source : PREFERENCE) {
      String id = row.externalId(source);
      if (id != null) {
        keys.add(new Key(source, row.mediaType(), id));
      }
    }
    return keys;
  }

  /** One external id of one media type. */
  record Key(ExternalSource source, MediaType type, String id) {
    @Override
    public String toString() {
      return source.key() + ":" + id;
    }
  }

  /**
   * Resolves the importable rows of a batch.
   *
   * @return by record number; rows that are not importable are left out
   */
  public Map<Long, Resolution> resolve(List<ImportedEntry> rows, Session session) {
    Map<Long, Resolution> out = new HashMap<>();
    List<ImportedEntry> importable = rows.stream().filter(ImportedEntry::importable).toList();

    // 1. internal ids of a Kiroku export
    List<UUID> internal = new ArrayList<>();
    for (ImportedEntry row : importable) {
      UUID id = ImportPlanner.kirokuMediaId(row);
      if (id != null) {
        internal.add(id);
      }
    }
    Map<UUID, MediaSummary> byId =
        internal.isEmpty() ? Map.of() : projection.findAll(internal).await().atMost(CALL_TIMEOUT);

    // 2. external ids in the projection
    List<String> sources = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (ImportedEntry row : importable) {
      for (Key k : keys(row)) {
        sources.add(k.source().key());
        types.add(k.type().name());
        ids.add(k.id());
      }
    }
    Map<String, UUID> known =
        projection.mediaIdsByExternalId(sources, types, ids).await().atMost(CALL_TIMEOUT);
    Set<UUID> wanted = new HashSet<>(known.values());
    wanted.removeAll(byId.keySet());
    Map<UUID, MediaSummary> summaries = new HashMap<>(byId);
    if (!wanted.isEmpty()) {
      summaries.putAll(projection.findAll(List.copyOf(wanted)).await().atMost(CALL_TIMEOUT));
    }

    List<ImportedEntry> misses = new ArrayList<>();
    for (ImportedEntry row : importable) {
      UUID id = ImportPlanner.kirokuMediaId(row);
      MediaSummary found = id == null ? null : summaries.get(id);
      if (found == null) {
        for (Key k : keys(row)) {
          UUID media = known.get(k.source().key() + "|" + k.type().name() + "|" + k.id());
          if (media != null && summaries.containsKey(media)) {
            found = summaries.get(media);
            break;
          }
        }
      }
      if (found != null) {
        out.put(row.recordNumber(), Resolution.of(found));
      } else {
        misses.add(row);
      }
    }

    // 3. catalog-service's by-external lookup for the rest: first what it stores (every key,
    // without asking providers: the projection may lag behind the catalog), then the providers
    if (!misses.isEmpty()) {
      Map<Long, Resolution> stored = askAll(misses, session, false);
      List<ImportedEntry> unknown = new ArrayList<>();
      for (ImportedEntry row : misses) {
        Resolution r = stored.get(row.recordNumber());
        if (r != null && r.media() != null) {
          out.put(row.recordNumber(), r);
        } else {
          unknown.add(row);
        }
      }
      out.putAll(askAll(unknown, session, true));
    }
    return out;
  }

  private Map<Long, Resolution> askAll(List<ImportedEntry> rows, Session session, boolean fetch) {
    Map<Long, Resolution> out = new HashMap<>();
    if (rows.isEmpty()) {
      return out;
    }
    List<Map.Entry<Long, Resolution>> asked =
        Multi.createFrom()
            .iterable(rows)
            .onItem()
            .transformToUni(
                row -> ask(keys(row), 0, session, fetch).map(r -> Map.entry(row.recordNumber(), r)))
            .merge(fetch ? CONCURRENCY : 2 * CONCURRENCY)
            .collect()
            .asList()
            .await()
            .indefinitely();
    for (Map.Entry<Long, Resolution> e : asked) {
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  /**
   * Asks catalog-service for key {@code index} of a row: without {@code fetch} every key in turn
   * (stored ids only), with {@code fetch} the best key (the provider is asked).
   */
  private Uni<Resolution> ask(List<Key> keys, int index, Session session, boolean fetch) {
    if (keys.isEmpty()) {
      return Uni.createFrom()
          .item(
              new Resolution(
                  null,
                  "MEDIA_NOT_FOUND",
                  "no id that the catalog knows (internal media id not in the catalog, no"
                      + " external id)"));
    }
    Key key = keys.get(index);
    if (session.catalogDown.get() || (fetch && session.providersDown.get())) {
      return Uni.createFrom()
          .item(unavailable(key, "did not answer a lookup earlier in this import"));
    }
    Uni<Resolution> answer =
        (fetch
                ? catalog.fetched(key.source().key(), key.id(), key.type())
                : catalog.stored(key.source().key(), key.id(), key.type()))
            .flatMap(
                lookup ->
                    lookup instanceof CatalogMediaClient.Lookup.Found found
                        ? found(key, found.media())
                        : Uni.createFrom()
                            .item(
                                notFound(
                                    key,
                                    keys,
                                    ((CatalogMediaClient.Lookup.NotFound) lookup).status())))
            .onFailure()
            .recoverWithItem(
                failure ->
                    unavailable(key, failure, fetch ? session.providersDown : session.catalogDown));
    if (fetch || index + 1 >= keys.size()) {
      return answer;
    }
    return answer.flatMap(
        r ->
            r.media() != null || !"MEDIA_NOT_FOUND".equals(r.code())
                ? Uni.createFrom().item(r)
                : ask(keys, index + 1, session, false));
  }

  /** The item catalog-service answered, stored in the projection for the next lookups. */
  private Uni<Resolution> found(Key key, MediaSnapshot snapshot) {
    if (snapshot == null || snapshot.id() == null || snapshot.type() == null) {
      return Uni.createFrom().item(unavailable(key, "answered without a media item"));
    }
    return media.remember(snapshot).map(Resolution::of);
  }

  /** catalog-service's answer without an item: a 404, or a 4xx for a key it cannot look up. */
  private static Resolution notFound(Key key, List<Key> keys, int status) {
    String why =
        status == 404
            ? " (catalog-service found none at the provider either)"
            // e.g. a source no provider serves: this row only, catalog-service is fine
            : ", and catalog-service cannot ask a provider for "
                + key
                + " (it answered "
                + status
                + ")";
    return new Resolution(
        null,
        "MEDIA_NOT_FOUND",
        "no " + key.type() + " with " + describe(keys) + " in the catalog" + why);
  }

  /**
   * A lookup that failed after the client's retries (or met an open circuit breaker): lookups of
   * this kind stop for the job ({@code down}).
   */
  private static Resolution unavailable(Key key, Throwable failure, AtomicBoolean down) {
    LOG.warnf("by-external lookup of %s failed: %s", key, failure.toString());
    down.set(true);
    String why =
        failure instanceof CatalogMediaClient.CatalogCallException call
            ? "answered " + call.status()
            : "could not be reached (" + failure.getClass().getSimpleName() + ")";
    return unavailable(key, why);
  }

  private static Resolution unavailable(Key key, String why) {
    return new Resolution(
        null,
        "CATALOG_UNAVAILABLE",
        key
            + " is not in progress-service's copy of the catalog, and catalog-service "
            + why
            + "; import the file again later to add this row");
  }

  private static String describe(List<Key> keys) {
    return String.join(" or ", keys.stream().map(Key::toString).toList());
  }
}
