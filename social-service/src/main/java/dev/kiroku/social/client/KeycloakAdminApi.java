package dev.kiroku.social.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Keycloak's admin REST API, called only through {@link KeycloakAccounts}. Base URL {@code
 * quarkus.rest-client.keycloak-admin.url} (Keycloak's root, e.g. {@code http://127.0.0.1:8180}).
 * Every call carries social-service's own access token ({@code @OidcClientFilter}: client
 * credentials of the confidential client {@code social-service}, whose service account holds the
 * realm-management role {@code manage-users}); no admin password is known to the service. Error
 * statuses fail the {@code Uni} with {@code jakarta.ws.rs.WebApplicationException}.
 */
@RegisterRestClient(configKey = "keycloak-admin")
@OidcClientFilter
@Path("/admin/realms/{realm}/users")
interface KeycloakAdminApi {

  /** {@code DELETE /admin/realms/{realm}/users/{id}}: 204, or 404 when there is no such user. */
  @DELETE
  @Path("/{id}")
  Uni<Void> deleteUser(@PathParam("realm") String realm, @PathParam("id") String userId);
}
