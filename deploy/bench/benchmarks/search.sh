# search-service with ~32,000 catalog items (anime.csv + MovieLens + goodbooks-10k):
#   - seeds catalog.media.v1 through catalog-service's dataset import when the index holds fewer
#     than BENCH_SEARCH_MIN_ITEMS (default 30000) items, then waits for the index to catch up;
#   - GET /api/v1/search, direct to the service with a real token, 16 connections, rotating through
#     the 222 real queries of search-service's relevance test (typos, prefixes, punctuation,
#     romanized/English/native titles; about 20% misspelled);
#   - the same queries, each with page sizes 1-50 in turn (11,100 distinct requests), so that
#     answers are computed rather than served from the service's cache of recent answers;
#   - GET /api/v1/search/suggest, 16 connections, prefixes of 1-6 characters of those queries;
#   - the floor of that HTTP path (token check, validation, JSON; no Lucene work), for context;
#   - a full rebuild from the topic (POST /api/v1/search/admin/rebuild as admin), timed by the
#     service (build aside + swap).
bench_search() {
  local search=http://127.0.0.1:8085
  local datasets="${BENCH_DATASETS:-$REPO_ROOT/../shared/datasets}"
  local queries="$REPO_ROOT/search-service/src/test/resources/relevance-queries.tsv"
  local min_items="${BENCH_SEARCH_MIN_ITEMS:-30000}"
  local connections="${BENCH_SEARCH_CONNECTIONS:-16}"
  wait_ready "$search/q/health/ready"
  local token admin; token="$(demo_token alice)"; admin="$(demo_token admin)"

  local items; items="$(search_index_items)"
  if [ "${items:-0}" -lt "$min_items" ]; then
    wait_ready http://127.0.0.1:8081/q/health/ready
    echo "Index holds ${items:-0} items; importing the datasets through catalog-service..." >&2
    local base=http://127.0.0.1:8081/api/v1/catalog/admin/imports
    curl -fsS -o /dev/null -H "Authorization: Bearer $admin" "$base?format=anime-csv" \
      -F "file=@$datasets/anime-recommendations-database/anime.csv" || die "anime.csv import failed"
    curl -fsS -o /dev/null -H "Authorization: Bearer $admin" "$base?format=movielens" \
      -F "movies=@$datasets/movielens-ml-latest-small/movies.csv" \
      -F "links=@$datasets/movielens-ml-latest-small/links.csv" || die "MovieLens import failed"
    curl -fsS -o /dev/null -H "Authorization: Bearer $admin" "$base?format=goodbooks-csv" \
      -F "file=@$datasets/goodbooks-10k/books.csv" || die "goodbooks import failed"
    local waited=0
    while items="$(search_index_items)"; [ "${items:-0}" -lt "$min_items" ]; do
      [ "$waited" -lt 300 ] || die "search index holds ${items:-0} items after 300 s (want $min_items)"
      sleep 2; waited=$((waited + 2))
    done
    # The import goes on past the threshold: measure once the index stopped growing.
    local previous=0
    while [ "$items" != "$previous" ]; do
      [ "$waited" -lt 300 ] || die "search index still growing after 300 s ($items items)"
      previous="$items"; sleep 5; waited=$((waited + 5)); items="$(search_index_items)"
    done
  fi

  print_header
  print_row "search index size (items)" "$items" "" "" "from catalog.media.v1"
  # Floor of the HTTP path: token verification, validation and JSON, no Lucene work (a query of
  # punctuation only is answered empty before touching the index).
  local lua; lua="$(mktemp --suffix=.lua)"
  { echo 'request = function() return wrk.format("GET", "/api/v1/search?q=%21%21") end'
    cat "$BENCH_DIR/report.lua"; } >"$lua"
  search_load "floor: GET /api/v1/search?q=!! (no Lucene)" "$search" "$lua" "$connections" \
    "Authorization: Bearer $token"
  search_paths_lua "$queries" search >"$lua"
  search_load "GET /api/v1/search, mixed real queries" "$search" "$lua" "$connections" \
    "Authorization: Bearer $token"
  search_paths_lua "$queries" search-sizes >"$lua"
  search_load "GET /api/v1/search, sizes 1-50 (uncached)" "$search" "$lua" "$connections" \
    "Authorization: Bearer $token"
  search_paths_lua "$queries" suggest >"$lua"
  search_load "GET /api/v1/search/suggest, prefixes 1-6" "$search" "$lua" "$connections" \
    "Authorization: Bearer $token"
  rm -f "$lua"

  # Full rebuild from the topic: the service times it (build aside, then swap).
  admin="$(demo_token admin)"
  curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $admin" "$search/api/v1/search/admin/rebuild" \
    || die "rebuild did not start"
  local status state waited=0
  while :; do
    status="$(curl -fsS -H "Authorization: Bearer $admin" "$search/api/v1/search/admin/rebuild")"
    state="$(python3 -c 'import sys,json;print(json.load(sys.stdin)["state"])' <<<"$status")"
    [ "$state" = RUNNING ] || break
    [ "$waited" -lt 600 ] || die "rebuild still running after 600 s"
    sleep 1; waited=$((waited + 1))
  done
  [ "$state" = DONE ] || die "rebuild $state: $status"
  python3 - "$status" <<'PY'
import json, sys
s = json.loads(sys.argv[1])
print(f"| {'full rebuild from catalog.media.v1':<44} | {'':>12} | {'':>9} | {'':>9} | "
      f"{s['durationMs'] / 1000:.1f} s for {s['documents']} items (build aside + swap, search kept answering)")
PY
}

