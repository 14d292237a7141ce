package dev.kiroku.social.rest;

import dev.kiroku.social.domain.PeopleList;
import dev.kiroku.social.service.FollowService;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;

/**
 * Follows and follow requests. Paths naming a user by {@code handle} (any case) answer {@code 308}
 * with {@code Location} naming the current handle when it was renamed less than 30 days ago.
 */
@Path("/api/v1/social")
@Produces(MediaType.APPLICATION_JSON)
public class FollowResource {

  static final String USERS = "/api/v1/social/users/";
  static final String REQUESTS = "/api/v1/social/me/follow-requests/";

  /** Page size when {@code limit} is absent. */
  static final int DEFAULT_LIMIT = 50;

  /** Largest page size. */
  static final int MAX_LIMIT = 100;

  @Inject SecurityIdentity identity;
  @Inject FollowService follows;
  @Inject UserListService lists;

  /**
   * Follows the user: 200 {@link FollowView} with {@code state} {@code FOLLOWING} (a public profile)
   * or {@code REQUESTED} (followers-only or private: a pending request). Repeating it changes
   * nothing and answers the same.
   *
   * <p>Errors: 404 {@code USER_NOT_FOUND}; 403 {@code BLOCKED} when either blocked the other; 422
   * {@code SELF_RELATION}.
   */
  @POST
  @Path("users/{handle}/follow")
  public Uni<Response> follow(@PathParam("handle") String handle) {
    return follows
        .follow(caller(), handle)
        .map(
            r ->
                Moves.respond(
                    r,
                    USERS,
                    "/follow",
                    state ->
                        Response.ok(
                                new FollowView(handle.toLowerCase(Locale.ROOT), state.name()))
                            .build()));
  }

  /**
   * Unfollows the user, or withdraws a pending request to follow them: 204, also when there was
   * neither.
   *
   * <p>Errors: 404 {@code USER_NOT_FOUND}; 422 {@code SELF_RELATION}.
   */
  @DELETE
  @Path("users/{handle}/follow")
  public Uni<Response> unfollow(@PathParam("handle") String handle) {
    return follows
        .unfollow(caller(), handle)
        .map(r -> Moves.respond(r, USERS, "/follow", v -> Response.noContent().build()));
  }

  /**
   * The user's followers, newest first ({@link UserListView} of {@link UserListView.FollowItem}).
   * An old handle's 308 keeps the query ({@code cursor}, {@code limit}).
   *
   * <p>Errors: 400 {@code VALIDATION_FAILED} naming {@code limit} (not 1-100); 400 {@code
   * INVALID_CURSOR} naming {@code cursor}; 404 {@code USER_NOT_FOUND}; 403 {@code FORBIDDEN} when
   * the caller may not see the profile's details.
   */
  @GET
  @Path("users/{handle}/followers")
  public Uni<Response> followers(
      @PathParam("handle") String handle,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit,
      @Context UriInfo uri) {
    return list(PeopleList.FOLLOWERS, handle, cursor, limit, "/followers", uri);
  }

  /**
   * The users the user follows, newest follow first ({@link UserListView} of {@link
   * UserListView.FollowItem}); errors as {@link #followers}.
   */
  @GET
  @Path("users/{handle}/following")
  public Uni<Response> following(
      @PathParam("handle") String handle,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit,
      @Context UriInfo uri) {
    return list(PeopleList.FOLLOWING, handle, cursor, limit, "/following", uri);
  }

  private Uni<Response> list(
      PeopleList list, String handle, String cursor, String limit, String path, UriInfo uri) {
    int size = Requests.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    String query = uri.getRequestUri().getRawQuery();
    String suffix = query == null ? path : path + "?" + query;
    return lists
        .ofUser(list, caller(), handle, cursor, size)
        .map(
            r ->
                Moves.respond(
                    r,
                    USERS,
                    suffix,
                    page -> Response.ok(UserListView.of(page, UserListView.FollowItem::of)).build()));
  }

  /**
   * The pending requests to follow the caller, newest first ({@link UserListView} of {@link
   * UserListView.RequestItem}).
   *
   * <p>Errors: 400 {@code VALIDATION_FAILED} naming {@code limit}; 400 {@code INVALID_CURSOR}.
   */
  @GET
  @Path("me/follow-requests")
  public Uni<UserListView<UserListView.RequestItem>> requests(
      @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    int size = Requests.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    return lists
        .mine(PeopleList.FOLLOW_REQUESTS, caller(), cursor, size)
        .map(page -> UserListView.of(page, UserListView.RequestItem::of));
  }

  /**
   * Accepts the user's pending request: they follow the caller. 204; again once they follow: 204,
   * nothing changes.
   *
   * <p>Errors: 404 {@code USER_NOT_FOUND}; 404 {@code FOLLOW_REQUEST_NOT_FOUND} when they neither
   * asked nor follow; 422 {@code SELF_RELATION}.
   */
  @POST
  @Path("me/follow-requests/{handle}/accept")
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
  @Path("me/follow-requests/{handle}/decline")
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
  @Path("me/followers/{handle}")
  public Uni<Response> removeFollower(@PathParam("handle") String handle) {
    return follows
        .removeFollower(caller(), handle)
        .map(
            r ->
                Moves.respond(
                    r, "/api/v1/social/me/followers/", "", v -> Response.noContent().build()));
  }

  private String caller() {
    return identity.getPrincipal().getName();
  }
}
