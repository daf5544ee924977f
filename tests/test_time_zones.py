"""Rule 10 on paper: the stored minutes print the times and dates of the place of the meeting.

Users in UTC and in Asia/Ho_Chi_Minh save and approve meetings at 23:30 and at 00:30 local
time; the approval renders the real PDF (wkhtmltopdf, hence an HttpCase), read back with
pdftotext.
"""

import subprocess
import tempfile

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common import PartyCase


def pdf_text(raw):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(raw)
        f.flush()
        out = subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True,
                             check=True, timeout=60).stdout.decode()
    return " ".join(out.split())


@tagged("post_install", "-at_install")
class TestPrintedTimes(HttpCase, PartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo's demo company sits in San Francisco: never the place of a party document.
        cls.company.write({"city": "San Francisco", "country_id": cls.env.ref("base.us").id})
        cls.upper.place_name = "Thanh Hóa"
        cls.cell_a1.tz = "Asia/Ho_Chi_Minh"
        cls.user_secretary.tz = "UTC"
        cls.user_officer.tz = "Asia/Ho_Chi_Minh"

    def _save_and_approve(self, user, clock_utc, start_utc, end_utc):
        """Create, plan, hold and approve a meeting as ``user`` at ``clock_utc``."""
        with freeze_time(clock_utc, tick=True):
            meeting = self.env["party.meeting"].with_user(user).with_context(
                force_report_rendering=True).create({
                    "organization_id": self.cell_a1.id, "location": "Hội trường tầng 3",
                    "date_start": start_utc, "date_end": end_utc,
                    "chair_id": self.secretary.id, "minute_taker_id": self.member2.id,
                    "conclusion": "<p>Chi bộ thống nhất.</p>",
                })
            meeting.action_plan()
            meeting.action_hold()
            meeting.action_approve()
        return meeting, pdf_text(meeting.minutes_attachment_id.raw)

    def test_minutes_print_the_place_and_times_of_the_meeting(self):
        # A 14:00 meeting, approved by the UTC user at 00:30 on 1 December in Hanoi (still
        # 30 November, 17:30, for that user).
        afternoon, text = self._save_and_approve(
            self.user_secretary, "2026-11-30 17:30:00",
            "2026-11-30 07:00:00", "2026-11-30 09:00:00")
        self.assertEqual(afternoon.month, "2026-11")
        self.assertIn("bắt đầu lúc 14 giờ 00 phút, ngày 30/11/2026", text)
        self.assertIn("Thanh Hóa, ngày 30 tháng 11 năm 2026", text)
        self.assertIn("Số 01-BB/CB", text)
        self.assertNotIn("San Francisco", text)

        # 23:30 to midnight on New Year's Eve, approved by the Hanoi user at 00:30 on
        # 1 January.
        evening, text = self._save_and_approve(
            self.user_officer, "2026-12-31 17:30:00",
            "2026-12-31 16:30:00", "2026-12-31 17:00:00")
        self.assertEqual((evening.month, evening.year), ("2026-12", 2026))
        self.assertIn("bắt đầu lúc 23 giờ 30 phút, ngày 31/12/2026", text)
        self.assertIn("Thanh Hóa, ngày 31 tháng 12 năm 2026", text)
        self.assertIn("Số 02-BB/CB", text)

        # 00:30 on 1 January, saved and approved by the UTC user at 23:30 Hanoi time on the
        # 1st (16:30 UTC): a meeting of 2027, numbered on within the cell's term.
        new_year, text = self._save_and_approve(
            self.user_secretary, "2027-01-01 16:30:00",
            "2026-12-31 17:30:00", "2026-12-31 19:30:00")
        self.assertEqual((new_year.month, new_year.year), ("2027-01", 2027))
        self.assertIn("bắt đầu lúc 0 giờ 30 phút, ngày 01/01/2027", text)
        self.assertIn("Thanh Hóa, ngày 01 tháng 01 năm 2027", text)
        self.assertIn("Số 03-BB/CB", text)
