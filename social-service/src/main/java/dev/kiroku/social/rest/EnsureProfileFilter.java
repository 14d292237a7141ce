package dev.kiroku.social.rest;

import dev.kiroku.social.service.ProfileService;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A user's first authenticated call creates their profile from the token (handle from {@code
 * preferred_username}); later calls cost no statement ({@link ProfileService#ensure}).
 */
public class EnsureProfileFilter {

  @Inject CurrentIdentityAssociation identities;
  @Inject ProfileService profiles;

  @ServerRequestFilter
  public Uni<Void> ensureProfile() {
    return identities
        .getDeferredIdentity()
        .flatMap(
            identity ->
                identity == null || identity.isAnonymous()
                    ? Uni.createFrom().voidItem()
                    : profiles.ensure(Callers.of(identity)));
  }
}
