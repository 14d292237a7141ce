package dev.kiroku.catalog.provider.jikan;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Jikan v4 (unofficial MyAnimeList API), base URL {@code quarkus.rest-client.jikan.url} (default
 * {@code https://api.jikan.moe/v4}). Bodies are returned raw (JSON parsed by the adapter, so a BOM
 * or an odd content type cannot break the client); error statuses fail the {@code Uni}.
 */
@RegisterRestClient(configKey = "jikan")
public interface JikanApi {

  /** {@code GET /anime?q=&page=&limit=}: anime search, {@code limit} at most 25. */
  @GET
  @Path("/anime")
  Uni<byte[]> searchAnime(
      @QueryParam("q") String query, @QueryParam("page") int page, @QueryParam("limit") int limit);

  /** {@code GET /manga?q=&page=&limit=}: manga search. */
  @GET
  @Path("/manga")
  Uni<byte[]> searchManga(
      @QueryParam("q") String query, @QueryParam("page") int page, @QueryParam("limit") int limit);

  /** {@code GET /anime/{id}/full}. */
  @GET
  @Path("/anime/{id}/full")
  Uni<byte[]> anime(@PathParam("id") long id);

  /**
   * {@code GET /anime/{id}/episodes?page=}: 100 episodes per page, {@code
   * pagination.has_next_page}.
   */
  @GET
  @Path("/anime/{id}/episodes")
  Uni<byte[]> animeEpisodes(@PathParam("id") long id, @QueryParam("page") int page);

  /** {@code GET /manga/{id}/full}. */
  @GET
  @Path("/manga/{id}/full")
  Uni<byte[]> manga(@PathParam("id") long id);
}
