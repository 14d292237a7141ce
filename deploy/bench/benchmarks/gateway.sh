# gateway: what the gateway adds to a request, rate limits included. A cached catalog read
# (GET /api/v1/catalog/media/{id} of MAL 32281, anime.csv imported through catalog-service when the
# catalog lacks it), one user's token, BENCH_CONNECTIONS connections, measured side by side:
#
# - cold: only the gateway of the running suite is restarted (as deploy/local/kiroku runs it: same
#   java command line, folder, log and pid file) with a reads budget large enough for the run
#   (BENCH_GATEWAY_READS_LIMIT, 60,000,000 a minute instead of 600; the limiter still runs, one
#   Redis EVALSHA per request), and its first BENCH_GATEWAY_COLD_SECONDS (10) are measured with no
#   warm-up (catalog-service was warmed up before until its JIT was quiet, as below: direct, then
#   through a first restart of the gateway for its HTTP/2 server path);
# - warm: after a warm-up through the gateway until its JIT compiler threads use less than 5 % of
#   a core over 10 s (at most BENCH_GATEWAY_WARMUP, 300 s; on 2 shared cores C2 compiles the proxy
#   path for minutes; a row lists each 10 s's req/s and JIT cores), direct to catalog-service
#   (8081) and through the gateway (8080) in turn, BENCH_GATEWAY_ROUNDS (2) rounds, each row after
#   its own BENCH_WARMUP; each round ends with what the gateway adds (p50 and p99 of the gateway row minus
#   the direct row's) against the targets: < 2 ms at p50, < 5 ms at p99, >= 10,000 req/s;
# - one more warm gateway row, BENCH_GATEWAY_JFR_SECONDS (20) long, while JFR records both JVMs
#   (the JDK's profile settings without the events that copy the environment, stacks of up to 256
#   frames in the gateway; JFR is started under load until the gateway's JIT is quiet again, at
#   most BENCH_GATEWAY_JFR_WARMUP, 120 s, so its own start-up is not measured); a summary
#   of each recording follows (hot methods, CPU samples by component, allocation, GC pauses). The
#   .jfr files stay in BENCH_GATEWAY_JFR_DIR (default a new /tmp/kiroku-bench-gateway.* folder).
#
# Every row notes the CPU per request of the gateway, catalog-service, Redis and wrk (/proc; for the
# JVMs the kernel's share and their JIT compiler threads' share), the cores other processes took,
# how many rate-limit checks Redis ran for it (EVALSHA calls, INFO commandstats) and the steal.
# The RateLimit-Policy / RateLimit headers of one answer are checked after the cold row. The normal
# gateway (the same command line, without the benchmark's budget) is restarted at the end, also when
# the benchmark fails (a trap), and its RateLimit-Policy is checked to be the one before.

GW_URL=http://127.0.0.1:8080
GW_CATALOG_URL=http://127.0.0.1:8081

gateway_state_dir() { echo "${KIROKU_STATE:-$REPO_ROOT/.kiroku}"; }

