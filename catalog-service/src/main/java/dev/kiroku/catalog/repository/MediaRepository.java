package dev.kiroku.catalog.repository;

import dev.kiroku.catalog.provider.ProviderMedia;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * SQL on the {@code media}, {@code media_external_id}, {@code media_season} and {@code
 * media_episode} tables (reactive PostgreSQL client). Multi-row writes pass one array per column
 * and expand them with {@code unnest}, so a batch of any size is one statement.
 */
@ApplicationScoped
public class MediaRepository {

  /** Advisory-lock namespace for upserts keyed by external id (see {@link #lockKeys}). */
  static final int LOCK_NAMESPACE = 0x4b43; // "KC"

  /** Buckets external ids are hashed into for locking; bounds the locks one batch holds. */
  public static final int LOCK_BUCKETS = 64;

  private final Pool pool;

  @Inject
  public MediaRepository(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  /** One stored item as read back. */
  public record StoredMedia(
      UUID id,
      String type,
      String slug,
      int detail,
      String snapshotJson,
      OffsetDateTime lastRefreshedAt) {}

  /** One stored item with the external id it was found by. */
  public record ExternalMatch(
      String source, String mediaType, String externalId, StoredMedia media) {}

  /** One row to write into {@code media}. */
  public record MediaRow(
      UUID id,
      String type,
      String slug,
      String title,
      int detail,
      String sourceProvider,
      String snapshotJson,
      OffsetDateTime lastRefreshedAt) {}

  /** One {@code media_external_id} row. */
  public record ExternalIdRow(String source, String mediaType, String externalId, UUID mediaId) {}

  /** One {@code media_season} row (TV). */
  public record SeasonRow(
      int number,
      String title,
      Integer episodeCount,
      Integer airedEpisodeCount,
      LocalDate airDate) {}

  /**
   * Takes transaction-scoped advisory locks on the given buckets (in ascending order, so batches
   * never deadlock), serialising writers that touch the same external ids.
   */
  public Uni<Void> lockKeys(SqlClient tx, Set<Integer> buckets) {
    if (buckets.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Integer[] array = buckets.stream().sorted().toArray(Integer[]::new);
    return tx.preparedQuery(
            "SELECT pg_advisory_xact_lock($1, b) FROM unnest($2::int[]) AS b ORDER BY b")
        .execute(Tuple.of(LOCK_NAMESPACE, array))
        .replaceWithVoid();
  }

  /** Stored items known by any of the given (source, media type, external id) keys. */
  public Uni<List<ExternalMatch>> findByExternalIds(
      SqlClient client, List<String> sources, List<String> types, List<String> externalIds) {
    if (sources.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return client
        .preparedQuery(
            "SELECT x.source, x.media_type, x.external_id, m.id, m.type, m.slug, m.detail,"
                + " m.snapshot::text AS snapshot, m.last_refreshed_at"
                + " FROM unnest($1::text[], $2::text[], $3::text[]) AS k(source, media_type, external_id)"
                + " JOIN media_external_id x ON x.source = k.source AND x.media_type = k.media_type"
                + " AND x.external_id = k.external_id JOIN media m ON m.id = x.media_id")
        .execute(
            Tuple.of(
                sources.toArray(String[]::new),
                types.toArray(String[]::new),
                externalIds.toArray(String[]::new)))
        .map(
            rows -> {
              List<ExternalMatch> matches = new ArrayList<>();
              for (Row row : rows) {
                matches.add(
                    new ExternalMatch(
                        row.getString("source"),
                        row.getString("media_type"),
                        row.getString("external_id"),
                        stored(row)));
              }
              return matches;
            });
  }

  /** The {@code type/slug} pairs among the given ones that are already taken. */
  public Uni<Set<String>> takenSlugs(SqlClient tx, List<String> types, List<String> slugs) {
    if (types.isEmpty()) {
      return Uni.createFrom().item(Set.of());
    }
    return tx.preparedQuery(
            "SELECT m.type, m.slug FROM unnest($1::text[], $2::text[]) AS k(type, slug)"
                + " JOIN media m ON m.type = k.type AND m.slug = k.slug")
        .execute(Tuple.of(types.toArray(String[]::new), slugs.toArray(String[]::new)))
        .map(
            rows -> {
              Set<String> taken = new HashSet<>();
              for (Row row : rows) {
                taken.add(row.getString("type") + "/" + row.getString("slug"));
              }
              return taken;
            });
  }

  /** Inserts new items and overwrites changed ones, in one statement. */
  public Uni<Void> upsert(SqlClient tx, List<MediaRow> rows) {
    if (rows.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int n = rows.size();
    UUID[] ids = new UUID[n];
    String[] types = new String[n];
    String[] slugs = new String[n];
    String[] titles = new String[n];
    Short[] details = new Short[n];
    String[] providers = new String[n];
    String[] snapshots = new String[n];
    OffsetDateTime[] refreshed = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      MediaRow r = rows.get(i);
      ids[i] = r.id();
      types[i] = r.type();
      slugs[i] = r.slug();
      titles[i] = r.title();
      details[i] = (short) r.detail();
      providers[i] = r.sourceProvider();
      snapshots[i] = r.snapshotJson();
      refreshed[i] = r.lastRefreshedAt();
    }
    return tx.preparedQuery(
            "INSERT INTO media (id, type, slug, title, detail, source_provider, snapshot,"
                + " last_refreshed_at)"
                + " SELECT id, type, slug, title, detail, source_provider, snapshot::json,"
                + " last_refreshed_at FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[],"
                + " $5::smallint[], $6::text[], $7::text[], $8::timestamptz[])"
                + " AS r(id, type, slug, title, detail, source_provider, snapshot, last_refreshed_at)"
                + " ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, detail = EXCLUDED.detail,"
                + " source_provider = EXCLUDED.source_provider, snapshot = EXCLUDED.snapshot,"
                + " last_refreshed_at = EXCLUDED.last_refreshed_at, updated_at = now()")
        .execute(
            Tuple.from(
                new Object[] {ids, types, slugs, titles, details, providers, snapshots, refreshed}))
        .replaceWithVoid();
  }

  /** Records external ids; an id already recorded (for this or another item) is left as it is. */
  public Uni<Void> addExternalIds(SqlClient tx, List<ExternalIdRow> rows) {
    if (rows.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int n = rows.size();
    String[] sources = new String[n];
    String[] types = new String[n];
    String[] externalIds = new String[n];
    UUID[] mediaIds = new UUID[n];
    for (int i = 0; i < n; i++) {
      ExternalIdRow r = rows.get(i);
      sources[i] = r.source();
      types[i] = r.mediaType();
      externalIds[i] = r.externalId();
      mediaIds[i] = r.mediaId();
    }
    return tx.preparedQuery(
            "INSERT INTO media_external_id (source, media_type, external_id, media_id)"
                + " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[])"
                + " ON CONFLICT DO NOTHING")
        .execute(Tuple.of(sources, types, externalIds, mediaIds))
        .replaceWithVoid();
  }

  /** Replaces an item's seasons and episodes with the given ones. */
  public Uni<Void> replaceSeasonsAndEpisodes(
      SqlClient tx, UUID mediaId, List<SeasonRow> seasons, List<ProviderMedia.Episode> episodes) {
    int s = seasons.size();
    Integer[] numbers = new Integer[s];
    String[] titles = new String[s];
    Integer[] counts = new Integer[s];
    Integer[] aired = new Integer[s];
    LocalDate[] airDates = new LocalDate[s];
    for (int i = 0; i < s; i++) {
      SeasonRow r = seasons.get(i);
      numbers[i] = r.number();
      titles[i] = r.title();
      counts[i] = r.episodeCount();
      aired[i] = r.airedEpisodeCount();
      airDates[i] = r.airDate();
    }
    int e = episodes.size();
    Integer[] seasonNumbers = new Integer[e];
    Integer[] episodeNumbers = new Integer[e];
    String[] episodeTitles = new String[e];
    LocalDate[] episodeDates = new LocalDate[e];
    Integer[] runtimes = new Integer[e];
    for (int i = 0; i < e; i++) {
      ProviderMedia.Episode ep = episodes.get(i);
      seasonNumbers[i] = ep.seasonNumber();
      episodeNumbers[i] = ep.number();
      episodeTitles[i] = ep.title();
      episodeDates[i] = ep.airDate();
      runtimes[i] = ep.runtimeMinutes();
    }
    return tx.preparedQuery("DELETE FROM media_season WHERE media_id = $1")
        .execute(Tuple.of(mediaId))
        .chain(
            () ->
                tx.preparedQuery("DELETE FROM media_episode WHERE media_id = $1")
                    .execute(Tuple.of(mediaId)))
        .chain(
            () ->
                tx.preparedQuery(
                        "INSERT INTO media_season (media_id, number, title, episode_count,"
                            + " aired_episode_count, air_date) SELECT $1, * FROM unnest($2::int[],"
                            + " $3::text[], $4::int[], $5::int[], $6::date[])"
                            + " ON CONFLICT DO NOTHING")
                    .execute(Tuple.of(mediaId, numbers, titles, counts, aired, airDates)))
        .chain(
            () ->
                tx.preparedQuery(
                        "INSERT INTO media_episode (media_id, season_number, number, title,"
                            + " air_date, runtime_minutes) SELECT $1, * FROM unnest($2::int[],"
                            + " $3::int[], $4::text[], $5::date[], $6::int[])"
                            + " ON CONFLICT DO NOTHING")
                    .execute(
                        Tuple.from(
                            new Object[] {
                              mediaId,
                              seasonNumbers,
                              episodeNumbers,
                              episodeTitles,
                              episodeDates,
                              runtimes
                            })))
        .replaceWithVoid();
  }

  /** The stored item with this id. */
  public Uni<Optional<StoredMedia>> find(UUID id) {
    return pool.preparedQuery(
            "SELECT id, type, slug, detail, snapshot::text AS snapshot, last_refreshed_at"
                + " FROM media WHERE id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(stored(rows.iterator().next())));
  }

  /** The stored item known by this external id. */
  public Uni<Optional<StoredMedia>> findByExternalId(
      String source, String type, String externalId) {
    return findByExternalIds(pool, List.of(source), List.of(type), List.of(externalId))
        .map(matches -> matches.stream().findFirst().map(ExternalMatch::media));
  }

  /**
   * Claims the refresh of an item: succeeds (true) when neither an accepted refresh nor a full
   * provider fetch happened within {@code interval}, and records now as the refresh time.
   */
  public Uni<Boolean> claimRefresh(UUID id, Duration interval) {
    return pool.preparedQuery(
            "UPDATE media SET refresh_requested_at = now() WHERE id = $1 AND"
                + " coalesce(greatest(refresh_requested_at, last_refreshed_at), '-infinity')"
                + " <= now() - make_interval(secs => $2)")
        .execute(Tuple.of(id, (double) interval.toSeconds()))
        .map(rows -> rows.rowCount() == 1);
  }

  /** When the next refresh of an item is allowed (null if it is allowed now or unknown). */
  public Uni<OffsetDateTime> nextRefreshAt(UUID id, Duration interval) {
    return pool.preparedQuery(
            "SELECT greatest(refresh_requested_at, last_refreshed_at) + make_interval(secs => $2)"
                + " AS next FROM media WHERE id = $1")
        .execute(Tuple.of(id, (double) interval.toSeconds()))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime("next"));
  }

  /** Gives back a claimed refresh that could not be served (the provider failed). */
  public Uni<Void> releaseRefresh(UUID id) {
    return pool.preparedQuery("UPDATE media SET refresh_requested_at = NULL WHERE id = $1")
        .execute(Tuple.of(id))
        .replaceWithVoid();
  }

  /** An item's seasons, in order. */
  public Uni<List<MediaSnapshot.SeasonSummary>> seasons(UUID id) {
    return pool.preparedQuery(
            "SELECT number, title, episode_count, aired_episode_count, air_date FROM media_season"
                + " WHERE media_id = $1 ORDER BY number")
        .execute(Tuple.of(id))
        .map(
            rows -> {
              List<MediaSnapshot.SeasonSummary> list = new ArrayList<>();
              for (Row r : rows) {
                list.add(
                    new MediaSnapshot.SeasonSummary(
                        r.getInteger("number"),
                        r.getString("title"),
                        r.getInteger("episode_count"),
                        r.getInteger("aired_episode_count"),
                        r.getLocalDate("air_date")));
              }
              return list;
            });
  }

  /** Whether an item has a season with this number. */
  public Uni<Boolean> hasSeason(UUID id, int number) {
    return pool.preparedQuery("SELECT 1 FROM media_season WHERE media_id = $1 AND number = $2")
        .execute(Tuple.of(id, number))
        .map(rows -> rows.size() > 0);
  }

  /**
   * One page of episodes (ordered by season, then number).
   *
   * @param season a season number, or null for every episode of the item
   */
  public Uni<List<ProviderMedia.Episode>> episodes(UUID id, Integer season, int offset, int limit) {
    String where = season == null ? "" : " AND season_number = $4";
    Tuple args = Tuple.of(id, offset, limit);
    if (season != null) {
      args.addInteger(season);
    }
    return pool.preparedQuery(
            "SELECT season_number, number, title, air_date, runtime_minutes FROM media_episode"
                + " WHERE media_id = $1"
                + where
                + " ORDER BY season_number NULLS FIRST, number OFFSET $2 LIMIT $3")
        .execute(args)
        .map(
            rows -> {
              List<ProviderMedia.Episode> list = new ArrayList<>();
              for (Row r : rows) {
                list.add(
                    new ProviderMedia.Episode(
                        r.getInteger("season_number"),
                        r.getInteger("number"),
                        r.getString("title"),
                        r.getLocalDate("air_date"),
                        r.getInteger("runtime_minutes")));
              }
              return list;
            });
  }

  /** Number of episodes (of one season, or all when {@code season} is null). */
  public Uni<Long> countEpisodes(UUID id, Integer season) {
    String sql =
        season == null
            ? "SELECT count(*) FROM media_episode WHERE media_id = $1"
            : "SELECT count(*) FROM media_episode WHERE media_id = $1 AND season_number = $2";
    Tuple args = season == null ? Tuple.of(id) : Tuple.of(id, season);
    return pool.preparedQuery(sql).execute(args).map(rows -> rows.iterator().next().getLong(0));
  }

  private static StoredMedia stored(Row row) {
    return new StoredMedia(
        row.getUUID("id"),
        row.getString("type"),
        row.getString("slug"),
        row.getInteger("detail"),
        row.getString("snapshot"),
        row.getOffsetDateTime("last_refreshed_at"));
  }

  /** UTC offset date-time of an instant, or null. */
  public static OffsetDateTime utc(java.time.Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
