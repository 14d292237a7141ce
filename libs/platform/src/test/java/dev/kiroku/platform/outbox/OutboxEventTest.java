package dev.kiroku.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutboxEventTest {

  @Test
  void ofFillsIdAndTimeAndTruncatesToMicroseconds() {
    Instant before = Instant.now().minusSeconds(1);
    OutboxEvent event = OutboxEvent.of("t", "k", "type", "/src", null, "{}");

    assertThat(event.id()).isNotNull();
    assertThat(event.occurredAt()).isAfter(before);
    assertThat(event.occurredAt().getNano() % 1_000).isZero();
  }

  @Test
  void rejectsMissingOrBlankFields() {
    assertThatThrownBy(() -> OutboxEvent.of(null, "k", "type", "/src", null, "{}"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("topic");
    assertThatThrownBy(() -> OutboxEvent.of("t", " ", "type", "/src", null, "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key");
    assertThatThrownBy(() -> OutboxEvent.of("t", "k", "type", "/src", "", "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subject");
    assertThatThrownBy(
            () -> new OutboxEvent(UUID.randomUUID(), "t", "k", "type", "/src", null, "{}", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("occurredAt");
  }
}
