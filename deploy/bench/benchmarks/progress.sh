# progress-service: PUT /api/v1/progress/entries/{mediaId} direct to the service (real Keycloak
# token for alice, BENCH_CONNECTIONS connections, random media ids and episodes, outbox included),
# and the outbox relay's lag: each progress.events.v1 record's arrival at a consumer minus its
# ce_time (set when the change is made, just before commit).
#
# Seeds BENCH_PROGRESS_MEDIA anime (default 2000) into progress-service's projection by producing
# MediaSnapshot events with CloudEvents headers to catalog.media.v1 (Kafka's console producer from
# the Kafka distribution the launcher downloaded), then waits until the projection holds them.
bench_progress() {
  local base=http://127.0.0.1:8082
  wait_ready "$base/q/health/ready"
  local kafka_libs="${KIROKU_CACHE:-$HOME/.cache/kiroku}/kafka-4.3.1/libs"
  [ -d "$kafka_libs" ] || die "no Kafka distribution at $kafka_libs (run deploy/local/kiroku up)"
  local media="${BENCH_PROGRESS_MEDIA:-2000}"
  local work; work="$(mktemp -d)"
  local pg=(psql -q -t -A -h "${BENCH_PG_HOST:-127.0.0.1}" -U "${BENCH_PG_USER:-postgres}" -d progress)

  # 1. Seed the media projection through catalog.media.v1.
  python3 - "$media" >"$work/media.txt" <<'PY'
import json, sys, uuid, datetime
n = int(sys.argv[1])
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
for i in range(n):
    mid = "b3b3b3b3-0000-4000-8000-%012d" % i
    snap = {"id": mid, "type": "ANIME", "slug": "bench-anime-%d" % i,
            "titles": {"canonical": "Bench Anime %d" % i, "english": None, "nativeTitle": None,
                       "romanized": None, "synonyms": []},
            "synopsis": None, "images": {"poster": None, "banner": None},
            "startDate": "2020-01-01", "endDate": "2020-06-30", "status": "FINISHED", "format": "TV",
            "genres": ["Action", "Sci-Fi"], "themes": [], "studios": [], "companies": [],
            "authors": [], "platforms": [],
            "counts": {"episodes": 26, "airedEpisodes": 26, "seasons": None, "chapters": None,
                       "volumes": None, "pages": None, "runtimeMinutes": 24},
            "popularity": 50, "averageScore": 80, "externalIds": {}, "sourceProvider": "bench",
            "lastRefreshedAt": now, "seasons": []}
    headers = ",".join([
        "ce_specversion:1.0", "ce_id:%s" % uuid.uuid4(),
        "ce_type:kiroku.catalog.media-upserted.v1", "ce_source:/bench", "ce_time:%s" % now,
        "content-type:application/json"])
    print("%s\t%s\t%s" % (headers, mid, json.dumps(snap, separators=(",", ":"))))
PY
  java -cp "$kafka_libs/*" org.apache.kafka.tools.ConsoleProducer \
    --bootstrap-server 127.0.0.1:9092 --topic catalog.media.v1 \
    --property parse.key=true --property parse.headers=true <"$work/media.txt" >/dev/null \
    || die "could not produce to catalog.media.v1"
  local have=0 i
  for i in $(seq 1 120); do
    have="$("${pg[@]}" -c "SELECT count(*) FROM media_projection WHERE media_id::text LIKE 'b3b3b3b3-%'")"
    [ "${have:-0}" -ge "$media" ] && break
    sleep 1
  done
  [ "${have:-0}" -ge "$media" ] || die "projection holds $have of $media bench media after 120 s"

  # 2. wrk script: PUT with a random media id and episode (history rows inserted or unmarked).
  local token; token="$(demo_token alice)"
  cat >"$work/put.lua" <<LUA
local media = $media
local n = 0
function init(args) math.randomseed(os.time() + math.floor(os.clock() * 1000000) + n) end
request = function()
  n = n + 1
  local id = string.format("b3b3b3b3-0000-4000-8000-%012d", math.random(0, media - 1))
  local body = string.format('{"status":"WATCHING","progress":{"episode":%d},"rating":{"value":%d,"scale":"POINT_10"}}',
    math.random(1, 12), math.random(1, 10))
  return wrk.format("PUT", "/api/v1/progress/entries/" .. id,
    {["Authorization"] = "Bearer $token", ["Content-Type"] = "application/json"}, body)
end
dofile("$BENCH_DIR/report.lua")
LUA

  # 3. Warm-up (not measured), then the relay-lag consumer, then the measured run.
  wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_WARMUP}s" -s "$work/put.lua" "$base" >/dev/null
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
  local out; out="$(wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_SECONDS}s" -s "$work/put.lua" "$base")"
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
    "c=$BENCH_CONNECTIONS, ${BENCH_SECONDS}s, errors=$errors, $media media, outbox included"
  print_row "outbox relay: ce_time -> consumer" "" \
    "$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$lag")" "$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$lag")" \
    "$lag"
  rm -rf "$work"
  [ "$errors" = 0 ] || die "progress PUT: $errors requests failed or answered non-2xx"
}
