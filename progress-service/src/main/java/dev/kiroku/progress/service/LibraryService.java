package dev.kiroku.progress.service;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.EntryStatus;
import dev.kiroku.contracts.progress.MediaSummary;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.EntryPage;
import dev.kiroku.progress.domain.EntrySort;
import dev.kiroku.progress.domain.RatingScale;
import dev.kiroku.progress.repository.EntryListQueries;
import dev.kiroku.progress.repository.SettingsRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads of whole libraries: entry lists with counts per status, and up-next. */
@ApplicationScoped
public class LibraryService {

  /**
   * A page with the media items its entries are shown with.
   *
   * @param media the projection's media items of the page's entries, by id (absent: unknown)
   */
  public record Listed(EntryPage page, Map<UUID, MediaSummary> media) {}

  /**
   * The reader's watching anime and TV entries with their media items (entries whose media the
   * projection does not know are left out).
   */
  public record Watching(List<Entry> entries, Map<UUID, MediaSummary> media, RatingScale scale) {}

  private final Pool pool;
  private final EntryListQueries lists;
  private final SettingsRepository settings;
  private final MediaCatalog media;

  @Inject
  LibraryService(
      Pool pool, EntryListQueries lists, SettingsRepository settings, MediaCatalog media) {
    this.pool = pool;
    this.lists = lists;
    this.settings = settings;
    this.media = media;
  }

  /**
   * One page of {@code ownerId}'s entries as {@code readerId} may see them: another reader does not
   * see private entries (also not in the counts).
   *
   * @param status null = every status
   * @param type null = every media type
   * @param cursor null = the first page
   * @param limit 1-200
   * @throws ProblemException 400 {@code INVALID_CURSOR}
   */
  public Uni<Listed> list(
      String readerId,
      String ownerId,
      EntryStatus status,
      MediaType type,
      EntrySort sort,
      String cursor,
      int limit) {
    boolean owner = ownerId.equals(readerId);
    // the page, its counts and the reader's scale in one statement; then its media (cached)
    return lists
        .list(ownerId, readerId, status, type, sort, cursor, limit, owner)
        .flatMap(
            page ->
                media
                    .findAll(page.items().stream().map(e -> e.mediaId).toList())
                    .map(found -> new Listed(page, found)));
  }

  /**
   * {@code GET /up-next}: the user's watching anime and TV entries, most recently updated first.
   */
  public Uni<Watching> watching(String userId) {
    return lists
        .watching(userId)
        .flatMap(
            entries ->
                Uni.combine()
                    .all()
                    .unis(
                        media.findAll(entries.stream().map(e -> e.mediaId).toList()),
                        settings.scale(pool, userId))
                    .asTuple()
                    .map(
                        t ->
                            new Watching(
                                entries.stream()
                                    .filter(e -> t.getItem1().containsKey(e.mediaId))
                                    .toList(),
                                t.getItem1(),
                                t.getItem2())));
  }
}
