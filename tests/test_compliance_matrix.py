import json
from datetime import date

from odoo.addons.party_cell.reports.xlsx_base import FILLS
from odoo.addons.party_cell.tools import dataset
from odoo.addons.party_cell.tools.meeting_form_spec import FORM_SPEC
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import PartyCase, render_xlsx

TODAY = date(2026, 10, 3)  # October not due yet: the window runs to day 5.
PERIOD = ("2026-07-01", "2026-10-31")


def fill_of(cell):
    return "#" + cell.fill.fgColor.rgb[-6:].upper()


@tagged("post_install", "-at_install")
class TestComplianceMatrix(PartyCase):
    """The matrix on a hand-built case: cells A1, A2 (committee A), B1 (committee B)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, party_today=TODAY))
        cls.topic = cls.env["party.topic"].create({
            "name": "Học tập và làm theo tư tưởng Hồ Chí Minh", "year": 2026,
            "company_id": cls.company.id,
        })
        # A1: July on time with a ballot, August late, September nothing; thematic in August.
        cls.a1_july = cls._held(cls.cell_a1, "2026-07-03 07:00:00", cls.secretary, cls.member)
        cls._ballot(cls.a1_july, cls.member)
        cls.a1_aug = cls._held(cls.cell_a1, "2026-08-12 07:00:00", cls.secretary, cls.member)
        cls._held(cls.cell_a1, "2026-08-20 01:00:00", cls.secretary, cls.member,
                  meeting_type="thematic", topic_id=cls.topic.id)
        # A2: July on time without ballot, an overdue task; no thematic meeting in Q3.
        cls.a2_july = cls._held(cls.cell_a2, "2026-07-02 07:00:00", cls.member_a2,
                                cls.member_a2)
        cls.task = cls.env["party.task"].create({
            "name": "Báo cáo kết quả", "meeting_id": cls.a2_july.id,
            "assignee_ids": [(6, 0, cls.member_a2.ids)], "deadline": "2026-07-20",
        })
        # B1: September planned only (never held).
        cls.b1_sept = cls._meeting(cls.cell_b1, "2026-09-03 07:00:00")
        cls.b1_sept.action_plan()

    @classmethod
    def _held(cls, cell, start, chair, taker, **vals):
        meeting = cls._meeting(cell, start, chair_id=chair.id, minute_taker_id=taker.id, **vals)
        meeting.action_plan()
        meeting.action_hold()
        return meeting

    @classmethod
    def _ballot(cls, meeting, voter):
        ballot = cls.env["party.ballot"].create({
            "meeting_id": meeting.id, "voter_id": voter.id, "role": "member",
        })
        for line in ballot.line_ids.filtered(lambda x: not x.is_auto):
            line.points = line.max_points
        ballot.action_submit()
        return ballot

    def _matrix(self, user, filters=None):
        env = self.env(user=user)
        return env["party.compliance.matrix"].get_matrix(*PERIOD, filters or {})

    def _rows(self, matrix):
        return {row["name"]: row for row in matrix["rows"]}

    def test_months_and_statuses(self):
        matrix = self._matrix(self.user_admin)
        self.assertEqual([m["key"] for m in matrix["months"]],
                         ["2026-07", "2026-08", "2026-09", "2026-10"])
        rows = self._rows(matrix)
        a1, a2, b1 = rows["Chi bộ A1"]["cells"], rows["Chi bộ A2"]["cells"], \
            rows["Chi bộ B1"]["cells"]
        # Held on time with a ballot: score and rating of the ballot.
        self.assertIn(a1["2026-07"]["status"], ("held", "issues"))
        self.assertFalse(a1["2026-07"]["ballots_missing"])
        self.assertAlmostEqual(a1["2026-07"]["score"], round(self.a1_july.score, 1))
        self.assertEqual(a1["2026-07"]["rating"], self.a1_july.rating)
        self.assertEqual(a1["2026-07"]["attendance"], 100.0)
        # Late, then missing; the quarter's thematic meeting held in August.
        self.assertEqual(a1["2026-08"]["status"], "late")
        self.assertEqual(a1["2026-08"]["color"], "late")
        self.assertEqual(a1["2026-08"]["thematic"], "held")
        self.assertEqual(a1["2026-09"]["status"], "missing")
        self.assertEqual(a1["2026-09"]["color"], "bad")
        self.assertFalse(a1["2026-09"]["thematic"])
        self.assertEqual(a1["2026-10"]["status"], "future")
        # A2: no ballot makes a held month yellow; no thematic meeting in the quarter.
        self.assertEqual(a2["2026-07"]["status"], "issues")
        self.assertTrue(a2["2026-07"]["ballots_missing"])
        self.assertEqual(a2["2026-07"]["tasks_overdue"], 1)
        self.assertEqual(a2["2026-09"]["thematic"], "missing")
        # B1: planned but never held is missing once due.
        self.assertEqual(b1["2026-09"]["status"], "missing")
        self.assertEqual(b1["2026-09"]["state"], "planned")
        totals = rows["Chi bộ A1"]["totals"]
        self.assertEqual(totals["held_total"], 2)
        self.assertEqual(totals["due"], 3)
        self.assertEqual(totals["missing"], 1)
        self.assertEqual((totals["thematic_quarters"], totals["quarters"]), (1, 1))
        self.assertEqual(rows["Chi bộ A2"]["totals"]["thematic_quarters"], 0)
        # Headings sum their cells; tree order with depths.
        self.assertEqual(rows["Đảng bộ Cục A"]["cell_count"], 2)
        self.assertEqual(rows["Đảng bộ Cục A"]["totals"]["held_total"], 3)
        names = [r["name"] for r in matrix["rows"]]
        self.assertEqual(names[:4], ["Đảng bộ Khối", "Đảng bộ Cục A", "Chi bộ A1", "Chi bộ A2"])
        self.assertEqual(rows["Chi bộ A1"]["depth"], 2)
        self.assertEqual(matrix["summary"]["2026-09"]["bad"], 3)

    def test_two_held_meetings_in_one_month(self):
        """A month with two held regular meetings counts both: late only when both were,
        attendance the mean of the two (read by the matrix's second query); the screen
        shows the same month."""
        extras = [self._member(f"Đảng viên B1 {i}", self.cell_b1, card_number=f"78.00009{i}")
                  for i in range(3)]
        on_time = self._held(self.cell_b1, "2026-07-03 07:00:00", self.secretary_b, extras[0])
        late = self._meeting(self.cell_b1, "2026-07-24 07:00:00", chair_id=self.secretary_b.id,
                             minute_taker_id=extras[0].id)
        late.attendance_ids.filtered(lambda a: a.member_id == extras[2]).status = "unexcused"
        late.action_plan()
        late.action_hold()
        self.assertEqual((on_time.attendance_rate, late.attendance_rate), (100.0, 75.0))
        july = self._rows(self._matrix(self.user_admin))["Chi bộ B1"]["cells"]["2026-07"]
        self.assertEqual(july["count"], 2)
        self.assertEqual(july["state"], "held")
        self.assertIn(july["status"], ("held", "issues"), "one of the two was on time")
        self.assertEqual(july["attendance"], 87.5)
        screen = self.env(user=self.user_admin)["party.compliance.matrix"].get_matrix_screen(
            *PERIOD, {})
        row = next(r for r in screen["rows"] if r[1] == "Chi bộ B1")
        self.assertEqual(row[7].split(";")[0].split("|")[:2],
                         ["h" if july["status"] == "held" else "i", "87.5"])

    def test_legend_colours_tell_every_status_apart(self):
        legend = self._matrix(self.user_officer)["legend"]
        colours = [item["color"] for item in legend]
        self.assertEqual(len(set(colours)), len(legend), legend)
        self.assertEqual(len({FILLS[c] for c in colours}), len(legend), "XLSX fills too")

    def test_drill_down_opens_the_meetings_behind_a_cell(self):
        # What the screen opens when a month or a row total is clicked (compliance_matrix.js
        # calls these methods and opens their actions as they are).
        matrix = self.env["party.compliance.matrix"].with_user(self.user_officer)
        action = matrix.action_open_meetings(self.committee_a.id, "2026-08", "2026-08",
                                             "Đảng bộ Cục A (8/2026)")
        self.assertEqual((action["res_model"], action["name"]),
                         ("party.meeting", "Đảng bộ Cục A (8/2026)"))
        Meeting = self.env["party.meeting"].with_user(self.user_officer)
        august = Meeting.search(action["domain"])
        self.assertEqual(len(august), 2)
        self.assertEqual(set(august.mapped("month")), {"2026-08"})
        self.assertIn(self.a1_aug, august)
        self.assertEqual(august.organization_id, self.cell_a1, "A2 held nothing in August")
        row = Meeting.search(matrix.action_open_meetings(
            self.cell_a1.id, "2026-07", "2026-09")["domain"])
        self.assertEqual(len(row), 3, "July, and August's regular and thematic meetings")
        self.assertIn(self.a1_july, row)
        action = matrix.action_open_overdue_tasks(self.cell_a2.id, "2026-07")
        Task = self.env["party.task"].with_user(self.user_officer)
        self.assertEqual(Task.search(action["domain"]), self.task)
        self.assertFalse(Task.search(
            matrix.action_open_overdue_tasks(self.cell_a2.id, "2026-08")["domain"]))

    def test_drill_down_refuses_what_it_cannot_open(self):
        matrix = self.env["party.compliance.matrix"].with_user(self.user_officer)
        cases = [
            ("no organisation", (False, "2026-08", "2026-08"), UserError),
            ("organisation as text", ("1", "2026-08", "2026-08"), UserError),
            ("month out of range", (self.committee_a.id, "2026-13", "2026-13"), UserError),
            ("not a month", (self.committee_a.id, "tháng tám", "2026-08"), UserError),
            ("another committee's subtree", (self.committee_b.id, "2026-08", "2026-08"),
             AccessError),
        ]
        for what, args, error in cases:
            with self.subTest(case=what), self.assertRaises(error):
                matrix.action_open_meetings(*args)

    def test_record_rules_subtree_only(self):
        rows = self._rows(self._matrix(self.user_officer))
        self.assertIn("Chi bộ A1", rows)
        self.assertIn("Đảng bộ Cục A", rows)
        self.assertNotIn("Chi bộ B1", rows)
        self.assertNotIn("Đảng bộ Khối", rows, "the upper level is outside the officer's rules")
        self.assertEqual(rows["Đảng bộ Cục A"]["depth"], 0)
        self.assertNotIn("Chi bộ Z1", self._rows(self._matrix(self.user_admin)))

    def test_screen_follows_record_rules(self):
        """The screen's SQL reads only what the officer of committee A may read."""
        screen = self.env(user=self.user_officer)["party.compliance.matrix"].get_matrix_screen(
            *PERIOD, {})
        rows = {row[1]: row for row in screen["rows"]}
        self.assertEqual(set(rows), {"Đảng bộ Cục A", "Chi bộ A1", "Chi bộ A2"})
        keys = [m["key"] for m in screen["months"]]
        a1 = dict(zip(keys, rows["Chi bộ A1"][7].split(";")))
        self.assertIn(a1["2026-07"][0], "hi", "A1's July is held")
        self.assertEqual(a1["2026-08"][0], "l", "A1's August is held late")
        self.assertEqual(sum(screen["summary"][k]["planned"] for k in keys), 0,
                         "B1's planned September is not the officer's")

    def test_filters(self):
        cluster = self.env["party.cluster"].create({"name": "Cụm 1"})
        self.cell_a2.cluster_id = cluster
        rows = self._rows(self._matrix(self.user_admin, {"cluster_ids": [cluster.id]}))
        self.assertEqual([n for n, r in rows.items() if r["is_cell"]], ["Chi bộ A2"])
        rows = self._rows(self._matrix(self.user_admin, {"organization_id": self.committee_b.id}))
        self.assertEqual([n for n, r in rows.items() if r["is_cell"]], ["Chi bộ B1"])
        self.cell_a1.org_type = "grassroots_cell"
        rows = self._rows(self._matrix(self.user_admin, {"org_types": ["grassroots_cell"]}))
        self.assertEqual([n for n, r in rows.items() if r["is_cell"]], ["Chi bộ A1"])

    def _xlsx(self, user, name="compliance_matrix", records=None, options=None):
        env = self.env(user=user)
        return render_xlsx(env, f"party_cell.action_report_{name}_xlsx",
                           records.with_env(env) if records else None,
                           options or {"date_from": PERIOD[0], "date_to": PERIOD[1]})

    def _find_row(self, sheet, text, col=2):
        for row in sheet.iter_rows(min_row=1):
            if isinstance(row[col - 1].value, str) and row[col - 1].value.strip() == text:
                return row
        return None

    def test_xlsx_matrix_values_colours_and_summary(self):
        book = self._xlsx(self.user_admin)
        self.assertEqual(book.sheetnames, ["Matrix", "Summary"])
        sheet = book["Matrix"]
        header = [c.value for c in sheet[4]]
        self.assertEqual(header[2:6], ["07/2026", "08/2026", "09/2026", "10/2026"])
        a1 = self._find_row(sheet, "Chi bộ A1")
        self.assertTrue(a1[3].value.startswith("Late"))
        self.assertIn("Thematic", a1[3].value)
        self.assertEqual(fill_of(a1[3]), FILLS["late"])
        self.assertEqual(a1[4].value, "Not held")
        self.assertEqual(fill_of(a1[4]), FILLS["bad"])
        self.assertEqual(fill_of(a1[5]), FILLS["none"])
        self.assertEqual(a1[6].value, 2, "held meetings in the totals")
        a2 = self._find_row(sheet, "Chi bộ A2")
        self.assertIn("No ballots", a2[2].value)
        self.assertIn("1 overdue", a2[2].value)
        self.assertIn("No thematic", a2[4].value)
        summary = book["Summary"]
        missing = self._find_row(summary, "Not held", col=1)
        # July: B1; August: A2 and B1; September: all three; October not due.
        self.assertEqual([c.value for c in missing[1:]], [1, 2, 3, 0, 6])
        cells = self._find_row(summary, "Cells", col=1)
        self.assertEqual(cells[1].value, 3)

    def test_xlsx_matrix_follows_record_rules(self):
        sheet = self._xlsx(self.user_officer)["Matrix"]
        self.assertIsNotNone(self._find_row(sheet, "Chi bộ A1"))
        self.assertIsNone(self._find_row(sheet, "Chi bộ B1"))
        summary = self._xlsx(self.user_officer)["Summary"]
        self.assertEqual(self._find_row(summary, "Cells", col=1)[1].value, 2)

    def test_xlsx_quality_summary(self):
        officer_env = self.env(user=self.user_officer)
        book = self._xlsx(self.user_officer, "quality_summary",
                          officer_env["party.organization"].browse(self.committee_a.id),
                          {"year": 2026, "quarter": 3})
        sheet = book.worksheets[0]
        self.assertIn("ĐẢNG BỘ CỤC A", sheet["A1"].value)
        a1 = self._find_row(sheet, "Chi bộ A1")
        # Months due, held, on time, not held, thematic quarters.
        self.assertEqual([c.value for c in a1[2:7]], [3, 2, 1, 1, "1/1"])
        total = self._find_row(sheet, "Total (2 cells)")
        self.assertEqual(total[3].value, 3)
        self.assertIsNone(self._find_row(sheet, "Chi bộ B1"))

    def test_xlsx_matrix_from_the_print_menu(self):
        """Printed from organisations: one matrix per organisation, over its subtree."""
        env = self.env(user=self.user_admin)
        orgs = env["party.organization"].browse((self.committee_a | self.committee_b).ids)
        book = self._xlsx(self.user_admin, records=orgs)
        self.assertEqual(len(book.sheetnames), 4)
        first, third = book.worksheets[0], book.worksheets[2]
        self.assertIn("ĐẢNG BỘ CỤC A", first["A1"].value)
        self.assertIsNotNone(self._find_row(first, "Chi bộ A1"))
        self.assertIsNone(self._find_row(first, "Chi bộ B1"))
        self.assertIsNotNone(self._find_row(third, "Chi bộ B1"))

    def test_xlsx_bad_options_are_refused(self):
        for options in ({"date_from": "2026-13-01"}, {"date_from": "2026-09-01",
                                                       "date_to": "2026-08-01"},
                        {"filters": ["x"]}):
            with self.subTest(options=options), self.assertRaises(UserError):
                self._xlsx(self.user_admin, options=options)
        with self.assertRaises(UserError):
            self._xlsx(self.user_officer, "quality_summary",
                       self.env(user=self.user_officer)["party.organization"].browse(
                           self.committee_a.id), {"year": "two thousand"})


@tagged("post_install", "-at_install")
class TestComplianceMatrixQueries(PartyCase):
    """The matrix and ballot submission cost a fixed number of queries on generated data."""

    MATRIX_QUERIES = 10
    # 2 of them read the company's language to format the measured percentages: this test's
    # environment has no language in its context, a browser's has; 1 finds the chi ủy
    # meetings that prepared the meeting ("committee met first").
    BALLOT_QUERIES = 28
    FORM_QUERIES = 9

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = date(2026, 11, 22)
        cls.env = cls.env(context=dict(cls.env.context, party_today=today))
        cls.small = dataset.generate(cls.env, cells=10, members=120, months=3, prefix="QS",
                                     today=today, seed=2)
        cls.large = dataset.generate(cls.env, cells=20, members=240, months=3, prefix="QL",
                                     today=today, seed=3)
        cls.officer_small = new_test_user(
            cls.env, login="officer_small",
            groups="base.group_user,party_cell.group_party_committee")
        cls.officer_large = new_test_user(
            cls.env, login="officer_large",
            groups="base.group_user,party_cell.group_party_committee")
        cls.small["upper"].committee_user_ids = cls.officer_small
        cls.large["upper"].committee_user_ids = cls.officer_large

    def _get(self, user):
        return self.env(user=user)["party.compliance.matrix"].get_matrix(
            "2026-09-01", "2026-11-30", {})

    def _count(self, func):
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        result = func()
        return self.cr.sql_log_count - before, result

    def test_matrix_queries_do_not_grow_with_cells(self):
        self._get(self.officer_small)  # warm the rule caches
        self._get(self.officer_large)
        small, matrix_small = self._count(lambda: self._get(self.officer_small))
        large, matrix_large = self._count(lambda: self._get(self.officer_large))
        self.assertEqual(sum(r["is_cell"] for r in matrix_small["rows"]), 10)
        self.assertEqual(sum(r["is_cell"] for r in matrix_large["rows"]), 20)
        self.assertEqual(small, large, "twice the cells, same queries")
        self.env.invalidate_all()
        with self.assertQueryCount(self.MATRIX_QUERIES):
            self._get(self.officer_large)

    def test_screen_payload_is_compact_and_complete(self):
        """The screen's rows carry every figure of get_matrix in a fraction of the bytes."""
        Matrix = self.env(user=self.officer_large)["party.compliance.matrix"]
        full = Matrix.get_matrix("2026-01-01", "2026-12-31", {})
        screen = Matrix.get_matrix_screen("2026-01-01", "2026-12-31", {})
        codes = screen["codes"]
        keys = [m["key"] for m in full["months"]]
        self.assertEqual(len(screen["rows"]), len(full["rows"]))
        for expected, raw in zip(full["rows"], screen["rows"]):
            row_id, name, depth, parent_id, is_cell, cell_count, totals, cells = raw
            self.assertEqual((row_id, name, depth, parent_id, is_cell),
                             tuple(expected[k] for k in ("id", "name", "depth", "parent_id",
                                                         "is_cell")))
            self.assertEqual(cell_count, expected.get("cell_count", 0))
            self.assertEqual(dict(zip(screen["total_keys"], totals)),
                             {k: expected["totals"].get(k) for k in screen["total_keys"]})
            if not is_cell:
                self.assertEqual(cells, "")
                continue
            for key, text in zip(keys, cells.split(";"), strict=True):
                parts = text.split("|") + [""] * 10
                cell = expected["cells"][key]
                with self.subTest(row=name, month=key):
                    self.assertEqual(codes["status"][parts[0]], cell["status"])
                    for index, fname in ((1, "attendance"), (2, "speaking"), (3, "score")):
                        value = float(parts[index]) if parts[index] else None
                        self.assertEqual(value, cell[fname])
                    self.assertEqual(codes["rating"].get(parts[4], False), cell["rating"])
                    self.assertEqual(codes["thematic"].get(parts[5], False), cell["thematic"])
                    self.assertEqual(parts[6] == "1", cell["ballots_missing"])
                    self.assertEqual([int(p or 0) for p in parts[7:10]],
                                     [cell["tasks_overdue"], cell["visits"],
                                      cell["visits_overdue"]])
        full_size, screen_size = (len(json.dumps(m, default=str)) for m in (full, screen))
        cell_months = sum(r["is_cell"] for r in full["rows"]) * len(keys)
        # About 7 MB for 2,000 cells x 12 months in full; under 1 MB is 40 bytes a month.
        self.assertLess(screen_size / cell_months, 40)
        self.assertLess(screen_size * 4, full_size)

    def _submit(self, meeting):
        voted = meeting.ballot_ids.voter_id
        voter = meeting.attendance_ids.filtered(
            lambda a: a.status == "present" and a.member_id not in voted)[:1].member_id
        ballot = self.env["party.ballot"].create({
            "meeting_id": meeting.id, "voter_id": voter.id, "role": "member"})
        ballot.action_submit()
        self.env.flush_all()
        return ballot

    def test_ballot_submission_constant(self):
        Meeting = self.env["party.meeting"]
        held = Meeting.search([
            ("organization_id", "in", self.large["cells"].ids),
            ("state", "in", ("held", "approved")), ("meeting_type", "=", "regular"),
            ("scoring_closed", "=", False),
        ], order="date_start desc")
        big = held.filtered(lambda m: m.summoned_count >= 50)[:2]
        small = held.filtered(lambda m: m.summoned_count <= 10)[:2]
        self.assertEqual(len(big), 2)
        self.assertEqual(len(small), 2)
        self._submit(big[1])  # warm the caches
        self._submit(small[1])
        big_count, _ballot = self._count(lambda: self._submit(big[0]))
        small_count, _ballot = self._count(lambda: self._submit(small[0]))
        self.assertEqual(big_count, small_count, "a 60-member meeting costs as much as a small one")
        self.env.invalidate_all()
        meeting = held.filtered(lambda m: m.summoned_count >= 50)[2:3] or big[0]
        with self.assertQueryCount(self.BALLOT_QUERIES):
            self._submit(meeting)

    def test_form_read_constant(self):
        officer = self.env(user=self.officer_large)
        held = officer["party.meeting"].search([
            ("state", "in", ("held", "approved")), ("meeting_type", "=", "regular"),
        ])
        big = held.filtered(lambda m: len(m.attendance_ids) == 60)[:2]
        small = held.filtered(lambda m: len(m.attendance_ids) <= 10)[:1]
        self.assertEqual(len(big), 2)
        big[1].web_read(FORM_SPEC)  # warm the caches
        big_count, _res = self._count(lambda: big[0].web_read(FORM_SPEC))
        small_count, _res = self._count(lambda: small.web_read(FORM_SPEC))
        self.assertEqual(big_count, small_count, "60 roll-call lines cost as much as 10")
        self.env.invalidate_all()
        with self.assertQueryCount(self.FORM_QUERIES):
            big[0].web_read(FORM_SPEC)
