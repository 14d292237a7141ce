package dev.kiroku.social.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroku.platform.problem.ProblemException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorsTest {

  @Test
  void cursorsGiveBackTheirKeys() {
    assertThat(Cursors.itemRank(Cursors.afterItem(-42))).isEqualTo(-42);
    assertThat(Cursors.itemRank(Cursors.afterItem(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    Instant at = Instant.parse("2026-12-07T05:51:32.123456Z");
    UUID id = UUID.randomUUID();
    assertThat(Cursors.listKey(Cursors.afterList(at, id))).isEqualTo(new Cursors.ListKey(at, id));
  }

  @Test
  void anythingElseIsAnInvalidCursor() {
    String list = Cursors.afterList(Instant.now(), UUID.randomUUID());
    for (String bad : new String[] {"", "%%%", "aTp4", list, "bDox"}) {
      assertThatThrownBy(() -> Cursors.itemRank(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> assertThat(e.errorCode()).isEqualTo(SocialErrorCode.INVALID_CURSOR));
    }
    assertThatThrownBy(() -> Cursors.listKey(Cursors.afterItem(3)))
        .isInstanceOf(ProblemException.class);
  }
}
