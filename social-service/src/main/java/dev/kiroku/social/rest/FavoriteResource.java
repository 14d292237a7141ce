package dev.kiroku.social.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroku.social.service.FavoriteService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The caller's favorites of one media type: an ordered top list of at most 10. */
@Path("/api/v1/social/me/favorites")
@Produces(MediaType.APPLICATION_JSON)
public class FavoriteResource {

  @Inject SecurityIdentity identity;
  @Inject FavoriteService favorites;

  /**
   * The favorites of one media type.
   *
   * @param type media type name, e.g. {@code ANIME}
   * @param items in order (first = top), at most 10
   */
  public record Favorites(String type, List<MediaItemView> items) {}

  /**
   * The caller's favorites of {@code type} (a media type name, any case).
   *
   * <p>Errors: 400 {@code VALIDATION_FAILED} naming {@code type}.
   */
  @GET
  @Path("{type}")
  public Uni<Favorites> get(@PathParam("type") String type) {
    var mediaType = FavoriteRequests.type(type);
    return favorites
        .ofType(Callers.of(identity), mediaType)
        .map(items -> new Favorites(mediaType.name(), MediaItemView.all(items)));
  }

  /**
   * Replaces the caller's favorites of {@code type}: {@code {"mediaIds": ["...", ...]}} in order,
   * at most 10, each once, each a catalog item of that type; {@code []} clears them. All or
   * nothing. Answers the favorites now.
   *
   * <p>Errors: 400 {@code VALIDATION_FAILED} naming {@code type}, {@code mediaIds} or {@code
   * mediaIds[i]} (not a media id, given twice, an item of another type); 422 {@code UNKNOWN_MEDIA}
   * naming {@code mediaIds[i]}; 422 {@code LIMIT_REACHED} naming {@code mediaIds} over 10.
   */
  @PUT
  @Path("{type}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Favorites> replace(@PathParam("type") String type, JsonNode body) {
    var mediaType = FavoriteRequests.type(type);
    var ids = FavoriteRequests.mediaIds(body);
    return favorites
        .replace(Callers.of(identity), mediaType, ids)
        .map(items -> new Favorites(mediaType.name(), MediaItemView.all(items)));
  }
}
