package dev.kiroku.platform.security;

/**
 * Reads the bearer token of an {@code Authorization} header exactly as Quarkus OIDC does ({@code
 * OidcUtils.extractBearerToken} in 3.34): the scheme is everything before the first space and must
 * be {@code Bearer} in any case; the token is everything after that space, unchanged.
 *
 * <p>Netty strips trailing whitespace from header values, so {@code "Bearer "} arrives as {@code
 * "Bearer"}: no space, no token.
 */
public final class BearerTokens {

  private static final String SCHEME = "Bearer";

  private BearerTokens() {}

  /**
   * The token of an {@code Authorization} header value.
   *
   * @param header the header value, or null when absent
   * @return the token (possibly blank, e.g. {@code " x"} for {@code "Bearer x"}); null when the
   *     header is absent, has no space, or another scheme
   */
  public static String fromHeader(String header) {
    if (header == null) {
      return null;
    }
    int space = header.indexOf(' ');
    if (space != SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return null;
    }
    return header.substring(space + 1);
  }

  /**
   * True when the header carries a non-blank bearer token, i.e. one Quarkus OIDC will verify (and
   * accept or reject with 401). Anything else (absent, {@code Basic ...}, {@code Bearer} alone)
   * OIDC treats as "no credentials".
   */
  public static boolean present(String header) {
    String token = fromHeader(header);
    return token != null && !token.isBlank();
  }
}
