package dev.kiroku.catalog.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The real recorded provider responses in {@code /work/shared/fixtures}, read by path (never copied
 * into the repository): {@code ../../shared/fixtures} from the module directory.
 */
public final class Fixtures {

  /** The fixtures folder. */
  public static final Path ROOT = locate();

  /** A fixed clock (2026-01-01T00:00:00Z) for mapping tests. */
  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  public static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  private static Path locate() {
    for (Path candidate :
        new Path[] {
          Path.of("../../shared/fixtures"),
          Path.of("../shared/fixtures"),
          Path.of("/work/shared/fixtures")
        }) {
      if (Files.isDirectory(candidate.resolve("jikan"))) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException(
        "shared/fixtures not found from " + Path.of("").toAbsolutePath());
  }

  /** The file's bytes, exactly as recorded. */
  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(ROOT.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file parsed as JSON (from bytes, so a BOM is accepted as the adapters accept it). */
  public static JsonNode json(String relative) {
    try {
      return JSON.readTree(bytes(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
