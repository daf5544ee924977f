"""Load test: the web client's JSON-RPC calls as secretaries, members and committee officers.

Run by tools/loadtest/run.sh (which starts Odoo in prefork mode); by hand:

    LOADTEST_DB=pc_bench LOADTEST_HOSTS=http://127.0.0.1:8069 \\
        locust -f tools/loadtest/locustfile.py --headless -u 50 -r 10 --run-time 60s

Users come from tools/loadtest/prepare_users.py. Every request goes to one of
LOADTEST_HOSTS in turn (several Odoo nodes over one database and filestore); only loopback
addresses are accepted. The run stops by itself after --run-time or LOADTEST_MAX_REQUESTS
requests, whichever comes first, and prints per action p50/p95/p99, throughput and errors.
"""

import itertools
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

from locust import HttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from meeting_form_spec import FORM_SPEC  # noqa: E402

DB = os.environ.get("LOADTEST_DB", "")
HOSTS = [h.strip().rstrip("/") for h in
         os.environ.get("LOADTEST_HOSTS", "http://127.0.0.1:8069").split(",") if h.strip()]
MAX_REQUESTS = int(os.environ.get("LOADTEST_MAX_REQUESTS", "20000"))
YEAR = int(os.environ.get("LOADTEST_YEAR", time.strftime("%Y")))
for _host in HOSTS:
    if urlparse(_host).hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"LOADTEST_HOSTS may only name this machine (loopback), not {_host}")
_next_host = itertools.cycle(HOSTS)
_logins = {prefix: itertools.count() for prefix in ("lt_sec_", "lt_mem_", "lt_off_")}
_sent = itertools.count(1)


class RpcError(Exception):
    pass