# gateway_pid: the gateway that deploy/local/kiroku started (its pid file), alive.
gateway_pid() {
  local pid
  pid="$(cat "$(gateway_state_dir)/run/gateway.pid" 2>/dev/null)" || return 1
  [[ $pid =~ ^[0-9]+$ ]] && grep -qa java "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

# gateway_restart [NAME=VALUE...]: restart only the gateway, as deploy/local/kiroku runs it (the
# running process's java command line and folder, its log and pid file, its own process group),
# with these variables added to its environment, and wait until it is ready. The pid file keeps its
# time, so `kiroku up` still restarts a gateway whose jar was rebuilt since kiroku started it.
# Holds kiroku's lock meanwhile, so no `kiroku up` starts another gateway while this one is down.
gateway_restart() {
  local run logs pid dir stamp owner i
  run="$(gateway_state_dir)/run"
  logs="$(gateway_state_dir)/logs"
  pid="$(gateway_pid)" || die "no running gateway started by deploy/local/kiroku ($run/gateway.pid)"
  if ! mkdir "$run/lock" 2>/dev/null; then
    owner="$(cat "$run/lock/pid" 2>/dev/null || true)"
    [ -n "$owner" ] && kill -0 "$owner" 2>/dev/null && die "a kiroku command (pid $owner) is running; try again when it is done"
    rm -rf "$run/lock" && mkdir "$run/lock"
  fi
  echo $$ >"$run/lock/pid"
  local command=()
  mapfile -d '' -t command <"/proc/$pid/cmdline"
  dir="$(readlink "/proc/$pid/cwd")"
  stamp="$(mktemp)"
  touch -r "$run/gateway.pid" "$stamp"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    [ -e "/proc/$pid" ] && [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ] || break
    sleep 0.5
  done
  [ ! -e "/proc/$pid" ] || kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 20; i++)); do
    ss -Hltn 'sport = :8080' | grep -q . || break
    sleep 0.5
  done
  printf '\n----- %s: kiroku starts %s (restarted by deploy/bench gateway%s)\n' "$(date -Is)" "${command[*]}" \
    "${*:+ with $*}" >>"$logs/gateway.log"
  (cd "$dir" && exec setsid nohup env "$@" "${command[@]}" >>"$logs/gateway.log" 2>&1 </dev/null) &
  pid=$!
  echo "$pid" >"$run/gateway.pid"
  touch -r "$stamp" "$run/gateway.pid"
  rm -f "$stamp"
  rm -rf "$run/lock"
  for ((i = 0; i < 240; i++)); do
    curl -fsS -o /dev/null --max-time 3 "$GW_URL/q/health/ready" 2>/dev/null && return 0
    [ -e "/proc/$pid" ] || die "the gateway exited while starting (see $logs/gateway.log)"
    sleep 0.5
  done
  die "the gateway was not ready within 120 s (see $logs/gateway.log)"
}

# gateway_rate_headers URL TOKEN: "RateLimit-Policy | RateLimit" of one answer ("" when absent).
gateway_rate_headers() {
  curl -sS -o /dev/null -D - -H "Authorization: Bearer $2" "$1" | tr -d '\r' | awk -F': ' '
    tolower($1) == "ratelimit-policy" { p = $2 } tolower($1) == "ratelimit" { s = $2 }
    END { if (p != "" || s != "") print p " | " s }'
}

# gateway_restore: the normal gateway back (the trap's and the end's), once.
gateway_restore() {
  [ "${GW_RESTORE_PENDING:-0}" = 1 ] || return 0
  GW_RESTORE_PENDING=0
  trap - EXIT INT TERM
  echo "Restarting the normal gateway..." >&2
  gateway_restart
}

# gateway_ticks PID...: "utime stime" of each process, in clock ticks (0 0 for a gone one).
gateway_ticks() {
  local pid stat fields
  for pid in "$@"; do
    if stat="$(cat "/proc/$pid/stat" 2>/dev/null)"; then
      read -r -a fields <<<"${stat##*) }"
      printf '%s %s ' "${fields[11]}" "${fields[12]}"
    else
      printf '0 0 '
    fi
  done
}

# busy_ticks: "busy total" jiffies of all CPUs (busy: neither idle, iowait nor steal).
busy_ticks() {
  awk '/^cpu /{t = 0; for (i = 2; i <= NF; i++) t += $i; print t - $5 - $6 - $9, t; exit}' /proc/stat
}

# jit_ticks PID: utime + stime of the JVM's JIT compiler threads (C1, C2), in clock ticks.
jit_ticks() {
  [ -n "$1" ] && [ -d "/proc/$1/task" ] || { echo 0; return 0; }
  awk '{ match($0, /\(.*\)/); comm = substr($0, RSTART + 1, RLENGTH - 2)
    split(substr($0, RSTART + RLENGTH + 1), f, " ")
    if (comm ~ /^C[12] CompilerThre/) t += f[12] + f[13] } END { print t + 0 }' /proc/"$1"/task/*/stat 2>/dev/null || true
}

# rate_checks: EVALSHA + EVAL calls Redis ran so far (the gateway's GCRA checks).
rate_checks() {
  redis-cli -h "${BENCH_REDIS_HOST:-127.0.0.1}" INFO commandstats 2>/dev/null | tr -d '\r' |
    awk -F'[:=,]' '/^cmdstat_(evalsha|eval):/{n += $3} END {print n + 0}'
}

