package dev.kiroku.social.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroku.social.service.AccountService;
import dev.kiroku.social.service.ProfileService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The caller's own profile. */
@Path("/api/v1/social/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  @Inject SecurityIdentity identity;
  @Inject ProfileService profiles;
  @Inject AccountService accounts;

  /** The caller's profile (created from the token on their first call). */
  @GET
  public Uni<MeView> me() {
    return profiles.me(Callers.of(identity)).map(MeView::of);
  }

  /**
   * Changes the caller's profile: a JSON merge patch of {@code handle}, {@code displayName}, {@code
   * bio}, {@code avatarUrl}, {@code visibility}, {@code ratingScale}.
   *
   * <p>Errors: 400 {@code VALIDATION_FAILED} naming the field; 409 {@code HANDLE_TAKEN}.
   */
  @PATCH
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  public Uni<MeView> update(JsonNode body) {
    return profiles.update(Callers.of(identity), ProfileRequests.change(body)).map(MeView::of);
  }

  /**
   * Deletes the caller's account everywhere in Kiroku: the profile, follows both ways, blocks,
   * requests, lists and favorites here; every other service's rows of the user when it reads {@code
   * UserDeleted}; the Keycloak account. The caller's tokens are refused from then on. Answers 204.
   *
   * <p>Errors: 428 {@code CONFIRMATION_REQUIRED} unless the header {@code X-Confirm-Delete} names
   * the caller's handle.
   */
  @DELETE
  public Uni<Void> delete(@HeaderParam(AccountService.CONFIRM_HEADER) String confirmation) {
    return accounts.delete(Callers.of(identity), confirmation);
  }
}
