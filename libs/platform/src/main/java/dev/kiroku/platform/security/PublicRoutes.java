package dev.kiroku.platform.security;

import io.quarkus.vertx.http.runtime.security.ImmutablePathMatcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The routes a service (or the gateway) answers without a token: the HTTP permission named {@code
 * public} in its configuration, matched the way Quarkus matches permission paths ({@code
 * quarkus.http.auth.permission.public.paths}: exact paths, {@code /prefix/*}, {@code *} inside a
 * path for one segment; {@code .methods}, every method when unset; its {@code .policy} is taken to
 * be {@code permit}). A more specific permission on a path below still applies afterwards.
 *
 * <p>A token sent on a public route must still be valid; other {@code /api} routes are refused
 * without one before Quarkus's permission check runs ({@code ProblemRouteHandlers}).
 */
@ApplicationScoped
public class PublicRoutes {

  private final ImmutablePathMatcher<Boolean> paths;
  private final Set<String> methods;

  @Inject
  public PublicRoutes(
      @ConfigProperty(name = "quarkus.http.auth.permission.public.paths")
          Optional<List<String>> paths,
      @ConfigProperty(name = "quarkus.http.auth.permission.public.methods")
          Optional<List<String>> methods) {
    var builder = ImmutablePathMatcher.<Boolean>builder();
    paths.orElse(List.of()).stream()
        .map(String::strip)
        .filter(p -> !p.isEmpty())
        .forEach(p -> builder.addPath(p, Boolean.TRUE));
    this.paths = builder.hasPaths() ? builder.build() : null;
    this.methods =
        methods.orElse(List.of()).stream()
            .map(m -> m.strip().toUpperCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Whether {@code method} on {@code path} (the normalized request path) is a public route.
   *
   * @param method the HTTP method, any case
   * @param path the request path without the query string
   */
  public boolean isPublic(String method, String path) {
    if (paths == null || !(methods.isEmpty() || methods.contains(method))) {
      return false;
    }
    return paths.match(path).getValue() != null;
  }
}
