package dev.kiroku.catalog.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.catalog.domain.DetailLevel;
import dev.kiroku.catalog.domain.MediaDraft;
import dev.kiroku.catalog.domain.MediaMerger;
import dev.kiroku.catalog.domain.Slugs;
import dev.kiroku.catalog.domain.Snapshots;
import dev.kiroku.catalog.event.MediaEvents;
import dev.kiroku.catalog.repository.MediaRepository;
import dev.kiroku.catalog.repository.MediaRepository.ExternalIdRow;
import dev.kiroku.catalog.repository.MediaRepository.ExternalMatch;
import dev.kiroku.catalog.repository.MediaRepository.MediaRow;
import dev.kiroku.catalog.repository.MediaRepository.SeasonRow;
import dev.kiroku.catalog.repository.MediaRepository.StoredMedia;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.platform.outbox.Outbox;
import dev.kiroku.platform.outbox.OutboxEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Inserts or merges media items in batches: one database transaction per batch finds the stored
 * items by external id, merges ({@link MediaMerger}), writes every new or changed item with
 * multi-row statements, and appends one {@code MediaUpserted} event per new or changed item to the
 * outbox. An unchanged item is not written and publishes nothing. Cached bodies of changed items
 * are evicted after the commit.
 */
@ApplicationScoped
public class MediaWriter {

  private static final int MAX_ATTEMPTS = 3;

  private final MediaRepository repository;
  private final Outbox outbox;
  private final MediaCache cache;
  private final ObjectMapper json;

  @Inject
  MediaWriter(MediaRepository repository, Outbox outbox, MediaCache cache, ObjectMapper json) {
    this.repository = repository;
    this.outbox = outbox;
    this.cache = cache;
    this.json = json;
  }

  /** What an upsert did with one draft. */
  public enum Outcome {
    /** A new item. */
    INSERTED,
    /** Merged into a stored item, which changed. */
    UPDATED,
    /** Merged into a stored item, which did not change. */
    UNCHANGED
  }

  /**
   * One draft's result.
   *
   * @param media the item as stored after the whole batch
   * @param json its snapshot JSON (the body of {@code GET /media/{id}})
   * @param outcome what this draft did
   */
  public record Written(MediaSnapshot media, String json, Outcome outcome) {}

