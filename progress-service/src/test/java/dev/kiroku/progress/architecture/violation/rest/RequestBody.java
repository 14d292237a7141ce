package dev.kiroku.progress.architecture.violation.rest;

/** Test fixture of {@code PackageRulesTest}: a REST request body. */
public record RequestBody(String status) {}
