package dev.kiroku.progress.client;

import dev.kiroku.contracts.catalog.MediaSnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * catalog-service's media endpoint, used only when the local projection misses a media id. Base
 * URL: {@code quarkus.rest-client.catalog.url} (default {@code http://127.0.0.1:8081}).
 */
@RegisterRestClient(configKey = "catalog")
@Path("/api/v1/catalog/media")
public interface CatalogApi {

  /**
   * @param authorization the caller's {@code Authorization} header, forwarded
   * @return the media item; fails with {@code WebApplicationException} (404 when unknown) or a
   *     connection error when catalog-service does not answer
   */
  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  Uni<MediaSnapshot> media(
      @PathParam("id") UUID id, @HeaderParam("Authorization") String authorization);

  /**
   * catalog-service's by-external lookup: a media item by provider id, fetched from the provider
   * when catalog-service does not know it yet.
   *
   * @param source an {@code ExternalSource} key ({@code mal}, {@code tmdb}, {@code isbn}, ...)
   * @param type the media type name ({@code ANIME}, ...)
   * @param fetch false: only what catalog-service stores (404 otherwise, the provider is not asked)
   * @param authorization the uploader's {@code Authorization} header, forwarded
   * @return the media item; fails with {@code WebApplicationException} (404 when unknown, 503 when
   *     the provider is unavailable) or a connection error
   */
  @GET
  @Path("/by-external/{source}/{externalId}")
  @Produces(MediaType.APPLICATION_JSON)
  Uni<MediaSnapshot> byExternal(
      @PathParam("source") String source,
      @PathParam("externalId") String externalId,
      @QueryParam("type") String type,
      @QueryParam("fetch") boolean fetch,
      @HeaderParam("Authorization") String authorization);
}
