# progress-service: PUT /api/v1/progress/entries/{mediaId} direct to the service (real Keycloak
# token for alice, BENCH_CONNECTIONS connections, random media ids and episodes, outbox included),
# and the outbox relay's lag: for each event of the measured run, the time from its occurred_at
# (ce_time, set just before its transaction commits) to the broker's acknowledgement (acks=all),
# from the relay's kiroku_outbox_publish_lag_seconds histogram (deltas over the run). A consumer
# watching the topic measured the same thing until 2026-12 but took half a core of the two the
# measured system runs on (a console-consumer JVM printing ~10,000 records/s).
#
# Media come from the real catalog: when progress-service's projection holds fewer than
# BENCH_PROGRESS_MEDIA anime (default 2000) with at least 12 episodes, anime.csv is imported through
# catalog-service's admin API (idempotent), and the projection fills from catalog.media.v1.
# "count sum fallbacks" of progress-service's PUT batches, from /q/metrics (empty when absent).
put_batch_metrics() {
  curl -fsS "$1/q/metrics" 2>/dev/null | awk '
    /^kiroku_progress_put_batch_size_count/ { c = $2 }
    /^kiroku_progress_put_batch_size_sum/ { s = $2 }
    /^kiroku_progress_put_batch_fallbacks_total/ { f = $2 }
    END { if (c != "") printf "%d %d %d\n", c, s, f + 0 }'
}

# "le count" lines of progress-service's kiroku_outbox_publish_lag_seconds histogram (cumulative).
publish_lag_buckets() {
  curl -fsS "$1/q/metrics" 2>/dev/null | sed -nE 's/^kiroku_outbox_publish_lag_seconds_bucket\{.*le="([^"]+)".*\} ([0-9.eE+]+)$/\1 \2/p'
}

# lag_percentiles BEFORE AFTER: p50/p99 (bucket upper bounds, ms) of the events between the snapshots.
lag_percentiles() {
  awk 'NR == FNR { before[$1] = $2; next }
    { le[++n] = $1; c[n] = $2 - before[$1] }
    END {
      total = c[n]
      if (total <= 0) { print "LAG count=0 p50_ms=- p99_ms=-"; exit }
      for (i = 1; i <= n; i++) {
        if (p50 == "" && c[i] >= 0.5 * total) p50 = le[i]
        if (p99 == "" && c[i] >= 0.99 * total) p99 = le[i]
      }
      over = (p99 == "+Inf") ? ", beyond the histogram (60 s): the relay fell behind" : ""
      printf "LAG count=%d p50_ms=%.1f p99_ms=%.1f (histogram bucket upper bounds%s)\n", total,
        (p50 == "+Inf" ? 60 : p50) * 1000, (p99 == "+Inf" ? 60 : p99) * 1000, over
    }' <(printf '%s\n' "$1") <(printf '%s\n' "$2")
}

# progress_psql: psql on progress-service's database (BENCH_PROGRESS_DB, default progress: set it
# when the running progress-service uses another one, see deploy/bench/progress-jar).
progress_psql() {
  psql -q -t -A -h "${BENCH_PG_HOST:-127.0.0.1}" -U "${BENCH_PG_USER:-postgres}" -d "${BENCH_PROGRESS_DB:-progress}" "$@"
}

# progress_anime_lua COUNT FILE: makes sure progress-service's projection holds COUNT anime with at
# least 12 episodes (anime.csv imported through catalog-service when it lacks them; the projection
# fills from catalog.media.v1) and writes their ids to FILE as a Lua table.
progress_anime_lua() {
  local media="$1" file="$2"
  local eligible="FROM media_projection WHERE media_type = 'ANIME' AND (summary->>'episodes')::int >= 12"
  local have i
  have="$(progress_psql -c "SELECT count(*) $eligible")"
  if [ "${have:-0}" -lt "$media" ]; then
    import_anime_csv
    for i in $(seq 1 120); do
      have="$(progress_psql -c "SELECT count(*) $eligible")"
      [ "${have:-0}" -ge "$media" ] && break
      sleep 1
    done
  fi
  [ "${have:-0}" -ge "$media" ] || die "projection holds $have of $media anime after 120 s"
  # the first COUNT ids are the same set on every database only once the projection has consumed
  # the whole topic (a fresh database replays it): wait until its size holds still for 3 s
  local before=-1 now
  for i in $(seq 1 40); do
    now="$(progress_psql -c "SELECT count(*) FROM media_projection")"
    [ "$now" = "$before" ] && break
    before="$now"
    sleep 3
  done
  progress_psql -c "SELECT media_id $eligible ORDER BY media_id LIMIT $media" \
    | awk 'BEGIN{print "return {"} {printf "\"%s\",\n", $1} END{print "}"}' >"$file"
}

