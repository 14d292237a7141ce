# Shared helpers for deploy/bench/run and the files in deploy/bench/benchmarks.
# A benchmark file NAME.sh defines a function bench_NAME that calls http_load (or its own tool)
# and prints result rows with print_row.

die() { echo "bench: $*" >&2; exit 1; }

require_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v pgbench >/dev/null || missing+=(postgresql-contrib)
  command -v redis-benchmark >/dev/null || missing+=(redis-tools)
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "Installing ${missing[*]} from Debian's packages..." >&2
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      die "missing tools: ${missing[*]} (install them, e.g. apt-get install ${missing[*]})"
    fi
  fi
}

# cpu_ticks: "steal total" jiffies of all CPUs from /proc/stat (empty off Linux).
cpu_ticks() {
  awk '/^cpu /{t = 0; for (i = 2; i <= NF; i++) t += $i; print $9, t; exit}' /proc/stat 2>/dev/null || true
}

# steal_note BEFORE AFTER: ", steal N%": the share of CPU time the hypervisor gave to other
# machines while the load ran (a shared host's noise; figures under high steal are not comparable).
steal_note() {
  local s0 t0 s1 t1
  read -r s0 t0 <<<"$1"
  read -r s1 t1 <<<"$2"
  [ -n "${t1:-}" ] && [ -n "${t0:-}" ] && [ "$t1" -gt "$t0" ] || return 0
  awk -v s="$((s1 - s0))" -v t="$((t1 - t0))" 'BEGIN { printf ", steal %.0f%%", 100 * s / t }'
}

# print_row NAME REQ_PER_S P50_MS P99_MS NOTE
print_row() {
  printf '| %-44s | %12s | %9s | %9s | %s\n' "$1" "$2" "$3" "$4" "${5:-}"
}

print_header() {
  printf '| %-44s | %12s | %9s | %9s | %s\n' "what" "per second" "p50 ms" "p99 ms" "notes"
}

# Runs pgbench's single-row upsert (INSERT ... ON CONFLICT DO UPDATE), 8 clients, on a scratch
# database that is dropped afterwards.
anchor_pgbench_upsert() {
  local db="kiroku_bench_$$" user="${BENCH_PG_USER:-postgres}" host="${BENCH_PG_HOST:-127.0.0.1}"
  local script; script="$(mktemp)"
  cat >"$script" <<'SQL'
\set uid random(1, 100000)
\set mid random(1, 10000)
\set sc random(1, 10)
INSERT INTO user_media_rating (user_id, media_id, score) VALUES (:uid, :mid, :sc)
  ON CONFLICT (user_id, media_id) DO UPDATE SET score = EXCLUDED.score, updated_at = now();
SQL
  psql -q -h "$host" -U "$user" -d postgres -c "CREATE DATABASE $db" >/dev/null
  psql -q -h "$host" -U "$user" -d "$db" -c "CREATE TABLE user_media_rating (id bigserial PRIMARY KEY,
      user_id bigint NOT NULL, media_id bigint NOT NULL, score int NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(), UNIQUE (user_id, media_id))" >/dev/null
  local out tps lat
  local ticks_before; ticks_before="$(cpu_ticks)"
  out="$(pgbench -h "$host" -U "$user" -n -f "$script" -c 8 -j 2 -T "$BENCH_SECONDS" "$db" 2>&1)"
  local steal; steal="$(steal_note "$ticks_before" "$(cpu_ticks)")"
  psql -q -h "$host" -U "$user" -d postgres -c "DROP DATABASE $db WITH (FORCE)" >/dev/null
  rm -f "$script"
  tps="$(awk '/^tps/{printf "%.0f", $3; exit}' <<<"$out")"
  lat="$(awk '/latency average/{print $4; exit}' <<<"$out")"
  print_header
  print_row "pgbench upsert, 8 clients (TPS)" "$tps" "avg $lat" "" "PostgreSQL INSERT ... ON CONFLICT, fsync on$steal"
}

anchor_redis_get() {
  # CSV columns: test, rps, avg, min, p50, p95, p99, max (ms)
  local row rps p50 p99
  row="$(redis-benchmark -h "${BENCH_REDIS_HOST:-127.0.0.1}" -t get -n 200000 -c 50 -q --csv 2>/dev/null \
    | tail -1 | tr -d '"')"
  IFS=, read -r _ rps _ _ p50 _ p99 _ <<<"$row"
  print_row "redis-benchmark GET, 50 clients" "${rps%.*}" "$p50" "$p99" "no pipelining"
}

# http_load NAME URL [HEADER...]: wrk for BENCH_WARMUP seconds (discarded), then for
# BENCH_SECONDS with BENCH_CONNECTIONS; prints one row.
# Fails the run if any request errored or answered non-2xx.
http_load() {
  local name="$1" url="$2"; shift 2
  local args=() header
  for header in "$@"; do args+=(-H "$header"); done
  local out
  # Warm-up (JIT, connection pools), not measured.
  wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_WARMUP}s" "${args[@]}" "$url" >/dev/null
  local ticks_before; ticks_before="$(cpu_ticks)"
  out="$(wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_SECONDS}s" -s "$BENCH_DIR/report.lua" "${args[@]}" "$url")"
  local steal; steal="$(steal_note "$ticks_before" "$(cpu_ticks)")"
  local result; result="$(grep '^RESULT' <<<"$out")" || die "wrk printed no result for $name: $out"
  local rps p50 p99 errors
  rps="$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$result")"
  p50="$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$result")"
  p99="$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$result")"
  errors="$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$result")"
  print_row "$name" "${rps%.*}" "$p50" "$p99" "c=$BENCH_CONNECTIONS, ${BENCH_SECONDS}s, errors=$errors$steal"
  [ "$errors" = 0 ] || die "$name: $errors requests failed or answered non-2xx"
}

