"""Load test: secretaries, members and committee officers as the browser drives Odoo.

Run by tools/loadtest/run.sh (which starts Odoo in prefork mode); by hand:

    LOADTEST_DB=pc_bench LOADTEST_HOSTS=http://127.0.0.1:8069 \\
        locust -f tools/loadtest/locustfile.py --headless -u 50 -r 5 --run-time 180s

Users come from tools/loadtest/prepare_users.py and log in through the login page
(password LOADTEST_PASSWORD). A
secretary lists the cell's meetings, opens one that started today, saves its roll call
(every line, 60 in the largest cells), adds two tasks and marks it as held, through the
web client's JSON-RPC (web_read, web_save, call_button). A member opens their page
(/my/party) and the ballot it lists, then fills in and submits it with the page's own form,
once, as on a phone. A committee officer opens the compliance matrix and drills down into
a cell's month. Between steps each waits as a person does (a few seconds; LOADTEST_THINK
scales every pause).

Every request goes to one of LOADTEST_HOSTS in turn (several Odoo nodes over one database
and filestore); only loopback addresses are accepted. The run stops by itself after
--run-time or LOADTEST_MAX_REQUESTS requests, whichever comes first, and prints per action
p50/p95/p99, throughput and errors.
"""

import itertools
import json
import os
import random
import re
import sys
import time
from html import unescape
from pathlib import Path
from urllib.parse import urlparse

import gevent
from locust import HttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from meeting_form_spec import FORM_SPEC  # noqa: E402

DB = os.environ.get("LOADTEST_DB", "")
HOSTS = [h.strip().rstrip("/") for h in
         os.environ.get("LOADTEST_HOSTS", "http://127.0.0.1:8069").split(",") if h.strip()]
MAX_REQUESTS = int(os.environ.get("LOADTEST_MAX_REQUESTS", "20000"))
YEAR = int(os.environ.get("LOADTEST_YEAR", time.strftime("%Y")))
THINK = float(os.environ.get("LOADTEST_THINK", "1"))
PASSWORD = os.environ.get("LOADTEST_PASSWORD", "loadtest")
PROVINCE_OFFICERS = int(os.environ.get("LOADTEST_PROVINCE_OFFICERS", "1"))
for _host in HOSTS:
    if urlparse(_host).hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"LOADTEST_HOSTS may only name this machine (loopback), not {_host}")
_next_host = itertools.cycle(HOSTS)
_logins = {prefix: itertools.count() for prefix in ("lt_sec_", "lt_mem_", "lt_off_")}
_sent = itertools.count(1)
# What the server acknowledged, for tools/loadtest/check_writes.py to find in the database
# afterwards (LOADTEST_WRITES names the file): the last roll call saved of each meeting,
# the tasks added, the meetings marked as held, the ballots submitted.
WRITES = os.environ.get("LOADTEST_WRITES")
_written = {"roll_calls": {}, "tasks": [], "held": [], "ballots": []}

# The form reads the tasks too; the list shows what the secretary picks a meeting by.
MEETING_FORM = dict(FORM_SPEC, task_ids={"fields": {
    "name": {}, "kind": {}, "deadline": {}, "state": {},
    "assignee_ids": {"fields": {"display_name": {}}}}})
MEETING_LIST = {"name": {}, "state": {}, "date_start": {}, "meeting_type": {},
                "organization_id": {"fields": {"display_name": {}}}, "present_count": {},
                "summoned_count": {}}
CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
BALLOT_LINK = re.compile(r'href="/my/party/ballot/(\d+)"')
POINTS = re.compile(r'name="(points_\d+)"[^>]*?max="([\d.]+)"'
                    r'|max="([\d.]+)"[^>]*?name="(points_\d+)"')
ALERT = re.compile(r'class="alert alert-danger"[^>]*>(.*?)</', re.S)


class RpcError(Exception):
    pass


def think(low, high):
    """A person's pause between two steps."""
    gevent.sleep(random.uniform(low, high) * THINK)


