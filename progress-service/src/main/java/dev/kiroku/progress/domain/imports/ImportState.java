package dev.kiroku.progress.domain.imports;

/** Where an import job is. */
public enum ImportState {
  /** Accepted, waiting for a worker. */
  QUEUED,
  /** Being parsed and written. */
  RUNNING,
  /** Finished; {@code counts} and the report say what happened to each row. */
  DONE,
  /** The whole file was refused ({@code failure} says why); nothing of it was written. */
  FAILED
}
