package dev.kiroku.progress.service.imports;

import dev.kiroku.progress.domain.imports.ImportJobView;
import dev.kiroku.progress.repository.ImportJobRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads of a user's import jobs: one with its report, or the list of them. */
@ApplicationScoped
public class ImportJobQueries {

  private final ImportJobRepository jobs;

  @Inject
  ImportJobQueries(ImportJobRepository jobs) {
    this.jobs = jobs;
  }

  /** The user's job with its per-row report; empty when it is not theirs or does not exist. */
  public Uni<Optional<ImportJobView>> find(String userId, UUID jobId) {
    return jobs.find(userId, jobId);
  }

  /**
   * The user's jobs, newest first, without reports.
   *
   * @param beforeTime with {@code beforeId}: the keyset position of the last job seen, or null
   * @param limit most jobs returned
   */
  public Uni<List<ImportJobView>> list(
      String userId, Instant beforeTime, UUID beforeId, int limit) {
    return jobs.list(userId, beforeTime, beforeId, limit);
  }
}
