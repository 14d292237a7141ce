package dev.kiroku.progress.architecture.violation.domain;

import dev.kiroku.progress.architecture.violation.rest.RequestBody;

/** Test fixture of {@code PackageRulesTest}: a domain rule that wrongly imports a REST class. */
public final class ChangeRule {

  private ChangeRule() {}

  /** Reads the REST body: the upward import the layer rule must report. */
  public static String statusOf(RequestBody body) {
    return body.status();
  }
}
