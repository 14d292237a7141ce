package dev.kiroku.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoutePatternTest {

  @Test
  void literalSegmentsAndMethodMustMatch() {
    RoutePattern imports = RoutePattern.parse("POST /api/v1/progress/imports");
    assertThat(imports.matches("POST", "/api/v1/progress/imports")).isTrue();
    assertThat(imports.matches("POST", "/api/v1/progress/imports/")).isTrue();
    assertThat(imports.matches("GET", "/api/v1/progress/imports")).isFalse();
    assertThat(imports.matches("POST", "/api/v1/progress/imports/42")).isFalse();
    assertThat(imports.matches("POST", "/api/v1/progress")).isFalse();
  }

  @Test
  void oneStarIsOneSegmentAndTwoStarsAnyRest() {
    RoutePattern refresh = RoutePattern.parse("post /api/v1/catalog/media/*/refresh");
    assertThat(refresh.matches("POST", "/api/v1/catalog/media/9b1d/refresh")).isTrue();
    assertThat(refresh.matches("POST", "/api/v1/catalog/media/refresh")).isFalse();
    assertThat(refresh.matches("POST", "/api/v1/catalog/media/a/b/refresh")).isFalse();

    RoutePattern scrobble = RoutePattern.parse("* /api/v1/progress/scrobble/**");
    assertThat(scrobble.matches("DELETE", "/api/v1/progress/scrobble")).isTrue();
    assertThat(scrobble.matches("POST", "/api/v1/progress/scrobble/start")).isTrue();
    assertThat(scrobble.matches("GET", "/api/v1/progress/scrobble/a/b/c")).isTrue();
    assertThat(scrobble.matches("GET", "/api/v1/progress/scrobbles")).isFalse();
  }

  @Test
  void theMostSpecificPatternWins() {
    RouteTable<String> table =
        RouteTable.<String>builder()
            .add("* /api/v1/progress/**", "any-progress")
            .add("POST /api/v1/progress/imports", "imports")
            .add("* /api/v1/progress/imports", "imports-any-method")
            .add("GET /api/v1/*/imports", "imports-of-any-service")
            .build();
    assertThat(table.find("POST", "/api/v1/progress/imports")).contains("imports");
    assertThat(table.find("GET", "/api/v1/progress/imports")).contains("imports-any-method");
    assertThat(table.find("GET", "/api/v1/catalog/imports")).contains("imports-of-any-service");
    assertThat(table.find("GET", "/api/v1/progress/entries")).contains("any-progress");
    assertThat(table.find("GET", "/api/v1/social/me")).isEmpty();
  }

  @Test
  void malformedPatternsAreRefused() {
    assertThatThrownBy(() -> RoutePattern.parse("/api/v1/catalog"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RoutePattern.parse("GET api/v1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RoutePattern.parse("GET /api/**/x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