# gateway_wrk NAME SECONDS URL [WRK ARGS...]: one measured wrk run with the token (no warm-up),
# printed as a row with the CPU per request of the gateway, catalog-service, Redis and wrk itself
# (user + kernel; the kernel's share for the JVMs), the cores each used and the rest of the machine
# (other processes), the rate-limit checks Redis ran, and the steal. Sets GW_RPS, GW_P50, GW_P99,
# GW_REQUESTS, GW_NOTE (the CPU part of the note).
gateway_wrk() {
  local name="$1" seconds="$2" url="$3"
  shift 3
  local cpu0 cpu1 busy0 busy1 checks0 checks1 ticks0 out result errors wrk_cpu
  cpu0="$(gateway_ticks "$GW_PID" "$GW_CATALOG_PID" "$GW_REDIS_PID") $(jit_ticks "$GW_PID") $(jit_ticks "$GW_CATALOG_PID")"
  busy0="$(busy_ticks)"
  checks0="$(rate_checks)"
  ticks0="$(cpu_ticks)"
  # `times` in the same subshell: wrk's user and system time (the subshell's children)
  out="$(wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${seconds}s" -s "$BENCH_DIR/report.lua" \
    -H "Authorization: Bearer $GW_TOKEN" "$@" "$url"; times)"
  local steal; steal="$(steal_note "$ticks0" "$(cpu_ticks)")"
  cpu1="$(gateway_ticks "$GW_PID" "$GW_CATALOG_PID" "$GW_REDIS_PID") $(jit_ticks "$GW_PID") $(jit_ticks "$GW_CATALOG_PID")"
  busy1="$(busy_ticks)"
  checks1="$(rate_checks)"
  wrk_cpu="$(tail -1 <<<"$out" | awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, x, /[ms]/); s += x[1] * 60 + x[2] } print s }')"
  result="$(grep '^RESULT' <<<"$out")" || die "wrk printed no result for $name: $out"
  GW_REQUESTS="$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$result")"
  GW_RPS="$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$result")"
  GW_P50="$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$result")"
  GW_P99="$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$result")"
  errors="$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$result")"
  local note
  note="$(awk -v b="$cpu0" -v a="$cpu1" -v n="$GW_REQUESTS" -v t="$seconds" -v hz="$(getconf CLK_TCK)" \
    -v bb="$busy0" -v ba="$busy1" -v w="$wrk_cpu" -v cores="$(nproc)" 'BEGIN {
      split(b, x, " "); split(a, y, " "); split(bb, u, " "); split(ba, v, " ")
      for (i = 1; i <= 8; i++) d[i] = (y[i] - x[i]) / hz
      g = d[1] + d[2]; s = d[3] + d[4]; r = d[5] + d[6]
      busy = (v[2] > u[2]) ? cores * (v[1] - u[1]) / (v[2] - u[2]) * t : 0
      if (n > 0) printf ", CPU per request: gateway %.0f us (kernel %.0f%%, JIT %.0f%%), catalog %.0f us (kernel %.0f%%, JIT %.0f%%), Redis %.0f us, wrk %.0f us; cores: %.2f + %.2f + %.2f + %.2f, other processes %.2f (of %d)",
        g * 1e6 / n, (g > 0 ? 100 * d[2] / g : 0), (g > 0 ? 100 * d[7] / g : 0),
        s * 1e6 / n, (s > 0 ? 100 * d[4] / s : 0), (s > 0 ? 100 * d[8] / s : 0), r * 1e6 / n, w * 1e6 / n,
        g / t, s / t, r / t, w / t, (busy - g - s - r - w) / t, cores }')"
  GW_NOTE="$note"
  note+=", $((checks1 - checks0)) rate-limit checks in Redis"
  print_row "$name" "${GW_RPS%.*}" "$GW_P50" "$GW_P99" "c=$BENCH_CONNECTIONS, ${seconds}s, errors=$errors$note$steal"
  if [ "$errors" != 0 ]; then
    local status
    status="$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $GW_TOKEN" "$url")"
    die "$name: $errors requests failed or answered non-2xx (one more answers HTTP $status; rate-limit headers: $(gateway_rate_headers "$url" "$GW_TOKEN"))"
  fi
}

