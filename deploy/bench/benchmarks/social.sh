# social-service, direct to the service (8083) with real Keycloak tokens, at BENCH_CONNECTIONS
# connections, each row with the service's and its PostgreSQL backends' CPU per request:
#
# - the floor: GET /me (token + the caller's profile, one query);
# - GET /users/{handle}: a public profile with its 10 favorites, as another user sees it (the
#   profile, the viewer's relation to it and the favorites in one statement);
# - follow / unfollow: POST and DELETE /users/{handle}/follow, outbox included. BENCH_SOCIAL_FOLLOWERS
#   (32) Keycloak users follow BENCH_SOCIAL_TARGETS (500) public profiles, pair after pair, then
#   unfollow them in the same order, and again: every request is a write (a follow row inserted or
#   deleted, both users' counts, one event). The targets follow each other (40 each, 20,000 rows
#   for 500), so the follow table is never empty; the followers' follows are reset before the
#   warm-up and before the measured run; the row says how many follow rows the run inserted and
#   deleted;
# - a page of a 10,000-item list: GET /me/lists/{id}?limit=50 through all 200 pages (keyset
#   cursors collected once), at BENCH_CONNECTIONS connections and at 1 (a reader's latency).
#
# Seeded once per database: the target profiles (SQL, as social-service creates them on a first
# call), 10,000 anime in social-service's catalog projection (anime.csv imported through
# catalog-service when it lacks them), the list and its items (POSTs). VACUUM (ANALYZE) and
# CHECKPOINT before measuring, as autovacuum would (autovacuum is off on these machines).
# BENCH_SOCIAL_DB names the database (default social); BENCH_SOCIAL_WARMUP the follow path's
# warm-up (60 s).

social_psql() {
  psql -q -t -A -h "${BENCH_PG_HOST:-127.0.0.1}" -U "${BENCH_PG_USER:-postgres}" -d "${BENCH_SOCIAL_DB:-social}" "$@"
}

# social_follow_reset: no follow from the benchmark's followers; every count of the benchmark's
# users recounted from the follow rows; statistics as autovacuum would leave them.
social_follow_reset() {
  social_psql -c "DELETE FROM follow WHERE follower_id IN (SELECT user_id FROM profile WHERE handle LIKE 'bench\_social\_f%')" \
    -c "UPDATE profile p SET follower_count = (SELECT count(*) FROM follow f WHERE f.followed_id = p.user_id),
          following_count = (SELECT count(*) FROM follow f WHERE f.follower_id = p.user_id)
        WHERE p.user_id LIKE 'bench-target-%' OR p.handle LIKE 'bench\_social\_f%'" \
    -c "VACUUM (ANALYZE) follow, profile, outbox_event" >/dev/null
}

# social_follow_rows: "inserted deleted" rows of the follow table so far (statistics, ~1 s behind).
social_follow_rows() {
  social_psql -c "SELECT pg_stat_force_next_flush()" >/dev/null 2>&1 || true
  social_psql -c "SELECT n_tup_ins, n_tup_del FROM pg_stat_user_tables WHERE relname = 'follow'" | tr '|' ' '
}

