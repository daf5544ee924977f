from odoo import models


class PartyMeeting(models.Model):
    """Province-scale paths of meetings, measured by tools/benchmark.py."""

    _inherit = "party.meeting"

    def _fill_attendance(self):
        """Summon every current member of the organisation, exempted ones as exempt.

        Same result as the base method, with the members grouped by organisation once: the
        base loop looks at every member for every meeting, which makes the monthly planning
        of 2,000 cells (30,000 members) compare 60 million pairs and take minutes.
        """
        members = self.env["party.member"].search([
            ("organization_id", "in", self.organization_id.ids),
            ("state", "in", ("probationary", "official", "exempted")),
        ])
        by_org = members.grouped("organization_id")
        vals_list = []
        for meeting in self:
            present = meeting.attendance_ids.member_id
            for member in by_org.get(meeting.organization_id, ()):
                if member in present:
                    continue
                vals_list.append({
                    "meeting_id": meeting.id,
                    "member_id": member.id,
                    "status": "exempt" if member.state == "exempted" else "present",
                })
        self.env["party.meeting.attendance"].create(vals_list)
