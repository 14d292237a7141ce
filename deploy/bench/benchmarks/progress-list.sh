# progress-service: GET /api/v1/progress/entries?limit=40 (a page of 40, newest update first, with
# the counts per status) of a 1,000-entry library, direct to the service with a real Keycloak
# token, at BENCH_CONNECTIONS connections; next to it the floor of an authenticated GET that runs
# one trivial query (GET /settings) in the same run, and the CPU the service and its PostgreSQL
# backends spent per request.
#
# The library: BENCH_LIST_ENTRIES (1,000) real anime (as the progress benchmark: anime.csv through
# catalog-service) for the Keycloak user bench-list, with statuses, progress, ratings and a few
# private entries as in real lists. It is written with PUTs interleaved with the same number of
# entries of BENCH_LIST_USERS - 1 other users (bench-list-2, ...), so its rows are spread over
# the table's pages as after months of use (each page holds rows of ~16 users), not packed
# together as a fresh import would leave them; the run prints how many pages hold them. Seeded
# once per database (when bench-list has fewer entries), then VACUUM (ANALYZE) and CHECKPOINT, as
# autovacuum would (these machines run PostgreSQL with autovacuum off), and a warm-up of
# BENCH_LIST_WARMUP seconds (60) of the list before anything is measured.
#
# Runs against whatever progress-service jar listens on 8082 (deploy/bench/progress-jar swaps it):
# the same script measures before and after a change. BENCH_PROGRESS_DB names its database.
# shellcheck source=progress.sh
source "$BENCH_DIR/benchmarks/progress.sh"

# cpu_load NAME URL TOKEN [SECONDS]: one measured wrk run (after BENCH_WARMUP s) with the service's
# and its PostgreSQL backends' CPU per request in the notes.
cpu_load() {
  local name="$1" url="$2" token="$3"
  wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_WARMUP}s" -H "Authorization: Bearer $token" "$url" >/dev/null
  # the pool's connections exist after the warm-up
  local pids; pids=($(progress_pids))
  [ -n "${pids[0]:-}" ] || die "no process listens on 8082"
  local cpu_before; cpu_before="$(pids_cpu_ticks "${pids[0]}") $(pids_cpu_ticks "${pids[@]:1}")"
  local ticks_before; ticks_before="$(cpu_ticks)"
  local out; out="$(wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_SECONDS}s" -s "$BENCH_DIR/report.lua" -H "Authorization: Bearer $token" "$url")"
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