class OdooUser(HttpUser):
    """One person of the web client: logs in once, then calls call_kw like the browser."""

    abstract = True
    host = HOSTS[0]
    wait_time = between(0.5, 2)
    prefix = ""
    pool = 1

    def on_start(self):
        login = f"{self.prefix}{next(_logins[self.prefix]) % self.pool}"
        self.login = login
        self.rpc("/web/session/authenticate", {"db": DB, "login": login, "password": login},
                 name="login")

    def rpc(self, path, params, name):
        if next(_sent) > MAX_REQUESTS:
            self.environment.runner.quit()
            raise RpcError("request budget spent")
        url = f"{next(_next_host)}{path}"
        payload = {"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}
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

    def call(self, model, method, args, kwargs=None, name=None):
        return self.rpc(f"/web/dataset/call_kw/{model}/{method}", {
            "model": model, "method": method, "args": args,
            "kwargs": dict({"context": {"tz": "Asia/Ho_Chi_Minh"}},
                           **(kwargs or {})),
        }, name=name or f"{model}.{method}")


class Secretary(OdooUser):
    """Opens the cell's meeting, saves its roll call, adds a task; holds a planned one."""

    prefix = "lt_sec_"
    pool = int(os.environ.get("LOADTEST_SECRETARIES", "100"))
    weight = 8

    def on_start(self):
        super().on_start()
        self.meeting_id = None
        meetings = self.call("party.meeting", "web_search_read", [], {
            "domain": [("state", "=", "held")], "specification": {"name": {}},
            "limit": 1, "order": "date_start desc"}, name="meeting list")
        if meetings["records"]:
            self.meeting_id = meetings["records"][0]["id"]

    @task(6)
    def open_and_save_roll_call(self):
        if not self.meeting_id:
            return
        meeting = self.call("party.meeting", "web_read", [[self.meeting_id]],
                            {"specification": FORM_SPEC}, name="open meeting")[0]
        commands = []
        for line in meeting["attendance_ids"]:
            if line["status"] == "exempt":
                continue
            status = random.choice(("present", "present", "present", "excused"))
            commands.append([1, line["id"], {
                "status": status,
                "speaking_turns": random.randint(0, 2) if status == "present" else 0,
                "reason": "Đi công tác" if status == "excused" else False,
            }])
        self.assignee_id = meeting["attendance_ids"][0]["member_id"]["id"] \
            if meeting["attendance_ids"] else None
        self.call("party.meeting", "web_save", [[self.meeting_id], {"attendance_ids": commands}],
                  {"specification": {"present_count": {}, "attendance_rate": {}}},
                  name="save roll call")

    @task(1)
    def add_task(self):
        if not self.meeting_id or not getattr(self, "assignee_id", None):
            return
        self.call("party.task", "web_save", [[], {
            "name": "Triển khai nghị quyết tháng", "meeting_id": self.meeting_id,
            "assignee_ids": [[6, 0, [self.assignee_id]]], "deadline": f"{YEAR}-12-31"}],
            {"specification": {"name": {}}}, name="add task")


class Member(OdooUser):
    """Submits a ballot for the held meeting they attended, once; then reads their meetings."""

    prefix = "lt_mem_"
    pool = int(os.environ.get("LOADTEST_MEMBERS", "300"))
    weight = 3

    def on_start(self):
        super().on_start()
        self.voted = False

    @task
    def submit_ballot(self):
        if self.voted:
            self.call("party.meeting", "web_search_read", [], {
                "domain": [], "specification": {"name": {}, "state": {}}, "limit": 20},
                name="member meetings")
            return
        self.voted = True
        member = self.call("party.member", "search_read", [[("user_id", "!=", False)]],
                           {"fields": ["id"], "limit": 1}, name="own member record")
        meetings = self.call("party.meeting", "search_read", [[
            ("state", "=", "held"), ("scoring_closed", "=", False),
            ("attendance_ids.member_id", "=", member[0]["id"]),
            ("attendance_ids.status", "=", "present")]],
            {"fields": ["id"], "limit": 1}, name="meeting to score")
        if not meetings:
            return
        ballot = self.call("party.ballot", "create", [{
            "meeting_id": meetings[0]["id"], "voter_id": member[0]["id"], "role": "member"}],
            name="create ballot")
        self.call("party.ballot", "action_submit", [[ballot]], name="submit ballot")


class Officer(OdooUser):
    """Opens the compliance matrix for the year and drills down into one cell."""

    prefix = "lt_off_"
    pool = int(os.environ.get("LOADTEST_OFFICERS", "5"))
    weight = 1

    @task
    def matrix(self):
        matrix = self.call("party.compliance.matrix", "get_matrix_screen",
                           [f"{YEAR}-01-01", f"{YEAR}-12-31", {}], name="compliance matrix")
        cells = [row for row in matrix["rows"] if row[4]]
        if not cells:
            return
        row = random.choice(cells)
        month = random.choice(matrix["months"])["key"]
        action = self.call("party.compliance.matrix", "action_open_meetings",
                           [row[0], month, month], name="matrix drill-down")
        self.call("party.meeting", "web_search_read", [], {
            "domain": action["domain"], "specification": {"name": {}, "state": {}},
            "limit": 80}, name="drill-down list")


@events.quitting.add_listener
def summary(environment, **_kwargs):
    """Per action: count, errors, p50/p95/p99 (ms) and throughput, as a plain table."""
    stats = environment.stats
    elapsed = max(stats.total.last_request_timestamp - stats.total.start_time, 1e-9) \
        if stats.total.last_request_timestamp else 1e-9
    users = environment.runner.target_user_count if environment.runner else 0
    print(f"\nLOADTEST hosts={','.join(HOSTS)} users={users} seconds={elapsed:.0f}")
    print(f"{'action':<22}{'count':>7}{'errors':>7}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
          f"{'req/s':>7}")
    for entry in sorted(stats.entries.values(), key=lambda e: e.name) + [stats.total]:
        print(f"{entry.name:<22}{entry.num_requests:>7}{entry.num_failures:>7}"
              f"{entry.get_response_time_percentile(0.5):>8.0f}"
              f"{entry.get_response_time_percentile(0.95):>8.0f}"
              f"{entry.get_response_time_percentile(0.99):>8.0f}"
              f"{entry.num_requests / elapsed:>7.1f}")
    for error in stats.errors.values():
        print(f"error x{error.occurrences}: {error.name}: {error.error}"[:300])
