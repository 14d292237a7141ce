package dev.kiroku.progress.rest;

import dev.kiroku.progress.domain.export.ExportFormat;
import dev.kiroku.progress.service.ExportService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * {@code GET /api/v1/progress/export?format=json|csv}: everything the caller (the token's subject)
 * has in progress-service, as a download ({@code Content-Disposition: attachment}). {@code json} is
 * the {@code kiroku-json} document that {@code POST /api/v1/progress/imports?format=kiroku-json}
 * accepts back; {@code csv} is one row per entry. Shapes: {@code docs/export-format.md}.
 *
 * <p>The body is streamed page by page. Errors: 400 {@code VALIDATION_FAILED} naming {@code format}
 * when it is missing or unknown; 401 without a valid token. A failure after the first bytes were
 * sent cuts the download short (the JSON is then not well-formed).
 */
@Path("/api/v1/progress")
public class ExportResource {

  @Inject SecurityIdentity identity;
  @Inject ExportService service;

  /**
   * @param format {@code json} or {@code csv} (any case)
   */
  @GET
  @Path("/export")
  @Operation(
      summary =
          "Download the caller's library: format=json (kiroku-json, importable) or format=csv")
  @APIResponse(
      responseCode = "200",
      description = "the export as an attachment",
      content = {@Content(mediaType = "application/json"), @Content(mediaType = "text/csv")})
  public RestMulti<byte[]> export(@QueryParam("format") String format) {
    ExportFormat f = ExportFormat.parse(format);
    // No @Produces: the stream's media type stays application/octet-stream, so Quarkus REST writes
    // the chunks as they are (no JSON array brackets or separators); the header below names the
    // real type. (encodeAsJsonArray(false) would append a line break to every chunk.)
    return RestMulti.fromMultiData(service.export(identity.getPrincipal().getName(), f))
        .header(HttpHeaders.CONTENT_TYPE, f.contentType())
        .header("Content-Disposition", f.contentDisposition())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }
}
