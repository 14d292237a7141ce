package dev.kiroku.social.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HandlesTest {

  @ParameterizedTest
  @CsvSource({
    "Alice, alice",
    "alice.smith@example.com, alice_smith_example_com",
    "Zoë, zo_",
    "ab, ab_",
    "a, a__",
    "admin, admin_1",
    "me, me_",
    "abcdefghijabcdefghijabcdefghijabcdefghij, abcdefghijabcdefghijabcdefghij"
  })
  void aNewProfileStartsFromTheUsername(String username, String handle) {
    assertThat(Handles.fromUsername(username)).isEqualTo(handle);
    assertThat(Handles.problem(handle)).isNull();
  }

  @Test
  void noUsernameGivesUser() {
    assertThat(Handles.fromUsername(null)).isEqualTo("user_1");
    assertThat(Handles.fromUsername("")).isEqualTo("user_1");
  }

  @ParameterizedTest
  @CsvSource({
    "ab, 'must be 3-30 characters of a-z, 0-9 and _'",
    "abcdefghijabcdefghijabcdefghijx, 'must be 3-30 characters of a-z, 0-9 and _'",
    "al ice, 'must be 3-30 characters of a-z, 0-9 and _'",
    "al-ice, 'must be 3-30 characters of a-z, 0-9 and _'",
    "alïce, 'must be 3-30 characters of a-z, 0-9 and _'",
    "admin, is reserved",
    "API, is reserved",
    "settings, is reserved"
  })
  void badHandlesSayWhy(String handle, String problem) {
    assertThat(Handles.problem(handle)).isEqualTo(problem);
  }

  @Test
  void caseDoesNotMatter() {
    assertThat(Handles.problem("Alice_99")).isNull();
  }

  @Test
  void aSuffixKeepsTheHandleWithin30() {
    assertThat(Handles.withSuffix("a".repeat(30), "_12")).hasSize(30).endsWith("_12");
    assertThat(Handles.withSuffix("bob", "_2")).isEqualTo("bob_2");
  }
}
