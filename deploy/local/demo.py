#!/usr/bin/env python3
"""Kiroku's main job on real data, entirely through the gateway with real Keycloak tokens.

  demo.py run [--datasets DIR] [--export FILE] [--summary FILE]
      1. the admin loads anime.csv, MovieLens and goodbooks-10k into catalog-service;
      2. a new demo user (A) is created in Keycloak and imports a real MyAnimeList export;
      3. waits for the import job, then prints A's import report, library counts per status,
         up-next list and a few searches. --summary writes the figures as JSON (for tests).
  demo.py user NAME
      creates Keycloak user NAME (password = NAME) in realm kiroku when missing and prints an
      access token for it.

Needs the suite started (deploy/local/kiroku up). Standard library only.
"""

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

GATEWAY = os.environ.get("KIROKU_GATEWAY", "http://127.0.0.1:8080")
KEYCLOAK = os.environ.get("KIROKU_KEYCLOAK", "http://127.0.0.1:8180")
HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared"))

# Searches shown (and checked by the end-to-end test): query, type, a title expected in the top 3.
SEARCHES = [
    ("cowboy bebop", "ANIME", "Cowboy Bebop"),
    ("fullmetal alchemist brotherhood", "ANIME", "Fullmetal Alchemist: Brotherhood"),
    ("shingeki no kyojin", "ANIME", "Shingeki no Kyojin"),
    ("toy story", "MOVIE", "Toy Story"),
    ("harry potter sorcerers stone", "BOOK", "Harry Potter and the Philosopher's Stone"),
]


class Failure(Exception):
    pass


def call(method, url, token=None, body=None, form=None, files=None, expect=(200,)):
    """One HTTP request; returns (status, headers, parsed JSON or text)."""
    headers = {}
    data = None
    if token:
        headers["Authorization"] = "Bearer " + token
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    elif files is not None:
        boundary = "kiroku-" + uuid.uuid4().hex
        parts = []
        for name, path in files.items():
            with open(path, "rb") as f:
                content = f.read()
            parts.append(
                b"--" + boundary.encode() + b"\r\n"
                + b'Content-Disposition: form-data; name="' + name.encode()
                + b'"; filename="' + os.path.basename(path).encode() + b'"\r\n'
                + b"Content-Type: application/octet-stream\r\n\r\n" + content + b"\r\n")
        data = b"".join(parts) + b"--" + boundary.encode() + b"--\r\n"
        headers["Content-Type"] = "multipart/form-data; boundary=" + boundary
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            status, raw, got = response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as e:
        status, raw, got = e.code, e.read(), dict(e.headers)
    except urllib.error.URLError as e:
        raise Failure(f"{method} {url}: {e.reason} (is the suite up? deploy/local/kiroku up)")
    text = raw.decode("utf-8", "replace")
    try:
        parsed = json.loads(text) if text else None
    except ValueError:
        parsed = text
    if status not in expect:
        raise Failure(f"{method} {url} answered {status}: {text[:500]}")
    return status, got, parsed


def token(username, password=None):
    _, _, body = call(
        "POST", f"{KEYCLOAK}/realms/kiroku/protocol/openid-connect/token",
        form={"grant_type": "password", "client_id": "kiroku-web", "username": username,
              "password": password or username})
    return body["access_token"]


