package dev.kiroku.progress.domain.imports.format;

import dev.kiroku.progress.domain.imports.format.ImportFileRejectedException.Reason;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses a line (bytes between two {@code \n}) longer than a limit as soon as that many bytes
 * without a line break have been read, so a 10 MB one-line CSV fails after the first megabyte.
 */
final class LineLengthLimitingInputStream extends FilterInputStream {
  private final int max;
  private long line = 1;
  private long current;

  LineLengthLimitingInputStream(InputStream in, int max) {
    super(in);
    this.max = max;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      see((byte) b);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    for (int i = 0; i < n; i++) {
      see(b[off + i]);
    }
    return n;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void see(byte b) {
    if (b == '\n') {
      line++;
      current = 0;
    } else if (++current > max) {
      throw new ImportFileRejectedException(
          Reason.LINE_TOO_LONG, "line " + line + " is longer than " + max + " bytes");
    }
  }
}
