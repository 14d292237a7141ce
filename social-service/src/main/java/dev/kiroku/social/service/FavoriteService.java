package dev.kiroku.social.service;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.platform.outbox.Outbox;
import dev.kiroku.platform.outbox.OutboxEvent;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.social.domain.Caller;
import dev.kiroku.social.domain.FavoriteRules;
import dev.kiroku.social.domain.MediaItem;
import dev.kiroku.social.event.ListEvents;
import dev.kiroku.social.repository.FavoriteRepository;
import dev.kiroku.social.repository.MediaProjectionRepository;
import dev.kiroku.social.repository.ProfileRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A user's favorites: an ordered top list per media type (at most 10), shown on the profile. */
@ApplicationScoped
public class FavoriteService {

  private final Pool pool;
  private final FavoriteRepository favorites;
  private final MediaProjectionRepository media;
  private final ProfileRepository profiles;
  private final Outbox outbox;
  private final ListEvents events;

  @Inject
  FavoriteService(
      Pool pool,
      FavoriteRepository favorites,
      MediaProjectionRepository media,
      ProfileRepository profiles,
      Outbox outbox,
      ListEvents events) {
    this.pool = pool;
    this.favorites = favorites;
    this.media = media;
    this.profiles = profiles;
    this.outbox = outbox;
    this.events = events;
  }

  /** Every favorite of {@code userId} by media type (types without any absent), in order. */
  public Uni<Map<MediaType, List<MediaItem>>> all(String userId) {
    return favorites.all(pool, userId);
  }

  /** The caller's favorites of {@code type}, in order. */
  public Uni<List<MediaItem>> ofType(Caller caller, MediaType type) {
    return favorites.ofType(pool, caller.userId(), type);
  }

  /**
   * Replaces the caller's favorites of {@code type} by {@code mediaIds}, in that order; each media
   * item that was not among them before is published as {@code FavoriteAdded}. All or nothing.
   *
   * @return the favorites now
   * @throws ProblemException 422 {@code LIMIT_REACHED} naming {@code mediaIds} over 10 ids; 400
   *     {@code VALIDATION_FAILED} naming {@code mediaIds[i]} for an id given twice or an item of
   *     another type; 422 {@code UNKNOWN_MEDIA} naming {@code mediaIds[i]}
   */
  public Uni<List<MediaItem>> replace(Caller caller, MediaType type, List<UUID> mediaIds) {
    FavoriteRules.checkIds(mediaIds);
    return pool.withTransaction(
        tx ->
            profiles
                .findForUpdate(tx, caller.userId()) // one replacement per user at a time
                .flatMap(
                    user ->
                        media
                            .findAll(tx, mediaIds)
                            .map(found -> FavoriteRules.resolve(type, mediaIds, found))
                            .flatMap(
                                items ->
                                    favorites
                                        .addedAt(tx, caller.userId(), type)
                                        .flatMap(
                                            before -> {
                                              Instant now =
                                                  Instant.now().truncatedTo(ChronoUnit.MICROS);
                                              List<Instant> added = new ArrayList<>();
                                              List<OutboxEvent> news = new ArrayList<>();
                                              for (int i = 0; i < items.size(); i++) {
                                                MediaItem item = items.get(i);
                                                Instant at = before.get(item.id());
                                                if (at == null) {
                                                  news.add(
                                                      events.favoriteAdded(user, item, i, now));
                                                }
                                                added.add(at == null ? now : at);
                                              }
                                              Uni<Void> written =
                                                  favorites.replace(
                                                      tx, caller.userId(), type, mediaIds, added);
                                              return (news.isEmpty()
                                                      ? written
                                                      : written.chain(
                                                          () -> outbox.append(tx, news)))
                                                  .replaceWith(items);
                                            }))));
  }
}
