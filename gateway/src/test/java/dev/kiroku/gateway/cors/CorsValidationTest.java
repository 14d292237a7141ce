package dev.kiroku.gateway.cors;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorsValidationTest {

  @Test
  void aWildcardOriginWithCredentialsRefusesToStart() {
    assertThatThrownBy(() -> Cors.validate(List.of("*"), true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("allow-credentials");
    assertThatThrownBy(() -> Cors.validate(List.of("*", "https://kiroku.example"), false))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void listedOriginsMayHaveCredentialsAndTheWildcardAloneNot() {
    assertThatCode(() -> Cors.validate(List.of("https://kiroku.example"), true))
        .doesNotThrowAnyException();
    assertThatCode(() -> Cors.validate(List.of("*"), false)).doesNotThrowAnyException();
    assertThatCode(() -> Cors.validate(List.of(), false)).doesNotThrowAnyException();
  }
}
