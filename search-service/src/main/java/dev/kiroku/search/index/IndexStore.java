package dev.kiroku.search.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.apache.lucene.util.IOUtils;

/**
 * The index folder ({@code kiroku.search.index-dir}) of one replica: one sub-folder per index
 * generation ({@code gen-<millis>}) and a {@code CURRENT} file naming the one in use. A rebuild
 * builds a new generation aside and {@link #promote promotes} it by rewriting {@code CURRENT}
 * atomically, so a crash at any point leaves a complete index to reopen.
 */
public final class IndexStore {

  private static final String CURRENT = "CURRENT";
  private static final String PREFIX = "gen-";

  private final Path root;
  private final ObjectMapper json;

  public IndexStore(Path root, ObjectMapper json) {
    this.root = root;
    this.json = json;
  }

  /**
   * Opens the generation named by {@code CURRENT} (a new empty one if there is none) and deletes
   * any other generation (left by an interrupted rebuild).
   *
   * @throws IOException when the folder is not usable
   */
  public MediaIndex openCurrent() throws IOException {
    Files.createDirectories(root);
    Path pointer = root.resolve(CURRENT);
    String name = null;
    if (Files.exists(pointer)) {
      name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
      if (name.isEmpty() || !Files.isDirectory(root.resolve(name))) {
        name = null;
      }
    }
    if (name == null) {
      name = newName();
    }
    MediaIndex index = MediaIndex.open(root.resolve(name), json);
    promote(index);
    try (Stream<Path> folders = Files.list(root)) {
      for (Path folder : folders.toList()) {
        String other = folder.getFileName().toString();
        if (other.startsWith(PREFIX) && !other.equals(name)) {
          IOUtils.rm(folder);
        }
      }
    }
    return index;
  }

  /** A new, empty generation beside the current one. */
  public MediaIndex createAside() throws IOException {
    Files.createDirectories(root);
    return MediaIndex.open(root.resolve(newName()), json);
  }

  /** Makes {@code index} the generation a restart opens (atomic rename of {@code CURRENT}). */
  public void promote(MediaIndex index) throws IOException {
    Path temp = root.resolve(CURRENT + ".tmp");
    Files.writeString(temp, index.folder().getFileName().toString(), StandardCharsets.UTF_8);
    Files.move(
        temp,
        root.resolve(CURRENT),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Deletes the folder of a closed generation. */
  public void delete(MediaIndex closed) throws IOException {
    IOUtils.rm(closed.folder());
  }

  private static synchronized String newName() {
    long now = System.currentTimeMillis();
    if (now <= last) {
      now = last + 1;
    }
    last = now;
    return PREFIX + now;
  }

  private static long last;
}