# gateway_wait_quiet SECONDS: wait (at most SECONDS) until the machine is less than half a core
# busy over 2 s (an import's events being indexed and projected, another build); prints how busy.
gateway_wait_quiet() {
  local deadline=$((SECONDS + $1)) b0 b1 busy
  while :; do
    b0="$(busy_ticks)"
    sleep 2
    b1="$(busy_ticks)"
    busy="$(awk -v a="$b0" -v b="$b1" -v c="$(nproc)" 'BEGIN { split(a, x, " "); split(b, y, " ")
      printf "%.2f", (y[2] > x[2]) ? c * (y[1] - x[1]) / (y[2] - x[2]) : 0 }')"
    awk -v b="$busy" 'BEGIN { exit !(b < 0.5) }' && break
    ((SECONDS < deadline)) || break
  done
  echo "$busy"
}

# gateway_warm SECONDS URL: load, not measured.
gateway_warm() {
  wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${1}s" -H "Authorization: Bearer $GW_TOKEN" "$2" >/dev/null
}

# gateway_warm_compiled MAX URL LABEL PID: load URL in 10 s runs until the JIT compiler threads
# of the JVM PID used less than 5 % of a core over one (at most MAX seconds); a row with each
# run's req/s and JIT cores.
gateway_warm_compiled() {
  local max="$1" url="$2" label="$3" jvm="$4" start=$SECONDS j0 j1 jit out rps curve=()
  while :; do
    j0="$(jit_ticks "$jvm")"
    out="$(wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d10s -s "$BENCH_DIR/report.lua" \
      -H "Authorization: Bearer $GW_TOKEN" "$url")"
    j1="$(jit_ticks "$jvm")"
    rps="$(grep '^RESULT' <<<"$out" | sed -E 's/.*rps=([0-9.]+).*/\1/')"
    grep -q '^RESULT.* errors=0$' <<<"$out" || die "$label: requests failed or answered non-2xx: $(grep '^RESULT' <<<"$out")"
    jit="$(awk -v a="$j0" -v b="$j1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (b - a) / hz / 10 }')"
    curve+=("${rps%.*}/JIT $jit")
    awk -v j="$jit" 'BEGIN { exit !(j < 0.05) }' && break
    ((SECONDS - start + 10 <= max)) || break
  done
  print_row "  $label, $((SECONDS - start)) s" "${rps%.*}" "" "" \
    "until the JIT of pid $jvm used < 0.05 cores over 10 s (at most ${max} s); req/s and JIT cores per 10 s: $(IFS=,; echo "${curve[*]}" | sed 's/,/, /g')"
}

# gateway_added ROUND DIRECT_P50 DIRECT_P99: the summary row of one round (after its gateway row).
gateway_added() {
  awk -v r="$1" -v d50="$2" -v d99="$3" -v g50="$GW_P50" -v g99="$GW_P99" -v rps="$GW_RPS" 'BEGIN {
    a50 = g50 - d50; a99 = g99 - d99
    printf "| %-44s | %12s | %+9.2f | %+9.2f | added by the gateway (gateway - direct); targets: p50 < +2 ms %s, p99 < +5 ms %s, gateway %d req/s >= 10,000 %s\n",
      "  r" r ": what the gateway adds", "", a50, a99, (a50 < 2 ? "met" : "NOT met"), (a99 < 5 ? "met" : "NOT met"),
      rps, (rps >= 10000 ? "met" : "NOT met") }'
}

# gateway_jfr_summary FILE REQUESTS: hot methods, CPU samples by component, allocation, GC pauses.
gateway_jfr_summary() {
  local jfr_tool=jfr j
  for j in /usr/lib/jvm/temurin-25*/bin/jfr /opt/*jdk*25*/bin/jfr; do
    [ -x "$j" ] && { jfr_tool="$j"; break; }
  done
  local json="${1%.jfr}.samples.json" other="${1%.jfr}.other.json"
  # the samples' whole stacks (jfr print shows 5 frames unless told); the other events' are not read
  "$jfr_tool" print --json --stack-depth 512 --events jdk.ExecutionSample "$1" >"$json" &&
    "$jfr_tool" print --json --stack-depth 1 --events jdk.ObjectAllocationSample,jdk.GarbageCollection "$1" >"$other" &&
    python3 -c "$GATEWAY_JFR_PY" "$json" "$other" "$2" "${BENCH_GATEWAY_JFR_TOP:-15}"
  local status=$?
  rm -f "$json" "$other"
  return "$status"
}

