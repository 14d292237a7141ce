package dev.kiroku.progress.domain.imports.format;

import dev.kiroku.progress.domain.imports.format.ImportFileRejectedException.Reason;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts bytes as they are read and refuses to go past a limit: the read that would cross it throws
 * {@link Reason#FILE_TOO_LARGE}, so at most {@code max} bytes (plus one buffer) are ever consumed.
 */
final class LimitedInputStream extends FilterInputStream {
  private final long max;
  private final String what;
  private long count;

  LimitedInputStream(InputStream in, long max, String what) {
    super(in);
    this.max = max;
    this.what = what;
  }

  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    // never read past the limit by more than one byte: that byte proves the file is too large
    long allowed = max - count + 1;
    int n = super.read(b, off, (int) Math.min(len, Math.max(1, allowed)));
    if (n > 0) {
      add(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(Math.min(n, max - count + 1));
    add(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void add(long n) {
    count += n;
    if (count > max) {
      throw new ImportFileRejectedException(
          Reason.FILE_TOO_LARGE, "the file is larger than " + max + " bytes" + what);
    }
  }
}