bench_social() {
  local base=http://127.0.0.1:8083 db="${BENCH_SOCIAL_DB:-social}"
  wait_ready "$base/q/health/ready"
  wait_ready http://127.0.0.1:8081/q/health/ready
  local demo="$REPO_ROOT/deploy/local/demo.py"
  local followers="${BENCH_SOCIAL_FOLLOWERS:-32}" targets="${BENCH_SOCIAL_TARGETS:-500}"
  local list_size=10000 page=50
  local work; work="$(mktemp -d)"

  # 1. Users: the profile read, its viewer, the followers (Keycloak users; a first call creates
  # each profile), and the targets (profiles only).
  local owner viewer
  owner="$(python3 "$demo" user bench-social)" || die "cannot create the Keycloak user bench-social"
  viewer="$(python3 "$demo" user bench-social-viewer)" || die "cannot create bench-social-viewer"
  curl -fsS -o /dev/null -X PATCH -H "Authorization: Bearer $owner" -H 'Content-Type: application/json' \
    -d '{"handle": "bench_social", "displayName": "Bench Social", "bio": "A public profile read by the benchmark.", "avatarUrl": "https://img.example/bench.png"}' \
    "$base/api/v1/social/me" || die "cannot set up bench-social's profile"
  curl -fsS -o /dev/null -H "Authorization: Bearer $viewer" "$base/api/v1/social/me"
  local tokens=() i token
  for ((i = 1; i <= followers; i++)); do
    token="$(python3 "$demo" user "bench-social-f$i")" || die "cannot create bench-social-f$i"
    curl -fsS -o /dev/null -X PATCH -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "{\"handle\": \"bench_social_f$i\"}" "$base/api/v1/social/me" || die "cannot name bench-social-f$i"
    tokens+=("$token")
  done
  social_psql -c "INSERT INTO profile (user_id, handle, visibility, created_at, updated_at)
    SELECT 'bench-target-' || n, 'bench_target_' || n, 'PUBLIC', now(), now()
      FROM generate_series(1, $targets) n ON CONFLICT DO NOTHING" >/dev/null
  # a follow graph around them, as a live service has (each target follows 40 others): without
  # it the follow table is empty at every reset, and its statistics make PostgreSQL scan it
  social_psql -c "INSERT INTO follow (follower_id, followed_id, created_at)
    SELECT 'bench-target-' || a, 'bench-target-' || (1 + (a + d) % $targets), now()
      FROM generate_series(1, $targets) a, generate_series(1, 40) d ON CONFLICT DO NOTHING" >/dev/null

  # 2. The catalog projection: 10,000 anime (anime.csv through catalog-service when it lacks them).
  local have
  have="$(social_psql -c "SELECT count(*) FROM media_projection WHERE media_type = 'ANIME' AND NOT removed")"
  if [ "${have:-0}" -lt "$list_size" ]; then
    echo "Importing anime.csv into the catalog for social-service's projection..." >&2
    import_anime_csv
    for i in $(seq 1 120); do
      have="$(social_psql -c "SELECT count(*) FROM media_projection WHERE media_type = 'ANIME' AND NOT removed")"
      [ "${have:-0}" -ge "$list_size" ] && break
      sleep 2
    done
    [ "${have:-0}" -ge "$list_size" ] || die "social-service's projection holds $have anime, not $list_size"
  fi

  # The read profile's favorites: 10 anime, as a profile page shows them (every run: idempotent).
  local favorites
  favorites="$(social_psql -c "SELECT media_id FROM media_projection WHERE media_type = 'ANIME' AND NOT removed ORDER BY media_id LIMIT 10" |
    python3 -c 'import sys,json; print(json.dumps({"mediaIds": sys.stdin.read().split()}))')"
  curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $owner" -H 'Content-Type: application/json' \
    -d "$favorites" "$base/api/v1/social/me/favorites/ANIME" || die "cannot set bench-social's favorites"

  # 3. The list of 10,000 items (once per database), added by POSTs at the end of the list.
  local list
  list="$(curl -fsS -H "Authorization: Bearer $owner" "$base/api/v1/social/me/lists?limit=100" |
    python3 -c 'import sys,json; l=[x["id"] for x in json.load(sys.stdin)["lists"] if x["name"] == "Bench 10k"]; print(l[0] if l else "")')"
  if [ -z "$list" ]; then
    list="$(curl -fsS -X POST -H "Authorization: Bearer $owner" -H 'Content-Type: application/json' \
      -d '{"name": "Bench 10k", "visibility": "PUBLIC"}' "$base/api/v1/social/me/lists" |
      python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')" || die "cannot create the list"
  fi
  local count
  count="$(social_psql -c "SELECT count(*) FROM user_list_item WHERE list_id = '$list'")"
  if [ "${count:-0}" -lt "$list_size" ]; then
    echo "Adding $list_size items to the list..." >&2
    {
      printf 'local media = {'
      social_psql -c "SELECT media_id FROM media_projection WHERE media_type = 'ANIME' AND NOT removed ORDER BY media_id LIMIT $list_size" |
        sed 's/.*/"&",/' | tr -d '\n'
      echo '}'
      cat <<LUA
local i = -1 -- wrk calls request() once before the run to check it: that call adds nothing
request = function()
  i = i + 1
  if i == 0 then return wrk.format("GET", "/q/health/live") end
  if i > #media then wrk.thread:stop(); return wrk.format("GET", "/q/health/live") end
  return wrk.format("POST", "/api/v1/social/me/lists/$list/items", {["Authorization"] = "Bearer $owner",
    ["Content-Type"] = "application/json"}, '{"mediaId":"' .. media[i] .. '"}')
end
LUA
    } >"$work/items.lua"
    # one connection: each add locks the list, so more would only queue. wrk's thread stops after
    # the last POST, but wrk itself only at -d: stopped here once the list is complete
    wrk -t1 -c1 -d600s -s "$work/items.lua" "$base" >/dev/null &
    local adder=$!
    for i in $(seq 1 300); do
      count="$(social_psql -c "SELECT count(*) FROM user_list_item WHERE list_id = '$list'")"
      [ "${count:-0}" -ge "$list_size" ] && break
      kill -0 "$adder" 2>/dev/null || break
      sleep 2
    done
    kill "$adder" 2>/dev/null || true
    wait "$adder" 2>/dev/null || true
    count="$(social_psql -c "SELECT count(*) FROM user_list_item WHERE list_id = '$list'")"
    [ "$count" -ge "$list_size" ] || die "the list holds $count items, not $list_size"
  fi
  # every page's cursor, walking the list once
  python3 - "$base" "$owner" "$list" "$page" "$work/pages.lua" <<'PY' || die "cannot walk the list"
