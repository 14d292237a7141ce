# catalog-service: dataset imports through the running service (admin token from Keycloak), then
# cached GET /media/{id} direct to the service with a real bearer token (the service verifies it on
# every request). The first run on an empty catalog measures inserts; later runs measure re-imports
# (every row found by its external id and left unchanged): the notes show inserted/updated/unchanged.
# Datasets are read from BENCH_DATASETS (default: <repo>/../shared/datasets).
bench_catalog() {
  local base=http://127.0.0.1:8081/api/v1/catalog
  local datasets="${BENCH_DATASETS:-$REPO_ROOT/../shared/datasets}"
  wait_ready http://127.0.0.1:8081/q/health/ready
  [ -f "$datasets/anime-recommendations-database/anime.csv" ] || die "datasets not found in $datasets (set BENCH_DATASETS)"
  local admin; admin="$(demo_token admin)"
  print_header
  catalog_import "$admin" "anime.csv import (12,294 rows)" "$base/admin/imports?format=anime-csv" \
    -F "file=@$datasets/anime-recommendations-database/anime.csv"
  catalog_import "$admin" "MovieLens import (9,742 movies)" "$base/admin/imports?format=movielens" \
    -F "movies=@$datasets/movielens-ml-latest-small/movies.csv" \
    -F "links=@$datasets/movielens-ml-latest-small/links.csv"
  catalog_import "$admin" "goodbooks-10k import (10,000 books)" "$base/admin/imports?format=goodbooks-csv" \
    -F "file=@$datasets/goodbooks-10k/books.csv"

  # The imports' events are still being relayed (and indexed, projected) for a while: measure the
  # GET once catalog-service's outbox is drained, so the figure is the GET's, not the backlog's.
  local pending i
  for i in $(seq 1 120); do
    pending="$(psql -q -t -A -h "${BENCH_PG_HOST:-127.0.0.1}" -U "${BENCH_PG_USER:-postgres}" -d catalog \
      -c "SELECT count(*) FROM outbox_event WHERE published_at IS NULL")"
    [ "${pending:-1}" = 0 ] && break
    sleep 1
  done

  local token id
  token="$(demo_token alice)"
  # Kimi no Na wa. (MAL 32281), imported above; the first GET fills the Redis cache.
  id="$(curl -fsS -H "Authorization: Bearer $token" "$base/media/by-external/mal/32281" \
    | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')" || die "mal 32281 not found after the import"
  curl -fsS -o /dev/null -H "Authorization: Bearer $token" "$base/media/$id"
  http_load "catalog GET /media/{id} cached, direct (token)" "$base/media/$id" \
    "Authorization: Bearer $token"
}

# catalog_import TOKEN NAME URL CURL_ARGS...: one import; prints rows/s and the report's counts.
catalog_import() {
  local token="$1" name="$2" url="$3"; shift 3
  local out body seconds
  out="$(curl -sS -w '\n%{http_code} %{time_total}' -H "Authorization: Bearer $token" "$@" "$url")" \
    || die "$name: request failed"
  body="$(sed '$d' <<<"$out")"
  read -r status seconds <<<"$(tail -1 <<<"$out")"
  [ "$status" = 200 ] || die "$name: HTTP $status: $body"
  python3 - "$name" "$seconds" "$body" <<'PY'
import json, sys
name, seconds, body = sys.argv[1], float(sys.argv[2]), json.loads(sys.argv[3])
rate = body["rows"] / seconds if seconds > 0 else 0
note = (f"{seconds:.2f} s wall; inserted={body['inserted']} updated={body['updated']} "
        f"unchanged={body['unchanged']} rejected={body['rejected']} (server {body['durationMs']} ms)")
print(f"| {name:<44} | {int(rate):>12} | {'':>9} | {'':>9} | {note}")
PY
}
