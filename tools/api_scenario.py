#!/usr/bin/env python3
"""An agency system talks to a running party_cell server over JSON-RPC (odoorpc).

    python3 tools/api_scenario.py --port 8069 -d mydb --login admin --password admin

The user needs the Party Affairs administrator group and HR officer rights (the database's
admin has both). Builds its own small tree, runs one meeting from employees to approved
minutes, downloads the real minutes PDF and the member list XLSX, then checks that a plain
member is refused. Prints each step and the number of RPC calls; exits non-zero on failure.
scripts/api_scenario.sh starts a server on a fresh database and runs it.

Unlike tests/test_external_api.py (in-process, where Odoo's test mode renders reports as HTML),
the server here is real: the minutes come out of wkhtmltopdf as a PDF.
"""

import argparse
import io
import sys
import uuid

import odoorpc
from odoorpc.error import RPCError


class Scenario:
    def __init__(self, args):
        self.args = args
        self.calls = 0
        self.tag = uuid.uuid4().hex[:6]  # several runs on one database do not collide

    def client(self, login, password):
        client = odoorpc.ODOO(self.args.host, protocol="jsonrpc", port=self.args.port,
                              timeout=300)
        client.login(self.args.database, login, password)
        # HTTP routes (report, XLSX) want a web session: the cookie lands in odoorpc's opener.
        client.json("/web/session/authenticate", {
            "db": self.args.database, "login": login, "password": password})
        self.calls += 4
        return client

    def call(self, client, model, method, *args, **kwargs):
        self.calls += 1
        return client.execute_kw(model, method, list(args), kwargs)

    def download(self, client, url):
        self.calls += 1
        response = client.http(url)
        return response.headers.get("Content-Type", ""), response.read()

    def refused(self, error_name, client, model, method, *args, **kwargs):
        try:
            self.call(client, model, method, *args, **kwargs)
        except RPCError as error:
            name = error.info["data"]["name"]
            check(name == error_name, f"{model}.{method}: {name}, not {error_name}")
            return error.info["data"]["message"]
        raise AssertionError(f"{model}.{method} was accepted")

    def run(self):
        api = self.client(self.args.login, self.args.password)
        step("organisation tree")
        upper = self.call(api, "party.organization", "create", {
            "name": f"Đảng bộ Khối {self.tag}", "org_type": "upper"})
        cell = self.call(api, "party.organization", "create", {
            "name": f"Chi bộ Văn phòng {self.tag}", "parent_id": upper})

        step("employees from the HR system become party members")
        names = ["Đỗ Văn Hùng", "Ngô Thị Lan", "Bùi Quang Minh", "Phan Thị Nga"]
        employees = self.call(api, "hr.employee", "create",
                              [{"name": f"{n} {self.tag}"} for n in names])
        members = self.call(api, "party.member", "create", [{
            "employee_id": e, "organization_id": cell, "state": "official",
            "admission_date": "2012-02-03", "official_date": "2013-02-03",
            "committee_role": "secretary" if i == 0 else "member",
        } for i, e in enumerate(employees)])

        step("plan the meeting, roll call, speaking turns, a task")
        meeting = self.call(api, "party.meeting", "create", {
            "organization_id": cell, "date_start": "2026-11-03 07:00:00",
            "date_end": "2026-11-03 09:00:00", "location": "Hội trường tầng 3",
            "chair_id": members[0], "minute_taker_id": members[1],
        })
        self.call(api, "party.meeting", "action_plan", [meeting])
        lines = self.call(api, "party.meeting.attendance", "search_read",
                          [("meeting_id", "=", meeting)], fields=["member_id"])
        line_of = {line["member_id"][0]: line["id"] for line in lines}
        self.call(api, "party.meeting", "write", [meeting], {
            "attendance_ids": [
                (1, line_of[members[3]], {"status": "excused", "reason": "Ốm"}),
                (1, line_of[members[0]], {"speaking_turns": 2}),
                (1, line_of[members[2]], {"speaking_turns": 1}),
            ],
            "conclusion": "<p>Chi bộ thống nhất các nhiệm vụ tháng 12.</p>",
            "vote_for": 3,
        })
        self.call(api, "party.task", "create", {
            "name": "Báo cáo tổng kết năm", "meeting_id": meeting, "deadline": "2026-12-15",
            "assignee_ids": [(6, 0, [members[2]])]})

        step("hold and approve: the minutes are numbered and stored as a PDF")
        self.call(api, "party.meeting", "action_hold", [meeting])
        self.call(api, "party.meeting", "action_approve", [meeting])
        [record] = self.call(api, "party.meeting", "read", [meeting], [
            "state", "minutes_number", "vote_display", "minutes_attachment_id"])
        check(record["state"] == "approved", f"state {record['state']}")
        check(record["minutes_number"] == "01-BB/CB", f"number {record['minutes_number']}")
        check(record["vote_display"] == "3/4, 75.0%", f"vote {record['vote_display']}")

        step("download the minutes PDF and the member list XLSX")
        kind, pdf = self.download(
            api, f"report/pdf/party_cell.report_meeting_minutes/{meeting}")
        check(kind == "application/pdf" and pdf.startswith(b"%PDF"), f"minutes: {kind}")
        kind, xlsx = self.download(
            api, f"report/xlsx/party_cell.member_list_xlsx/{','.join(map(str, members))}")
        check("spreadsheetml" in kind, f"member list: {kind}")
        try:
            from openpyxl import load_workbook  # noqa: PLC0415 (optional reader)
        except ImportError:
            check(xlsx.startswith(b"PK"), "member list is not an XLSX")
        else:
            values = {str(c.value) for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows()
                      for c in row if c.value}
            check(f"Ngô Thị Lan {self.tag}" in values, "member list lacks a member")

        step("what must be refused, is")
        self.refused("odoo.exceptions.UserError", api, "party.meeting", "write", [meeting],
                     {"location": "Phòng khác"})
        member_login = f"dangvien_{self.tag}"
        user = self.call(api, "res.users", "create", {
            "name": f"Đảng viên {self.tag}", "login": member_login, "password": member_login,
            "groups_id": [(6, 0, [self.call(api, "ir.model.data", "check_object_reference",
                                            "party_cell", "group_party_member")[1]])],
        })
        self.call(api, "hr.employee", "write", [employees[1]], {"user_id": user})
        member = self.client(member_login, member_login)
        self.refused("odoo.exceptions.AccessError", member, "party.meeting", "create", {
            "organization_id": cell, "date_start": "2026-12-01 07:00:00",
            "date_end": "2026-12-01 09:00:00", "location": "Nơi khác"})
        self.refused("odoo.exceptions.AccessError", member, "party.member", "read",
                     [members[0]], ["name"])
        self.refused("odoo.exceptions.AccessError", member, "party.discipline", "search", [])
        print(f"api scenario: OK, {self.calls} RPC calls", flush=True)


def step(text):
    print(f"- {text}", flush=True)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8069)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    scenario = Scenario(parser.parse_args())
    try:
        scenario.run()
    except (AssertionError, RPCError) as error:
        print(f"api scenario: FAILED after {scenario.calls} RPC calls: {error}", flush=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
