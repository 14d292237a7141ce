package dev.kiroku.social.rest;

import dev.kiroku.social.domain.ProfileLookup;
import dev.kiroku.social.service.ListService;
import dev.kiroku.social.service.ProfileService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Another user's lists, as far as their visibility allows the caller: {@code PUBLIC} lists of a
 * profile whose details the caller sees, {@code FOLLOWERS} lists to accepted followers, {@code
 * PRIVATE} lists to their owner only, nothing to a user the owner blocked. A handle renamed less
 * than 30 days ago answers {@code 308} to the current one.
 */
@Path("/api/v1/social/users/{handle}/lists")
@Produces(MediaType.APPLICATION_JSON)
public class UserListResource {

  @Inject SecurityIdentity identity;
  @Inject ProfileService profiles;
  @Inject ListService lists;

  /**
   * A page of the user's lists the caller may see, newest first ({@link ListView.Lists}; empty when
   * none).
   *
   * <p>Errors: 404 {@code USER_NOT_FOUND}; 400 {@code VALIDATION_FAILED} naming {@code limit}; 400
   * {@code INVALID_CURSOR}.
   */
  @GET
  public Uni<Response> lists(
      @PathParam("handle") String handle,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    int size = Requests.limit(limit, MyListResource.LISTS_DEFAULT, MyListResource.LISTS_MAX);
    String viewer = Callers.viewer(identity);
    return profiles
        .lookup(handle, viewer)
        .flatMap(
            found -> {
              if (found instanceof ProfileLookup.Moved moved) {
                return Uni.createFrom().item(UserResource.moved(moved.handle(), "/lists"));
              }
              ProfileLookup.Found f = (ProfileLookup.Found) found;
              return lists
                  .visible(f.profile(), viewer, f.relation(), cursor, size)
                  .map(page -> Response.ok(ListView.Lists.of(page)).build());
            });
  }

  /**
   * One of the user's lists with a page of its items, if the caller may see it ({@code limit}
   * 1-100, default 50; {@code cursor}: the previous page's {@code nextCursor}).
   *
   * <p>Errors: 404 {@code USER_NOT_FOUND}; 404 {@code LIST_NOT_FOUND} (also for a list the caller
   * may not see); 400 {@code INVALID_CURSOR}; 400 {@code VALIDATION_FAILED} naming {@code limit}.
   */
  @GET
  @Path("{id}")
  public Uni<Response> list(
      @PathParam("handle") String handle,
      @PathParam("id") String id,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    int size = Requests.limit(limit, MyListResource.ITEMS_DEFAULT, MyListResource.ITEMS_MAX);
    var listId = ListRequests.listId(id);
    String viewer = Callers.viewer(identity);
    return profiles
        .lookup(handle, viewer)
        .flatMap(
            found -> {
              if (found instanceof ProfileLookup.Moved moved) {
                return Uni.createFrom()
                    .item(UserResource.moved(moved.handle(), "/lists/" + listId));
              }
              ProfileLookup.Found f = (ProfileLookup.Found) found;
              return lists
                  .visible(f.profile(), viewer, f.relation(), listId, cursor, size)
                  .map(contents -> Response.ok(ListView.of(contents)).build());
            });
  }
}