import json, sys, urllib.request
base, token, list_id, limit, out = sys.argv[1:6]
paths, cursor = [], None
while True:
    path = f"/api/v1/social/me/lists/{list_id}?limit={limit}" + (f"&cursor={cursor}" if cursor else "")
    paths.append(path)
    req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    page = json.load(urllib.request.urlopen(req))
    cursor = page.get("nextCursor")
    if not cursor:
        break
with open(out, "w") as f:
    f.write("local paths = {" + ",".join(json.dumps(p) for p in paths) + "}\n")
    f.write("local n = 0\nrequest = function()\n  n = n % #paths + 1\n")
    f.write(f'  return wrk.format("GET", paths[n], {{["Authorization"] = "Bearer {token}"}})\nend\n')
print(len(paths), file=sys.stderr)
PY
  cat "$BENCH_DIR/report.lua" >>"$work/pages.lua"
  local pages; pages="$(grep -o '"/api' "$work/pages.lua" | wc -l)"

  # 4. Follow / unfollow script: request k is follower f = k mod F and target (f * (T div F) +
  # k div F) mod T, a follow in even passes over the F x T pairs and an unfollow in odd ones.
  {
    printf 'local tokens = {'
    printf '"%s",' "${tokens[@]}"
    echo '}'
    cat <<LUA
local targets = $targets
local k = -1 -- wrk calls request() once before the run to check it
request = function()
  k = k + 1
  if k == 0 then return wrk.format("GET", "/q/health/live") end
  local n = k - 1
  local f = n % #tokens
  -- follower f walks all targets from its own offset: the requests in flight at once name
  -- different targets (32 follows of one profile at once would wait for its row lock in turn)
  local t = (f * math.floor(targets / #tokens) + math.floor(n / #tokens)) % targets
  local pass = math.floor(n / (#tokens * targets))
  return wrk.format(pass % 2 == 0 and "POST" or "DELETE", "/api/v1/social/users/bench_target_" .. (t + 1) .. "/follow",
    {["Authorization"] = "Bearer " .. tokens[f + 1]})
end
LUA
    cat "$BENCH_DIR/report.lua"
  } >"$work/follow.lua"

  social_psql -c "VACUUM (ANALYZE)" -c "CHECKPOINT" >/dev/null
  # fresh tokens (15-minute lifetime) for the measured part
  owner="$(python3 "$demo" user bench-social)"
  viewer="$(python3 "$demo" user bench-social-viewer)"
  print_header
  cpu_wrk "floor: GET /me, direct (token + 1 query)" 8083 "$db" "$base/api/v1/social/me" \
    -H "Authorization: Bearer $viewer"
  cpu_wrk "GET /users/{handle}, direct" 8083 "$db" "$base/api/v1/social/users/bench_social" \
    -H "Authorization: Bearer $viewer"
  social_follow_reset
  # the follow path (group commit, outbox relay, the consumers of social.events.v1) compiles for
  # about a minute on 2 shared cores: its warm-up is longer than the reads'
  wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_SOCIAL_WARMUP:-60}s" -s "$work/follow.lua" "$base" >/dev/null
  social_follow_reset
  local rows_before rows_after
  rows_before="$(social_follow_rows)"
  CPU_WRK_WARMUP=0 cpu_wrk "follow / unfollow, direct (outbox included)" 8083 "$db" "$base" -s "$work/follow.lua"
  sleep 2
  rows_after="$(social_follow_rows)"
  print_row "  follow rows written" "" "" "" "$(awk -v b="$rows_before" -v a="$rows_after" 'BEGIN {
    split(b, x, " "); split(a, y, " ");
    printf "%d inserted, %d deleted (%d followers x %d targets, every request a write)", y[1] - x[1], y[2] - x[2], '"$followers"', '"$targets"' }')"
  cpu_wrk "list page (50 of 10,000 items), direct" 8083 "$db" "$base" -s "$work/pages.lua"
  BENCH_CONNECTIONS=1 cpu_wrk "list page (50 of 10,000 items), 1 connection" 8083 "$db" "$base" -s "$work/pages.lua"
  print_row "  the list paged" "" "" "" "$count items, $pages pages of $page, every page's cursor in turn"
  social_follow_reset
  rm -rf "$work"
}
