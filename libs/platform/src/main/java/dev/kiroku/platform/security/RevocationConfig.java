package dev.kiroku.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code kiroku.security.revocations.*}: tokens of deleted accounts refused at once (see {@link
 * RevokedUsers}).
 */
@ConfigMapping(prefix = "kiroku.security.revocations")
public interface RevocationConfig {

  /**
   * Build time: turns revocation on ({@link RevokedUsers}, {@link UserDeletionListener}, and the
   * check on every bearer identity). The service needs {@code quarkus-oidc} and {@code
   * quarkus-kafka-client}.
   */
  @WithDefault("false")
  boolean enabled();

  /**
   * How long a deleted user's tokens are refused: at least the realm's access token lifespan
   * (Keycloak {@code accessTokenLifespan}, 900 s in {@code deploy/keycloak}), after which every
   * token issued before the deletion has expired anyway.
   */
  @WithDefault("20m")
  Duration ttl();

  /** The topic that carries account deletions. */
  @WithDefault("social.events.v1")
  String topic();

  /** The CloudEvents {@code type} (header {@code ce_type}) of an account deletion. */
  @WithDefault("kiroku.social.user-deleted.v1")
  String type();

  /** Kafka bootstrap servers (the service's own, {@code kafka.bootstrap.servers}). */
  @WithDefault("${kafka.bootstrap.servers:127.0.0.1:9092}")
  String bootstrapServers();
}
