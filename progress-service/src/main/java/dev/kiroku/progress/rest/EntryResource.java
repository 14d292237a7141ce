package dev.kiroku.progress.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.EntryStatus;
import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.domain.MediaUnits;
import dev.kiroku.progress.domain.RatingScale;
import dev.kiroku.progress.repository.EntryListQueries;
import dev.kiroku.progress.repository.EntryRepository;
import dev.kiroku.progress.repository.MediaProjectionRepository;
import dev.kiroku.progress.service.EntryService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The caller's library under {@code /api/v1/progress}; the owner is the token's subject. Entry
 * responses carry the entry version as {@code ETag: "<version>"}; writes accept {@code If-Match}
 * (412 {@code VERSION_MISMATCH} when stale).
 */
@Path("/api/v1/progress")
@Produces(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
public class EntryResource {

  private static final String API = "/api/v1/progress";

  @Inject SecurityIdentity identity;
  @Inject EntryService service;
  @Inject EntryListQueries queries;
  @Inject MediaProjectionRepository media;

  /** {@code {"items": [...], "nextCursor": "...", "counts": {"WATCHING": 3, ...}}} */
  public record EntryList(List<EntryView> items, String nextCursor, Map<String, Long> counts) {}

  /** {@code {"items": [{"repeat": 0, "season": 1, "episode": 3, "watchedAt": "..."}]}} */
  public record HistoryList(List<HistoryItem> items) {}

  /** One watched episode (or chapter, for manga: {@code episode} is the chapter number). */
  public record HistoryItem(int repeat, Integer season, int episode, Instant watchedAt) {}

  /** {@code {"items": [entry with caughtUp and next, ...]}} */
  public record UpNext(List<EntryView> items) {}

  @PUT
  @Path("/entries/{mediaId}")
  @Consumes(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
  public Uni<Response> put(
      @PathParam("mediaId") UUID mediaId,
      @HeaderParam("If-Match") String ifMatch,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Valid @NotNull EntryRequest body) {
    return service
        .put(user(), mediaId, body, version(ifMatch), authorization)
        .map(saved -> entity(saved.created() ? 201 : 200, saved.view()))
        .onFailure(EntryService::isBusy)
        .recoverWithItem(
            busy ->
                Response.status(503)
                    .type(dev.kiroku.platform.problem.Problem.MEDIA_TYPE)
                    .header(HttpHeaders.RETRY_AFTER, "1")
                    .entity(((ProblemException) busy).toProblem(API + "/entries/" + mediaId))
                    .build());
  }

  @PATCH
  @Path("/entries/{mediaId}")
  @Consumes({jakarta.ws.rs.core.MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  public Uni<Response> patch(
      @PathParam("mediaId") UUID mediaId,
      @HeaderParam("If-Match") String ifMatch,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @NotNull JsonNode body) {
    return service
        .patch(user(), mediaId, body, version(ifMatch), authorization)
        .map(saved -> entity(200, saved.view()));
  }

  @DELETE
  @Path("/entries/{mediaId}")
  public Uni<Response> delete(
      @PathParam("mediaId") UUID mediaId, @HeaderParam("If-Match") String ifMatch) {
    return service.delete(user(), mediaId, version(ifMatch)).map(v -> Response.noContent().build());
  }

  @GET
  @Path("/entries/{mediaId}")
  public Uni<Response> get(@PathParam("mediaId") UUID mediaId) {
    return service.get(user(), mediaId).map(view -> entity(200, view));
  }

  @GET
  @Path("/entries")
  public Uni<EntryList> list(
      @QueryParam("status") String status,
      @QueryParam("type") String type,
      @QueryParam("sort") String sort,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") Integer limit) {
    return listOf(user(), true, status, type, sort, cursor, limit);
  }

  /**
   * Another user's entries: private entries hidden, notes hidden, reviews shown only when public
   * (followers-only reviews are hidden too: progress-service does not know followers yet).
   */
  @GET
  @Path("/users/{userId}/entries")
  public Uni<EntryList> listOfUser(
      @PathParam("userId") String userId,
      @QueryParam("status") String status,
      @QueryParam("type") String type,
      @QueryParam("sort") String sort,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") Integer limit) {
    boolean owner = userId.equals(user());
    return listOf(userId, owner, status, type, sort, cursor, limit);
  }

  @POST
  @Path("/entries/{mediaId}/episodes")
  @Consumes(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
  public Uni<Response> mark(
      @PathParam("mediaId") UUID mediaId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Valid @NotNull EpisodesRequest body) {
    return service
        .episodes(user(), mediaId, body, false, authorization)
        .map(view -> entity(200, view));
  }

  /** Unmarks: query parameters {@code season}, {@code episode} or {@code from} and {@code to}. */
  @DELETE
  @Path("/entries/{mediaId}/episodes")
  public Uni<Response> unmark(
      @PathParam("mediaId") UUID mediaId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("season") @jakarta.validation.constraints.Min(0) Integer season,
      @QueryParam("episode") @jakarta.validation.constraints.Min(1) Integer episode,
      @QueryParam("from") @jakarta.validation.constraints.Min(1) Integer from,
      @QueryParam("to") @jakarta.validation.constraints.Min(1) Integer to) {
    return service
        .episodes(
            user(),
            mediaId,
            new EpisodesRequest(season, episode, from, to, null),
            true,
            authorization)
        .map(view -> entity(200, view));
  }

  @GET
  @Path("/entries/{mediaId}/episodes")
  public Uni<HistoryList> history(@PathParam("mediaId") UUID mediaId) {
    return service
        .history(user(), mediaId)
        .map(
            rows -> {
              List<HistoryItem> items = new ArrayList<>();
              for (EntryRepository.HistoryRow r : rows) {
                items.add(new HistoryItem(r.repeat(), r.season(), r.number(), r.watchedAt()));
              }
              return new HistoryList(items);
            });
  }

  @POST
  @Path("/entries/{mediaId}/advance")
  public Uni<Response> advance(
      @PathParam("mediaId") UUID mediaId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return service.advance(user(), mediaId, authorization).map(view -> entity(200, view));
  }

  /** The caller's watching anime and TV shows with their next episode. */
  @GET
  @Path("/up-next")
  public Uni<UpNext> upNext() {
    String userId = user();
    return queries
        .watching(userId)
        .flatMap(
            entries ->
                Uni.combine()
                    .all()
                    .unis(
                        media.findAll(entries.stream().map(e -> e.mediaId).toList()),
                        service.scale(userId))
                    .asTuple()
                    .map(
                        t -> {
                          List<EntryView> items = new ArrayList<>();
                          for (var e : entries) {
                            var m = t.getItem1().get(e.mediaId);
                            if (m == null) {
                              continue;
                            }
                            items.add(
                                EntryService.withNext(
                                    EntryView.of(e, m, t.getItem2(), true), m, new MediaUnits(m)));
                          }
                          return new UpNext(items);
                        }));
  }

  /** {@code {"ratingScale": "POINT_10"}}; default {@code POINT_10}. */
  @GET
  @Path("/settings")
  public Uni<SettingsBody> settings() {
    return service.scale(user()).map(SettingsBody::new);
  }

  @PUT
  @Path("/settings")
  @Consumes(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
  public Uni<SettingsBody> saveSettings(@Valid @NotNull SettingsBody body) {
    return service.saveScale(user(), body.ratingScale()).map(v -> body);
  }

  private Uni<EntryList> listOf(
      String userId,
      boolean owner,
      String status,
      String type,
      String sort,
      String cursor,
      Integer limit) {
    EntryStatus s = status == null ? null : parse(EntryStatus.class, "status", status);
    MediaType t = type == null ? null : parse(MediaType.class, "type", type);
    EntryListQueries.Sort order =
        sort == null
            ? EntryListQueries.Sort.UPDATED
            : parse(EntryListQueries.Sort.class, "sort", sort);
    int size = limit == null ? 50 : limit;
    if (size < 1 || size > 200) {
      throw invalid("limit", "must be between 1 and 200");
    }
    return queries
        .list(userId, s, t, order, cursor, size, owner)
        .flatMap(
            page ->
                Uni.combine()
                    .all()
                    .unis(
                        media.findAll(page.items().stream().map(e -> e.mediaId).toList()),
                        service.scale(user()))
                    .asTuple()
                    .map(
                        tuple -> {
                          RatingScale scale = tuple.getItem2();
                          List<EntryView> items =
                              page.items().stream()
                                  .map(
                                      e ->
                                          EntryView.of(
                                              e, tuple.getItem1().get(e.mediaId), scale, owner))
                                  .toList();
                          return new EntryList(items, page.nextCursor(), page.counts());
                        }));
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> names =
          java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
      throw invalid(field, "must be one of " + names);
    }
  }

  private static ProblemException invalid(String field, String message) {
    return ProblemException.invalidField(field, message);
  }

  private String user() {
    return identity.getPrincipal().getName();
  }

  private static Response entity(int status, EntryView view) {
    Response.ResponseBuilder b = Response.status(status).entity(view);
    if (view.version() > 0) {
      b.header(HttpHeaders.ETAG, "\"" + view.version() + "\"");
    }
    return b.build();
  }

  /**
   * The version in {@code If-Match} ({@code "3"}, {@code W/"3"}); null when absent or {@code *}.
   */
  static Long version(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      return null;
    }
    String v = ifMatch.trim();
    if (v.startsWith("W/")) {
      v = v.substring(2);
    }
    v = v.replace("\"", "");
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ProblemException(
          dev.kiroku.progress.domain.ProgressErrorCode.VERSION_MISMATCH,
          "If-Match " + ifMatch + " is not a version of this entry",
          List.of(new Problem.Violation("If-Match", "must be an ETag this service sent")),
          Map.of());
    }
  }
}
