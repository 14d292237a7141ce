#!/usr/bin/env python3
"""No route lets one user write another user's data: every write endpoint, tried with a second
user's token, on the real local suite through the gateway, with real Keycloak tokens.

    python3 deploy/local/write-isolation.py        # exit 0: every check passed; 1: the reasons

1. Reads the gateway's merged OpenAPI document (GET /q/openapi, no token) and lists every write
   operation (POST, PUT, PATCH, DELETE) under /api/v1/. Each must have a scenario in SCENARIOS
   below; one without is a failure ("write endpoint X has no cross-user check"), so a new write
   endpoint cannot slip by. A scenario whose operation the document no longer has is a failure too
   (the table must follow the API).
2. Creates fresh Keycloak users for this run (master realm admin, local suite only, as e2e-smoke's
   create_erase_user does): A (owner), B (intruder), C (follows A: A accepted C's request) and
   D (a pending follow request to A). Fresh users keep the demo users' data (alice's counts, which
   e2e-smoke asserts) untouched and give each run its own rate-limit budget. A gets a library
   (two entries with progress, history, rating, review, notes), settings, profile fields
   (followers-only), a list with items, favorites, follows both ways and an import job.
3. For each write operation B calls it with A's identifiers (A's list id, A's media ids and ETags,
   A's handle, C's and D's handles, A's import job id). Routes that address A's resource by id
   must answer B 404 (or 403) problem+json; "my own" routes may succeed but change only B's data.
   After each scenario A's reads (and C's and D's relations to A) are read again as A (C, D) and
   compared with the reads before, as parsed JSON; the only differences allowed are B's own
   relation to A where B's call legitimately creates or ends it (B's follow request to A).
4. DELETE /api/v1/social/me runs last: B's call with A's handle as confirmation and without one
   must be 428 problem+json and delete nothing; then B deletes B's own (throwaway) account, which
   owns entries, a list and favorites for the same media as A's; once the deletion has run
   everywhere (B's token refused, B's rows gone), A's reads must be unchanged.
5. Cleans up by deleting A, C and D (DELETE /me, their own confirmation): nothing of the run stays.

Standard library only. Respects the gateway's rate limits (a 429 waits Retry-After, then retries)
and rides out a gateway restart (connection refused: waits and retries).
"""
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

GATEWAY = os.environ.get("KIROKU_GATEWAY", "http://127.0.0.1:8080")
KEYCLOAK = os.environ.get("KIROKU_KEYCLOAK", "http://127.0.0.1:8180")
TOKEN_URL = KEYCLOAK + "/realms/kiroku/protocol/openid-connect/token"
PROGRESS_DIRECT = "http://127.0.0.1:8082"
HERE = os.path.dirname(os.path.abspath(__file__))
ANIME_CSV = os.path.join(
    os.environ.get("KIROKU_DATASETS", os.path.join(HERE, "..", "..", "..", "shared", "datasets")),
    "anime-recommendations-database", "anime.csv")
RUN = uuid.uuid4().hex[:8]
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
WAITS = {"429": 0, "refused": 0}


class Fatal(Exception):
    """The run cannot go on (suite down, catalog empty, Keycloak admin refused)."""


# ---------------------------------------------------------------- HTTP

class Resp:
    def __init__(self, method, url, status, headers, body):
        self.method, self.url, self.status, self.headers, self.body = method, url, status, headers, body

    @property
    def json(self):
        try:
            return json.loads(self.body.decode("utf-8")) if self.body else None
        except ValueError:
            return None

    def header(self, name):
        return self.headers.get(name)

    def brief(self):
        text = self.body.decode("utf-8", "replace")
        return f"{self.method} {self.url} -> {self.status} {text[:300]}"