class OdooUser(HttpUser):
    """One person with a browser: logs in on the login page, then works."""

    abstract = True
    host = HOSTS[0]
    wait_time = between(5, 15)
    prefix = ""
    pool = 1

    def on_start(self):
        self.login = f"{self.prefix}{next(_logins[self.prefix]) % self.pool}"
        page = self.http("get", "/web/login", name="login page",
                         params={"db": DB} if DB else None)
        token = CSRF.search(page.text)
        think(1, 3)
        response = self.http("post", "/web/login", name="login", data={
            "login": self.login, "password": PASSWORD,
            "csrf_token": token and unescape(token.group(1)), "redirect": self.landing})
        if "/web/login" in response.url:
            raise RpcError(f"{self.login} could not log in")
        if self.landing != "/odoo":
            return
        # The context the web client sends with every call: the user's language and zone.
        self.user_context = self.rpc("/web/session/get_session_info", {},
                                name="session info")["user_context"]

    landing = "/odoo"

    def _budget(self):
        if next(_sent) > MAX_REQUESTS:
            self.environment.runner.quit()
            raise RpcError("request budget spent")

    def http(self, method, path, name, expect=None, **kwargs):
        """A page request; fails on an HTTP error, on the page's error alert, or when the
        page lacks ``expect``."""
        self._budget()
        with self.client.request(method, f"{next(_next_host)}{path}", name=name,
                                 catch_response=True, **kwargs) as response:
            if response.status_code >= 400:
                response.failure(f"HTTP {response.status_code}")
                raise RpcError(name)
            alert = ALERT.search(response.text or "")
            if alert:
                response.failure(re.sub(r"\s+", " ", unescape(alert.group(1))).strip()[:200])
                raise RpcError(name)
            if expect and expect not in response.text:
                response.failure(f"the page lacks {expect!r}")
                raise RpcError(name)
            response.success()
            return response

    def rpc(self, path, params, name):
        self._budget()
        url = f"{next(_next_host)}{path}"
        payload = {"jsonrpc": "2.0", "method": "call", "params": params,
                   "id": random.randint(1, 10**9)}
        with self.client.post(url, json=payload, name=name, catch_response=True) as response:
            try:
                body = response.json()
            except ValueError:
                response.failure(f"HTTP {response.status_code}")
                raise RpcError(name) from None
            if "error" in body:
                data = body["error"].get("data", {})
                response.failure(f"{data.get('name', '')}: {data.get('message', '')}"[:200])
                raise RpcError(name)
            response.success()
            return body.get("result")

    def call(self, model, method, args, kwargs=None, name=None, button=False):
        route = "call_button" if button else "call_kw"
        return self.rpc(f"/web/dataset/{route}/{model}/{method}", {
            "model": model, "method": method, "args": args,
            "kwargs": dict({"context": self.user_context}, **(kwargs or {})),
        }, name=name or f"{model}.{method}")


class Secretary(OdooUser):
    """Runs today's meeting of the cell: roll call, tasks, marked as held."""

    prefix = "lt_sec_"
    pool = int(os.environ.get("LOADTEST_SECRETARIES", "100"))
    weight = 6

    @task
    def run_meeting(self):
        listing = self.call("party.meeting", "web_search_read", [], {
            "domain": [("state", "in", ["planned", "held"])], "specification": MEETING_LIST,
            "limit": 80, "order": "date_start desc", "count_limit": 10001,
        }, name="meeting list")["records"]
        now = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
        started = [m for m in listing if m["state"] == "planned" and m["date_start"] <= now]
        # Today's meetings first; once all are held, the last one's roll call is corrected.
        chosen = (started or [m for m in listing if m["state"] == "held"])[:1]
        if not chosen:
            return
        meeting_id = chosen[0]["id"]
        think(2, 5)
        meeting = self.call("party.meeting", "web_read", [[meeting_id]],
                            {"specification": MEETING_FORM}, name="open meeting")[0]
        lines = [line for line in meeting["attendance_ids"] if line["status"] != "exempt"]
        think(10, 20)  # ticking the roll call
        commands = []
        for line in lines:
            status = random.choice(("present",) * 8 + ("excused", "unexcused"))
            commands.append([1, line["id"], {
                "status": status,
                "speaking_turns": random.choice((0, 0, 1, 1, 2)) if status == "present" else 0,
                "reason": "Đi công tác" if status == "excused" else False,
            }])
        self.call("party.meeting", "web_save", [[meeting_id], {"attendance_ids": commands}],
                  {"specification": MEETING_FORM}, name="save roll call")
        _written["roll_calls"][meeting_id] = {
            line_id: [vals["status"], vals["speaking_turns"]] for _c, line_id, vals in commands}
        think(5, 10)
        assignees = [line["member_id"]["id"] for line in random.sample(lines, min(2, len(lines)))]
        tasks = [[0, f"virtual_{n}", {
            "name": name, "kind": "task", "assignee_ids": [[4, member]],
            "deadline": f"{YEAR + 1}-01-31", "organization_id": meeting["organization_id"]["id"],
        }] for n, (name, member) in enumerate(zip(
            ("Triển khai nghị quyết tháng", "Báo cáo kết quả thu đảng phí"), assignees))]
        if tasks:
            before = {t["id"] for t in meeting["task_ids"]}
            saved = self.call("party.meeting", "web_save", [[meeting_id], {"task_ids": tasks}],
                              {"specification": MEETING_FORM}, name="add tasks")[0]
            _written["tasks"] += [[meeting_id, t["id"]] for t in saved["task_ids"]
                                  if t["id"] not in before]
        if meeting["state"] == "planned":
            think(2, 5)
            self.call("party.meeting", "action_hold", [[meeting_id]], button=True,
                      name="mark as held")
            _written["held"].append(meeting_id)
            # The form reloads the record after its button, from the next node: it must
            # read what the other node wrote (no stale cache between nodes).
            reloaded = self.call("party.meeting", "web_read", [[meeting_id]],
                                 {"specification": MEETING_FORM}, name="open meeting")[0]
            if reloaded["state"] != "held" or len(reloaded["task_ids"]) < len(
                    meeting["task_ids"]) + len(tasks):
                self.environment.events.request.fire(
                    request_type="CHECK", name="stale read", response_time=0,
                    response_length=0, exception=RpcError(f"meeting {meeting_id} read stale"))


