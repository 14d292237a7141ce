package dev.kiroku.social.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListOrderTest {

  @Test
  void aRankFallsBetweenItsNeighbours() {
    assertThat(ListOrder.between(null, null)).isEqualTo(0L);
    assertThat(ListOrder.between(4_294_967_296L, null)).isEqualTo(8_589_934_592L);
    assertThat(ListOrder.between(null, 4_294_967_296L)).isEqualTo(0L);
    assertThat(ListOrder.between(0L, 4_294_967_296L)).isEqualTo(2_147_483_648L);
    assertThat(ListOrder.between(-10L, -4L)).isEqualTo(-7L);
  }

  @Test
  void noRankIsLeftBetweenAdjacentNumbersOrNearTheLimits() {
    assertThat(ListOrder.between(5L, 6L)).isNull();
    assertThat(ListOrder.between(5L, 7L)).isEqualTo(6L);
    assertThat(ListOrder.between(ListOrder.LIMIT, null)).isNull();
    assertThat(ListOrder.between(null, -ListOrder.LIMIT)).isNull();
  }

  @Test
  void thirtyTwoInsertsFitAtOneSpotBeforeARenumbering() {
    long before = ListOrder.renumbered(0);
    long after = ListOrder.renumbered(1);
    int inserts = 0;
    Long rank;
    while ((rank = ListOrder.between(before, after)) != null) {
      after = rank;
      inserts++;
    }
    assertThat(inserts).isEqualTo(32);
  }
}
