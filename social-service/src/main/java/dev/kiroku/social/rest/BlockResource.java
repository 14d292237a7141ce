package dev.kiroku.social.rest;

import dev.kiroku.social.service.BlockService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Blocks ({@code /users/{handle}/block}; the caller's list of blocks is in {@link
 * MeRelationsResource}). A {@code handle} renamed less than 30 days ago answers {@code 308} with
 * {@code Location} naming the current one. Shares its path with {@link UserResource} (see {@link
 * FollowResource}).
 */
@Path("/api/v1/social/users")
@Produces(MediaType.APPLICATION_JSON)
public class BlockResource {

  @Inject SecurityIdentity identity;
  @Inject BlockService blocks;

  /**
   * Blocks the user: follows both ways and pending requests both ways end; neither may follow the
   * other; they see none of the caller's details. 204, also when already blocked.
   *
   * <p>Errors: 404 {@code USER_NOT_FOUND}; 422 {@code SELF_RELATION}.
   */
  @POST
  @Path("{handle}/block")
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
  @Path("{handle}/block")
  public Uni<Response> unblock(@PathParam("handle") String handle) {
    return blocks
        .unblock(caller(), handle)
        .map(
            r ->
                Moves.respond(
                    r, FollowResource.USERS, "/block", v -> Response.noContent().build()));
  }

  private String caller() {
    return identity.getPrincipal().getName();
  }
}
