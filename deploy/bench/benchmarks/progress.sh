# progress-service: PUT /api/v1/progress/entries/{mediaId} direct to the service (real Keycloak
# token for alice, BENCH_CONNECTIONS connections, random media ids and episodes, outbox included),
# and the outbox relay's lag: each progress.events.v1 record's arrival at a consumer minus its
# ce_time (set when the change is made, just before commit).
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

bench_progress() {
  local base=http://127.0.0.1:8082
  wait_ready "$base/q/health/ready"
  wait_ready http://127.0.0.1:8081/q/health/ready
  local kafka_libs="${KIROKU_CACHE:-$HOME/.cache/kiroku}/kafka-4.3.1/libs"
  [ -d "$kafka_libs" ] || die "no Kafka distribution at $kafka_libs (run deploy/local/kiroku up)"
  local media="${BENCH_PROGRESS_MEDIA:-2000}"
  local datasets="${BENCH_DATASETS:-$REPO_ROOT/../shared/datasets}"
  local work; work="$(mktemp -d)"
  local pg=(psql -q -t -A -h "${BENCH_PG_HOST:-127.0.0.1}" -U "${BENCH_PG_USER:-postgres}" -d progress)
  local eligible="FROM media_projection WHERE media_type = 'ANIME' AND (summary->>'episodes')::int >= 12"

  # 1. Real anime in the projection (anime.csv through catalog-service, then catalog.media.v1).
  local have i
  have="$("${pg[@]}" -c "SELECT count(*) $eligible")"
  if [ "${have:-0}" -lt "$media" ]; then
    [ -f "$datasets/anime-recommendations-database/anime.csv" ] || die "datasets not found in $datasets (set BENCH_DATASETS)"
    curl -fsS -o /dev/null -H "Authorization: Bearer $(demo_token admin)" \
      -F "file=@$datasets/anime-recommendations-database/anime.csv" \
      "http://127.0.0.1:8081/api/v1/catalog/admin/imports?format=anime-csv" || die "anime.csv import failed"
    for i in $(seq 1 120); do
      have="$("${pg[@]}" -c "SELECT count(*) $eligible")"
      [ "${have:-0}" -ge "$media" ] && break
      sleep 1
    done
  fi
  [ "${have:-0}" -ge "$media" ] || die "projection holds $have of $media anime after 120 s"
  "${pg[@]}" -c "SELECT media_id $eligible ORDER BY media_id LIMIT $media" \
    | awk 'BEGIN{print "return {"} {printf "\"%s\",\n", $1} END{print "}"}' >"$work/media.lua"

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

  # 3. Warm-up (not measured), then the relay-lag consumer, then the measured run. The PUT path
  # needs minutes of load before C2 has compiled it on 2 shared cores (measured: 1,316 PUT/s after
  # 45 s, 1,909 after 90 s, 2,257 after 135 s), so its warm-up is BENCH_PROGRESS_WARMUP (120 s).
  wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_PROGRESS_WARMUP:-120}s" -s "$work/put.lua" "$base" >/dev/null
  # These machines' PostgreSQL runs with autovacuum off (conf.d/90-ci.conf): vacuum what the
  # warm-up (and earlier runs) dirtied, as autovacuum would in production.
  "${pg[@]}" -c "VACUUM (ANALYZE) library_entry, episode_history, outbox_event" >/dev/null
  # The lag watcher runs the console consumer as its child for a fixed time, stamps each record's
  # arrival and compares it with the record's ce_time; only events made after it started count.
  local watch_seconds=$((BENCH_SECONDS + 11))
  python3 -u - "$kafka_libs" "$watch_seconds" "bench-progress-$$-$RANDOM" >"$work/lag.txt" 2>/dev/null <<'PY' &
import datetime, os, selectors, subprocess, sys, time
libs, seconds, group = sys.argv[1], float(sys.argv[2]), sys.argv[3]

def ce_time(text):  # RFC 3339 UTC with 0-9 fraction digits, e.g. 2026-11-22T05:40:01.1234Z
    whole, _, frac = text.rstrip("Z").partition(".")
    base = datetime.datetime.strptime(whole, "%Y-%m-%dT%H:%M:%S")
    return base.replace(tzinfo=datetime.timezone.utc).timestamp() + (float("0." + frac) if frac else 0.0)

child = subprocess.Popen(
    ["java", "-cp", libs + "/*", "org.apache.kafka.tools.consumer.ConsoleConsumer",
     "--bootstrap-server", "127.0.0.1:9092", "--topic", "progress.events.v1", "--group", group,
     "--property", "print.headers=true", "--property", "print.value=false",
     "--property", "print.key=false"],
    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
start = time.time(); deadline = start + seconds; lags = []
fd = child.stdout.fileno(); buf = b""
sel = selectors.DefaultSelector(); sel.register(fd, selectors.EVENT_READ)
while time.time() < deadline:
    if not sel.select(timeout=0.2):
        continue
    chunk = os.read(fd, 1 << 16)
    if not chunk:
        break
    now = time.time()
    buf += chunk
    *lines, buf = buf.split(b"\n")
    for line in lines:
        for h in line.decode().strip().split(","):
            if h.startswith("ce_time:"):
                t = ce_time(h[8:])
                if t >= start:
                    lags.append((now - t) * 1000)
child.terminate()
child.wait(timeout=30)
lags.sort()
if lags:
    print("LAG count=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f" % (len(lags),
        lags[len(lags) // 2], lags[min(len(lags) - 1, int(len(lags) * 0.99))], lags[-1]))
else:
    print("LAG count=0 p50_ms=- p99_ms=-")
PY
  local watcher=$!
  sleep 8 # the consumer joins its group and gets its partitions before the measured run
  local batches_before; batches_before="$(put_batch_metrics "$base")"
  local ticks_before; ticks_before="$(cpu_ticks)"
  local out; out="$(wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_SECONDS}s" -s "$work/put.lua" "$base")"
  local steal; steal="$(steal_note "$ticks_before" "$(cpu_ticks)")"
  local batches_after; batches_after="$(put_batch_metrics "$base")"
  wait "$watcher" || true

  local result; result="$(grep '^RESULT' <<<"$out")" || die "wrk printed no result: $out"
  local rps p50 p99 errors lag
  rps="$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$result")"
  p50="$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$result")"
  p99="$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$result")"
  errors="$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$result")"
  lag="$(cat "$work/lag.txt" 2>/dev/null)"
  print_header
  print_row "progress PUT /entries/{id}, direct (token)" "${rps%.*}" "$p50" "$p99" \
    "c=$BENCH_CONNECTIONS, ${BENCH_SECONDS}s, errors=$errors, $media media, outbox included$steal"
  print_row "outbox relay: ce_time -> consumer" "" \
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
  rm -rf "$work"
  [ "$errors" = 0 ] || die "progress PUT: $errors requests failed or answered non-2xx"
}
