package dev.kiroku.catalog.rest;

import dev.kiroku.catalog.CatalogErrorCode;
import dev.kiroku.catalog.imports.DatasetImporter;
import dev.kiroku.catalog.imports.ImportFormat;
import dev.kiroku.catalog.imports.ImportReport;
import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Dataset imports for offline bootstrap (realm role {@code admin}). {@code multipart/form-data}:
 * anime-csv and goodbooks-csv take part {@code file}; movielens takes parts {@code movies}
 * (movies.csv) and {@code links} (links.csv). Answers 200 with an {@link ImportReport}.
 */
@Path("/api/v1/catalog/admin/imports")
@RolesAllowed("admin")
public class AdminImportResource {

  @Inject DatasetImporter importer;

  @POST
  @Blocking
  @Consumes("multipart/form-data")
  @Produces("application/json")
  @Operation(summary = "Bulk-load a dataset file (admin): anime-csv, movielens or goodbooks-csv")
  public ImportReport importDataset(
      @QueryParam("format") String format,
      @RestForm("file") FileUpload file,
      @RestForm("movies") FileUpload movies,
      @RestForm("links") FileUpload links) {
    ImportFormat importFormat =
        ImportFormat.fromKey(format)
            .orElseThrow(
                () ->
                    Params.invalid(
                        "format",
                        "must be one of "
                            + Arrays.stream(ImportFormat.values()).map(ImportFormat::key).toList()
                            + ", got '"
                            + (format == null ? "" : format)
                            + "'"));
    return switch (importFormat) {
      case ANIME_CSV -> importer.importAnimeCsv(require("file", file));
      case GOODBOOKS_CSV -> importer.importGoodbooks(require("file", file));
      case MOVIELENS -> {
        java.nio.file.Path moviesFile = require("movies", movies);
        java.nio.file.Path linksFile = require("links", links);
        yield importer.importMovieLens(moviesFile, linksFile);
      }
    };
  }

  private static java.nio.file.Path require(String part, FileUpload upload) {
    if (upload == null || upload.uploadedFile() == null) {
      throw new ProblemException(
          CatalogErrorCode.INVALID_IMPORT,
          part + ": the multipart part '" + part + "' with the CSV file is missing",
          List.of(new Problem.Violation(part, "missing multipart part")),
          Map.of());
    }
    return upload.uploadedFile();
  }
}
