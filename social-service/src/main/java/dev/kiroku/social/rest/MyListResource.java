package dev.kiroku.social.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroku.social.domain.Caller;
import dev.kiroku.social.service.ListItemService;
import dev.kiroku.social.service.ListService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * The caller's lists and their items. A list id that is not the caller's is 404 {@code
 * LIST_NOT_FOUND}, whoever owns it.
 */
@Path("/api/v1/social/me/lists")
@Produces(MediaType.APPLICATION_JSON)
public class MyListResource {

  /** Items per page: default and most. */
  static final int ITEMS_DEFAULT = 50;

  static final int ITEMS_MAX = 100;

  /** Lists per page: default and most. */
  static final int LISTS_DEFAULT = 20;

  static final int LISTS_MAX = 100;

  @Inject SecurityIdentity identity;
  @Inject ListService lists;
  @Inject ListItemService items;

  /**
   * A page of the caller's lists, newest first ({@link ListView.Lists}).
   *
   * <p>Errors: 400 {@code VALIDATION_FAILED} naming {@code limit} (not 1-100); 400 {@code
   * INVALID_CURSOR}.
   */
  @GET
  public Uni<ListView.Lists> mine(
      @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    int size = Requests.limit(limit, LISTS_DEFAULT, LISTS_MAX);
    return lists.mine(caller(), cursor, size).map(ListView.Lists::of);
  }

  /**
   * Creates a list: {@code {"name": "...", "description": "...", "visibility": "PUBLIC"}} (name
   * 1-100 characters; description at most 2,000, optional; visibility {@code PUBLIC} (default),
   * {@code FOLLOWERS} or {@code PRIVATE}, any case). Answers 201 with the list.
   *
   * <p>Errors: 400 {@code VALIDATION_FAILED} naming the field.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> create(JsonNode body) {
    ListRequests.NewList list = ListRequests.create(body);
    return lists
        .create(caller(), list.name(), list.description(), list.visibility())
        .map(
            created ->
                Response.created(URI.create("/api/v1/social/me/lists/" + created.id()))
                    .entity(ListView.of(created))
                    .build());
  }

  /**
   * The list with a page of its items in list order ({@code limit} 1-100, default 50; {@code
   * cursor}: the {@code nextCursor} of the previous page).
   *
   * <p>Errors: 404 {@code LIST_NOT_FOUND}; 400 {@code INVALID_CURSOR}; 400 {@code
   * VALIDATION_FAILED} naming {@code limit}.
   */
  @GET
  @Path("{id}")
  public Uni<ListView> get(
      @PathParam("id") String id,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    int size = Requests.limit(limit, ITEMS_DEFAULT, ITEMS_MAX);
    return lists.mine(caller(), ListRequests.listId(id), cursor, size).map(ListView::of);
  }

  /**
   * Changes the list: a JSON merge patch of {@code name}, {@code description} (null clears), {@code
   * visibility}. Answers the list without items.
   *
   * <p>Errors: 404 {@code LIST_NOT_FOUND}; 400 {@code VALIDATION_FAILED} naming the field.
   */
  @PATCH
  @Path("{id}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  public Uni<ListView> update(@PathParam("id") String id, JsonNode body) {
    var change = ListRequests.change(body);
    return lists.update(caller(), ListRequests.listId(id), change).map(ListView::of);
  }

  /**
   * Deletes the list and its items. Answers 204.
   *
   * <p>Errors: 404 {@code LIST_NOT_FOUND}.
   */
  @DELETE
  @Path("{id}")
  public Uni<Void> delete(@PathParam("id") String id) {
    return lists.delete(caller(), ListRequests.listId(id));
  }

  /**
   * Adds a media item: {@code {"mediaId": "...", "position": 0}} ({@code position} 0 = first,
   * optional: at the end). Answers 201 with the item and its position.
   *
   * <p>Errors: 404 {@code LIST_NOT_FOUND}; 400 {@code VALIDATION_FAILED} naming {@code mediaId} or
   * {@code position}; 422 {@code UNKNOWN_MEDIA} naming {@code mediaId}; 409 {@code
   * LIST_ITEM_EXISTS}; 422 {@code LIMIT_REACHED} at 10,000 items.
   */
  @POST
  @Path("{id}/items")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> add(@PathParam("id") String id, JsonNode body) {
    ListRequests.NewItem item = ListRequests.add(body);
    var listId = ListRequests.listId(id);
    return items
        .add(caller(), listId, item.mediaId(), item.position())
        .map(
            placed ->
                Response.created(
                        URI.create(
                            "/api/v1/social/me/lists/" + listId + "/items/" + item.mediaId()))
                    .entity(ListItemView.of(placed))
                    .build());
  }

  /**
   * Moves a media item: {@code {"position": n}} (0 = first, at most the last index). Answers the
   * item with its new position.
   *
   * <p>Errors: 404 {@code LIST_NOT_FOUND} or {@code LIST_ITEM_NOT_FOUND}; 400 {@code
   * VALIDATION_FAILED} naming {@code mediaId} or {@code position}.
   */
  @PATCH
  @Path("{id}/items/{mediaId}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  public Uni<ListItemView> move(
      @PathParam("id") String id, @PathParam("mediaId") String mediaId, JsonNode body) {
    int position = ListRequests.move(body);
    return items
        .move(caller(), ListRequests.listId(id), ListRequests.mediaId("mediaId", mediaId), position)
        .map(ListItemView::of);
  }

  /**
   * Removes a media item. Answers 204.
   *
   * <p>Errors: 404 {@code LIST_NOT_FOUND} or {@code LIST_ITEM_NOT_FOUND}; 400 {@code
   * VALIDATION_FAILED} naming {@code mediaId}.
   */
  @DELETE
  @Path("{id}/items/{mediaId}")
  public Uni<Void> remove(@PathParam("id") String id, @PathParam("mediaId") String mediaId) {
    return items.remove(
        caller(), ListRequests.listId(id), ListRequests.mediaId("mediaId", mediaId));
  }

  private Caller caller() {
    return Callers.of(identity);
  }
}