def ensure_user(username):
    """Creates a realm user through Keycloak's admin API (bootstrap admin of the local suite)."""
    _, _, admin = call(
        "POST", f"{KEYCLOAK}/realms/master/protocol/openid-connect/token",
        form={"grant_type": "password", "client_id": "admin-cli",
              "username": os.environ.get("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
              "password": os.environ.get("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin")})
    call("POST", f"{KEYCLOAK}/admin/realms/kiroku/users", admin["access_token"],
         body={"username": username, "enabled": True, "emailVerified": True,
               "email": f"{username}@example.org", "firstName": "Demo", "lastName": username,
               "credentials": [{"type": "password", "value": username, "temporary": False}]},
         expect=(201, 409))
    return token(username)


def load_catalog(admin, datasets):
    """The three real catalogs through catalog-service's admin import; returns the reports."""
    base = f"{GATEWAY}/api/v1/catalog/admin/imports"
    loads = [
        ("anime-csv", {"file": f"{datasets}/anime-recommendations-database/anime.csv"}),
        ("movielens", {"movies": f"{datasets}/movielens-ml-latest-small/movies.csv",
                       "links": f"{datasets}/movielens-ml-latest-small/links.csv"}),
        ("goodbooks-csv", {"file": f"{datasets}/goodbooks-10k/books.csv"}),
    ]
    reports = {}
    for fmt, files in loads:
        for path in files.values():
            if not os.path.isfile(path):
                raise Failure(f"dataset file missing: {path} (pass --datasets DIR)")
        _, _, report = call("POST", f"{base}?format={fmt}", admin, files=files)
        reports[fmt] = {k: report[k] for k in
                        ("rows", "inserted", "updated", "unchanged", "rejected", "durationMs")}
    return reports


def import_export(user, export, fmt="mal-xml"):
    """Uploads a list export and waits for the job; returns the finished job."""
    start = time.monotonic()
    _, headers, job = call("POST", f"{GATEWAY}/api/v1/progress/imports?format={fmt}", user,
                           files={"file": export}, expect=(202,))
    location = urllib.parse.urlparse(headers.get("Location") or headers.get("location")).path
    deadline = time.monotonic() + 600
    while job["state"] in ("QUEUED", "RUNNING"):
        if time.monotonic() > deadline:
            raise Failure(f"import job still {job['state']} after 600 s: {location}")
        time.sleep(0.25)
        _, _, job = call("GET", f"{GATEWAY}{location}", user)
    job["elapsedSeconds"] = round(time.monotonic() - start, 2)
    return job


def search(user, query, media_type, wait_for=None, timeout=120):
    """Top titles for a query; with wait_for, polls until that title is in the top 3 (the index
    is fed asynchronously by catalog.media.v1)."""
    deadline = time.monotonic() + timeout
    while True:
        q = urllib.parse.urlencode({"q": query, "type": media_type})
        _, _, body = call("GET", f"{GATEWAY}/api/v1/search?{q}", user)
        titles = [item.get("title") for item in body["items"][:3]]
        if wait_for is None or wait_for in titles or time.monotonic() > deadline:
            return {"query": query, "type": media_type, "total": body["total"], "top3": titles}
        time.sleep(1)


def run(args):
    datasets = args.datasets
    export = args.export
    print(f"==> Kiroku demo through {GATEWAY}")
    admin = token("admin")
    print(f"==> Loading the catalog from {datasets}")
    reports = load_catalog(admin, datasets)
    for fmt, r in reports.items():
        print(f"    {fmt:<14} {r['rows']:>6} rows: {r['inserted']} inserted, {r['updated']} updated,"
              f" {r['unchanged']} unchanged, {r['rejected']} rejected ({r['durationMs']} ms)")

    name = args.user or "demo-" + time.strftime("%Y%m%d-%H%M%S") + "-" + uuid.uuid4().hex[:4]
    user = ensure_user(name)
    print(f"==> Demo user A: {name} (password {name})")
    print(f"==> A imports {export}")
    job = import_export(user, export)
    c = job["counts"]
    print(f"    job {job['id']}: {job['state']} in {job['elapsedSeconds']} s")
    print(f"    {c['total']} rows: {c['imported']} imported, {c['updated']} updated,"
          f" {c['unchanged']} unchanged, {c['skipped']} skipped, {c['failed']} failed")
    if job.get("failure"):
        print(f"    failure: {job['failure']['code']}: {job['failure']['detail']}")
    by_code = {}
    for row in job.get("rows") or []:
        by_code.setdefault((row["outcome"], row["code"]), []).append(row)
    for (outcome, code), rows in sorted(by_code.items()):
        example = rows[0]
        print(f"    {outcome:<8} {code:<28} {len(rows):>5}  e.g. row {example['record']}"
              f" \"{example.get('title')}\" ({example.get('externalIds')}): {example['detail']}")

    _, _, library = call("GET", f"{GATEWAY}/api/v1/progress/entries?limit=1", user)
    counts = library["counts"]
    print("==> A's library per status")
    for status, n in sorted(counts.items()):
        print(f"    {status:<10} {n:>5}")
    _, _, up_next = call("GET", f"{GATEWAY}/api/v1/progress/up-next", user)
    items = up_next["items"]
    print(f"==> Up next ({len(items)} watching)")
    for item in items[:10]:
        nxt = item.get("next") or {}
        where = "caught up" if item.get("caughtUp") else f"episode {nxt.get('episode')}"
        print(f"    {item.get('title')}: {where}")
    if len(items) > 10:
        print(f"    ... and {len(items) - 10} more")

    print("==> Searches")
    results = []
    for query, media_type, expected in SEARCHES:
        result = search(user, query, media_type, wait_for=expected)
        result["expected"] = expected
        result["hit"] = expected in result["top3"]
        results.append(result)
        mark = "ok" if result["hit"] else "MISS"
        print(f"    [{mark}] {query!r} ({media_type}, {result['total']} results): "
              + "; ".join(t or "?" for t in result["top3"]))

    summary = {"catalog": reports, "user": name, "import": {k: job[k] for k in
               ("id", "state", "counts", "failure", "elapsedSeconds")},
               "reportCodes": {f"{o}/{c}": len(r) for (o, c), r in by_code.items()},
               "library": counts, "upNext": len(items), "searches": results}
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as f:
            json.dump(summary, f, indent=2)
    return 0 if job["state"] == "DONE" and all(r["hit"] for r in results) else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="the demo")
    p_run.add_argument("--datasets", default=os.environ.get(
        "KIROKU_DATASETS", os.path.join(SHARED, "datasets")))
    p_run.add_argument("--export", default=os.path.join(
        SHARED, "fixtures", "imports", "mal-xml", "manya1_animelist.xml"))
    p_run.add_argument("--user", help="demo user name (default: a new demo-<time> user)")
    p_run.add_argument("--summary", help="write the figures as JSON to this file")
    p_user = sub.add_parser("user", help="create a user and print an access token")
    p_user.add_argument("name")
    args = parser.parse_args()
    try:
        if args.command == "user":
            print(ensure_user(args.name))
            return 0
        return run(args)
    except Failure as e:
        print(f"demo: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
