package dev.kiroku.search;

import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.ServiceFoundationContract;
import dev.kiroku.testing.TestTokenIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
class SearchServiceFoundationTest extends ServiceFoundationContract {

  @Override
  protected String apiPrefix() {
    return "/api/v1/search";
  }

  @Override
  protected List<String> readinessChecks() {
    return List.of("Kafka", "Search index folder");
  }
}
