package dev.kiroku.social.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** SQL for {@code block}. */
@ApplicationScoped
public class BlockRepository {

  /** {@code $1} blocks {@code $2} from {@code $3}; no row when it already did. */
  static final String INSERT =
      "INSERT INTO block (blocker_id, blocked_id, created_at) VALUES ($1, $2, $3)"
          + " ON CONFLICT DO NOTHING RETURNING created_at";

  static final String DELETE =
      "DELETE FROM block WHERE blocker_id = $1 AND blocked_id = $2 RETURNING created_at";

  /**
   * {@code blockerId} blocks {@code blockedId} from {@code at}.
   *
   * @return whether the block is new
   */
  public Uni<Boolean> insert(SqlClient tx, String blockerId, String blockedId, Instant at) {
    return tx.preparedQuery(INSERT)
        .execute(Tuple.of(blockerId, blockedId, ProfileRepository.utc(at)))
        .map(rows -> rows.size() > 0);
  }

  /**
   * Lifts the block of {@code blockedId} by {@code blockerId}.
   *
   * @return whether there was one
   */
  public Uni<Boolean> delete(SqlClient tx, String blockerId, String blockedId) {
    return tx.preparedQuery(DELETE)
        .execute(Tuple.of(blockerId, blockedId))
        .map(rows -> rows.size() > 0);
  }
}
