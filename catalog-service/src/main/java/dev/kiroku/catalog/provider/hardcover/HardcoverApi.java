package dev.kiroku.catalog.provider.hardcover;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Hardcover's GraphQL API, base URL {@code quarkus.rest-client.hardcover.url} (default {@code
 * https://api.hardcover.app/v1}).
 */
@RegisterRestClient(configKey = "hardcover")
public interface HardcoverApi {

  /**
   * {@code POST /graphql}.
   *
   * @param authorization {@code Bearer <token>}
   * @param request {@code {"query": "...", "variables": {...}}} as JSON bytes
   * @return {@code {"data": ...}} or {@code {"errors": [...]}}
   */
  @POST
  @Path("/graphql")
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<byte[]> graphql(@HeaderParam("Authorization") String authorization, byte[] request);
}
