package dev.kiroku.catalog.provider.tmdb;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * TMDB API v3, base URL {@code quarkus.rest-client.tmdb.url} (default {@code
 * https://api.themoviedb.org/3}); every call carries the v3 key as {@code api_key}. Raw bodies;
 * error statuses fail the {@code Uni}.
 */
@RegisterRestClient(configKey = "tmdb")
public interface TmdbApi {

  /** {@code GET /search/movie?query=&page=}. */
  @GET
  @Path("/search/movie")
  Uni<byte[]> searchMovie(
      @QueryParam("api_key") String apiKey,
      @QueryParam("query") String query,
      @QueryParam("page") int page);

  /** {@code GET /search/tv?query=&page=}. */
  @GET
  @Path("/search/tv")
  Uni<byte[]> searchTv(
      @QueryParam("api_key") String apiKey,
      @QueryParam("query") String query,
      @QueryParam("page") int page);

  /** {@code GET /search/multi?query=&page=}: movies, TV shows, people and collections mixed. */
  @GET
  @Path("/search/multi")
  Uni<byte[]> searchMulti(
      @QueryParam("api_key") String apiKey,
      @QueryParam("query") String query,
      @QueryParam("page") int page);

  /** {@code GET /movie/{id}?append_to_response=credits,videos,external_ids,alternative_titles}. */
  @GET
  @Path("/movie/{id}")
  Uni<byte[]> movie(
      @QueryParam("api_key") String apiKey,
      @PathParam("id") long id,
      @QueryParam("append_to_response") String append);

  /** {@code GET /tv/{id}?append_to_response=external_ids,alternative_titles}. */
  @GET
  @Path("/tv/{id}")
  Uni<byte[]> tv(
      @QueryParam("api_key") String apiKey,
      @PathParam("id") long id,
      @QueryParam("append_to_response") String append);

  /** {@code GET /tv/{id}/season/{number}}: the season with its episodes (0 = specials). */
  @GET
  @Path("/tv/{id}/season/{number}")
  Uni<byte[]> season(
      @QueryParam("api_key") String apiKey,
      @PathParam("id") long id,
      @PathParam("number") int number);
}
