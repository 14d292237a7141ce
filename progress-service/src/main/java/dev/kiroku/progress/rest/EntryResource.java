package dev.kiroku.progress.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.EntryStatus;
import dev.kiroku.platform.problem.CommonErrorCode;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.domain.EntrySort;
import dev.kiroku.progress.service.EntryService;
import dev.kiroku.progress.service.LibraryService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The caller's library entries under {@code /api/v1/progress}; the owner is the token's subject.
 * Entry responses carry the entry version as {@code ETag: "<version>"}; writes accept {@code
 * If-Match} (412 {@code VERSION_MISMATCH} when stale).
 */
@Path("/api/v1/progress")
@Produces(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
public class EntryResource {

  @Inject SecurityIdentity identity;
  @Inject EntryService entries;
  @Inject LibraryService library;
  @Inject EntryRequests requests;

  /** {@code {"items": [...], "nextCursor": "...", "counts": {"WATCHING": 3, ...}}} */
  public record EntryList(List<EntryView> items, String nextCursor, Map<String, Long> counts) {}

  /** Create (201) or replace (200); 400/404/409/412/422/503 problem+json. */
  @PUT
  @Path("/entries/{mediaId}")
  @Consumes(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
  public Uni<Response> put(
      @PathParam("mediaId") UUID mediaId,
      @HeaderParam("If-Match") String ifMatch,
      @NotNull EntryRequest body) {
    return entries
        .put(Requests.user(identity), mediaId, requests.toChange(body), Requests.version(ifMatch))
        .map(saved -> Requests.entry(saved.created() ? 201 : 200, EntryView.of(saved, true)));
  }

  /** JSON merge patch over the entry ({@code application/json} or merge-patch+json). */
  @PATCH
  @Path("/entries/{mediaId}")
  @Consumes({jakarta.ws.rs.core.MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  public Uni<Response> patch(
      @PathParam("mediaId") UUID mediaId,
      @HeaderParam("If-Match") String ifMatch,
      @NotNull JsonNode body) {
    if (!body.isObject()) {
      throw new ProblemException(
          CommonErrorCode.MALFORMED_REQUEST, "The body must be a JSON object.");
    }
    return entries
        .patch(
            Requests.user(identity),
            mediaId,
            requests.merge((ObjectNode) body),
            Requests.version(ifMatch))
        .map(saved -> Requests.entry(200, EntryView.of(saved, true)));
  }

  /** Removes the entry and its history (204). */
  @DELETE
  @Path("/entries/{mediaId}")
  public Uni<Response> delete(
      @PathParam("mediaId") UUID mediaId, @HeaderParam("If-Match") String ifMatch) {
    return entries
        .delete(Requests.user(identity), mediaId, Requests.version(ifMatch))
        .map(v -> Response.noContent().build());
  }

  @GET
  @Path("/entries/{mediaId}")
  public Uni<Response> get(@PathParam("mediaId") UUID mediaId) {
    return entries
        .get(Requests.user(identity), mediaId)
        .map(found -> Requests.entry(200, EntryView.of(found, true)));
  }

  /** The caller's entries with counts per status. */
  @GET
  @Path("/entries")
  public Uni<EntryList> list(
      @QueryParam("status") String status,
      @QueryParam("type") String type,
      @QueryParam("sort") String sort,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return listOf(Requests.user(identity), status, type, sort, cursor, limit);
  }

  /**
   * Another user's entries: private entries hidden, notes hidden, reviews shown only when public
   * (followers-only reviews are hidden too: progress-service does not know followers yet).
   *
   * @param userId the user's id (the token subject, a UUID); 400 otherwise
   */
  @GET
  @Path("/users/{userId}/entries")
  public Uni<EntryList> listOfUser(
      @PathParam("userId") String userId,
      @QueryParam("status") String status,
      @QueryParam("type") String type,
      @QueryParam("sort") String sort,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return listOf(Requests.userId(userId), status, type, sort, cursor, limit);
  }

  private Uni<EntryList> listOf(
      String ownerId, String status, String type, String sort, String cursor, String limit) {
    EntryStatus s = status == null ? null : Requests.parse(EntryStatus.class, "status", status);
    MediaType t = type == null ? null : Requests.parse(MediaType.class, "type", type);
    EntrySort order =
        sort == null ? EntrySort.UPDATED : Requests.parse(EntrySort.class, "sort", sort);
    int size = Requests.limit(limit, 50, 200);
    String reader = Requests.user(identity);
    boolean owner = ownerId.equals(reader);
    return library
        .list(reader, ownerId, s, t, order, cursor, size)
        .map(
            listed ->
                new EntryList(
                    listed.page().items().stream()
                        .map(
                            e ->
                                EntryView.of(
                                    e,
                                    listed.media().get(e.mediaId),
                                    listed.page().readerScale(),
                                    owner))
                        .toList(),
                    listed.page().nextCursor(),
                    listed.page().counts()));
  }
}
