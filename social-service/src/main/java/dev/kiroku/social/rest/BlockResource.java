package dev.kiroku.social.rest;

import dev.kiroku.social.domain.PeopleList;
import dev.kiroku.social.service.BlockService;
import dev.kiroku.social.service.UserListService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Blocks. {@code /users/{handle}/block} answers {@code 308} with {@code Location} naming the
 * current handle when it was renamed less than 30 days ago.
 */
@Path("/api/v1/social")
@Produces(MediaType.APPLICATION_JSON)
public class BlockResource {

  @Inject SecurityIdentity identity;
  @Inject BlockService blocks;
  @Inject UserListService lists;

  /**
   * Blocks the user: follows both ways and pending requests both ways end; neither may follow the
   * other; they see none of the caller's details. 204, also when already blocked.
   *
   * <p>Errors: 404 {@code USER_NOT_FOUND}; 422 {@code SELF_RELATION}.
   */
  @POST
  @Path("users/{handle}/block")
  public Uni<Response> block(@PathParam("handle") String handle) {
    return blocks
        .block(caller(), handle)
        .map(
            r ->
                Moves.respond(
                    r, FollowResource.USERS, "/block", v -> Response.noContent().build()));
  }

  /**
   * Lifts the block (ended follows stay ended): 204, also when there was none.
   *
   * <p>Errors: 404 {@code USER_NOT_FOUND}; 422 {@code SELF_RELATION}.
   */
  @DELETE
  @Path("users/{handle}/block")
  public Uni<Response> unblock(@PathParam("handle") String handle) {
    return blocks
        .unblock(caller(), handle)
        .map(
            r ->
                Moves.respond(
                    r, FollowResource.USERS, "/block", v -> Response.noContent().build()));
  }

  /**
   * The users the caller blocked, newest first ({@link UserListView} of {@link
   * UserListView.BlockItem}).
   *
   * <p>Errors: 400 {@code VALIDATION_FAILED} naming {@code limit} (not 1-100); 400 {@code
   * INVALID_CURSOR} naming {@code cursor}.
   */
  @GET
  @Path("me/blocks")
  public Uni<UserListView<UserListView.BlockItem>> blocks(
      @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    int size = Requests.limit(limit, FollowResource.DEFAULT_LIMIT, FollowResource.MAX_LIMIT);
    return lists
        .mine(PeopleList.BLOCKS, caller(), cursor, size)
        .map(page -> UserListView.of(page, UserListView.BlockItem::of));
  }

  private String caller() {
    return identity.getPrincipal().getName();
  }
}
