package dev.kiroku.platform.problem;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** A resource that exists only in tests, to drive every error path through real HTTP. */
@Path("/problem-test")
public class ProblemTestResource {

  public record Progress(@PositiveOrZero Integer episode) {}

  public record Entry(@NotNull String status, @Valid Progress progress) {}

  @POST
  @Path("/entries")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Entry put(@Valid Entry entry) {
    return entry;
  }

  @GET
  @Path("/search")
  @Produces(MediaType.TEXT_PLAIN)
  public String search(@QueryParam("q") @NotBlank @Size(max = 500) String q) {
    return q;
  }

  @GET
  @Path("/boom")
  public String boom() {
    throw new IllegalStateException("secret internals at db.internal:5432");
  }

  @GET
  @Path("/media")
  public String media() {
    throw new ProblemException(
        TestErrorCode.MEDIA_NOT_FOUND, "No media with id 42.", List.of(), Map.of("mediaId", "42"));
  }

  @GET
  @Path("/busy")
  public String busy() {
    throw new ProblemException(CommonErrorCode.SERVICE_UNAVAILABLE, "Too busy.").retryAfter(3);
  }
}
