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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;

/**
 * Follows of other users and their followers and following lists ({@code /users/{handle}/...}; the
 * caller's own requests and followers are in {@link MeRelationsResource}). A {@code handle} (any
 * case) renamed less than 30 days ago answers {@code 308} with {@code Location} naming the current
 * one. The class shares its path with {@link UserResource}: Quarkus REST merges classes of one
 * path, while a class on a shorter prefix would never see these requests.
 */
@Path("/api/v1/social/users")
@Produces(MediaType.APPLICATION_JSON)
public class FollowResource {

  static final String USERS = "/api/v1/social/users/";

  /** Page size when {@code limit} is absent. */
  static final int DEFAULT_LIMIT = 50;

  /** Largest page size. */
  static final int MAX_LIMIT = 100;

  @Inject SecurityIdentity identity;
  @Inject FollowService follows;
  @Inject PeopleListService lists;

  /**
   * Follows the user: 200 {@link FollowView} with {@code state} {@code FOLLOWING} (a public
   * profile) or {@code REQUESTED} (followers-only or private: a pending request). Repeating it
   * changes nothing and answers the same.
   *
   * <p>Errors: 404 {@code USER_NOT_FOUND}; 403 {@code BLOCKED} when either blocked the other; 422
   * {@code SELF_RELATION}.
   */
  @POST
  @Path("{handle}/follow")
  public Uni<Response> follow(@PathParam("handle") String handle) {
    return follows
        .follow(identity.getPrincipal().getName(), handle)
        .map(
            r ->
                Moves.respond(
                    r,
                    USERS,
                    "/follow",
                    state ->
                        Response.ok(new FollowView(handle.toLowerCase(Locale.ROOT), state.name()))
                            .build()));
  }

  /**
   * Unfollows the user, or withdraws a pending request to follow them: 204, also when there was
   * neither.
   *
   * <p>Errors: 404 {@code USER_NOT_FOUND}; 422 {@code SELF_RELATION}.
   */
  @DELETE
  @Path("{handle}/follow")
  public Uni<Response> unfollow(@PathParam("handle") String handle) {
    return follows
        .unfollow(identity.getPrincipal().getName(), handle)
        .map(r -> Moves.respond(r, USERS, "/follow", v -> Response.noContent().build()));
  }

  /**
   * The user's followers, newest first ({@link PeopleListView} of {@link
   * PeopleListView.FollowItem}). An old handle's 308 keeps the query ({@code cursor}, {@code
   * limit}).
   *
   * <p>Errors: 400 {@code VALIDATION_FAILED} naming {@code limit} (not 1-100); 400 {@code
   * INVALID_CURSOR} naming {@code cursor}; 404 {@code USER_NOT_FOUND}; 403 {@code FORBIDDEN} when
   * the caller may not see the profile's details.
   */
  @GET
  @Path("{handle}/followers")
  public Uni<Response> followers(
      @PathParam("handle") String handle,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit,
      @Context UriInfo uri) {
    return list(PeopleList.FOLLOWERS, handle, cursor, limit, "/followers", uri);
  }

  /**
   * The users the user follows, newest follow first ({@link PeopleListView} of {@link
   * PeopleListView.FollowItem}); errors as {@link #followers}.
   */
  @GET
  @Path("{handle}/following")
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
        .ofUser(list, Callers.viewer(identity), handle, cursor, size)
        .map(
            r ->
                Moves.respond(
                    r,
                    USERS,
                    suffix,
                    page ->
                        Response.ok(PeopleListView.of(page, PeopleListView.FollowItem::of))
                            .build()));
  }
}
