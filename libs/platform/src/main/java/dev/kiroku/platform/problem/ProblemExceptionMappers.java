package dev.kiroku.platform.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * JAX-RS exception mappers of every Kiroku service: whatever a resource throws leaves as {@code
 * application/problem+json} (see {@link Problems} for the mapping), never as a stack trace.
 */
public class ProblemExceptionMappers {

  @ServerExceptionMapper
  public Response problem(ProblemException e, HttpServerRequest request) {
    return respond(e, request);
  }

  @ServerExceptionMapper
  public Response validation(ConstraintViolationException e, HttpServerRequest request) {
    return respond(e, request);
  }

  @ServerExceptionMapper(
      value = {
        UnauthorizedException.class,
        AuthenticationFailedException.class,
        ForbiddenException.class
      })
  public Response security(RuntimeException e, HttpServerRequest request) {
    return respond(e, request);
  }

  // Listed one by one: quarkus-rest-jackson has its own mapper for MismatchedInputException, and
  // the most specific exception type wins.
  @ServerExceptionMapper(
      value = {
        com.fasterxml.jackson.core.JsonProcessingException.class,
        com.fasterxml.jackson.databind.JsonMappingException.class,
        com.fasterxml.jackson.databind.exc.MismatchedInputException.class,
        com.fasterxml.jackson.databind.exc.InvalidFormatException.class
      })
  public Response json(
      com.fasterxml.jackson.core.JsonProcessingException e, HttpServerRequest request) {
    return respond(e, request);
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, HttpServerRequest request) {
    return respond(e, request);
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, HttpServerRequest request) {
    return respond(e, request);
  }

  private static Response respond(Throwable e, HttpServerRequest request) {
    Problem problem = Problems.from(e, request.path());
    Response.ResponseBuilder builder =
        Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    if (problem.status() == 401) {
      builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    if (e instanceof ProblemException p && p.retryAfterSeconds() != null) {
      builder.header(HttpHeaders.RETRY_AFTER, p.retryAfterSeconds());
    }
    return builder.build();
  }
}
