# List imports through progress-service (POST /api/v1/progress/imports, direct to the service):
#   - makes sure catalog-service knows the anime of anime.csv (imports it when the MAL id 1 lookup
#     misses) and waits until progress-service's projection resolves them;
#   - a 1,000-entry MyAnimeList export built from 1,000 real anime.csv rows (every id known to the
#     catalog; statuses, scores and episode counts varied as in real lists) imported by a new
#     Keycloak user: upload → job DONE, timed by the client (target < 30 s);
#   - the same file again (every row unchanged);
#   - the real 1,077-entry export ../shared/fixtures/imports/mal-xml/manya1_animelist.xml by another
#     new user (ids outside anime.csv go to catalog-service's by-external lookup).
bench_imports() {
  local progress=http://127.0.0.1:8082
  local datasets="${BENCH_DATASETS:-$REPO_ROOT/../shared/datasets}"
  local fixtures="${BENCH_FIXTURES:-$REPO_ROOT/../shared/fixtures}"
  local demo="$REPO_ROOT/deploy/local/demo.py"
  wait_ready "$progress/q/health/ready"
  wait_ready http://127.0.0.1:8081/q/health/ready
  local admin; admin="$(demo_token admin)"
  if ! curl -fsS -o /dev/null -H "Authorization: Bearer $admin" \
    "http://127.0.0.1:8081/api/v1/catalog/media/by-external/mal/1?type=ANIME" 2>/dev/null; then
    echo "Importing anime.csv through catalog-service..." >&2
    curl -fsS -o /dev/null -H "Authorization: Bearer $admin" \
      "http://127.0.0.1:8081/api/v1/catalog/admin/imports?format=anime-csv" \
      -F "file=@$datasets/anime-recommendations-database/anime.csv" || die "anime.csv import failed"
  fi

  local work; work="$(mktemp -d)"
  python3 - "$datasets/anime-recommendations-database/anime.csv" "$work/mal-1000.xml" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["episodes"].isdigit()][:1000]
statuses = ["Completed", "Watching", "Plan to Watch", "Dropped", "On-Hold"]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write('<?xml version="1.0" encoding="UTF-8" ?>\n<myanimelist>\n<myinfo><user_export_type>1</user_export_type></myinfo>\n')
    for i, r in enumerate(rows):
        status = statuses[i % len(statuses)]
        episodes = int(r["episodes"])
        watched = episodes if status == "Completed" else (0 if status == "Plan to Watch" else min(episodes, 1 + i % 12))
        out.write(f"<anime><series_animedb_id>{r['anime_id']}</series_animedb_id>"
                  f"<series_title><![CDATA[{r['name']}]]></series_title><series_episodes>{episodes}</series_episodes>"
                  f"<my_watched_episodes>{watched}</my_watched_episodes><my_start_date>0000-00-00</my_start_date>"
                  f"<my_finish_date>0000-00-00</my_finish_date><my_score>{i % 11}</my_score>"
                  f"<my_status>{status}</my_status><my_times_watched>{i % 3 if status == 'Completed' else 0}</my_times_watched>"
                  f"<my_rewatching>0</my_rewatching></anime>\n")
    out.write("</myanimelist>\n")
PY

  # ids resolve from progress-service's projection of catalog.media.v1 (what it has not consumed
  # yet goes to catalog-service's by-external lookup)
  local user; user="bench-imports-$(date +%s)-$$"
  local token; token="$(python3 "$demo" user "$user")" || die "cannot create a Keycloak user"

  print_header
  local result
  result="$(import_timed "$progress" "$token" "$work/mal-1000.xml")" || die "import failed: $result"
  print_row "MAL export, 1,000 known anime (first import)" "" "" "" "$result"
  result="$(import_timed "$progress" "$token" "$work/mal-1000.xml")" || die "import failed: $result"
  print_row "the same file again (idempotent)" "" "" "" "$result"
  local real="$fixtures/imports/mal-xml/manya1_animelist.xml"
  if [[ -f $real ]]; then
    local user2; user2="bench-imports-real-$(date +%s)-$$"
    local token2; token2="$(python3 "$demo" user "$user2")" || die "cannot create a Keycloak user"
    result="$(import_timed "$progress" "$token2" "$real")" || die "import failed: $result"
    print_row "real MAL export manya1 (1,077 rows)" "" "" "" "$result"
  fi
  rm -rf "$work"
}

# import_timed BASE TOKEN FILE: uploads a MAL export, polls the job; prints seconds and counts.
import_timed() {
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys, time, urllib.request, uuid, os
base, token, path = sys.argv[1:4]
boundary = "bench-" + uuid.uuid4().hex
body = (b"--" + boundary.encode() + b'\r\nContent-Disposition: form-data; name="file"; filename="'
        + os.path.basename(path).encode() + b'"\r\n\r\n' + open(path, "rb").read()
        + b"\r\n--" + boundary.encode() + b"--\r\n")
start = time.monotonic()
req = urllib.request.Request(base + "/api/v1/progress/imports?format=mal-xml", data=body, method="POST",
    headers={"Authorization": "Bearer " + token, "Content-Type": "multipart/form-data; boundary=" + boundary})
job = json.load(urllib.request.urlopen(req))
while job["state"] in ("QUEUED", "RUNNING"):
    time.sleep(0.05)
    req = urllib.request.Request(base + "/api/v1/progress/imports/" + job["id"], headers={"Authorization": "Bearer " + token})
    job = json.load(urllib.request.urlopen(req))
seconds = time.monotonic() - start
c = job["counts"]
if job["state"] != "DONE":
    print(f"job {job['state']}: {job.get('failure')}")
    sys.exit(1)
print(f"{seconds:.2f} s: {c['total']} rows, {c['imported']} imported, {c['updated']} updated,"
      f" {c['unchanged']} unchanged, {c['skipped']} skipped, {c['failed']} failed ({c['total'] / seconds:.0f} rows/s)")
PY
}
