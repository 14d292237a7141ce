package dev.kiroku.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroku.platform.security.BearerTokens;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.VertxException;
import java.net.URI;
import java.net.URISyntaxException;
import org.junit.jupiter.api.Test;

/** The problems for requests rejected before routing, and the checks that decide them. */
class EdgeProblemsTest {

  @Test
  void tooLongARequestLineIs414NamingTheLimit() {
    Problem p =
        EdgeProblems.invalidRequest(
            new TooLongHttpLineException("An HTTP line is larger than 4096 bytes."), 4096, 20480);
    assertThat(p.status()).isEqualTo(414);
    assertThat(p.code()).isEqualTo("URI_TOO_LONG");
    assertThat(p.detail()).contains("4096 bytes");
    assertThat(p.extensions()).containsEntry("maxBytes", 4096L);
    assertThat(p.instance()).isNull();
  }

  @Test
  void tooLargeHeadersAre431NamingTheLimit() {
    Problem p =
        EdgeProblems.invalidRequest(
            new TooLongHttpHeaderException("HTTP header is larger than 20480 bytes."), 4096, 20480);
    assertThat(p.status()).isEqualTo(431);
    assertThat(p.code()).isEqualTo("HEADERS_TOO_LARGE");
    assertThat(p.detail()).contains("20480 bytes");
    assertThat(p.extensions()).containsEntry("maxBytes", 20480L);
  }

  @Test
  void anyOtherCodecFailureIs400NamingTheReason() {
    Problem p =
        EdgeProblems.invalidRequest(
            new IllegalArgumentException("Multiple Content-Length values found: [2, 3]"),
            4096,
            20480);
    assertThat(p.status()).isEqualTo(400);
    assertThat(p.code()).isEqualTo("MALFORMED_REQUEST");
    assertThat(p.detail()).contains("Multiple Content-Length values found");
    assertThat(EdgeProblems.invalidRequest(null, 4096, 20480).detail())
        .isEqualTo("The request is not valid HTTP/1.1.");
    assertThat(EdgeProblems.invalidRequest(new IllegalArgumentException("x".repeat(1000)), 1, 1))
        .extracting(Problem::detail)
        .satisfies(d -> assertThat(d.length()).isLessThan(300));
  }

  @Test
  void anInvalidUriIs400WithTheParsersReason() {
    URISyntaxException error = null;
    try {
      new URI("/api/v1/x/%zz");
    } catch (URISyntaxException e) {
      error = e;
    }
    Problem p = EdgeProblems.invalidUri(error);
    assertThat(p.status()).isEqualTo(400);
    assertThat(p.code()).isEqualTo("MALFORMED_REQUEST");
    assertThat(p.detail())
        .isEqualTo("The request target is not a valid URI: Malformed escape pair at index 10.");
  }

  @Test
  void aBodyOverTheLimitIs413() {
    Problem p = EdgeProblems.bodyTooLarge(65536, "/entries");
    assertThat(p.status()).isEqualTo(413);
    assertThat(p.code()).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(p.extensions()).containsEntry("maxBytes", 65536L);
    assertThat(CommonErrorCode.forStatus(413)).isEqualTo(CommonErrorCode.PAYLOAD_TOO_LARGE);
    assertThat(CommonErrorCode.forStatus(414)).isEqualTo(CommonErrorCode.URI_TOO_LONG);
    assertThat(CommonErrorCode.forStatus(431)).isEqualTo(CommonErrorCode.HEADERS_TOO_LARGE);
  }

  @Test
  void plainTargetsSkipTheUriParserAndNothingItRejectsIsPlain() {
    assertThat(EdgeProblemHooks.plainTarget("/api/v1/search?q=cowboy+bebop&type=ANIME")).isTrue();
    assertThat(EdgeProblemHooks.plainTarget("/api/v1/catalog/media/by-external/mal/1")).isTrue();
    for (String target :
        new String[] {"/a/%zz", "/a/%20", "/a b", "/a[1]", "/a#b", "*", "http://x/", "", "/ä"}) {
      assertThat(EdgeProblemHooks.plainTarget(target)).as(target).isFalse();
    }
    // every character plainTarget accepts is one java.net.URI accepts
    StringBuilder all = new StringBuilder("/");
    for (char c = 0; c < 128; c++) {
      if (EdgeProblemHooks.plainTarget("/" + c)) {
        all.append(c);
      }
    }
    assertThat(all.toString()).hasSize(1 + 26 + 26 + 10 + "-._~!$&'()*+,;=:@/?".length());
    assertThat(URI.create(all.toString())).isNotNull();
  }

  @Test
  void aRejectedRequestNamesFrameworkReasonsButNotInternals() {
    Problem host =
        Problems.rejected(
            400,
            new VertxException("For HTTP/1.x requests, the 'Host' header is required", true),
            "/api/v1/x");
    assertThat(host.status()).isEqualTo(400);
    assertThat(host.code()).isEqualTo("MALFORMED_REQUEST");
    assertThat(host.detail()).contains("'Host' header is required");

    Problem internal =
        Problems.rejected(400, new NullPointerException("field db.internal was null"), "/x");
    assertThat(internal.status()).isEqualTo(400);
    assertThat(internal.detail()).isEqualTo("The request was rejected.");

    Problem security =
        Problems.rejected(401, new io.quarkus.security.AuthenticationFailedException(), "/x");
    assertThat(security.code()).isEqualTo("UNAUTHORIZED");
  }

  @Test
  void onlyABearerHeaderWithATokenCountsAsCredentials() {
    assertThat(BearerTokens.present("Bearer abc.def")).isTrue();
    assertThat(BearerTokens.present("bearer abc")).isTrue();
    assertThat(BearerTokens.present("BEARER abc")).isTrue();
    assertThat(BearerTokens.present("Bearer  x")).isTrue(); // token " x": OIDC rejects it
    for (String header :
        new String[] {
          null,
          "",
          "Bearer",
          "Bearer ",
          "Bearer   ",
          "Basic dXNlcjpwYXNz",
          "Bearerabc",
          "Bearer\tabc"
        }) {
      assertThat(BearerTokens.present(header)).as(String.valueOf(header)).isFalse();
    }
  }
}
