package dev.kiroku.progress.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.EntryStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The status transitions against the table the README documents ("Transition table"). The test
 * reads that table, so the code and the documentation cannot drift apart: every cell, for every
 * media type (ACTIVE stands for the type's own active status).
 */
class TransitionsTest {

  /**
   * The documented table: from-label -> (to-label -> allowed), labels as the README writes them.
   */
  static Map<String, Map<String, Boolean>> documentedTable() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("README.md"));
    int start = lines.indexOf("### Transition table");
    assertThat(start).as("README.md has a 'Transition table' section").isNotNegative();
    List<String[]> rows = new ArrayList<>();
    for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
      if (lines.get(i).startsWith("|") && !lines.get(i).startsWith("|---")) {
        rows.add(cells(lines.get(i)));
      }
    }
    String[] header = rows.get(0);
    Map<String, Map<String, Boolean>> table = new LinkedHashMap<>();
    for (String[] row : rows.subList(1, rows.size())) {
      Map<String, Boolean> to = new LinkedHashMap<>();
      for (int col = 1; col < row.length; col++) {
        to.put(header[col], row[col].startsWith("✓"));
      }
      table.put(row[0], to);
    }
    return table;
  }

  private static String[] cells(String row) {
    String[] raw = row.substring(1, row.lastIndexOf('|')).split("\\|");
    for (int i = 0; i < raw.length; i++) {
      raw[i] = raw[i].trim();
    }
    return raw;
  }

  /** A label of the table as a status of {@code type}; null for "(no entry)". */
  private static EntryStatus status(String label, MediaType type) {
    return switch (label) {
      case "(no entry)" -> null;
      case "ACTIVE" -> EntryStatus.activeFor(type);
      default -> EntryStatus.valueOf(label);
    };
  }

  @Test
  void theDocumentedTableHasEveryPair() throws IOException {
    var table = documentedTable();
    assertThat(table.keySet())
        .containsExactly("(no entry)", "PLANNING", "ACTIVE", "PAUSED", "DROPPED", "COMPLETED");
    assertThat(table.values())
        .allSatisfy(
            to ->
                assertThat(to.keySet())
                    .containsExactly("PLANNING", "ACTIVE", "COMPLETED", "PAUSED", "DROPPED"));
  }

  @Test
  void everyMediaTypeFollowsTheDocumentedTable() throws IOException {
    var table = documentedTable();
    int checked = 0;
    for (MediaType type : MediaType.values()) {
      for (var row : table.entrySet()) {
        EntryStatus from = status(row.getKey(), type);
        Set<EntryStatus> reachable = Transitions.from(from, type);
        for (var cell : row.getValue().entrySet()) {
          EntryStatus to = status(cell.getKey(), type);
          assertThat(reachable.contains(to))
              .as("%s: %s -> %s", type, row.getKey(), to)
              .isEqualTo(cell.getValue());
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(MediaType.values().length * 6 * 5);
  }

  @Test
  void onlyTheTypesOwnStatusesFitItOrAreReachable() {
    for (MediaType type : MediaType.values()) {
      Set<EntryStatus> fitting = EnumSet.copyOf(Transitions.allowedFor(type));
      assertThat(fitting)
          .containsExactlyInAnyOrder(
              EntryStatus.PLANNING,
              EntryStatus.activeFor(type),
              EntryStatus.COMPLETED,
              EntryStatus.PAUSED,
              EntryStatus.DROPPED);
      for (EntryStatus from : fitting) {
        assertThat(fitting).containsAll(Transitions.from(from, type));
        assertThat(Transitions.from(from, type)).as("staying is allowed").contains(from);
      }
    }
  }
}