def http(method, url, token=None, body=None, headers=None, form=None):
    """One request; body: a dict/list (JSON) or bytes. Retries a refused connection (a gateway
    restart) for up to ~60 s, 502/503/504 a few times, and a 429 after its Retry-After."""
    hdrs = dict(headers or {})
    data = None
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        hdrs.setdefault("Content-Type", "application/x-www-form-urlencoded")
    elif isinstance(body, (dict, list)):
        data = json.dumps(body).encode()
        hdrs.setdefault("Content-Type", "application/json")
    elif body is not None:
        data = body
    refused = throttled = unavailable = 0
    while True:
        if token is not None:
            hdrs["Authorization"] = "Bearer " + (token() if callable(token) else token)
        req = urllib.request.Request(url, data=data, method=method, headers=hdrs)
        try:
            with urllib.request.urlopen(req, timeout=90) as r:
                resp = Resp(method, url, r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            resp = Resp(method, url, e.code, e.headers, e.read())
        except (urllib.error.URLError, ConnectionError, OSError) as e:
            refused += 1
            WAITS["refused"] += 1
            if refused > 30 or (isinstance(e, TimeoutError) and refused > 2):
                raise Fatal(f"{method} {url}: {e} (is the suite up? deploy/local/kiroku up)")
            time.sleep(2)
            continue
        if resp.status == 429 and throttled < 2:
            throttled += 1
            WAITS["429"] += 1
            wait = resp.header("Retry-After") or "1"
            time.sleep(min(int(wait) if wait.isdigit() else 1, 65) + 0.2)
            continue
        if resp.status in (502, 503, 504) and unavailable < 5:
            unavailable += 1
            time.sleep(2)
            continue
        return resp


def jwt_claims(token):
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


class User:
    """A Keycloak user of realm kiroku (username = password); its token is renewed before expiry."""

    def __init__(self, label, username):
        self.label, self.username = label, username
        self._token, self._exp = None, 0
        self.id = self.handle = None

    def token(self):
        if self._token is None or time.time() > self._exp - 60:
            r = http("POST", TOKEN_URL, form={"grant_type": "password", "client_id": "kiroku-web",
                                              "username": self.username, "password": self.username})
            if r.status != 200:
                raise Fatal(f"no token for {self.username}: {r.brief()}")
            self._token = r.json["access_token"]
            claims = jwt_claims(self._token)
            self._exp, self.id = claims["exp"], claims["sub"]
        return self._token

    def call(self, method, path, body=None, headers=None):
        return http(method, GATEWAY + path, token=self.token, body=body, headers=headers)


def kc_admin_token():
    r = http("POST", KEYCLOAK + "/realms/master/protocol/openid-connect/token",
             form={"grant_type": "password", "client_id": "admin-cli", "username": "admin",
                   "password": "admin"})
    if r.status != 200:
        raise Fatal(f"Keycloak's master admin (admin/admin, local suite only) refused: {r.brief()}")
    return r.json["access_token"]


def create_user(label):
    name = f"wi{label.lower()}{RUN}"
    r = http("POST", KEYCLOAK + "/admin/realms/kiroku/users", token=kc_admin_token(), body={
        "username": name, "enabled": True, "email": f"{name}@example.org", "emailVerified": True,
        "firstName": "Isolation", "lastName": label,
        "credentials": [{"type": "password", "value": name, "temporary": False}]})
    if r.status != 201:
        raise Fatal(f"creating Keycloak user {name}: {r.brief()}")
    user = User(label, name)
    me = user.call("GET", "/api/v1/social/me")  # the first authenticated call creates the profile
    if me.status != 200:
        raise Fatal(f"{label}'s profile: {me.brief()}")
    user.handle = me.json["handle"]
    return user


def multipart(filename, content, content_type="application/json"):
    boundary = "----kiroku" + uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n"
            f"Content-Type: {content_type}\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


# ---------------------------------------------------------------- checks

class Failed(Exception):
    pass


def problem_of(r):
    ctype = r.header("Content-Type") or ""
    if not ctype.startswith("application/problem+json"):
        raise Failed(f"not problem+json ({ctype!r}): {r.brief()}")
    body = r.json or {}
    if re.search(r"Exception|\bat [a-z]+\.[a-z]", r.body.decode("utf-8", "replace")):
        raise Failed(f"stack trace leaked: {r.brief()}")
    return body.get("code")


def expect(r, statuses, code=None):
    """r.status in statuses; a 4xx must be problem+json (with code when given). Returns a note."""
    statuses = (statuses,) if isinstance(statuses, int) else tuple(statuses)
    if r.status not in statuses:
        raise Failed(f"expected {'/'.join(map(str, statuses))}, got {r.brief()}")
    if r.status >= 400:
        got = problem_of(r)
        codes = (code,) if isinstance(code, str) else code
        if codes and got not in codes:
            raise Failed(f"expected code {'/'.join(codes)}, got {got}: {r.brief()}")
        return f"{r.status} {got}"
    return str(r.status)


def keyed(items):
    """A list of objects by their id, media id or handle (media ids in export entries), or None."""
    def key(item):
        if not isinstance(item, dict):
            return None
        media = item.get("media")
        return item.get("id") or item.get("mediaId") or item.get("handle") or (
            media.get("id") if isinstance(media, dict) else None)
    keys = [key(i) for i in items]
    if not items or None in keys or len(set(keys)) != len(keys):
        return None
    return dict(zip(keys, items))


def diff(before, after, path="", out=None, limit=8):
    out = [] if out is None else out
    if len(out) >= limit:
        return out
    if isinstance(before, dict) and isinstance(after, dict):
        for k in sorted(set(before) | set(after)):
            if k not in after:
                out.append(f"{path}.{k}: removed (was {json.dumps(before[k])[:120]})")
            elif k not in before:
                out.append(f"{path}.{k}: added {json.dumps(after[k])[:120]}")
            else:
                diff(before[k], after[k], f"{path}.{k}", out, limit)
    elif isinstance(before, list) and isinstance(after, list) and keyed(before) and keyed(after):
        b, a = keyed(before), keyed(after)  # items matched by id, media id or handle
        if list(b) != list(a):
            out.append(f"{path}: {list(b)} -> {list(a)}")
        for k in b:
            if k in a:
                diff(b[k], a[k], f"{path}[{k}]", out, limit)
    elif isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for i, (b, a) in enumerate(zip(before, after)):
            diff(b, a, f"{path}[{i}]", out, limit)
    elif before != after:
        out.append(f"{path}: {json.dumps(before)[:160]} -> {json.dumps(after)[:160]}")
    return out


# ---------------------------------------------------------------- the run

class Run:
    def __init__(self):
        self.results = []  # (ok, op, note)
        self.last = None   # the latest snapshot of A's reads

    # -- setup ---------------------------------------------------------------------------------
    def media(self):
        ids = {}
        probe = self.B
        for mal in (1, 5, 6, 7):
            r = probe.call("GET", f"/api/v1/catalog/media/by-external/mal/{mal}?type=ANIME")
            if r.status != 200 or not (r.json or {}).get("id"):
                raise Fatal(f"MAL id {mal} is not in the catalog ({r.status}): import anime.csv first "
                            f"(as admin: POST /api/v1/catalog/admin/imports?format=anime-csv with "
                            f"{os.path.normpath(ANIME_CSV)}, as deploy/local/e2e-smoke's import_anime_csv does)")
            ids[mal] = r.json["id"]
        # m1 Cowboy Bebop, m6 Trigun: A's entries; m5 Tengoku no Tobira: A's list and favorites;
        # m7 Witch Hunter Robin: in none of A's data (the refresh target)
        self.m1, self.m5, self.m6, self.m7 = ids[1], ids[5], ids[6], ids[7]

    def must(self, r, statuses, what):
        statuses = (statuses,) if isinstance(statuses, int) else statuses
        if r.status not in statuses:
            raise Fatal(f"setup, {what}: {r.brief()}")
        return r

    def setup(self):
        A, C, D = self.A, self.C, self.D
        self.must(A.call("PATCH", "/api/v1/social/me", {
            "displayName": f"Owner {RUN}", "bio": "A's bio, not to be touched by B",
            "avatarUrl": "https://example.org/a.png", "visibility": "FOLLOWERS",
            "ratingScale": "POINT_100"}), 200, "A's profile")
        self.must(A.call("PUT", "/api/v1/progress/settings", {"ratingScale": "POINT_100"}), 200, "A's settings")
        self.must(A.call("PUT", f"/api/v1/progress/entries/{self.m1}", {
            "status": "WATCHING", "progress": {"episode": 5}, "rating": {"value": 85},
            "review": {"text": f"A's review {RUN}", "spoiler": False, "visibility": "PUBLIC"},
            "notes": "A's notes"}), (200, 201), "A's entry for Cowboy Bebop")
        self.must(A.call("PUT", f"/api/v1/progress/entries/{self.m6}", {
            "status": "PAUSED", "progress": {"episode": 3}, "rating": {"value": 70}, "private": True}),
            (200, 201), "A's entry for Trigun")
        self.list_id = self.must(A.call("POST", "/api/v1/social/me/lists", {
            "name": f"A's list {RUN}", "description": "A's", "visibility": "PUBLIC"}), 201, "A's list").json["id"]
        for m in (self.m1, self.m5):
            deadline = time.time() + 60  # social-service's catalog projection may lag behind the import
            while True:
                r = A.call("POST", f"/api/v1/social/me/lists/{self.list_id}/items", {"mediaId": m})
                if r.status == 201 or time.time() > deadline:
                    break
                time.sleep(1)
            self.must(r, 201, "an item in A's list")
        self.must(A.call("PUT", "/api/v1/social/me/favorites/anime", {"mediaIds": [self.m5, self.m1]}),
                  200, "A's favorites")
        self.must(C.call("POST", f"/api/v1/social/users/{A.handle}/follow"), 200, "C's follow request")
        self.must(A.call("POST", f"/api/v1/social/me/follow-requests/{C.handle}/accept"), 204, "A accepts C")
        r = self.must(D.call("POST", f"/api/v1/social/users/{A.handle}/follow"), 200, "D's follow request")
        if r.json.get("state") != "REQUESTED":
            raise Fatal(f"setup: D's follow of followers-only A is not a request: {r.brief()}")
        self.must(A.call("POST", f"/api/v1/social/users/{C.handle}/follow"), 200, "A follows C")
        # A's import job: a dry run (the job and its report, nothing written to the library)
        self.job_id = self.import_job(A, {"format": "kiroku-json", "version": 1, "ratingScale": "POINT_10",
                                          "entries": [self.export_entry(self.m7, "PLANNING", {})]},
                                      "dryRun=true")

    def export_entry(self, media_id, status, progress, rating=None, review=None):
        return {"media": {"id": media_id, "type": "ANIME", "title": None, "externalIds": {}},
                "status": status, "progress": progress, "repeatCount": 0, "repeating": False,
                "lastRepeatedAt": None, "startedAt": None, "completedAt": None, "addedAt": None,
                "rating": rating, "review": review, "notes": None, "private": False, "history": []}

    def import_job(self, user, document, query):
        body, headers = multipart("kiroku-export.json", json.dumps(document).encode())
        r = user.call("POST", f"/api/v1/progress/imports?format=kiroku-json&{query}", body, headers)
        if r.status != 202:
            raise Failed(f"{user.label}'s import: {r.brief()}")
        job_id = r.json["id"]
        deadline = time.time() + 90
        while time.time() < deadline:
            job = user.call("GET", f"/api/v1/progress/imports/{job_id}").json or {}
            if job.get("state") in ("DONE", "FAILED"):
                if job["state"] != "DONE":
                    raise Failed(f"{user.label}'s import job failed: {job}")
                return job_id
            time.sleep(0.5)
        raise Failed(f"{user.label}'s import job {job_id} not done after 90 s")

    # -- A's reads -----------------------------------------------------------------------------
    def snapshot(self):
        A, C, D = self.A, self.C, self.D
        reads = {
            "A GET /social/me": (A, "/api/v1/social/me"),
            "A GET /social/me/lists": (A, "/api/v1/social/me/lists"),
            "A GET /social/me/lists/{A's list}": (A, f"/api/v1/social/me/lists/{self.list_id}"),
            "A GET /social/users/{A}/followers": (A, f"/api/v1/social/users/{A.handle}/followers"),
            "A GET /social/users/{A}/following": (A, f"/api/v1/social/users/{A.handle}/following"),
            "A GET /social/me/follow-requests": (A, "/api/v1/social/me/follow-requests"),
            "A GET /social/me/blocks": (A, "/api/v1/social/me/blocks"),
            "A GET /progress/entries": (A, "/api/v1/progress/entries?limit=200"),
            "A GET /progress/settings": (A, "/api/v1/progress/settings"),
            "A GET /progress/imports": (A, "/api/v1/progress/imports"),
            "A GET /progress/imports/{A's job}": (A, f"/api/v1/progress/imports/{self.job_id}"),
            # every entry with its whole episode history, ratings, reviews, notes, dates
            "A GET /progress/export": (A, "/api/v1/progress/export?format=json"),
            "C GET /social/users/{C}/following": (C, f"/api/v1/social/users/{C.handle}/following"),
            "D GET /social/me": (D, "/api/v1/social/me"),
        }
        snap = {}
        for name, (user, path) in reads.items():
            r = user.call("GET", path)
            if r.status != 200:
                raise Failed(f"{name}: {r.brief()}")
            body = r.json
            if name == "A GET /progress/export":
                body.pop("exportedAt", None)
            snap[name] = body
        return snap

    def a_unchanged(self, allow_b=False):
        """A's reads now equal the previous ones. allow_b: B's own relation to A (a follow request
        of B's, in A's follow-requests) may have appeared or gone; nothing else."""
        now = self.snapshot()
        before, after = self.last, now
        if allow_b:
            before, after = self.without_b(before), self.without_b(after)
        problems = [f"{name}{d}" for name in before for d in diff(before[name], after[name])]
        self.last = now
        if problems:
            raise Failed("A's data changed: " + "; ".join(problems[:8]))

    def without_b(self, snap):
        snap = json.loads(json.dumps(snap))
        for name in ("A GET /social/users/{A}/followers", "A GET /social/me/follow-requests"):
            page = snap[name]
            kept = [i for i in page["items"] if i.get("handle") != self.B.handle]
            page["count"] -= len(page["items"]) - len(kept)
            page["items"] = kept
        return snap

    def b_relation(self, handle):
        r = self.B.call("GET", f"/api/v1/social/users/{handle}")
        return (r.json or {}).get("relationship", {})

    # -- the scenarios: one per write operation ------------------------------------------------
    def etag(self, user, media_id):
        return user.call("GET", f"/api/v1/progress/entries/{media_id}").header("ETag")

    def b_entry_gone(self, media_id):
        self.B.call("DELETE", f"/api/v1/progress/entries/{media_id}")  # B's own, if B has one

    # catalog and search: no user's data
    def catalog_admin_import(self):
        body, headers = multipart("anime.csv", b"anime_id,name,genre,type,episodes,rating,members\n"
                                  b"1,Hijacked Bebop,Action,TV,26,1.0,1\n", "text/csv")
        note = expect(self.B.call("POST", "/api/v1/catalog/admin/imports?format=anime-csv", body, headers),
                      403, "FORBIDDEN")
        title = self.B.call("GET", f"/api/v1/catalog/media/{self.m1}").json["titles"]["canonical"]
        if title != "Cowboy Bebop":
            raise Failed(f"the catalog's Cowboy Bebop is now {title!r}")
        self.a_unchanged()
        return f"B: {note} (admin only)"

    def catalog_refresh(self):
        # Allowed to any signed-in user by design: it re-fetches shared catalog data (no user's) from
        # the item's provider, at most once per 24 h per item (409 otherwise), as the catalog would
        # on a cache miss. Tried on an item in none of A's data; A's reads must not change.
        r = self.B.call("POST", f"/api/v1/catalog/media/{self.m7}/refresh")
        if r.status >= 500:
            raise Failed(f"5xx: {r.brief()}")
        note = expect(r, (200, 409, 422))
        self.a_unchanged()
        return f"B: {note}{' (stale: provider unreachable)' if r.header('Kiroku-Stale') else ''}, allowed to any user (shared catalog data)"

    def search_rebuild(self):
        note = expect(self.B.call("POST", "/api/v1/search/admin/rebuild"), 403, "FORBIDDEN")
        self.a_unchanged()
        return f"B: {note} (admin only)"

    # progress-service
    def progress_settings(self):
        note = expect(self.B.call("PUT", "/api/v1/progress/settings", {"ratingScale": "STARS_5"}), 200)
        self.a_unchanged()
        mine = self.B.call("GET", "/api/v1/progress/settings").json
        if mine.get("ratingScale") != "STARS_5":
            raise Failed(f"B's own settings not changed: {mine}")
        return f"B: {note}, B's own settings changed"

    def entry_put(self):
        self.b_entry_gone(self.m1)
        a_etag = self.etag(self.A, self.m1)
        body = {"status": "DROPPED", "rating": {"value": 1, "scale": "POINT_10"}, "notes": "B was here",
                "review": {"text": "B's review", "spoiler": True, "visibility": "PUBLIC"}}
        n1 = expect(self.B.call("PUT", f"/api/v1/progress/entries/{self.m1}", body, {"If-Match": a_etag}),
                    412, "VERSION_MISMATCH")
        self.a_unchanged()
        n2 = expect(self.B.call("PUT", f"/api/v1/progress/entries/{self.m1}", body), 201)
        self.a_unchanged()
        mine = self.B.call("GET", f"/api/v1/progress/entries/{self.m1}").json
        if mine.get("notes") != "B was here":
            raise Failed(f"B's own entry: {mine}")
        return f"B: {n1} with A's If-Match {a_etag}; {n2} (B's own entry for A's media)"

    def entry_patch(self):
        a_etag = self.etag(self.A, self.m6)
        n1 = expect(self.B.call("PATCH", f"/api/v1/progress/entries/{self.m6}",
                                {"status": "DROPPED", "notes": "B"}), 404, "ENTRY_NOT_FOUND")
        n2 = expect(self.B.call("PATCH", f"/api/v1/progress/entries/{self.m6}", {"notes": "B"},
                                {"If-Match": a_etag}), (404, 412), ("ENTRY_NOT_FOUND", "VERSION_MISMATCH"))
        self.a_unchanged()
        n3 = expect(self.B.call("PATCH", f"/api/v1/progress/entries/{self.m1}",
                                {"notes": "B patched", "rating": {"value": 2}}), 200)
        self.a_unchanged()
        return f"B: {n1} on A's media B has no entry for, {n2} with A's If-Match; {n3} on B's own"

    def episodes_post(self):
        n1 = expect(self.B.call("POST", f"/api/v1/progress/entries/{self.m1}/episodes",
                                {"season": 1, "from": 1, "to": 12}), (200, 201))
        self.a_unchanged()
        got = self.B.call("GET", f"/api/v1/progress/entries/{self.m1}").json
        if (got.get("progress") or {}).get("episode") != 12:
            raise Failed(f"B's own entry did not move: {got}")
        return f"B: {n1} (B's own entry for A's media)"

    def episodes_delete(self):
        n1 = expect(self.B.call("DELETE", f"/api/v1/progress/entries/{self.m6}/episodes?season=1&episode=2"),
                    404, "ENTRY_NOT_FOUND")
        n2 = expect(self.B.call("DELETE", f"/api/v1/progress/entries/{self.m6}/episodes?season=1&from=1&to=3"),
                    404, "ENTRY_NOT_FOUND")
        self.a_unchanged()
        n3 = expect(self.B.call("DELETE", f"/api/v1/progress/entries/{self.m1}/episodes?season=1&from=3&to=12"),
                    (200, 204))
        self.a_unchanged()
        return f"B: {n1}, {n2} on A's media B has no entry for; {n3} on B's own"

    def advance(self):
        self.b_entry_gone(self.m1)
        n1 = expect(self.B.call("POST", f"/api/v1/progress/entries/{self.m1}/advance"), (200, 201))
        self.a_unchanged()
        got = self.B.call("GET", f"/api/v1/progress/entries/{self.m1}").json
        if (got.get("progress") or {}).get("episode") != 1:
            raise Failed(f"B's advance did not start B's own entry at episode 1: {got}")
        return f"B: {n1} (creates B's own entry at episode 1)"

    def entry_delete(self):
        a_etag = self.etag(self.A, self.m6)
        n1 = expect(self.B.call("DELETE", f"/api/v1/progress/entries/{self.m6}"), 404, "ENTRY_NOT_FOUND")
        n2 = expect(self.B.call("DELETE", f"/api/v1/progress/entries/{self.m6}", headers={"If-Match": a_etag}),
                    (404, 412), ("ENTRY_NOT_FOUND", "VERSION_MISMATCH"))
        self.a_unchanged()
        n3 = expect(self.B.call("DELETE", f"/api/v1/progress/entries/{self.m1}"), 204)
        self.a_unchanged()
        return f"B: {n1}, {n2} with A's If-Match, on A's media B has no entry for; {n3} on B's own"

    def imports(self):
        # B's own import, overwrite mode, of entries for A's media (one B has none of), with a
        # rating scale: only B's library and settings may change
        doc = {"format": "kiroku-json", "version": 1, "exportedAt": "2026-01-01T00:00:00Z",
               "ratingScale": "STARS_5", "entries": [
                   self.export_entry(self.m1, "COMPLETED", {"episode": 26}, 100,
                                     {"text": "B's import", "spoiler": False, "visibility": "PUBLIC",
                                      "reviewedAt": "2026-01-01T00:00:00Z"}),
                   self.export_entry(self.m6, "DROPPED", {"episode": 1}, 10)]}
        job = self.import_job(self.B, doc, "mode=overwrite")
        self.a_unchanged()
        n2 = expect(self.B.call("GET", f"/api/v1/progress/imports/{self.job_id}"), (403, 404))
        jobs = [j.get("id") for j in (self.B.call("GET", "/api/v1/progress/imports").json or {}).get("items", [])]
        if self.job_id in jobs:
            raise Failed("B's job list shows A's import job")
        got = self.B.call("GET", f"/api/v1/progress/entries/{self.m6}").json
        if got.get("status") != "DROPPED":
            raise Failed(f"B's import did not write B's own entry: {got}")
        return f"B: 202, job {job[:8]}… DONE, only B's entries written; GET of A's job: {n2}"

    # social-service: profile, favorites
    def me_patch(self):
        A = self.A
        n1 = expect(self.B.call("PATCH", "/api/v1/social/me", {"handle": A.handle}), 409)
        n2 = expect(self.B.call("PATCH", "/api/v1/social/me", {"handle": A.handle.upper()}), 409)
        n3 = expect(self.B.call("PATCH", "/api/v1/social/me", {"userId": A.id, "bio": "x"}), 400)
        self.a_unchanged()
        n4 = expect(self.B.call("PATCH", "/api/v1/social/me", {
            "displayName": f"Owner {RUN}", "bio": "B's bio", "visibility": "PRIVATE",
            "ratingScale": "STARS_5"}), 200)
        self.a_unchanged()
        return f"B: {n1} taking A's handle, {n2} in other case, {n3} naming A's userId; {n4} B's own fields"

    def favorites_put(self):
        n1 = expect(self.B.call("PUT", "/api/v1/social/me/favorites/anime", {"mediaIds": [self.m1, self.m6]}), 200)
        n2 = expect(self.B.call("PUT", "/api/v1/social/me/favorites/ANIME", {"mediaIds": []}), 200)
        n3 = expect(self.B.call("PUT", "/api/v1/social/me/favorites/anime", {"mediaIds": [self.m5]}), 200)
        self.a_unchanged()
        return f"B: {n1} set, {n2} cleared, {n3} set (B's own favorites only)"

    # lists
    def list_create(self):
        r = self.B.call("POST", "/api/v1/social/me/lists", {"name": f"A's list {RUN}", "visibility": "PUBLIC"})
        n1 = expect(r, 201)
        self.b_list = r.json["id"]
        self.a_unchanged()
        return f"B: {n1} (B's own list, A's list's name)"

    def list_patch(self):
        n1 = expect(self.B.call("PATCH", f"/api/v1/social/me/lists/{self.list_id}",
                                {"name": "taken over", "visibility": "PRIVATE"}), (403, 404), "LIST_NOT_FOUND")
        self.a_unchanged()
        return f"B: {n1} on A's list"

    def list_delete(self):
        n1 = expect(self.B.call("DELETE", f"/api/v1/social/me/lists/{self.list_id}"), (403, 404), "LIST_NOT_FOUND")
        self.a_unchanged()
        return f"B: {n1} on A's list"

    def item_add(self):
        n1 = expect(self.B.call("POST", f"/api/v1/social/me/lists/{self.list_id}/items",
                                {"mediaId": self.m6, "position": 0}), (403, 404), "LIST_NOT_FOUND")
        self.a_unchanged()
        n2 = expect(self.B.call("POST", f"/api/v1/social/me/lists/{self.b_list}/items", {"mediaId": self.m1}), 201)
        self.a_unchanged()
        return f"B: {n1} on A's list; {n2} A's media into B's own list"

    def item_move(self):
        n1 = expect(self.B.call("PATCH", f"/api/v1/social/me/lists/{self.list_id}/items/{self.m5}",
                                {"position": 0}), (403, 404), "LIST_NOT_FOUND")
        self.a_unchanged()
        return f"B: {n1} on A's list item"

    def item_delete(self):
        n1 = expect(self.B.call("DELETE", f"/api/v1/social/me/lists/{self.list_id}/items/{self.m1}"),
                    (403, 404), "LIST_NOT_FOUND")
        self.a_unchanged()
        n2 = expect(self.B.call("DELETE", f"/api/v1/social/me/lists/{self.b_list}/items/{self.m1}"), 204)
        self.a_unchanged()
        return f"B: {n1} on A's list item; {n2} on B's own"

    # follows, requests, followers, blocks
    def follow(self):
        A, C = self.A, self.C
        r = self.B.call("POST", f"/api/v1/social/users/{A.handle}/follow")
        n1 = expect(r, 200)
        if r.json.get("state") != "REQUESTED":
            raise Failed(f"B's follow of followers-only A: {r.brief()}")
        self.a_unchanged(allow_b=True)  # B's own request may appear in A's requests, nothing else
        requests = [i["handle"] for i in self.last["A GET /social/me/follow-requests"]["items"]]
        if self.B.handle not in requests:
            raise Failed(f"B's request is not among A's requests: {requests}")
        r = self.B.call("POST", f"/api/v1/social/users/{C.handle}/follow")
        n2 = expect(r, 200)
        self.a_unchanged()
        return f"B: {n1} REQUESTED to A (B's own request, A's follows untouched); {n2} {r.json.get('state')} to C"

    def unfollow(self):
        A, C, D = self.A, self.C, self.D
        n1 = expect(self.B.call("DELETE", f"/api/v1/social/users/{A.handle}/follow"), 204)
        self.a_unchanged(allow_b=True)  # B's own request withdrawn
        if self.B.handle in [i["handle"] for i in self.last["A GET /social/me/follow-requests"]["items"]]:
            raise Failed("B's withdrawn request is still among A's requests")
        n2 = expect(self.B.call("DELETE", f"/api/v1/social/users/{C.handle}/follow"), 204)
        n3 = expect(self.B.call("DELETE", f"/api/v1/social/users/{D.handle}/follow"), 204)
        n4 = expect(self.B.call("DELETE", f"/api/v1/social/users/{A.handle}/follow"), 204)
        self.a_unchanged()
        return f"B: {n1} on A (B's request withdrawn), {n2} on C, {n3} on D, {n4} again on A; C→A and A→C kept"

    def request_accept(self):
        n1 = expect(self.B.call("POST", f"/api/v1/social/me/follow-requests/{self.D.handle}/accept"),
                    404, "FOLLOW_REQUEST_NOT_FOUND")
        n2 = expect(self.B.call("POST", f"/api/v1/social/me/follow-requests/{self.A.handle}/accept"),
                    404, "FOLLOW_REQUEST_NOT_FOUND")
        self.a_unchanged()
        return f"B: {n1} for D's request to A, {n2} for A"

    def request_decline(self):
        n1 = expect(self.B.call("POST", f"/api/v1/social/me/follow-requests/{self.D.handle}/decline"),
                    404, "FOLLOW_REQUEST_NOT_FOUND")
        n2 = expect(self.B.call("POST", f"/api/v1/social/me/follow-requests/{self.C.handle}/decline"),
                    404, "FOLLOW_REQUEST_NOT_FOUND")
        self.a_unchanged()
        return f"B: {n1} for D's request to A, {n2} for C"

    def follower_remove(self):
        n1 = expect(self.B.call("DELETE", f"/api/v1/social/me/followers/{self.C.handle}"), 204)
        n2 = expect(self.B.call("DELETE", f"/api/v1/social/me/followers/{self.A.handle}"), 204)
        n3 = expect(self.B.call("DELETE", f"/api/v1/social/me/followers/{self.D.handle}"), 204)
        self.a_unchanged()
        return f"B: {n1} on C (A's follower), {n2} on A, {n3} on D: nobody followed B, nothing changed"

    def block(self):
        n1 = expect(self.B.call("POST", f"/api/v1/social/users/{self.A.handle}/block"), 204)
        n2 = expect(self.B.call("POST", f"/api/v1/social/users/{self.C.handle}/block"), 204)
        n3 = expect(self.B.call("POST", f"/api/v1/social/users/{self.D.handle}/block"), 204)
        self.a_unchanged(allow_b=True)  # a request of B's own to A (none by now) would end: legit
        blocks = [i["handle"] for i in self.B.call("GET", "/api/v1/social/me/blocks").json["items"]]
        if not {self.A.handle, self.C.handle, self.D.handle} <= set(blocks):
            raise Failed(f"B's own blocks: {blocks}")
        return f"B: {n1} on A, {n2} on C, {n3} on D (B's own blocks; C→A, A→C, D's request kept)"

    def unblock(self):
        notes = [expect(self.B.call("DELETE", f"/api/v1/social/users/{u.handle}/block"), 204)
                 for u in (self.A, self.C, self.D)]
        n4 = expect(self.B.call("DELETE", f"/api/v1/social/users/{self.A.handle}/block"), 204)
        self.a_unchanged()
        return f"B: {', '.join(notes)} on A, C, D; {n4} again on A"

    def me_delete(self):
        A, B = self.A, self.B
        # B owns data on the same media as A: entries (m1, m6 from the import), a list, favorites
        n1 = expect(B.call("DELETE", "/api/v1/social/me", headers={"X-Confirm-Delete": A.handle}),
                    428, "CONFIRMATION_REQUIRED")
        n2 = expect(B.call("DELETE", "/api/v1/social/me"), 428, "CONFIRMATION_REQUIRED")
        self.a_unchanged()
        if B.call("GET", "/api/v1/social/me").status != 200:
            raise Failed("B's account went away without its confirmation")
        n3 = expect(B.call("DELETE", "/api/v1/social/me", headers={"X-Confirm-Delete": B.handle}), 204)
        self.wait_deleted(B)
        self.a_unchanged(allow_b=True)  # a request of B's own to A (none by now) goes with B
        return (f"B: {n1} confirming with A's handle, {n2} without; {n3} with B's own: "
                f"B's account gone everywhere, A intact")

    def wait_deleted(self, user):
        """Until the deletion has run: B's token refused by the gateway and progress-service, B's
        rows gone from progress (psql, when available), and the Keycloak account gone."""
        token = user._token
        deadline = time.time() + 90
        pending = ["gateway", "progress-service", "rows", "keycloak"]
        admin = kc_admin_token()
        while pending and time.time() < deadline:
            # the gateway's own check (catalog-service does not own users; social-service refuses at once)
            if "gateway" in pending and http("GET", GATEWAY + "/api/v1/catalog/health", token=token).status == 401:
                pending.remove("gateway")
            if "progress-service" in pending and http(
                    "GET", PROGRESS_DIRECT + "/api/v1/progress/settings", token=token).status == 401:
                pending.remove("progress-service")
            if "rows" in pending and rows_left(user.id) == 0:
                pending.remove("rows")
            if "keycloak" in pending and http("GET", f"{KEYCLOAK}/admin/realms/kiroku/users/{user.id}",
                                              token=admin).status == 404:
                pending.remove("keycloak")
            if pending:
                time.sleep(1)
        if pending:
            raise Failed(f"{user.label}'s deletion not finished after 90 s: {', '.join(pending)}")

    # -- the table -----------------------------------------------------------------------------
    # operation as in the OpenAPI document -> scenario, run in this order (DELETE /me last)
    SCENARIOS = {
        "POST /api/v1/catalog/admin/imports": catalog_admin_import,
        "POST /api/v1/catalog/media/{id}/refresh": catalog_refresh,
        "POST /api/v1/search/admin/rebuild": search_rebuild,
        "PUT /api/v1/progress/settings": progress_settings,
        "PUT /api/v1/progress/entries/{mediaId}": entry_put,
        "PATCH /api/v1/progress/entries/{mediaId}": entry_patch,
        "POST /api/v1/progress/entries/{mediaId}/episodes": episodes_post,
        "DELETE /api/v1/progress/entries/{mediaId}/episodes": episodes_delete,
        "POST /api/v1/progress/entries/{mediaId}/advance": advance,
        "DELETE /api/v1/progress/entries/{mediaId}": entry_delete,
        "POST /api/v1/progress/imports": imports,
        "PATCH /api/v1/social/me": me_patch,
        "PUT /api/v1/social/me/favorites/{type}": favorites_put,
        "POST /api/v1/social/me/lists": list_create,
        "PATCH /api/v1/social/me/lists/{id}": list_patch,
        "DELETE /api/v1/social/me/lists/{id}": list_delete,
        "POST /api/v1/social/me/lists/{id}/items": item_add,
        "PATCH /api/v1/social/me/lists/{id}/items/{mediaId}": item_move,
        "DELETE /api/v1/social/me/lists/{id}/items/{mediaId}": item_delete,
        "POST /api/v1/social/users/{handle}/follow": follow,
        "DELETE /api/v1/social/users/{handle}/follow": unfollow,
        "POST /api/v1/social/me/follow-requests/{handle}/accept": request_accept,
        "POST /api/v1/social/me/follow-requests/{handle}/decline": request_decline,
        "DELETE /api/v1/social/me/followers/{handle}": follower_remove,
        "POST /api/v1/social/users/{handle}/block": block,
        "DELETE /api/v1/social/users/{handle}/block": unblock,
        "DELETE /api/v1/social/me": me_delete,
    }

    # -- main ----------------------------------------------------------------------------------
    def record(self, ok, op, note):
        self.results.append((ok, op, note))
        print(f"{'PASS' if ok else 'FAIL'}  {op}: {note}", flush=True)

    def main(self):
        r = http("GET", GATEWAY + "/q/openapi?format=json")
        if r.status != 200 or not isinstance(r.json, dict):
            raise Fatal(f"the gateway's OpenAPI document: {r.brief()}")
        doc = r.json
        missing = doc.get("x-kiroku-missing-services") or []
        if missing:
            raise Fatal(f"the merged OpenAPI document lacks services {missing}: is every service up?")
        ops = [f"{m.upper()} {p}" for p, item in doc.get("paths", {}).items() if p.startswith("/api/v1/")
               for m in item if m.upper() in WRITE_METHODS]
        print(f"write-isolation run {RUN}: {len(ops)} write operations in the gateway's OpenAPI document",
              flush=True)

        self.users = []
        try:
            for label in ("A", "B", "C", "D"):
                user = create_user(label)
                setattr(self, label, user)
                self.users.append(user)
            self.media()
            self.setup()
            self.last = self.snapshot()
            print(f"A={self.A.handle} B={self.B.handle} C={self.C.handle} D={self.D.handle}; "
                  f"A's state set up: entries, settings, profile, list {self.list_id[:8]}…, favorites, "
                  f"C follows A, D requested A, A follows C, import job {self.job_id[:8]}…", flush=True)
            for op in [o for o in ops if o not in self.SCENARIOS]:
                self.record(False, op, "write endpoint has no cross-user check (add a scenario to SCENARIOS)")
            for op, scenario in self.SCENARIOS.items():
                if op not in ops:
                    self.record(False, op, "scenario for an operation the OpenAPI document no longer has")
                    continue
                try:
                    self.record(True, op, scenario(self))
                except Failed as e:
                    self.record(False, op, str(e))
                    try:
                        self.last = self.snapshot()  # the next scenario compares with A as it is now
                    except Failed:
                        pass
        finally:
            self.cleanup()
        failed = sum(1 for ok, _, _ in self.results if not ok)
        for ok, op, note in self.results:  # again at the end, where e2e-smoke's check shows the tail
            if not ok:
                print(f"failed: {op}: {note[:400]}")
        print(f"write-isolation: {len(self.results) - failed} passed, {failed} failed "
              f"({len(ops)} write operations in the document, {len(self.SCENARIOS)} scenarios; "
              f"{WAITS['429']} rate-limit waits, {WAITS['refused']} connection retries)")
        return 1 if failed else 0

    def cleanup(self):
        """Deletes the run's users (their own DELETE /me): their profiles, follows, lists,
        favorites, entries, settings and import jobs, and their Keycloak accounts."""
        for user in getattr(self, "users", []):
            if user.handle is None:
                continue
            try:
                r = user.call("DELETE", "/api/v1/social/me", headers={"X-Confirm-Delete": user.handle})
                if r.status not in (204, 401):
                    print(f"cleanup: deleting {user.label} ({user.username}): {r.brief()}")
            except Fatal as e:
                print(f"cleanup: deleting {user.label} ({user.username}): {e}")


def rows_left(user_id):
    """Rows naming the user in progress-service's tables (psql, as e2e-smoke uses it); None when
    they cannot be counted (no psql, or it failed), which never counts as "none left"."""
    if not shutil.which("psql"):
        return None
    sql = ("SELECT (SELECT count(*) FROM library_entry WHERE user_id::text = :'id')"
           " + (SELECT count(*) FROM import_job WHERE user_id::text = :'id')"
           " + (SELECT count(*) FROM user_setting WHERE user_id::text = :'id')")
    try:
        out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "progress", "-Atq",
                              "-v", f"id={user_id}"], input=sql, capture_output=True, text=True, timeout=20)
        return int(out.stdout.strip()) if out.returncode == 0 else None
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return None


if __name__ == "__main__":
    try:
        sys.exit(Run().main())
    except Fatal as e:
        print(f"write-isolation: cannot run: {e}")
        sys.exit(1)