# CPU time (user + system, clock ticks) of the local suite's search-service process; empty when
# it is not running from this checkout's suite (e.g. a remote target).
search_cpu_ticks() {
  local pid; pid="$(cat "${KIROKU_STATE:-$REPO_ROOT/.kiroku}/run/search-service.pid" 2>/dev/null)" || return 0
  awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true
}

# Items in this replica's index, from its readiness check.
search_index_items() {
  curl -fsS --max-time 5 http://127.0.0.1:8085/q/health/ready 2>/dev/null | python3 -c '
import sys, json
for c in json.load(sys.stdin)["checks"]:
    if "replay" in c["name"]:
        print(c.get("data", {}).get("documents", 0))' || echo 0
}

# search_paths_lua QUERIES_TSV search|search-sizes|suggest: a wrk script cycling through request
# paths (search-sizes: every query with size=1, then every query with size=2, ... up to 50).
search_paths_lua() {
  python3 - "$1" "$2" <<'PY'
import sys, urllib.parse
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")
        if l.strip() and not l.startswith("#")]
paths = []
if sys.argv[2] == "search-sizes":
    for size in range(1, 51):
        for row in rows:
            paths.append("/api/v1/search?q=%s&size=%d" % (urllib.parse.quote(row[1]), size))
for i, row in enumerate(rows):
    q = row[1]
    if sys.argv[2] == "search":
        paths.append("/api/v1/search?q=" + urllib.parse.quote(q))
    elif sys.argv[2] == "suggest":
        paths.append("/api/v1/search/suggest?q=" + urllib.parse.quote(q[: 1 + i % 6]))
print("paths = {" + ",".join('"%s"' % p for p in paths) + "}")
print("""
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
""")
PY
  cat "$BENCH_DIR/report.lua"
}

# search_load NAME BASE_URL LUA CONNECTIONS HEADER: like http_load, with a path-rotating script.
search_load() {
  local name="$1" base="$2" lua="$3" connections="$4" header="$5"
  wrk -t"$BENCH_THREADS" -c"$connections" -d"${BENCH_WARMUP}s" -s "$lua" -H "$header" "$base" >/dev/null
  local out result rps p50 p99 errors requests cpu_before cpu_after cpu=""
  cpu_before="$(search_cpu_ticks)"
  local ticks_before; ticks_before="$(cpu_ticks)"
  out="$(wrk -t"$BENCH_THREADS" -c"$connections" -d"${BENCH_SECONDS}s" -s "$lua" -H "$header" "$base")"
  local steal; steal="$(steal_note "$ticks_before" "$(cpu_ticks)")"
  cpu_after="$(search_cpu_ticks)"
  result="$(grep '^RESULT' <<<"$out")" || die "wrk printed no result for $name: $out"
  rps="$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$result")"
  p50="$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$result")"
  p99="$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$result")"
  errors="$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$result")"
  requests="$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$result")"
  if [ -n "$cpu_before" ] && [ -n "$cpu_after" ] && [ "${requests:-0}" -gt 0 ]; then
    cpu=", service CPU $(( (cpu_after - cpu_before) * 1000000 / $(getconf CLK_TCK) / requests )) µs/request"
  fi
  print_row "$name" "${rps%.*}" "$p50" "$p99" "c=$connections, ${BENCH_SECONDS}s, errors=$errors$cpu$steal"
  [ "$errors" = 0 ] || die "$name: $errors requests failed or answered non-2xx"
}
