package dev.kiroku.social.rest;

import dev.kiroku.social.domain.PeopleList;
import dev.kiroku.social.service.FollowService;
import dev.kiroku.social.service.PeopleListService;
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
 * The caller's own follow requests, followers and blocks ({@code /me/...}). A {@code handle} (any
 * case) renamed less than 30 days ago answers {@code 308} with {@code Location} naming the current
 * one. Shares its path with {@link MeResource} (see {@link FollowResource}).
 */
@Path("/api/v1/social/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeRelationsResource {

  static final String REQUESTS = "/api/v1/social/me/follow-requests/";

  @Inject SecurityIdentity identity;
  @Inject FollowService follows;
  @Inject PeopleListService lists;

  /**
   * The pending requests to follow the caller, newest first ({@link PeopleListView} of {@link
   * PeopleListView.RequestItem}).
   *
   * <p>Errors: 400 {@code VALIDATION_FAILED} naming {@code limit}; 400 {@code INVALID_CURSOR}.
   */
  @GET
  @Path("follow-requests")
  public Uni<PeopleListView<PeopleListView.RequestItem>> requests(
      @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    int size = Requests.limit(limit, FollowResource.DEFAULT_LIMIT, FollowResource.MAX_LIMIT);
    return lists
        .mine(PeopleList.FOLLOW_REQUESTS, caller(), cursor, size)
        .map(page -> PeopleListView.of(page, PeopleListView.RequestItem::of));
  }

  /**
   * Accepts the user's pending request: they follow the caller. 204; again once they follow: 204,
   * nothing changes.
   *
   * <p>Errors: 404 {@code USER_NOT_FOUND}; 404 {@code FOLLOW_REQUEST_NOT_FOUND} when they neither
   * asked nor follow; 422 {@code SELF_RELATION}.
   */
  @POST
  @Path("follow-requests/{handle}/accept")
  public Uni<Response> accept(@PathParam("handle") String handle) {
    return follows
        .accept(caller(), handle)
        .map(r -> Moves.respond(r, REQUESTS, "/accept", v -> Response.noContent().build()));
  }

  /**
   * Declines the user's pending request (they are not told): 204.
   *
   * <p>Errors: 404 {@code USER_NOT_FOUND}; 404 {@code FOLLOW_REQUEST_NOT_FOUND} when none is
   * pending; 422 {@code SELF_RELATION}.
   */
  @POST
  @Path("follow-requests/{handle}/decline")
  public Uni<Response> decline(@PathParam("handle") String handle) {
    return follows
        .decline(caller(), handle)
        .map(r -> Moves.respond(r, REQUESTS, "/decline", v -> Response.noContent().build()));
  }

  /**
   * Removes the user from the caller's followers: 204, also when they did not follow.
   *
   * <p>Errors: 404 {@code USER_NOT_FOUND}; 422 {@code SELF_RELATION}.
   */
  @DELETE
  @Path("followers/{handle}")
  public Uni<Response> removeFollower(@PathParam("handle") String handle) {
    return follows
        .removeFollower(caller(), handle)
        .map(
            r ->
                Moves.respond(
                    r, "/api/v1/social/me/followers/", "", v -> Response.noContent().build()));
  }

  /**
   * The users the caller blocked, newest first ({@link PeopleListView} of {@link
   * PeopleListView.BlockItem}).
   *
   * <p>Errors: 400 {@code VALIDATION_FAILED} naming {@code limit} (not 1-100); 400 {@code
   * INVALID_CURSOR} naming {@code cursor}.
   */
  @GET
  @Path("blocks")
  public Uni<PeopleListView<PeopleListView.BlockItem>> blocks(
      @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    int size = Requests.limit(limit, FollowResource.DEFAULT_LIMIT, FollowResource.MAX_LIMIT);
    return lists
        .mine(PeopleList.BLOCKS, caller(), cursor, size)
        .map(page -> PeopleListView.of(page, PeopleListView.BlockItem::of));
  }

  private String caller() {
    return identity.getPrincipal().getName();
  }
}
