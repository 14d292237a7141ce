package dev.kiroku.catalog.provider.igdb;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * IGDB API v4, base URL {@code quarkus.rest-client.igdb.url} (default {@code
 * https://api.igdb.com/v4}). Queries are Apicalypse text bodies; every call carries the Twitch
 * client id and an app access token.
 */
@RegisterRestClient(configKey = "igdb")
public interface IgdbApi {

  /**
   * {@code POST /games} with an Apicalypse body, e.g. {@code search "zelda"; fields name; limit
   * 20;}.
   *
   * @param clientId the Twitch application's client id ({@code Client-ID} header)
   * @param authorization {@code Bearer <app access token>}
   * @param query the Apicalypse query
   * @return a JSON array of games
   */
  @POST
  @Path("/games")
  @Consumes(MediaType.TEXT_PLAIN)
  Uni<byte[]> games(
      @HeaderParam("Client-ID") String clientId,
      @HeaderParam("Authorization") String authorization,
      String query);
}
