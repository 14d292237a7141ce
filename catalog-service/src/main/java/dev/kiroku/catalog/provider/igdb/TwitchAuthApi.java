package dev.kiroku.catalog.provider.igdb;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Twitch OAuth2 (IGDB's identity provider), base URL {@code quarkus.rest-client.twitch.url}
 * (default {@code https://id.twitch.tv}).
 */
@RegisterRestClient(configKey = "twitch")
public interface TwitchAuthApi {

  /**
   * {@code POST /oauth2/token} with {@code grant_type=client_credentials} (form body, so the secret
   * is not in a URL).
   *
   * @return {@code {"access_token": "...", "expires_in": <seconds>, "token_type": "bearer"}}
   */
  @POST
  @Path("/oauth2/token")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  Uni<byte[]> token(
      @FormParam("client_id") String clientId,
      @FormParam("client_secret") String clientSecret,
      @FormParam("grant_type") String grantType);
}