# The summary of one recording's events (jfr print --json): SAMPLES_FILE OTHER_FILE REQUESTS TOP.
GATEWAY_JFR_PY=$(cat <<'PY'
import collections, json, sys

requests, top = int(sys.argv[3]), int(sys.argv[4])
events = []
for path in sys.argv[1:3]:
    with open(path) as f:
        events += json.load(f)["recording"]["events"]

def frame_name(frame):
    method = frame["method"]
    return method["type"]["name"].replace("/", ".") + "." + method["name"]

# Components, most specific first: a sample counts for the component of its frame nearest the top
# of the stack that belongs to one (a Vert.x map written by the rate limiter counts as the rate
# limiter); samples with no such frame count as Vert.x/Netty core or JDK/other.
COMPONENTS = [
    ("token verification (OIDC, jose4j, platform security)",
     ("io.quarkus.oidc", "org.jose4j", "io.smallrye.jwt", "dev.kiroku.platform.security",
      "io.quarkus.security", "io.quarkus.vertx.http.runtime.security")),
    ("Redis (gateway: GCRA rate limit; catalog: cache)", ("dev.kiroku.gateway.ratelimit", "io.vertx.redis",
                                                          "io.quarkus.redis")),
    ("proxy (vertx-http-proxy, gateway proxy)", ("io.vertx.httpproxy", "dev.kiroku.gateway.proxy")),
    ("other gateway / platform handlers", ("dev.kiroku.gateway", "dev.kiroku.platform")),
    ("catalog-service code", ("dev.kiroku.catalog",)),
    ("metrics (Micrometer)", ("io.micrometer", "io.quarkus.micrometer")),
    ("logging", ("org.jboss.logmanager", "org.jboss.logging")),
    ("Jackson", ("com.fasterxml.jackson",)),
    ("REST layer (Quarkus REST / RESTEasy)", ("org.jboss.resteasy", "io.quarkus.resteasy")),
    ("Mutiny", ("io.smallrye.mutiny",)),
    ("CDI, context propagation (ArC, SmallRye Context)", ("io.quarkus.arc", "io.smallrye.context")),
    ("transactions (Narayana)", ("com.arjuna", "io.quarkus.narayana")),
    ("Caffeine caches", ("com.github.benmanes.caffeine",)),
    ("fault tolerance (SmallRye)", ("io.smallrye.faulttolerance",)),
    ("Vert.x Web router", ("io.vertx.ext.web", "io.quarkus.vertx.http")),
    ("HTTP/2 (Vert.x, Netty)", ("io.vertx.core.http.impl.Http2", "io.vertx.core.http.impl.VertxHttp2",
                                "io.netty.handler.codec.http2")),
    ("HTTP/1.1 (Vert.x, Netty)", ("io.vertx.core.http.impl.Http1x", "io.vertx.core.http.impl.Http1",
                                  "io.netty.handler.codec.http.")),
]
GENERIC = [("Vert.x / Netty core (I/O, buffers, event loop)", ("io.vertx", "io.netty")),
           ("JDK / other", ("",))]

def component(frames):
    for table in (COMPONENTS, GENERIC):
        for frame in frames:
            name = frame_name(frame)
            for label, prefixes in table:
                if name.startswith(prefixes):
                    return label
    return "JDK / other"

# Stages of a request, for the same question asked differently: the stage whose frame is nearest
# the top of the stack (what a handler runs, down to the sockets, counts for it; the Redis answer's
# callback runs the rest of the chain, whose frames are nearer the top).
STAGES = [
    ("token check (OIDC, platform security, HTTP permission)",
     ("io.quarkus.oidc", "org.jose4j", "io.smallrye.jwt", "dev.kiroku.platform.security",
      "io.quarkus.vertx.http.runtime.security", "io.quarkus.security")),
    ("rate limit (GCRA script in Redis, Redis client)", ("dev.kiroku.gateway.ratelimit", "io.vertx.redis")),
    ("proxying (vertx-http-proxy, HTTP/2 client to the service, response streamed back)",
     ("io.vertx.httpproxy", "dev.kiroku.gateway.proxy", "io.vertx.core.http.impl.Http2ClientConnection")),
    ("other handlers (gateway: request id, CORS, body limit; platform: problem handlers)",
     ("dev.kiroku.gateway", "dev.kiroku.platform.problem")),
    ("REST endpoint and its cache (Quarkus REST, catalog code, Redis)",
     ("org.jboss.resteasy", "io.quarkus.resteasy", "dev.kiroku.catalog", "io.quarkus.redis")),
    ("metrics (Micrometer)", ("io.micrometer", "io.quarkus.micrometer")),
]

def stage(frames):
    for frame in frames:
        name = frame_name(frame)
        for label, prefixes in STAGES:
            if name.startswith(prefixes):
                return label
    return "none of these (HTTP server, routing, event loop, other threads)"

samples = [e["values"] for e in events if e["type"] == "jdk.ExecutionSample"]
hot, components, threads = collections.Counter(), collections.Counter(), collections.Counter()
stages, truncated = collections.Counter(), 0
for s in samples:
    trace = s.get("stackTrace") or {}
    frames = trace.get("frames") or []
    truncated += bool(trace.get("truncated"))
    if frames:
        hot[frame_name(frames[0])] += 1
    components[component(frames)] += 1
    stages[stage(frames)] += 1
    thread = (s.get("sampledThread") or {}).get("javaName") or "?"
    threads[thread.rstrip("0123456789")] += 1
n = len(samples) or 1
print(f"    execution samples: {len(samples)} ({', '.join(f'{t}* {c * 100 / n:.0f}%' for t, c in threads.most_common(4))}; "
      f"{truncated * 100 / n:.0f}% of the stacks truncated)")
print(f"    top {top} methods (top frame):")
for name, count in hot.most_common(top):
    print(f"      {count * 100 / n:5.1f}%  {name}")
print("    samples by component (frame nearest the top of the stack):")
for label, count in components.most_common():
    print(f"      {count * 100 / n:5.1f}%  {label}")
print("    samples by stage of the request (stage nearest the top of the stack):")
for label, count in stages.most_common():
    print(f"      {count * 100 / n:5.1f}%  {label}")

allocated = sum(e["values"].get("weight", 0) for e in events if e["type"] == "jdk.ObjectAllocationSample")
if requests > 0 and allocated:
    print(f"    allocation (jdk.ObjectAllocationSample weights): {allocated / 2**20:.0f} MiB, about {allocated / requests / 1024:.1f} KiB per request")

def ms(value):  # JFR JSON durations: ISO-8601 "PT0.0012S" or nanoseconds
    if isinstance(value, (int, float)):
        return value / 1e6
    value = str(value)
    if value.startswith("PT") and value.endswith("S"):
        return float(value[2:-1]) * 1000
    return 0.0

gcs = [e["values"] for e in events if e["type"] == "jdk.GarbageCollection"]
if gcs:
    pauses = [ms(g.get("sumOfPauses")) for g in gcs]
    names = collections.Counter(f"{g.get('name')} ({g.get('cause')})" for g in gcs)
    print(f"    GC: {len(gcs)} collections, pauses total {sum(pauses):.1f} ms, longest {max(pauses):.1f} ms, "
          f"mean {sum(pauses) / len(pauses):.2f} ms; " + ", ".join(f"{c} x {k}" for k, c in names.most_common(3)))
else:
    print("    GC: no collection during the recording")
PY
)