bench_progress_list() {
  local base=http://127.0.0.1:8082
  wait_ready "$base/q/health/ready"
  wait_ready http://127.0.0.1:8081/q/health/ready
  local size="${BENCH_LIST_ENTRIES:-1000}" users="${BENCH_LIST_USERS:-16}"
  local demo="$REPO_ROOT/deploy/local/demo.py"
  local work; work="$(mktemp -d)"

  # 1. Real anime, and the users (created in Keycloak when missing; bench-list is measured).
  progress_anime_lua "$size" "$work/media.lua"
  local names=(bench-list) i
  for ((i = 2; i <= users; i++)); do names+=("bench-list-$i"); done
  local tokens=() name token
  for name in "${names[@]}"; do
    token="$(python3 "$demo" user "$name")" || die "cannot create the Keycloak user $name"
    tokens+=("$token")
  done
  local sub; sub="$(python3 -c 'import sys,json,base64; p=sys.argv[1].split(".")[1]; print(json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))["sub"])' "${tokens[0]}")"

  # 2. Seed (once per database): entry k of every user, then entry k + 1, ... so the users' rows
  # share pages. Statuses as in real lists: 40 % completed (history up to the last episode), 25 %
  # planning, 15 % watching (episode 1-12), 10 % dropped, 10 % paused; 60 % rated; 2 % private.
  local have; have="$(progress_psql -c "SELECT count(*) FROM library_entry WHERE user_id = '$sub'")"
  if [ "${have:-0}" -lt "$size" ]; then
    {
      echo "local media = dofile(\"$work/media.lua\")"
      printf 'local tokens = {'
      printf '"%s",' "${tokens[@]}"
      echo '}'
      cat <<LUA
local total = $size * #tokens
local i = -1 -- wrk calls request() once before the run, to check it: that call gets no PUT
local statuses = {"COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED",
  "PLANNING", "PLANNING", "PLANNING", "PLANNING", "PLANNING", "WATCHING", "WATCHING", "WATCHING",
  "DROPPED", "DROPPED", "PAUSED", "PAUSED"}
request = function()
  if i < 0 or i >= total then i = math.max(i, 0); return wrk.format("GET", "/q/health/live") end
  local u = i % #tokens
  local k = math.floor(i / #tokens)
  i = i + 1
  local status = statuses[1 + (k * 7 + u) % #statuses]
  local body = '{"status":"' .. status .. '"'
  if status == "WATCHING" then body = body .. ',"progress":{"episode":' .. (1 + k % 12) .. '}' end
  if k % 5 < 3 then body = body .. ',"rating":{"value":' .. (1 + (k + u) % 10) .. ',"scale":"POINT_10"}' end
  if k % 50 == 7 then body = body .. ',"private":true' end
  body = body .. '}'
  return wrk.format("PUT", "/api/v1/progress/entries/" .. media[1 + k], {["Authorization"] = "Bearer " .. tokens[1 + u],
    ["Content-Type"] = "application/json"}, body)
end
response = function(status, headers, body)
  if i >= total then wrk.thread:stop() end
end
LUA
    } >"$work/seed.lua"
    echo "Seeding $size entries for each of ${#names[@]} users ($((size * ${#names[@]})) PUTs)..." >&2
    # wrk's thread stops after the last PUT, but wrk itself only at -d: stopped here once the
    # measured user's library is complete (at most 600 s)
    wrk -t1 -c"$BENCH_CONNECTIONS" -d600s -s "$work/seed.lua" "$base" >/dev/null &
    local seeder=$!
    local last=-1 still=0
    for i in $(seq 1 300); do
      have="$(progress_psql -c "SELECT count(*) FROM library_entry WHERE user_id = '$sub'")"
      [ "${have:-0}" -ge "$size" ] && break
      kill -0 "$seeder" 2>/dev/null || break
      if [ "$have" = "$last" ]; then still=$((still + 1)); else still=0; fi
      [ "$still" -ge 10 ] && break # no progress for 20 s: some PUTs failed
      last="$have"
      sleep 2
    done
    sleep 2 # the other users' last PUTs
    kill "$seeder" 2>/dev/null || true
    wait "$seeder" 2>/dev/null || true
    [ "${have:-0}" -ge "$size" ] || die "seeding left bench-list with $have of $size entries"
  fi
  # 3. Vacuum what the seeding (and earlier runs) dirtied, as autovacuum would; V11's tables when
  # the running jar has them.
  local tables="library_entry, episode_history, outbox_event, media_projection, user_setting"
  [ "$(progress_psql -c "SELECT count(*) FROM pg_class WHERE relname = 'library_entry_order'")" = 1 ] \
    && tables="$tables, library_entry_order, library_count"
  progress_psql -c "VACUUM (ANALYZE) $tables" -c "CHECKPOINT" >/dev/null
  local spread; spread="$(progress_psql -c "SELECT count(*), count(DISTINCT (ctid::text::point)[0]), (SELECT relpages FROM pg_class WHERE relname = 'library_entry') FROM library_entry WHERE user_id = '$sub'")"
  local entries pages relpages
  IFS='|' read -r entries pages relpages <<<"$spread"

  # 4. Warm-up (JIT), then the floor and the list, each after BENCH_WARMUP more seconds.
  token="$(python3 "$demo" user bench-list)" # fresh: 15-minute tokens
  wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_LIST_WARMUP:-60}s" -H "Authorization: Bearer $token" \
    "$base/api/v1/progress/entries?limit=40" >/dev/null
  print_header
  cpu_load "floor: GET /settings, direct (token + 1 query)" "$base/api/v1/progress/settings" "$token"
  cpu_load "GET /entries?limit=40, direct (token)" "$base/api/v1/progress/entries?limit=40" "$token"
  print_row "  the library listed" "" "" "" \
    "$entries entries of bench-list on $pages of the table's $relpages pages (users interleaved: $users)"
  rm -rf "$work"
}
