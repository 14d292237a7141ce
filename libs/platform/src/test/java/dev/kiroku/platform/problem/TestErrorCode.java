package dev.kiroku.platform.problem;

/** Service-style error codes for the problem+json tests. */
enum TestErrorCode implements ErrorCode {
  MEDIA_NOT_FOUND(404, "Media not found"),
  MEDIA_ALREADY_REFRESHED(409, "Media already refreshed");

  private final int status;
  private final String title;

  TestErrorCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String title() {
    return title;
  }
}
