package dev.kiroku.progress.rest;

import dev.kiroku.progress.service.SettingsService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The caller's settings: {@code {"ratingScale": "POINT_10"}} (default {@code POINT_10}). */
@Path("/api/v1/progress/settings")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

  @Inject SecurityIdentity identity;
  @Inject SettingsService settings;

  @GET
  public Uni<SettingsBody> get() {
    return settings.scale(Requests.user(identity)).map(SettingsBody::new);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<SettingsBody> put(@Valid @NotNull SettingsBody body) {
    return settings.saveScale(Requests.user(identity), body.ratingScale()).map(v -> body);
  }
}