bench_gateway() {
  wait_ready "$GW_CATALOG_URL/q/health/ready"
  wait_ready "$GW_URL/q/health/ready"
  command -v redis-cli >/dev/null || die "redis-cli is missing (apt-get install redis-tools)"
  local catalog="$GW_CATALOG_URL/api/v1/catalog" token id
  token="$(demo_token alice)"

  # 1. The item: MAL 32281 (anime.csv imported through catalog-service when the catalog lacks it).
  if ! id="$(curl -fsS -H "Authorization: Bearer $token" "$catalog/media/by-external/mal/32281?fetch=false" 2>/dev/null |
    python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])' 2>/dev/null)"; then
    echo "Importing anime.csv into the catalog..." >&2
    import_anime_csv
    local pending i
    for i in $(seq 1 120); do # the import's events relayed (as catalog.sh waits)
      pending="$(psql -q -t -A -h "${BENCH_PG_HOST:-127.0.0.1}" -U "${BENCH_PG_USER:-postgres}" -d catalog \
        -c "SELECT count(*) FROM outbox_event WHERE published_at IS NULL")"
      [ "${pending:-1}" = 0 ] && break
      sleep 1
    done
    id="$(curl -fsS -H "Authorization: Bearer $token" "$catalog/media/by-external/mal/32281?fetch=false" |
      python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')" || die "mal 32281 not found after the import"
  fi
  local path="/api/v1/catalog/media/$id"
  curl -fsS -o /dev/null -H "Authorization: Bearer $token" "$GW_CATALOG_URL$path" # fills the cache

  local reads_limit="${BENCH_GATEWAY_READS_LIMIT:-60000000}"
  local cold="${BENCH_GATEWAY_COLD_SECONDS:-10}" warmup="${BENCH_GATEWAY_WARMUP:-300}"
  local rounds="${BENCH_GATEWAY_ROUNDS:-2}"
  local jfr_warmup="${BENCH_GATEWAY_JFR_WARMUP:-120}" jfr_seconds="${BENCH_GATEWAY_JFR_SECONDS:-20}"
  local jfr_dir="${BENCH_GATEWAY_JFR_DIR:-}"
  [ -n "$jfr_dir" ] || jfr_dir="$(mktemp -d /tmp/kiroku-bench-gateway.XXXXXX)"
  mkdir -p "$jfr_dir"
  local policy_before; policy_before="$(gateway_rate_headers "$GW_URL$path" "$token")"
  policy_before="${policy_before%% |*}"

  GW_TOKEN="$token" GW_PID=""
  GW_CATALOG_PID="$(ss -Hltnp 'sport = :8081' | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -1)"
  GW_REDIS_PID="$(ss -Hltnp "sport = :6379" | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -1)"
  [ -n "$GW_CATALOG_PID" ] || die "no process listens on 8081"

  print_header
  local quiet="${BENCH_GATEWAY_QUIET_WAIT:-120}" busy
  busy="$(gateway_wait_quiet "$quiet")"
  print_row "  machine at rest before the run" "" "" "" "busy $busy of $(nproc) cores over 2 s (waited at most ${quiet} s for < 0.5)"
  # catalog-service warm before the gateway's cold start (the cold row is the gateway's): direct,
  # then its HTTP/2 server path (the gateway's client speaks HTTP/2) through a first gateway
  # restarted with the budget, then the gateway restarted again for its cold start.
  gateway_warm_compiled "$warmup" "$GW_CATALOG_URL$path" "catalog-service warm-up, direct" "$GW_CATALOG_PID"

  # 2. Only the gateway restarted, with a reads budget for the run (limits on); back at the end.
  GW_RESTORE_PENDING=1
  trap gateway_restore EXIT
  trap 'exit 130' INT TERM
  gateway_restart KIROKU_GATEWAY_RATE_LIMIT_ENABLED=true \
    KIROKU_GATEWAY_RATE_LIMIT_CLASSES_READS_LIMIT="$reads_limit"
  GW_PID="$(gateway_pid)" || die "the restarted gateway has no pid"
  gateway_warm_compiled "$warmup" "$GW_URL$path" "catalog-service warm-up, via a gateway" "$GW_CATALOG_PID"
  gateway_restart KIROKU_GATEWAY_RATE_LIMIT_ENABLED=true \
    KIROKU_GATEWAY_RATE_LIMIT_CLASSES_READS_LIMIT="$reads_limit"
  GW_PID="$(gateway_pid)" || die "the restarted gateway has no pid"

  # 3. Cold: the first seconds after the restart, no warm-up.
  # (wrk's timeout 10 s, not 2: the first answers are slow, and their latency is the figure)
  gateway_wrk "gateway, cold: first ${cold} s after restart" "$cold" "$GW_URL$path" --timeout 10s
  local headers; headers="$(gateway_rate_headers "$GW_URL$path" "$token")"
  [[ $headers == *"q=$reads_limit;"*" | "*";r="*";t="* ]] && [[ $headers != *";t=0" ]] ||
    die "the gateway's answer lacks checked rate-limit headers (got: '${headers}'; expected q=$reads_limit)"
  print_row "  rate limits on, checked (one answer)" "" "" "" "RateLimit-Policy: ${headers%% |*}; RateLimit: ${headers##*| } (normal budget: ${policy_before:-no RateLimit-Policy})"

  # 4. Warm: direct and through the gateway in turn.
  gateway_warm_compiled "$warmup" "$GW_URL$path" "gateway warm-up" "$GW_PID"
  local round direct50 direct99
  for ((round = 1; round <= rounds; round++)); do
    gateway_warm "$BENCH_WARMUP" "$GW_CATALOG_URL$path"
    gateway_wrk "r$round: catalog GET /media/{id} cached, direct" "$BENCH_SECONDS" "$GW_CATALOG_URL$path"
    direct50="$GW_P50" direct99="$GW_P99"
    gateway_warm "$BENCH_WARMUP" "$GW_URL$path"
    gateway_wrk "r$round: the same through the gateway" "$BENCH_SECONDS" "$GW_URL$path"
    gateway_added "$round" "$direct50" "$direct99"
  done

  # 5. JFR of both JVMs during one more warm gateway row. JFR's own start (its classes loaded and
  # compiled: seconds of CPU in each JVM) happens in the warm-up, with a recording thrown away.
  # Settings: the JDK's profile.jfc without the events that copy the process's environment.
  local recorded=0 settings="$jfr_dir/profile-without-environment.jfc" pid
  local jdk_home; jdk_home="$(dirname "$(dirname "$(readlink -f "$(command -v jcmd 2>/dev/null || echo /nonexistent)")")")"
  if [ -f "$jdk_home/lib/jfr/profile.jfc" ]; then
    python3 - "$jdk_home/lib/jfr/profile.jfc" "$settings" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