# progress_pids: the pid of the process listening on 8082, then its database's client backends.
progress_pids() {
  ss -Hltnp 'sport = :8082' | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -1
  progress_psql -c "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
}

# progress_update_stats TABLE...: "updates hot-updates" of each table, on one line, from
# pg_stat_user_tables (backends report theirs within ~10 s).
progress_update_stats() {
  local t
  for t in "$@"; do
    progress_psql -c "SELECT coalesce(sum(n_tup_upd), 0), coalesce(sum(n_tup_hot_upd), 0) FROM pg_stat_user_tables WHERE relname = '$t'" | tr '|\n' '  '
  done
}

bench_progress() {
  local base=http://127.0.0.1:8082
  wait_ready "$base/q/health/ready"
  wait_ready http://127.0.0.1:8081/q/health/ready
  local media="${BENCH_PROGRESS_MEDIA:-2000}"
  local work; work="$(mktemp -d)"

  # 1. Real anime in the projection (anime.csv through catalog-service, then catalog.media.v1).
  progress_anime_lua "$media" "$work/media.lua"

  # 2. wrk script: PUT with a random media id and episode (history rows inserted or unmarked).
  local token; token="$(demo_token alice)"
  cat >"$work/put.lua" <<LUA
local media = dofile("$work/media.lua")
local n = 0
function init(args) math.randomseed(os.time() + math.floor(os.clock() * 1000000) + n) end
request = function()
  n = n + 1
  local id = media[math.random(1, #media)]
  local body = string.format('{"status":"WATCHING","progress":{"episode":%d},"rating":{"value":%d,"scale":"POINT_10"}}',
    math.random(1, 12), math.random(1, 10))
  return wrk.format("PUT", "/api/v1/progress/entries/" .. id,
    {["Authorization"] = "Bearer $token", ["Content-Type"] = "application/json"}, body)
end
dofile("$BENCH_DIR/report.lua")
LUA

  # 3. Warm-up (not measured), then the measured run. The PUT path
  # needs minutes of load before C2 has compiled it on 2 shared cores (measured: 1,316 PUT/s after
  # 45 s, 1,909 after 90 s, 2,257 after 135 s), so its warm-up is BENCH_PROGRESS_WARMUP (120 s).
  # autovacuum stand-in: these machines run PostgreSQL with autovacuum off, and the relay's claim
  # walks the index entries of every outbox row deleted since the last vacuum (at ~8,000 events/s
  # that made it fall minutes behind by the second run in a row). Production runs autovacuum
  # (outbox_event has a 2 % scale factor, so it is vacuumed at each 1 min naptime); so does this.
  # (The loop also ends on its own when this benchmark's shell is gone.)
  # V11's library_entry_order gets a dead row version per PUT (its updates are not HOT by
  # design): vacuumed with the outbox, as autovacuum would, when the running jar has it.
  local churned="outbox_event"
  [ "$(progress_psql -c "SELECT count(*) FROM pg_class WHERE relname = 'library_entry_order'")" = 1 ] \
    && churned="outbox_event, library_entry_order"
  ( while sleep "${BENCH_PROGRESS_VACUUM_EVERY:-60}" && kill -0 "$$" 2>/dev/null; do
      progress_psql -c "VACUUM $churned" >/dev/null 2>&1 || true
    done ) &
  local vacuumer=$!
  # library_entry's updates should stay HOT (no index entries written); V11's narrow order rows
  # (library_entry_order, when the running jar has them) are not, by design
  local hot_before; hot_before="$(progress_update_stats library_entry library_entry_order)"
  wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_PROGRESS_WARMUP:-120}s" -s "$work/put.lua" "$base" >/dev/null
  # These machines' PostgreSQL runs with autovacuum off (conf.d/90-ci.conf): vacuum what the
  # warm-up (and earlier runs) dirtied, as autovacuum would in production; then a CHECKPOINT, so
  # the pages the vacuum dirtied are not written out during the measured run.
  progress_psql -c "VACUUM (ANALYZE) library_entry, episode_history, $churned" -c "CHECKPOINT" >/dev/null
  local batches_before; batches_before="$(put_batch_metrics "$base")"
  local lag_before; lag_before="$(publish_lag_buckets "$base")"
  local pids; pids=($(progress_pids))
  local cpu_before; cpu_before="$(pids_cpu_ticks "${pids[0]}") $(pids_cpu_ticks "${pids[@]:1}")"
  local ticks_before; ticks_before="$(cpu_ticks)"
  local out; out="$(wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_SECONDS}s" -s "$work/put.lua" "$base")"
  local steal; steal="$(steal_note "$ticks_before" "$(cpu_ticks)")"
  local cpu_after; cpu_after="$(pids_cpu_ticks "${pids[0]}") $(pids_cpu_ticks "${pids[@]:1}")"
  kill "$vacuumer" 2>/dev/null || true
  local batches_after; batches_after="$(put_batch_metrics "$base")"
  sleep 2 # events of the run's last commits reach the broker
  local lag_after; lag_after="$(publish_lag_buckets "$base")"

  local result; result="$(grep '^RESULT' <<<"$out")" || die "wrk printed no result: $out"
  local rps p50 p99 errors lag requests
  requests="$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$result")"
  rps="$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$result")"
  p50="$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$result")"
  p99="$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$result")"
  errors="$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$result")"
  lag="$(lag_percentiles "$lag_before" "$lag_after")"
  print_header
  print_row "progress PUT /entries/{id}, direct (token)" "${rps%.*}" "$p50" "$p99" \
    "c=$BENCH_CONNECTIONS, ${BENCH_SECONDS}s, errors=$errors, $media media, outbox included$(cpu_per_request "$cpu_before" "$cpu_after" "$requests" "$BENCH_SECONDS")$steal"
  print_row "outbox relay: commit -> Kafka ack" "" \
    "$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$lag")" "$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$lag")" \
    "$lag"
  # group commit: PUTs per transaction during the measured run (kiroku_progress_put_batch_size)
  local c0 s0 f0 c1 s1 f1
  read -r c0 s0 f0 <<<"$batches_before"
  read -r c1 s1 f1 <<<"$batches_after"
  if [ -n "${c1:-}" ] && [ -n "${c0:-}" ]; then
    awk -v c0="$c0" -v s0="$s0" -v f0="$f0" -v c1="$c1" -v s1="$s1" -v f1="$f1" 'BEGIN {
      n = c1 - c0; printf "| %-44s | %12s | %9s | %9s | %s\n", "PUT group commit: requests per transaction", "", "", "",
        sprintf("mean %.1f over %d transactions, %d fallbacks to one-by-one", n > 0 ? (s1 - s0) / n : 0, n, f1 - f0) }'
  fi
  # HOT share of the updates during the warm-up and the run (stats reach the view within ~10 s)
  sleep 9
  local hot_after; hot_after="$(progress_update_stats library_entry library_entry_order)"
  awk -v b="$hot_before" -v a="$hot_after" 'BEGIN {
    split(b, x, /[ \n]+/); split(a, y, /[ \n]+/)
    for (i = 1; i <= 3; i += 2) {
      upd = y[i] - x[i]; hot = y[i + 1] - x[i + 1]
      name = i == 1 ? "library_entry" : "library_entry_order (V11)"
      if (upd > 0) note = note sprintf("%s%s %d of %d HOT (%.0f%%)", note == "" ? "" : "; ", name, hot, upd, 100 * hot / upd)
    }
    printf "| %-44s | %12s | %9s | %9s | %s\n", "PUT: updates heap-only (warm-up and run)", "", "", "", note }'
  rm -rf "$work"
  [ "$errors" = 0 ] || die "progress PUT: $errors requests failed or answered non-2xx"
}
