package dev.kiroku.platform.problem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends bytes exactly as given on a fresh connection and reads the answer, for requests no HTTP
 * client would send (bad request lines, broken headers).
 */
final class RawHttp {

  /**
   * One answer.
   *
   * @param status the status code, or -1 when nothing came back
   * @param headers header names in lower case, first value
   * @param body the body as text
   * @param closed whether the server closed the connection after the answer (within a second)
   */
  record Response(int status, Map<String, String> headers, String body, boolean closed) {}

  private RawHttp() {}

  static Response send(int port, String request) throws IOException {
    return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  static Response send(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (SocketException e) {
        // the server may answer and close before reading everything; read what it sent
      }
      return read(socket);
    }
  }

  private static Response read(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int headEnd = -1;
    Map<String, String> headers = new LinkedHashMap<>();
    int status = -1;
    long contentLength = -1;
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (SocketException e) {
        n = -1;
      }
      if (n < 0) {
        break;
      }
      seen.write(buffer, 0, n);
      byte[] bytes = seen.toByteArray();
      if (headEnd < 0) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        headEnd = text.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
          String[] lines = text.substring(0, headEnd).split("\r\n");
          status = Integer.parseInt(lines[0].split(" ")[1]);
          for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(
                lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                lines[i].substring(colon + 1).trim());
          }
          contentLength = Long.parseLong(headers.getOrDefault("content-length", "-1"));
        }
      }
      if (headEnd >= 0 && contentLength >= 0 && bytes.length - headEnd - 4 >= contentLength) {
        break;
      }
    }
    byte[] bytes = seen.toByteArray();
    String body =
        headEnd < 0
            ? ""
            : new String(bytes, headEnd + 4, bytes.length - headEnd - 4, StandardCharsets.UTF_8);
    boolean closed;
    // a closing server has closed by now; a keep-alive one stays silent
    socket.setSoTimeout(1_000);
    try {
      closed = in.read() < 0;
    } catch (SocketException e) {
      closed = true;
    } catch (java.net.SocketTimeoutException e) {
      closed = false;
    }
    return new Response(status, headers, body, closed);
  }
}