# wait_ready URL: the suite must be up before a benchmark runs.
wait_ready() {
  curl -fsS -o /dev/null --max-time 5 "$1" || die "$1 is not ready; start the suite with deploy/local/kiroku up"
}

# demo_token USER: a real access token from the local Keycloak (password grant, client kiroku-web).
demo_token() {
  curl -fsS -d grant_type=password -d client_id=kiroku-web -d username="$1" -d password="$1" \
    http://127.0.0.1:8180/realms/kiroku/protocol/openid-connect/token \
    | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])'
}

# import_anime_csv: the admin imports the real anime.csv (BENCH_DATASETS, default
# <repo>/../shared/datasets) through catalog-service; the caller waits for what it needs of it.
import_anime_csv() {
  local datasets="${BENCH_DATASETS:-$REPO_ROOT/../shared/datasets}"
  [ -f "$datasets/anime-recommendations-database/anime.csv" ] || die "datasets not found in $datasets (set BENCH_DATASETS)"
  curl -fsS -o /dev/null -H "Authorization: Bearer $(demo_token admin)" \
    -F "file=@$datasets/anime-recommendations-database/anime.csv" \
    "http://127.0.0.1:8081/api/v1/catalog/admin/imports?format=anime-csv" || die "anime.csv import failed"
}

# pids_cpu_ticks PID...: utime + stime of these processes, in clock ticks (0 for gone ones).
pids_cpu_ticks() {
  local pid total=0 stat fields
  for pid in "$@"; do
    stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || continue
    read -r -a fields <<<"${stat##*) }"
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}

# cpu_per_request "SERVICE_TICKS PG_TICKS" (before) "..." (after) REQUESTS SECONDS: the note.
cpu_per_request() {
  awk -v b="$1" -v a="$2" -v n="$3" -v t="$4" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    split(b, x, " "); split(a, y, " "); s = y[1] - x[1]; p = y[2] - x[2]
    if (n > 0) printf ", CPU per request: service %.0f us, PostgreSQL %.0f us (cores: %.2f + %.2f)",
      s / hz * 1e6 / n, p / hz * 1e6 / n, s / hz / t, p / hz / t }'
}

# service_pids PORT DATABASE: the pid of the process listening on PORT, then the client backends
# of DATABASE (the service's pool).
service_pids() {
  ss -Hltnp "sport = :$1" | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -1
  psql -q -t -A -h "${BENCH_PG_HOST:-127.0.0.1}" -U "${BENCH_PG_USER:-postgres}" -d "$2" \
    -c "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
}

# cpu_wrk NAME PORT DATABASE URL [WRK ARGS...]: one measured wrk run (after BENCH_WARMUP s of the
# same load), printed as a row with the service's and its PostgreSQL backends' CPU per request.
# WRK ARGS are passed to both runs (e.g. -H "Authorization: Bearer ..." or -s SCRIPT); a script
# given with -s must print report.lua's RESULT line (append report.lua to it).
cpu_wrk() {
  local name="$1" port="$2" db="$3" url="$4"
  shift 4
  local args=("$@") script=()
  [[ " ${args[*]} " == *" -s "* ]] || script=(-s "$BENCH_DIR/report.lua")
  # CPU_WRK_WARMUP=0: the caller warmed up itself (e.g. with state to reset in between)
  [ "${CPU_WRK_WARMUP:-1}" = 0 ] ||
    wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_WARMUP}s" "${args[@]}" "$url" >/dev/null
  local pids; pids=($(service_pids "$port" "$db"))
  [ -n "${pids[0]:-}" ] || die "no process listens on $port"
  local cpu_before; cpu_before="$(pids_cpu_ticks "${pids[0]}") $(pids_cpu_ticks "${pids[@]:1}")"
  local ticks_before; ticks_before="$(cpu_ticks)"
  local out; out="$(wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_SECONDS}s" "${script[@]}" "${args[@]}" "$url")"
  local cpu_after; cpu_after="$(pids_cpu_ticks "${pids[0]}") $(pids_cpu_ticks "${pids[@]:1}")"
  local steal; steal="$(steal_note "$ticks_before" "$(cpu_ticks)")"
  local result; result="$(grep '^RESULT' <<<"$out")" || die "wrk printed no result for $name: $out"
  local requests rps p50 p99 errors
  requests="$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$result")"
  rps="$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$result")"
  p50="$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$result")"
  p99="$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$result")"
  errors="$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$result")"
  local cpu; cpu="$(cpu_per_request "$cpu_before" "$cpu_after" "$requests" "$BENCH_SECONDS")"
  print_row "$name" "${rps%.*}" "$p50" "$p99" "c=$BENCH_CONNECTIONS, ${BENCH_SECONDS}s, errors=$errors$cpu$steal"
  [ "$errors" = 0 ] || die "$name: $errors requests failed or answered non-2xx"
}
