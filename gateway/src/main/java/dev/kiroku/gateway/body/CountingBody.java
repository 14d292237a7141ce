package dev.kiroku.gateway.body;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.streams.ReadStream;

/**
 * A client's request body as the proxy streams it to the service, counted: up to {@code maxBytes}
 * every chunk passes on; the chunk that goes past the limit fails the stream with {@link
 * BodyTooLargeException} (so the proxy resets the service's request, which never sees a complete
 * body) and from then on the rest of the client's body is read and dropped, so that the client,
 * still sending, can read the 413 answer.
 */
public final class CountingBody implements ReadStream<Buffer> {

  /** Longest wait for the rest of an over-limit body before the connection is closed, ms. */
  static final long DRAIN_MS = 10_000;

  private final HttpServerRequest source;
  private final long maxBytes;
  private long bytes;
  private boolean exceeded;
  private boolean drained;
  private Runnable onDrained;
  private Handler<Buffer> handler;
  private Handler<Throwable> exceptionHandler;

  /**
   * @param source the client's request
   * @param maxBytes the route's limit, bytes
   */
  public CountingBody(HttpServerRequest source, long maxBytes) {
    this.source = source;
    this.maxBytes = maxBytes;
  }

  /** Whether the body went past the limit. */
  public boolean exceeded() {
    return exceeded;
  }

  /** The route's limit, bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    if (exceeded) {
      return this;
    }
    this.handler = handler;
    source.handler(handler == null ? null : this::chunk);
    return this;
  }

  private void chunk(Buffer buffer) {
    if (exceeded) {
      return;
    }
    bytes += buffer.length();
    if (bytes <= maxBytes) {
      handler.handle(buffer);
      return;
    }
    exceeded = true;
    // Read and drop the rest, so the client can finish sending and read the answer.
    source.handler(dropped -> {});
    source.exceptionHandler(ignored -> {});
    source.endHandler(ended -> drained());
    source.resume();
    if (exceptionHandler != null) {
      exceptionHandler.handle(new BodyTooLargeException(maxBytes));
    }
  }

  private void drained() {
    drained = true;
    if (onDrained != null) {
      onDrained.run();
    }
  }

  /**
   * Once the 413 is being sent: on HTTP/1.x, asks the client to close ({@code Connection: close})
   * and closes the connection when the rest of its body has arrived, or after {@link #DRAIN_MS} at
   * the latest. HTTP/2 needs nothing: the stream is over once answered.
   *
   * @param vertx for the timer
   */
  public void closeWhenDrained(Vertx vertx) {
    if (source.version() == HttpVersion.HTTP_2) {
      return;
    }
    source.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    long timer = vertx.setTimer(DRAIN_MS, id -> source.connection().close());
    Runnable close =
        () -> {
          vertx.cancelTimer(timer);
          if (source.response().ended()) {
            source.connection().close();
          } else {
            source.response().endHandler(ended -> source.connection().close());
          }
        };
    if (drained || source.isEnded()) {
      close.run();
    } else {
      onDrained = close;
    }
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    if (exceeded) {
      return this;
    }
    this.exceptionHandler = handler;
    source.exceptionHandler(handler);
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    if (!exceeded) {
      source.pause();
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    if (!exceeded) {
      source.resume();
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    if (!exceeded) {
      source.fetch(amount);
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    if (!exceeded) {
      source.endHandler(endHandler);
    }
    return this;
  }
}
