package dev.kiroku.social.rest;

import dev.kiroku.social.service.ListService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** Lists seen from a media item. */
@Path("/api/v1/social/lists")
@Produces(MediaType.APPLICATION_JSON)
public class ListResource {

  @Inject SecurityIdentity identity;
  @Inject ListService lists;

  /**
   * Which of the caller's lists hold a media item.
   *
   * @param mediaId canonical media id
   * @param lists the caller's lists that hold it (without items), newest first
   */
  public record Containing(UUID mediaId, List<ListView> lists) {}

  /**
   * The caller's lists that hold media item {@code mediaId} ({@link Containing}).
   *
   * <p>Errors: 400 {@code VALIDATION_FAILED} naming {@code mediaId} when it is not a UUID.
   */
  @GET
  @Path("containing/{mediaId}")
  public Uni<Containing> containing(@PathParam("mediaId") String mediaId) {
    UUID id = ListRequests.mediaId("mediaId", mediaId);
    return lists
        .containing(Callers.of(identity), id)
        .map(found -> new Containing(id, found.stream().map(ListView::of).toList()));
  }
}
