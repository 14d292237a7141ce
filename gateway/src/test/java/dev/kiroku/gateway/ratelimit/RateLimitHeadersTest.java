package dev.kiroku.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

  @Test
  void remainingIsAtMostTheQuotaLessTheRequest() {
    Budget huge = new Budget("reads", 60_000_000, 60);
    // what the script answers for the first request of that budget (its slack is 500 intervals)
    assertThat(RateLimitHeaders.remaining(huge, new Decision(true, 60_000_499, 1, 0)))
        .isEqualTo(59_999_999);
    Budget writes = new Budget("writes", 120, 60);
    assertThat(RateLimitHeaders.remaining(writes, new Decision(true, 119, 500, 0))).isEqualTo(119);
    assertThat(RateLimitHeaders.remaining(writes, new Decision(false, 0, 60_000, 500)))
        .isEqualTo(0);
    assertThat(RateLimitHeaders.state(writes, 119, 1)).isEqualTo("\"writes\";r=119;t=1");
  }
}
