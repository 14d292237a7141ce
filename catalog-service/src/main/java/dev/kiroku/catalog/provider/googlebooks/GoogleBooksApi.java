package dev.kiroku.catalog.provider.googlebooks;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Google Books API v1, base URL {@code quarkus.rest-client.googlebooks.url} (default {@code
 * https://www.googleapis.com/books/v1}). The key is optional ({@code key}, null = keyless).
 */
@RegisterRestClient(configKey = "googlebooks")
public interface GoogleBooksApi {

  /** {@code GET /volumes?q=&startIndex=&maxResults=} ({@code q=isbn:<isbn>} for ISBN lookups). */
  @GET
  @Path("/volumes")
  Uni<byte[]> search(
      @QueryParam("q") String query,
      @QueryParam("startIndex") int startIndex,
      @QueryParam("maxResults") int maxResults,
      @QueryParam("printType") String printType,
      @QueryParam("key") String apiKey);

  /** {@code GET /volumes/{id}}. */
  @GET
  @Path("/volumes/{id}")
  Uni<byte[]> volume(@PathParam("id") String id, @QueryParam("key") String apiKey);
}
