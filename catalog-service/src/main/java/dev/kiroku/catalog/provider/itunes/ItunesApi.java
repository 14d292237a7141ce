package dev.kiroku.catalog.provider.itunes;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The iTunes Search API, base URL {@code quarkus.rest-client.itunes.url} (default {@code
 * https://itunes.apple.com}). Apple serves {@code text/javascript} bodies with leading blank lines;
 * they are read as raw bytes and parsed by the adapter.
 */
@RegisterRestClient(configKey = "itunes")
public interface ItunesApi {

  /** {@code GET /search?term=&media=podcast&entity=podcast&limit=} (limit 1-200). */
  @GET
  @Path("/search")
  Uni<byte[]> search(
      @QueryParam("term") String term,
      @QueryParam("media") String media,
      @QueryParam("entity") String entity,
      @QueryParam("limit") int limit);

  /**
   * {@code GET /lookup?id=&entity=podcastEpisode&limit=}: the podcast, then its newest episodes (at
   * most 200).
   */
  @GET
  @Path("/lookup")
  Uni<byte[]> lookup(
      @QueryParam("id") long id,
      @QueryParam("entity") String entity,
      @QueryParam("limit") int limit);
}
