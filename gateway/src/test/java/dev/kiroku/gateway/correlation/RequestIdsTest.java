package dev.kiroku.gateway.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

  @Test
  void upTo200PrintableAsciiCharactersAreUsable() {
    assertThat(RequestIds.usable("a")).isTrue();
    assertThat(RequestIds.usable("web-7f3a:retry=2 (checkout) ~!@#$%^&*")).isTrue();
    assertThat(RequestIds.usable("x".repeat(200))).isTrue();
  }

  @Test
  void emptyBlankLongControlOrNonAsciiIdsAreNot() {
    assertThat(RequestIds.usable(null)).isFalse();
    assertThat(RequestIds.usable("")).isFalse();
    assertThat(RequestIds.usable("   ")).isFalse();
    assertThat(RequestIds.usable("x".repeat(201))).isFalse();
    assertThat(RequestIds.usable("tab\there")).isFalse();
    assertThat(RequestIds.usable("del\u007f")).isFalse();
    assertThat(RequestIds.usable("café")).isFalse();
  }
}
