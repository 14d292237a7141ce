package dev.kiroku.gateway;

import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.ServiceFoundationContract;
import dev.kiroku.testing.TestTokenIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** The gateway's own health, docs, metrics and token checks, on an API path no service owns. */
@QuarkusTest
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(FakeUpstreams.class)
@QuarkusTestResource(GatewayTestSettings.class)
class GatewayFoundationTest extends ServiceFoundationContract {

  @Override
  protected String apiPrefix() {
    return "/api/v1/nowhere";
  }

  @Override
  protected List<String> readinessChecks() {
    return List.of("Redis");
  }
}
