package dev.kiroku.progress.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Everything progress-service keeps about one user, for account deletion. */
@ApplicationScoped
public class UserDataRepository {

  static final String DELETE_ENTRIES = "DELETE FROM library_entry WHERE user_id = $1";
  static final String DELETE_SETTINGS = "DELETE FROM user_setting WHERE user_id = $1";
  static final String DELETE_IMPORT_JOBS = "DELETE FROM import_job WHERE user_id = $1";

  /**
   * Deletes the user's library entries (their episode history, reviews, import state and list order
   * rows go with them: foreign keys cascade), their list counts, settings, and import jobs with
   * their reports (titles and ids of the user's files), in the caller's transaction. Statements run
   * one after the other.
   */
  public Uni<Void> deleteUser(SqlClient tx, String userId) {
    Tuple user = Tuple.of(userId);
    return tx.preparedQuery(DELETE_ENTRIES)
        .execute(user)
        .chain(() -> tx.preparedQuery(EntryListKeys.DELETE_USER_COUNTS).execute(user))
        .chain(() -> tx.preparedQuery(DELETE_SETTINGS).execute(user))
        .chain(() -> tx.preparedQuery(DELETE_IMPORT_JOBS).execute(user))
        .replaceWithVoid();
  }
}
