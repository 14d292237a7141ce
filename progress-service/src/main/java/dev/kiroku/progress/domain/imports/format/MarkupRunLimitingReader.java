package dev.kiroku.progress.domain.imports.format;

import dev.kiroku.progress.domain.imports.format.ImportFileRejectedException.Reason;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Refuses XML with a run of more than {@code max} characters containing neither {@code <} nor
 * {@code >}: a huge attribute value, comment, processing instruction or whitespace run that the
 * StAX parser would otherwise buffer whole. Element text over the field limit is caught by the
 * parser as it arrives in chunks; this guard bounds everything else.
 */
final class MarkupRunLimitingReader extends FilterReader {
  private final int max;
  private int run;
  private long line = 1;

  MarkupRunLimitingReader(Reader in, int max) {
    super(in);
    this.max = max;
  }

  @Override
  public int read() throws IOException {
    int c = super.read();
    if (c >= 0) {
      see((char) c);
    }
    return c;
  }

  @Override
  public int read(char[] buffer, int off, int len) throws IOException {
    int n = super.read(buffer, off, len);
    for (int i = 0; i < n; i++) {
      see(buffer[off + i]);
    }
    return n;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void see(char c) {
    if (c == '<' || c == '>') {
      run = 0;
      return;
    }
    if (c == '\n') {
      line++;
    }
    if (++run > max) {
      throw new ImportFileRejectedException(
          Reason.FIELD_TOO_LONG, "more than " + max + " characters without markup at line " + line);
    }
  }
}
