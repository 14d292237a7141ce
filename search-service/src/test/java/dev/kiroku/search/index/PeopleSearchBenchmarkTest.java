package dev.kiroku.search.index;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.kiroku.search.service.Person;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in figures for people search, printed, not asserted ({@code -Dtest=PeopleSearchBenchmarkTest
 * -Dbench.people=true}): the people index filled with the distinct authors of goodbooks-10k (real
 * names, ~4,600) under four handle patterns each, then single-thread CPU per search for exact
 * handles, prefixes, misspelled surnames and whole names (with a caller blocked by 1,000 users'
 * blocks in the index), and the time to erase one deleted user ({@code forceMergeDeletes} +
 * commit). No HTTP, no token check: the search-service floor of the HTTP path adds to these.
 */
class PeopleSearchBenchmarkTest {

  @TempDir Path folder;

  record Row(String userId, String handle, String name) {}

  @Test
  void printFigures() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("bench.people"), "opt-in: -Dbench.people=true");
    List<Row> people = people();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    Instant t = Instant.parse("2026-12-01T00:00:00Z");
    try (PeopleIndex index = PeopleIndex.open(folder)) {
      long start = System.nanoTime();
      for (Row row : people) {
        index.putProfile(row.userId(), row.handle(), row.name(), null, t);
      }
      Random random = new Random(7);
      for (int i = 0; i < 1000; i++) {
        index.putBlock(people.get(random.nextInt(people.size())).userId(), "caller", true, t);
      }
      index.commit();
      index.refresh();
      System.out.printf(
          "people index: %d profiles, 1,000 blocks of the caller, built in %d ms%n",
          index.peopleCount(), (System.nanoTime() - start) / 1_000_000);

      Random pick = new Random(11);
      List<Row> sample = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        sample.add(people.get(pick.nextInt(people.size())));
      }
      Map<String, Function<Row, String>> kinds = new LinkedHashMap<>();
      kinds.put("exact handle", Row::handle);
      kinds.put("prefix (4 letters of the last name)", r -> prefix(lastName(r.name()), 4));
      kinds.put("misspelled last name (2 letters swapped)", r -> swapped(lastName(r.name())));
      kinds.put("whole display name", Row::name);
      PeopleSearcher searcher = new PeopleSearcher();
      for (Map.Entry<String, Function<Row, String>> kind : kinds.entrySet()) {
        for (String caller : List.of("nobody", "caller")) {
          int found = 0;
          for (int round = 0; round < 3; round++) { // warm-up rounds, then one measured
            found = 0;
            long cpuStart = cpu.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            for (Row row : sample) {
              List<Person> hits = searcher.search(index, kind.getValue().apply(row), caller, 20);
              if (hits.stream().anyMatch(p -> p.handle().equals(row.handle()))) {
                found++;
              }
            }
            if (round == 2) {
              System.out.printf(
                  "| %-44s | %-8s | CPU %6.1f µs/search | wall %6.1f µs | target in top 20: %d%%%n",
                  kind.getKey(),
                  caller.equals("caller") ? "blocked" : "no block",
                  (cpu.getCurrentThreadCpuTime() - cpuStart) / 1000.0 / sample.size(),
                  (System.nanoTime() - wallStart) / 1000.0 / sample.size(),
                  found * 100 / sample.size());
            }
          }
        }
      }
      long eraseNanos = 0;
      for (int i = 0; i < 10; i++) {
        index.deleteUser(people.get(i).userId());
        long eraseStart = System.nanoTime();
        index.eraseDeleted();
        eraseNanos += System.nanoTime() - eraseStart;
      }
      System.out.printf(
          "erase one deleted user (forceMergeDeletes + commit + refresh): %.1f ms on average of"
              + " 10%n",
          eraseNanos / 10 / 1e6);
    }
  }

  /** The distinct authors of goodbooks-10k, each under 4 handle patterns. */
  static List<Row> people() throws Exception {
    Set<String> authors = new LinkedHashSet<>();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    try (Reader reader =
            Files.newBufferedReader(
                DatasetMedia.ROOT.resolve("goodbooks-10k/books.csv"), StandardCharsets.UTF_8);
        MappingIterator<Map<String, String>> it =
            new CsvMapper().readerForMapOf(String.class).with(schema).readValues(reader)) {
      while (it.hasNext()) {
        for (String author : it.next().getOrDefault("authors", "").split(",")) {
          if (!author.isBlank()) {
            authors.add(author.strip());
          }
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    Set<String> handles = new LinkedHashSet<>();
    int n = 0;
    for (String author : authors) {
      String base =
          author.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
      for (String suffix : List.of("", "_reads", "_books", "_fan")) {
        String handle = (base.length() > 24 ? base.substring(0, 24) : base) + suffix;
        if (handle.length() >= 3 && handles.add(handle)) {
          rows.add(new Row("user-" + n++, handle, author));
        }
      }
    }
    return rows;
  }

  static String lastName(String name) {
    String[] parts = name.split("\\s+");
    return parts[parts.length - 1];
  }

  static String prefix(String word, int n) {
    return word.length() <= n ? word : word.substring(0, n);
  }

  static String swapped(String word) {
    if (word.length() < 5) {
      return word;
    }
    int i = word.length() / 2;
    return word.substring(0, i) + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2);
  }
}
