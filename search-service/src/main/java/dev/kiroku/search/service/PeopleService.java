package dev.kiroku.search.service;

import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.search.index.PeopleIndex;
import dev.kiroku.search.index.PeopleSearcher;
import dev.kiroku.search.indexer.PeopleIndexerLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * Validates people search parameters and searches the people index. {@link #search} is blocking
 * (Lucene): call it from a worker thread, never from the event loop.
 */
@ApplicationScoped
public class PeopleService {

  /** Longest accepted {@code q}, characters (handles have at most 30). */
  public static final int MAX_QUERY_LENGTH = 100;

  /** Most people per answer. */
  public static final int MAX_LIMIT = 50;

  /** People per answer when {@code limit} is absent. */
  public static final int DEFAULT_LIMIT = 20;

  private final PeopleIndexerLifecycle lifecycle;
  private final PeopleSearcher searcher = new PeopleSearcher();

  public PeopleService(PeopleIndexerLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  /**
   * A validated people search.
   *
   * @param q text as typed, not blank, at most {@value #MAX_QUERY_LENGTH} characters
   * @param limit most people wanted, 1-50
   */
  public record PeopleRequest(String q, int limit) {}

  /**
   * Validates raw parameters.
   *
   * @throws ProblemException 400 {@link SearchErrorCode#INVALID_SEARCH_PARAMETER} with one
   *     violation per bad field: {@code q} blank or over 100 characters, {@code limit} not an
   *     integer in 1-50
   */
  public PeopleRequest request(String q, String limit) {
    List<Problem.Violation> violations = new ArrayList<>();
    if (q == null || q.isBlank()) {
      violations.add(new Problem.Violation("q", "must not be blank"));
    } else if (q.length() > MAX_QUERY_LENGTH) {
      violations.add(
          new Problem.Violation("q", "must be at most " + MAX_QUERY_LENGTH + " characters"));
    }
    int n = DEFAULT_LIMIT;
    if (limit != null && !limit.isBlank()) {
      try {
        n = Integer.parseInt(limit.strip());
      } catch (NumberFormatException e) {
        n = 0;
      }
    }
    if (n < 1 || n > MAX_LIMIT) {
      violations.add(
          new Problem.Violation("limit", "must be an integer between 1 and " + MAX_LIMIT));
    }
    if (!violations.isEmpty()) {
      throw new ProblemException(
          SearchErrorCode.INVALID_SEARCH_PARAMETER,
          "Invalid people search parameters: "
              + String.join(", ", violations.stream().map(Problem.Violation::field).toList()),
          violations,
          Map.of());
    }
    return new PeopleRequest(q.strip(), n);
  }

  /**
   * Public profiles matching {@code request.q()}, best first, none of a user who blocked {@code
   * callerId}. Blocking (reads the index): call it on a worker thread.
   *
   * @param callerId the caller's user id (token {@code sub}); null for a visitor without a token
   * @throws ProblemException 503 {@link SearchErrorCode#SEARCH_INDEX_UNAVAILABLE} while the index
   *     is not open
   */
  public List<Person> search(PeopleRequest request, String callerId) {
    PeopleIndex index = lifecycle.indexer().current();
    if (index == null) {
      throw new ProblemException(
          SearchErrorCode.SEARCH_INDEX_UNAVAILABLE, "The people index is not open; retry later");
    }
    try {
      return searcher.search(index, request.q(), callerId, request.limit());
    } catch (AlreadyClosedException stopping) {
      throw new ProblemException(
          SearchErrorCode.SEARCH_INDEX_UNAVAILABLE, "The people index is closing; retry later");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
