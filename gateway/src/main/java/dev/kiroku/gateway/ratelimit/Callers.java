package dev.kiroku.gateway.ratelimit;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who a request is, for its budget: the verified token's user, else the client's address. */
final class Callers {

  private Callers() {}

  /**
   * The caller of a request that passed authentication: the token's {@code sub} with its realm
   * roles; a request without a verified token (none under {@code /api/*} today) by its address.
   */
  static Caller of(RoutingContext ctx) {
    if (ctx.user() instanceof QuarkusHttpUser user) {
      SecurityIdentity identity = user.getSecurityIdentity();
      if (identity != null
          && !identity.isAnonymous()
          && identity.getPrincipal() instanceof JsonWebToken jwt
          && jwt.getSubject() != null) {
        return Caller.user(jwt.getSubject(), realmRoles(jwt));
      }
    }
    return anonymous(ctx);
  }

  /**
   * A caller without a valid token, by the client's IP address (as Quarkus sees it: behind a proxy,
   * {@code quarkus.http.proxy.*} decides whether {@code Forwarded}/{@code X-Forwarded-For} count).
   */
  static Caller anonymous(RoutingContext ctx) {
    SocketAddress address = ctx.request().remoteAddress();
    String text = "unknown";
    if (address != null) {
      text = address.hostAddress() != null ? address.hostAddress() : address.host();
    }
    return Caller.address(text);
  }

  /** {@code realm_access.roles} of a token, empty when absent. */
  static Set<String> realmRoles(JsonWebToken jwt) {
    Object realmAccess = jwt.getClaim("realm_access");
    Object roles = null;
    if (realmAccess instanceof JsonObject json) {
      roles = json.get("roles");
    } else if (realmAccess instanceof Map<?, ?> map) {
      roles = map.get("roles");
    }
    Set<String> names = new HashSet<>();
    if (roles instanceof JsonArray array) {
      for (JsonValue value : array) {
        if (value instanceof JsonString string) {
          names.add(string.getString());
        }
      }
    } else if (roles instanceof Collection<?> list) {
      for (Object value : list) {
        if (value != null) {
          names.add(value instanceof JsonString string ? string.getString() : value.toString());
        }
      }
    }
    return names;
  }
}
