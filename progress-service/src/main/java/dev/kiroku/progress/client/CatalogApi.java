package dev.kiroku.progress.client;

import dev.kiroku.contracts.catalog.MediaSnapshot;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * catalog-service's media endpoints, called only through {@link CatalogMediaClient}. Base URL
 * {@code quarkus.rest-client.catalog.url}. Every call carries this service's own access token
 * ({@code @OidcClientFilter}: Keycloak client credentials of the confidential client {@code
 * progress-service}, {@code quarkus.oidc-client.*}), never a user's. Error statuses fail the {@code
 * Uni} with {@code jakarta.ws.rs.WebApplicationException}.
 */
@RegisterRestClient(configKey = "catalog")
@OidcClientFilter
@Path("/api/v1/catalog/media")
interface CatalogApi {

  /** {@code GET /api/v1/catalog/media/{id}}: the stored item (404 when unknown). */
  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  Uni<MediaSnapshot> media(@PathParam("id") UUID id);

  /**
   * {@code GET /api/v1/catalog/media/by-external/{source}/{externalId}?type=&fetch=}: the item with
   * this provider id; with {@code fetch=false} only what catalog-service stores (404 otherwise),
   * with {@code fetch=true} the provider is asked when catalog-service does not know it yet.
   */
  @GET
  @Path("/by-external/{source}/{externalId}")
  @Produces(MediaType.APPLICATION_JSON)
  Uni<MediaSnapshot> byExternal(
      @PathParam("source") String source,
      @PathParam("externalId") String externalId,
      @QueryParam("type") String type,
      @QueryParam("fetch") boolean fetch);
}
