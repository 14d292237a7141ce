package dev.kiroku.catalog;

import static io.restassured.RestAssured.given;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.kiroku.catalog.provider.ProviderWireMock.InjectWireMock;
import dev.kiroku.testing.HttpContract;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * catalog-service's side of the contract with progress-service ({@code
 * contracts/progress-service-catalog-service.json} in libs/contracts): every call progress-service
 * makes, sent to the real catalog-service with progress-service's own token (client credentials, no
 * realm role), answers as the example says. Jikan is WireMock serving the recorded fixtures.
 */
@QuarkusTest
class ProgressServiceContractTest {

  static final HttpContract CONTRACT =
      HttpContract.load("/contracts/progress-service-catalog-service.json");

  @InjectWireMock WireMockServer wireMock;

  @BeforeEach
  void stubProviders() {
    CatalogTestProviders.stubJikan(wireMock);
  }

  @Test
  void everyCallOfProgressServiceIsAnsweredAsTheContractSays() {
    String token = TestTokens.service("progress-service");
    String mediaId = null;
    for (HttpContract.Interaction interaction : CONTRACT.interactions()) {
      String path = interaction.request().pathAndQuery();
      if (mediaId != null) {
        // the example's id stands for the id catalog-service gave the item
        path = path.replace(CONTRACT.exampleMediaId(), mediaId);
      }
      Response answer = given().auth().oauth2(token).request(interaction.request().method(), path);
      HttpContract.assertAnswers(interaction, answer.statusCode(), answer.asString());
      if (mediaId == null && answer.statusCode() == 200) {
        mediaId = answer.path("id");
      }
    }
  }
}
