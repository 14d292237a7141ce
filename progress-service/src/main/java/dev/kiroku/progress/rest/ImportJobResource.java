package dev.kiroku.progress.rest;

import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.domain.ProgressErrorCode;
import dev.kiroku.progress.domain.imports.ImportJobView;
import dev.kiroku.progress.domain.imports.ImportMode;
import dev.kiroku.progress.domain.imports.format.AniListScoreFormat;
import dev.kiroku.progress.domain.imports.format.ImportFormat;
import dev.kiroku.progress.domain.imports.format.ImportOptions;
import dev.kiroku.progress.domain.imports.format.ImportSource;
import dev.kiroku.progress.service.imports.ImportJobQueries;
import dev.kiroku.progress.service.imports.ImportJobs;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

/**
 * List imports under {@code /api/v1/progress/imports}; the owner is the token's subject. Errors are
 * problem+json naming the parameter.
 */
@Path("/api/v1/progress/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportJobResource {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  @Inject SecurityIdentity identity;
  @Inject ImportJobs jobs;
  @Inject ImportJobQueries queries;

  /**
   * Starts an import job: {@code multipart/form-data} with the file in part {@code file}.
   *
   * @param format {@code mal-xml}, {@code anilist-json}, {@code trakt-json}, {@code goodreads-csv}
   *     or {@code kiroku-json}
   * @param dryRun {@code true}: report what would change and write nothing
   * @param mode {@code merge} (default) or {@code overwrite} ({@link ImportMode})
   * @param scoreFormat AniList only, when the file does not state its scale: {@code POINT_100},
   *     {@code POINT_10_DECIMAL}, {@code POINT_10}, {@code POINT_5}, {@code POINT_3}
   * @return 202 with {@code Location: /api/v1/progress/imports/{id}} and the job ({@link
   *     ImportJobView}); 400 naming {@code format}, {@code mode}, {@code dryRun}, {@code
   *     scoreFormat} or {@code file}; 503 {@code IMPORTS_BUSY} when the queue is full
   */
  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Blocking
  @Operation(summary = "Start an import job (202; poll GET /imports/{id})")
  public Response submit(
      @RestForm("file") FileUpload file,
      @QueryParam("format") String format,
      @QueryParam("dryRun") String dryRun,
      @QueryParam("mode") String mode,
      @QueryParam("scoreFormat") String scoreFormat) {
    ImportFormat parser = format(format);
    boolean dry = bool("dryRun", dryRun);
    ImportMode importMode =
        mode == null
            ? ImportMode.MERGE
            : ImportMode.fromParameter(mode)
                .orElseThrow(() -> invalid("mode", "must be merge or overwrite"));
    AniListScoreFormat scale = null;
    if (scoreFormat != null) {
      try {
        scale = AniListScoreFormat.valueOf(scoreFormat.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw invalid(
            "scoreFormat", "must be one of " + Arrays.toString(AniListScoreFormat.values()));
      }
    }
    if (file == null || file.uploadedFile() == null) {
      throw invalid("file", "the multipart part 'file' with the export is missing");
    }
    ImportJobView job =
        jobs.submit(
            new ImportJobs.Request(
                identity.getPrincipal().getName(),
                parser,
                importMode,
                dry,
                new ImportOptions(scale),
                file.fileName(),
                file.uploadedFile(),
                file.size()));
    return Response.accepted(job)
        .location(URI.create("/api/v1/progress/imports/" + job.id()))
        .build();
  }

  /** One of the caller's jobs with its report; 404 {@code IMPORT_NOT_FOUND} otherwise. */
  @GET
  @Path("/{id}")
  @Operation(summary = "An import job: state, counts and the per-row report")
  public Uni<ImportJobView> get(@PathParam("id") String id) {
    UUID jobId;
    try {
      jobId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw invalid("id", "must be an import job id (UUID)");
    }
    return queries
        .find(identity.getPrincipal().getName(), jobId)
        .map(
            found ->
                found.orElseThrow(
                    () ->
                        new ProblemException(
                            ProgressErrorCode.IMPORT_NOT_FOUND,
                            "You have no import job " + jobId + ".")));
  }

  /** The caller's jobs, newest first, without reports. */
  @GET
  @Operation(summary = "The caller's import jobs, newest first")
  public Uni<ImportJobList> list(
      @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    int size = DEFAULT_LIMIT;
    if (limit != null) {
      try {
        size = Integer.parseInt(limit.trim());
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 1 || size > MAX_LIMIT) {
        throw invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
      }
    }
    Instant beforeTime = null;
    UUID beforeId = null;
    if (cursor != null) {
      try {
        String[] parts =
            new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
        beforeTime = Instant.parse(parts[0]);
        beforeId = UUID.fromString(parts[1]);
      } catch (RuntimeException e) {
        throw new ProblemException(
            ProgressErrorCode.INVALID_CURSOR,
            "cursor is not one this service handed out",
            List.of(new Problem.Violation("cursor", "must be a nextCursor of this list")),
            Map.of());
      }
    }
    int pageSize = size;
    return queries
        .list(identity.getPrincipal().getName(), beforeTime, beforeId, pageSize + 1)
        .map(
            items -> {
              String next = null;
              if (items.size() > pageSize) {
                ImportJobView last = items.get(pageSize - 1);
                next =
                    Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                            (last.createdAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
                items = items.subList(0, pageSize);
              }
              return new ImportJobList(items, next);
            });
  }

  /**
   * A multipart body the parser cannot read (a boundary other than the header's, a body cut off
   * before its closing boundary, a broken part header) is the client's mistake: 400 naming {@code
   * file}, never a 500. Applies to this resource only: an {@code IOException} here comes from
   * reading the request body.
   */
  @ServerExceptionMapper({IOException.class, MultipartParser.MalformedMessageException.class})
  public Response unreadableUpload(Exception failure, HttpServerRequest request) {
    Problem problem =
        ProblemException.invalidField(
                "file",
                "is not in a readable multipart/form-data body (its parts must be separated by the"
                    + " Content-Type's boundary and end with the closing boundary)")
            .toProblem(request.path());
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  private static ImportFormat format(String format) {
    if (format == null || format.isBlank()) {
      throw invalid("format", "is required: " + keys());
    }
    return ImportSource.fromKey(format)
        .map(dev.kiroku.progress.domain.imports.format.ImportFormats::of)
        .orElseThrow(() -> invalid("format", "must be one of " + keys()));
  }

  private static String keys() {
    return String.join(", ", Arrays.stream(ImportSource.values()).map(ImportSource::key).toList());
  }

  private static boolean bool(String field, String value) {
    if (value == null) {
      return false;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(field, "must be true or false");
    };
  }

  private static ProblemException invalid(String field, String message) {
    return ProblemException.invalidField(field, message);
  }
}
