package dev.kiroku.progress;

import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import dev.kiroku.testing.ServiceFoundationContract;
import dev.kiroku.testing.TestTokenIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(ProgressTestSetup.class)
class ProgressServiceFoundationTest extends ServiceFoundationContract {

  @Override
  protected String apiPrefix() {
    return "/api/v1/progress";
  }

  @Override
  protected List<String> readinessChecks() {
    return List.of("PostgreSQL", "Kafka");
  }

  @Override
  protected List<String> migratedTables() {
    return List.of(
        "outbox_event",
        "inbox_event",
        "library_entry",
        "episode_history",
        "media_projection",
        "user_setting");
  }
}