for event in ("jdk.InitialEnvironmentVariable", "jdk.InitialSystemProperty", "jdk.SystemProcess"):
    text = re.sub(r'(<event name="%s">\s*<setting name="enabled">)true' % re.escape(event), r"\1false", text)
open(sys.argv[2], "w").write(text)
PY
    rm -f "$jfr_dir/gateway.jfr" "$jfr_dir/catalog-service.jfr"
    # the warm-up's recording runs on until after the measured one: the same settings throughout,
    # so starting and stopping the measured one changes nothing in the running code
    # deeper stacks than JFR's 64 frames (the gateway's handler chains are deeper), in the gateway
    # only: JFR never ran in it since its restart above. Never in a JVM where JFR ran before: on
    # JDK 17.0.15, catalog-service died ("double free or corruption") seconds after that.
    jcmd "$GW_PID" JFR.configure stackdepth=256 >/dev/null || true
    for pid in "$GW_PID" "$GW_CATALOG_PID"; do
      jcmd "$pid" JFR.start name=kiroku-bench-warmup settings="$settings" >/dev/null || true
    done
    # JFR's start recompiles much of the running code: load until the gateway's JIT is quiet again
    gateway_warm_compiled "$jfr_warmup" "$GW_URL$path" "JFR started, warm-up" "$GW_PID"
    jcmd "$GW_PID" JFR.start name=kiroku-bench settings="$settings" filename="$jfr_dir/gateway.jfr" >/dev/null &&
      jcmd "$GW_CATALOG_PID" JFR.start name=kiroku-bench settings="$settings" filename="$jfr_dir/catalog-service.jfr" >/dev/null &&
      recorded=1
    gateway_wrk "through the gateway, JFR recording both JVMs" "$jfr_seconds" "$GW_URL$path"
    for pid in "$GW_PID" "$GW_CATALOG_PID"; do
      jcmd "$pid" JFR.stop name=kiroku-bench >/dev/null || true
      jcmd "$pid" JFR.stop name=kiroku-bench-warmup >/dev/null || true
    done
  fi
  local requests="$GW_REQUESTS"

  gateway_restore
  local restored; restored="$(gateway_rate_headers "$GW_URL$path" "$token")"
  restored="${restored%% |*}"
  print_row "  normal gateway restored" "" "" "" "RateLimit-Policy: ${restored:-none} (before the run: ${policy_before:-none})"
  [ "$restored" = "$policy_before" ] || die "the restored gateway's RateLimit-Policy ($restored) differs from before the run ($policy_before)"

  if [ "$recorded" = 1 ] && [ -s "$jfr_dir/gateway.jfr" ]; then
    local name
    for name in gateway catalog-service; do
      echo
      echo "JFR, $name, $requests requests through the gateway: $jfr_dir/$name.jfr"
      gateway_jfr_summary "$jfr_dir/$name.jfr" "$requests" || echo "    (no summary: jfr print failed)"
    done
  else
    print_row "  JFR" "" "" "" "skipped: jcmd missing or JFR.start failed"
  fi
}
