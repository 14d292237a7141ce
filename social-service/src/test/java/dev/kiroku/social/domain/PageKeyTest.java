package dev.kiroku.social.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroku.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageKeyTest {

  @Test
  void aCursorGivesBackItsKeyToTheMicrosecond() {
    PageKey key = new PageKey(Instant.parse("2026-12-07T05:51:32.123456Z"), "user|with|bars");
    String cursor = key.encode(PeopleList.FOLLOWERS);
    assertThat(cursor).matches("[A-Za-z0-9_-]+");
    assertThat(PageKey.decode(PeopleList.FOLLOWERS, cursor)).isEqualTo(key);
  }

  @Test
  void aCursorOfAnotherListOrGarbageIsRefusedNamingCursor() {
    String followers =
        new PageKey(Instant.parse("2026-12-07T05:51:32Z"), "u1").encode(PeopleList.FOLLOWERS);
    for (String bad :
        new String[] {
          followers.substring(0, 1) + "!" + followers.substring(2),
          encode("FOLLOWERS|x|u1"),
          encode("FOLLOWERS|1"),
          encode("FOLLOWERS|1|"),
          "",
          "%%%"
        }) {
      assertInvalid(PeopleList.FOLLOWERS, bad);
    }
    assertInvalid(PeopleList.FOLLOWING, followers);
  }

  private static void assertInvalid(PeopleList list, String cursor) {
    assertThatThrownBy(() -> PageKey.decode(list, cursor))
        .as(cursor)
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(SocialErrorCode.INVALID_CURSOR);
              assertThat(e.toProblem("/x").violations().get(0).field()).isEqualTo("cursor");
            });
  }

  private static String encode(String raw) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }
}
