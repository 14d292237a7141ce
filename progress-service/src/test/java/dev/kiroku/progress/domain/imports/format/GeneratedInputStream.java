package dev.kiroku.progress.domain.imports.format;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A large hostile file made on the fly: {@code head}, then {@code body} repeated, until {@code
 * size} bytes. Counts what the parser actually pulled, so a test can prove it stopped early.
 */
final class GeneratedInputStream extends InputStream {
  private final byte[] head;
  private final byte[] body;
  private final long size;
  private long position;

  GeneratedInputStream(String head, String body, long size) {
    this.head = head.getBytes(StandardCharsets.UTF_8);
    this.body = body.getBytes(StandardCharsets.UTF_8);
    this.size = size;
  }

  /** Bytes handed out so far. */
  long consumed() {
    return position;
  }

  @Override
  public int read() {
    if (position >= size) {
      return -1;
    }
    byte b =
        position < head.length
            ? head[(int) position]
            : body[(int) ((position - head.length) % body.length)];
    position++;
    return b & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (position >= size) {
      return -1;
    }
    int n = (int) Math.min(len, size - position);
    int done = 0;
    while (done < n) {
      byte[] source;
      int from;
      if (position < head.length) {
        source = head;
        from = (int) position;
      } else {
        source = body;
        from = (int) ((position - head.length) % body.length);
      }
      int chunk = Math.min(n - done, source.length - from);
      System.arraycopy(source, from, b, off + done, chunk);
      done += chunk;
      position += chunk;
    }
    return n;
  }
}
