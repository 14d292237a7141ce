package dev.kiroku.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Body limits per route: 1 MiB by default, 256 MiB for imports; declared and streamed bodies. */
@QuarkusTest
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(FakeUpstreams.class)
@QuarkusTestResource(GatewayTestSettings.class)
class BodyLimitTest {

  private static final int MIB = 1024 * 1024;

  @Test
  void aContentLengthOverTheRouteLimitIs413BeforeAnyByteOfTheBody() throws Exception {
    String token = TestTokens.user("big-" + UUID.randomUUID());
    RawHttp.Answer answer =
        RawHttp.exchange(
            null,
            RestAssured.port,
            "POST /api/v1/catalog/notes HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer "
                + token
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + (MIB + 1),
            null);
    assertTooLarge(answer, MIB);
    assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
    assertThat(answer.header("RateLimit-Policy")).isEqualTo("\"writes\";q=120;w=60");
  }

  @Test
  void aChunkedBodyOverTheRouteLimitIs413AndNeverReachesTheService() throws Exception {
    String path = "/api/v1/catalog/notes/" + UUID.randomUUID();
    RawHttp.Answer answer =
        RawHttp.exchange(
            null,
            RestAssured.port,
            "POST "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + TestTokens.user("streamer-" + UUID.randomUUID())
                + "\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked",
            RawHttp.chunked(2 * MIB, 64 * 1024));
    assertTooLarge(answer, MIB);
    Thread.sleep(200); // anything the service could still complete
    assertThat(FakeUpstreams.CATALOG_REQUESTS).noneMatch(request -> request.endsWith(path));
  }

  @Test
  void aChunkedBodyWithinTheLimitIsForwardedWhole() throws Exception {
    RawHttp.Answer answer =
        RawHttp.exchange(
            null,
            RestAssured.port,
            "POST /api/v1/catalog/notes HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + TestTokens.user("small-" + UUID.randomUUID())
                + "\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked",
            RawHttp.chunked(MIB, 64 * 1024));
    assertThat(answer.status()).isEqualTo(201);
    assertThat(JsonPath.from(answer.body()).getInt("bodyBytes")).isEqualTo(MIB);
  }

  @Test
  void importsTakeBodiesOverTheDefaultLimitChunkedOrDeclared() throws Exception {
    RawHttp.Answer chunked =
        RawHttp.exchange(
            null,
            RestAssured.port,
            "POST /api/v1/catalog/admin/imports?format=anime-csv HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer "
                + TestTokens.user("importer-" + UUID.randomUUID())
                + "\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked",
            RawHttp.chunked(3 * MIB, 64 * 1024));
    assertThat(chunked.status()).isEqualTo(201);
    assertThat(JsonPath.from(chunked.body()).getInt("bodyBytes")).isEqualTo(3 * MIB);

    byte[] file = new byte[2 * MIB];
    given()
        .auth()
        .oauth2(TestTokens.user("importer-" + UUID.randomUUID()))
        .contentType("application/octet-stream")
        .body(file)
        .when()
        .post("/api/v1/progress/imports?format=mal-xml")
        .then()
        .statusCode(201)
        .body("bodyBytes", equalTo(file.length));
  }

  private static void assertTooLarge(RawHttp.Answer answer, long maxBytes) {
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    JsonPath body = JsonPath.from(answer.body());
    assertThat(body.getString("code")).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(body.getLong("maxBytes")).isEqualTo(maxBytes);
    assertThat(body.getString("detail")).contains(maxBytes + " bytes");
    assertThat(answer.header("X-Request-Id")).isNotBlank();
  }
}