  /**
   * Upserts a batch in one transaction.
   *
   * @return one result per draft, in order
   */
  public Uni<List<Written>> upsert(List<MediaDraft> drafts) {
    if (drafts.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return attempt(drafts, 1);
  }

  private Uni<List<Written>> attempt(List<MediaDraft> drafts, int attempt) {
    Uni<Batch> batch =
        repository
            .pool()
            .withTransaction(tx -> write(tx, drafts))
            .onFailure(e -> attempt < MAX_ATTEMPTS && isUniqueViolation(e))
            .recoverWithUni(() -> retry(drafts, attempt + 1));
    return batch.call(done -> cache.evict(done.evict)).map(done -> done.results);
  }

  private Uni<Batch> retry(List<MediaDraft> drafts, int attempt) {
    Uni<Batch> batch = repository.pool().withTransaction(tx -> write(tx, drafts));
    if (attempt < MAX_ATTEMPTS) {
      batch =
          batch
              .onFailure(MediaWriter::isUniqueViolation)
              .recoverWithUni(() -> retry(drafts, attempt + 1));
    }
    return batch;
  }

  private static boolean isUniqueViolation(Throwable e) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState());
  }

  private record Key(String source, String type, String externalId) {}

  private static final class Item {
    final UUID id;
    final StoredMedia stored; // null for a new item
    MediaSnapshot original; // parsed stored snapshot, null for a new item
    MediaSnapshot current;
    DetailLevel detail;
    boolean replaceEpisodes;
    MediaDraft episodesFrom;

    Item(UUID id, StoredMedia stored) {
      this.id = id;
      this.stored = stored;
    }
  }

  private record Batch(List<Written> results, Set<UUID> evict) {}

  private Uni<Batch> write(SqlClient tx, List<MediaDraft> drafts) {
    List<String> sources = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Set<Integer> buckets = new HashSet<>();
    for (MediaDraft draft : drafts) {
      for (Key key : keys(draft)) {
        sources.add(key.source());
        types.add(key.type());
        ids.add(key.externalId());
        buckets.add(Math.floorMod(key.hashCode(), MediaRepository.LOCK_BUCKETS));
      }
    }
    return repository
        .lockKeys(tx, buckets)
        .chain(() -> repository.findByExternalIds(tx, sources, types, ids))
        .chain(matches -> merge(tx, drafts, matches));
  }

  private Uni<Batch> merge(SqlClient tx, List<MediaDraft> drafts, List<ExternalMatch> matches) {
    Map<Key, UUID> known = new HashMap<>();
    Map<UUID, Item> items = new LinkedHashMap<>();
    for (ExternalMatch match : matches) {
      known.put(new Key(match.source(), match.mediaType(), match.externalId()), match.media().id());
      items.computeIfAbsent(match.media().id(), id -> new Item(id, match.media()));
    }
    List<Item> perDraft = new ArrayList<>(drafts.size());
    List<Outcome> outcomes = new ArrayList<>(drafts.size());
    for (MediaDraft draft : drafts) {
      List<Key> keys = keys(draft);
      Item target = null;
      for (Key key : keys) {
        UUID id = known.get(key);
        if (id != null) {
          Item item = items.get(id);
          if (item.current == null) {
            item.original = parse(item.stored.snapshotJson());
            item.current = item.original;
            item.detail = DetailLevel.ofRank(item.stored.detail());
          }
          if (compatible(item.current, draft.media())) {
            target = item;
            break;
          }
        }
      }
      Outcome outcome;
      if (target == null) {
        target = new Item(UUID.randomUUID(), null);
        target.current = MediaMerger.create(draft, target.id, null);
        target.detail = draft.detail();
        items.put(target.id, target);
        outcome = Outcome.INSERTED;
      } else {
        MediaSnapshot before = target.current;
        MediaMerger.Merged merged = MediaMerger.merge(before, target.detail, draft);
        target.current = merged.media();
        target.detail = merged.detail();
        outcome = before.equals(target.current) ? Outcome.UNCHANGED : Outcome.UPDATED;
      }
      if (draft.detail() == DetailLevel.COMPLETE) {
        target.replaceEpisodes = true;
        target.episodesFrom = draft;
        if (outcome == Outcome.UNCHANGED) {
          outcome = Outcome.UPDATED; // a full fetch rewrites the episodes
        }
      }
      for (Key key : keys) {
        known.putIfAbsent(key, target.id);
      }
      perDraft.add(target);
      outcomes.add(outcome);
    }
    return assignSlugs(tx, items.values())
        .chain(() -> persist(tx, items.values(), perDraft, outcomes));
  }

  private Uni<Batch> persist(
      SqlClient tx, Iterable<Item> items, List<Item> perDraft, List<Outcome> outcomes) {
    List<MediaRow> rows = new ArrayList<>();
    List<ExternalIdRow> externalIds = new ArrayList<>();
    List<OutboxEvent> events = new ArrayList<>();
    Set<UUID> evict = new HashSet<>();
    Map<UUID, String> jsonById = new HashMap<>();
    List<Item> withEpisodes = new ArrayList<>();
    for (Item item : items) {
      if (item.current == null) {
        continue; // found by an external id but never merged
      }
      String snapshotJson = item.stored == null ? null : item.stored.snapshotJson();
      boolean changed = item.stored == null || !item.current.equals(item.original);
      if (changed || item.replaceEpisodes) {
        snapshotJson = write(item.current);
        rows.add(
            new MediaRow(
                item.id,
                item.current.type().name(),
                item.current.slug(),
                item.current.titles().canonical(),
                item.detail.rank(),
                item.current.sourceProvider() == null ? "unknown" : item.current.sourceProvider(),
                snapshotJson,
                MediaRepository.utc(item.current.lastRefreshedAt())));
        events.add(MediaEvents.upserted(item.id, snapshotJson));
        if (item.stored != null) {
          evict.add(item.id);
        }
      }
      jsonById.put(item.id, snapshotJson);
      for (Map.Entry<String, String> id : item.current.externalIds().entrySet()) {
        externalIds.add(
            new ExternalIdRow(id.getKey(), item.current.type().name(), id.getValue(), item.id));
      }
      if (item.replaceEpisodes) {
        withEpisodes.add(item);
      }
    }
    Uni<Void> chain =
        repository.upsert(tx, rows).chain(() -> repository.addExternalIds(tx, externalIds));
    for (Item item : withEpisodes) {
      List<SeasonRow> seasons = new ArrayList<>();
      for (MediaSnapshot.SeasonSummary s : item.current.seasons()) {
        seasons.add(
            new SeasonRow(
                s.number(), s.title(), s.episodeCount(), s.airedEpisodeCount(), s.airDate()));
      }
      chain =
          chain.chain(
              () ->
                  repository.replaceSeasonsAndEpisodes(
                      tx, item.id, seasons, item.episodesFrom.episodes()));
    }
    return chain
        .chain(() -> outbox.append(tx, events))
        .map(
            ignored -> {
              List<Written> results = new ArrayList<>(perDraft.size());
              for (int i = 0; i < perDraft.size(); i++) {
                Item item = perDraft.get(i);
                results.add(new Written(item.current, jsonById.get(item.id), outcomes.get(i)));
              }
              return new Batch(results, evict);
            });
  }

  /** Gives every new item a slug unique per type: the title's, else with its external id. */
  private Uni<Void> assignSlugs(SqlClient tx, Iterable<Item> items) {
    List<Item> fresh = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<String> slugs = new ArrayList<>();
    for (Item item : items) {
      if (item.stored == null) {
        fresh.add(item);
        for (String candidate : candidates(item)) {
          types.add(item.current.type().name());
          slugs.add(candidate);
        }
      }
    }
    if (fresh.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return repository
        .takenSlugs(tx, types, slugs)
        .invoke(
            taken -> {
              Set<String> used = new HashSet<>(taken);
              for (Item item : fresh) {
                String type = item.current.type().name();
                String chosen = null;
                for (String candidate : candidates(item)) {
                  if (!candidate.isEmpty() && used.add(type + "/" + candidate)) {
                    chosen = candidate;
                    break;
                  }
                }
                if (chosen == null) {
                  chosen = candidates(item).get(0) + "-" + item.id.toString().substring(0, 8);
                  used.add(type + "/" + chosen);
                }
                item.current = Snapshots.withSlug(item.current, chosen);
              }
            })
        .replaceWithVoid();
  }

  /** Slug candidates: the title's slug, then title plus the first external id. */
  private static List<String> candidates(Item item) {
    MediaSnapshot m = item.current;
    String base = Slugs.of(m.titles() == null ? null : m.titles().canonical());
    Map.Entry<String, String> first = m.externalIds().entrySet().iterator().next();
    String byId = Slugs.of(first.getKey() + "-" + first.getValue());
    if (base.isEmpty()) {
      return List.of(byId);
    }
    return List.of(base, base + "-" + byId);
  }

  /**
   * Whether a draft may be merged into an item: they do not disagree on the id of any source both
   * have (two goodbooks rows with one ISBN but different Goodreads ids stay two items).
   */
  static boolean compatible(MediaSnapshot item, MediaSnapshot draft) {
    for (Map.Entry<String, String> id : draft.externalIds().entrySet()) {
      String mine = item.externalIds().get(id.getKey());
      if (mine != null && !mine.equals(id.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static List<Key> keys(MediaDraft draft) {
    List<Key> keys = new ArrayList<>();
    String type = draft.media().type().name();
    for (Map.Entry<String, String> id :
        new java.util.TreeMap<>(draft.media().externalIds()).entrySet()) {
      if (id.getValue() != null && !id.getValue().isBlank()) {
        keys.add(new Key(id.getKey(), type, id.getValue()));
      }
    }
    return keys;
  }

  private MediaSnapshot parse(String text) {
    try {
      return json.readValue(text, MediaSnapshot.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String write(MediaSnapshot media) {
    try {
      return json.writeValueAsString(media);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
