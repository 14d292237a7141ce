package dev.kiroku.social.rest;

import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.social.domain.ByHandle;
import dev.kiroku.social.domain.ProfileAccess;
import dev.kiroku.social.domain.Relationship;
import dev.kiroku.social.domain.ShownProfile;
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
import java.util.List;

/** Other users' profiles, by handle, and people search. */
@Path("/api/v1/social/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

  /** Longest people-search prefix, in characters. */
  static final int QUERY_MAX = 50;

  @Inject SecurityIdentity identity;
  @Inject ProfileService profiles;

  /**
   * A profile as the caller may see it ({@link ProfileView}). A handle renamed less than 30 days
   * ago answers {@code 308} with {@code Location} naming the current one.
   *
   * <p>Errors: 404 {@code USER_NOT_FOUND}.
   */
  @GET
  @Path("{handle}")
  public Uni<Response> profile(@PathParam("handle") String handle) {
    String viewer = Callers.viewer(identity);
    return profiles
        .show(handle, viewer)
        .map(
            found -> {
              if (found instanceof ByHandle.Moved<ShownProfile> moved) {
                return moved(moved.handle(), "");
              }
              ShownProfile shown = ((ByHandle.Done<ShownProfile>) found).value();
              // none to the owner, none to a visitor without a token
              boolean related =
                  !shown.profile().userId().equals(viewer) && !Callers.VISITOR.equals(viewer);
              var relation = related ? ProfileView.RelationshipView.of(shown.relation()) : null;
              ProfileView view =
                  ProfileAccess.seesDetails(shown.profile(), viewer, shown.relation())
                      ? ProfileView.full(
                          shown.profile(), relation, MediaItemView.favorites(shown.favorites()))
                      : ProfileView.restricted(shown.profile(), relation);
              return Response.ok(view).build();
            });
  }

  /**
   * People whose handle (public and followers-only profiles) or display name (public profiles)
   * starts with {@code q}, ignoring case, by handle; as {@link ProfileView}s, restricted where the
   * caller may not see details.
   *
   * <p>Errors: 400 {@code VALIDATION_FAILED} naming {@code q} (missing, blank, over 50 characters)
   * or {@code limit} (not 1-50).
   */
  @GET
  public Uni<List<ProfileView>> search(
      @QueryParam("q") String q, @QueryParam("limit") String limit) {
    if (q == null || q.isBlank()) {
      throw ProblemException.invalidField("q", "must not be blank");
    }
    String prefix = q.strip();
    if (prefix.length() > QUERY_MAX) {
      throw ProblemException.invalidField("q", "must be at most " + QUERY_MAX + " characters");
    }
    int size = Requests.limit(limit, 20, 50);
    String viewer = Callers.viewer(identity);
    return profiles
        .search(prefix, viewer, size)
        .map(
            found ->
                found.stream()
                    .map(
                        p ->
                            ProfileAccess.seesDetails(p, viewer, Relationship.NONE)
                                ? ProfileView.full(p, null)
                                : ProfileView.restricted(p, null))
                    .toList());
  }

  /** 308 to the current handle's path ({@code suffix} after it, e.g. {@code /followers}). */
  static Response moved(String handle, String suffix) {
    return Response.status(308)
        .header("Location", "/api/v1/social/users/" + handle + suffix)
        .build();
  }
}
