package dev.kiroku.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboxRelayProducerPropertiesTest {

  @Test
  void takesProducerSettingsFromKafkaThenOverridesThenForcesGuarantees() {
    SmallRyeConfig config =
        config(
            Map.of(
                "quarkus.application.name", "progress-service",
                "kafka.bootstrap.servers", "kafka:9092",
                "kafka.security.protocol", "SSL",
                "kafka.group.id", "a-consumer-setting",
                "kafka.linger.ms", "20"));

    Map<String, Object> props =
        OutboxRelay.producerProperties(
            config, Map.of("compression.type", "lz4", "acks", "1", "enable.idempotence", "false"));

    assertThat(props)
        .containsEntry("bootstrap.servers", "kafka:9092")
        .containsEntry("security.protocol", "SSL")
        .containsEntry("linger.ms", "20")
        .containsEntry("compression.type", "lz4")
        .containsEntry("client.id", "progress-service-outbox")
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", "true")
        .doesNotContainKey("group.id");
  }

  @Test
  void lingersFiveMillisecondsUnlessTold() {
    Map<String, Object> props =
        OutboxRelay.producerProperties(
            config(Map.of("kafka.bootstrap.servers", "kafka:9092")), Map.of());

    assertThat(props).containsEntry("linger.ms", "5").containsEntry("client.id", "kiroku-outbox");
  }

  @Test
  void failsClearlyWithoutBootstrapServers() {
    assertThatThrownBy(() -> OutboxRelay.producerProperties(config(Map.of()), Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("kafka.bootstrap.servers");
  }

  private static SmallRyeConfig config(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(properties, "test", 100))
        .build();
  }
}
