package dev.kiroku.progress.domain.imports.format;

import dev.kiroku.progress.domain.imports.format.ImportFileRejectedException.Reason;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Decompresses gzip and turns the decompressor's errors (a truncated or corrupt stream: {@code
 * EOFException}, {@code ZipException}) into {@link Reason#MALFORMED_FILE}, so they are not mistaken
 * for a failing upload. Other {@link IOException}s (the upload itself failing) pass through.
 */
final class GzipErrorsInputStream extends FilterInputStream {

  private GzipErrorsInputStream(InputStream gzip) {
    super(gzip);
  }

  static InputStream open(InputStream compressed) throws IOException {
    try {
      return new GzipErrorsInputStream(new GZIPInputStream(compressed, 8192));
    } catch (ZipException | EOFException e) {
      throw rejected(e);
    }
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (ZipException | EOFException e) {
      throw rejected(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (ZipException | EOFException e) {
      throw rejected(e);
    }
  }

  @Override
  public void close() {
    // the caller owns the upload stream
  }

  private static ImportFileRejectedException rejected(IOException e) {
    return new ImportFileRejectedException(
        Reason.MALFORMED_FILE, "corrupt or truncated gzip data: " + e.getMessage(), e);
  }
}
