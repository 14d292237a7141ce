package dev.kiroku.catalog;

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
@QuarkusTestResource(CatalogTestProviders.class)
class CatalogServiceFoundationTest extends ServiceFoundationContract {

  @Override
  protected String apiPrefix() {
    return "/api/v1/catalog";
  }

  @Override
  protected List<String> readinessChecks() {
    return List.of("PostgreSQL", "Redis", "Kafka");
  }

  @Override
  protected List<String> migratedTables() {
    return List.of(
        "outbox_event",
        "inbox_event",
        "media",
        "media_external_id",
        "media_season",
        "media_episode");
  }
}