class Member(OdooUser):
    """Opens their page on a phone, submits the ballot it lists, once; then reads it."""

    prefix = "lt_mem_"
    pool = int(os.environ.get("LOADTEST_MEMBERS", "300"))
    weight = 5
    landing = "/my/party"

    def on_start(self):
        super().on_start()
        self.voted = False

    @task
    def ballot(self):
        home = self.http("get", "/my/party", name="member page")
        links = BALLOT_LINK.findall(home.text)
        if self.voted or not links:
            return
        meeting_id = links[0]
        think(2, 5)
        page = self.http("get", f"/my/party/ballot/{meeting_id}", name="open ballot")
        token = CSRF.search(page.text)
        form = {"csrf_token": token and unescape(token.group(1)), "submit": "1",
                "comment": "Sinh hoạt đúng giờ, nội dung thiết thực."}
        for name_a, max_a, max_b, name_b in POINTS.findall(page.text):
            most = float(max_a or max_b)
            form[name_a or name_b] = f"{random.choice((most, most, most / 2)):g}"
        think(10, 20)  # reading the criteria, scoring
        self.voted = True
        # The page the form lands on says the ballot is cast.
        self.http("post", f"/my/party/ballot/{meeting_id}", name="submit ballot", data=form,
                  expect="alert-success")
        _written["ballots"].append([int(meeting_id), self.login])


class Officer(OdooUser):
    """Opens the compliance matrix of the year and drills down into a cell's month."""

    prefix = "lt_off_"
    pool = int(os.environ.get("LOADTEST_OFFICERS", "5"))
    weight = 1
    wait_time = between(10, 30)

    def on_start(self):
        super().on_start()
        scope = "province" if int(self.login.rsplit("_", 1)[1]) < PROVINCE_OFFICERS \
            else "district"
        self.matrix_name = f"matrix ({scope})"

    @task
    def matrix(self):
        matrix = self.call("party.compliance.matrix", "get_matrix_screen",
                           [f"{YEAR}-01-01", f"{YEAR}-12-31", {}], name=self.matrix_name)
        cells = [row for row in matrix["rows"] if row[4]]
        if not cells:
            return
        think(5, 15)  # reading the table, scrolling
        row = random.choice(cells)
        month = random.choice(matrix["months"])
        action = self.call("party.compliance.matrix", "action_open_meetings",
                           [row[0], month["key"], month["key"], row[1]], name="matrix drill-down")
        found = self.call("party.meeting", "web_search_read", [], {
            "domain": action["domain"], "specification": MEETING_LIST, "limit": 80,
            "count_limit": 10001}, name="drill-down list")["records"]
        if found:
            think(2, 5)
            self.call("party.meeting", "web_read", [[found[0]["id"]]],
                      {"specification": MEETING_FORM}, name="drill-down meeting")


@events.quitting.add_listener
def summary(environment, **_kwargs):
    """Per action: count, errors, p50/p95/p99 (ms) and throughput, as a plain table."""
    stats = environment.stats
    elapsed = max(stats.total.last_request_timestamp - stats.total.start_time, 1e-9) \
        if stats.total.last_request_timestamp else 1e-9
    users = environment.runner.target_user_count if environment.runner else 0
    print(f"\nLOADTEST hosts={','.join(HOSTS)} users={users} seconds={elapsed:.0f}")
    print(f"{'action':<22}{'count':>7}{'errors':>7}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
          f"{'max ms':>8}{'req/s':>7}")
    for entry in sorted(stats.entries.values(), key=lambda e: e.name) + [stats.total]:
        print(f"{entry.name:<22}{entry.num_requests:>7}{entry.num_failures:>7}"
              f"{entry.get_response_time_percentile(0.5):>8.0f}"
              f"{entry.get_response_time_percentile(0.95):>8.0f}"
              f"{entry.get_response_time_percentile(0.99):>8.0f}"
              f"{entry.max_response_time or 0:>8.0f}"
              f"{entry.num_requests / elapsed:>7.2f}")
    for error in stats.errors.values():
        print(f"error x{error.occurrences}: {error.name}: {error.error}"[:300])
    for error in environment.runner.exceptions.values() if environment.runner else ():
        print(f"exception x{error['count']}: {error['msg']}"[:300])
    if WRITES:
        with open(WRITES, "w", encoding="utf-8") as out:
            json.dump(_written, out)
