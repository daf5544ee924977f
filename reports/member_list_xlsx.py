from odoo import _, fields, models

from .xlsx_base import XlsxBuilder


class MemberListXlsx(XlsxBuilder):
    """Member list of the selected members, one row each."""


    def render(self):
        env = self.env
        member_fields = env["party.member"]._fields
        states = dict(member_fields["state"]._description_selection(env))
        roles = dict(member_fields["committee_role"]._description_selection(env))
        levels = dict(member_fields["theory_level"]._description_selection(env))
        sheet = self.book.add_worksheet(_("Members"))
        sheet.merge_range(0, 0, 0, 8, _("PARTY MEMBER LIST"), self.formats["title"])
        sheet.merge_range(1, 0, 1, 8, _("Printed on %(date)s",
                                        date=fields.Date.context_today(self.records)
                                        .strftime("%d/%m/%Y")), self.formats["subtitle"])
        row = self._header(sheet, 3, [
            _("No."), _("Full Name"), _("Job Title"), _("Cell"), _("Party Role"),
            _("Status"), _("Admission Date"), _("Official Date"), _("Political Theory"),
        ], widths=[6, 28, 24, 30, 18, 14, 14, 14, 16])
        cell, date = self.formats["cell"], self.formats["date"]
        for index, member in enumerate(self.records, start=1):
            sheet.write(row, 0, index, self.formats["number"])
            sheet.write(row, 1, member.name or "", cell)
            sheet.write(row, 2, member.job_title or "", cell)
            sheet.write(row, 3, member.organization_id.name or "", cell)
            sheet.write(row, 4, roles.get(member.committee_role, ""), cell)
            sheet.write(row, 5, states.get(member.state, ""), cell)
            for col, value in ((6, member.admission_date), (7, member.official_date)):
                if value:
                    sheet.write_datetime(row, col, fields.Datetime.to_datetime(value), date)
                else:
                    sheet.write_blank(row, col, None, cell)
            sheet.write(row, 8, levels.get(member.theory_level, ""), cell)
            row += 1
        sheet.write(row, 1, _("Total: %(count)s members", count=len(self.records)),
                    self.formats["total"])


class ReportMemberListXlsx(models.AbstractModel):
    _name = "report.party_cell.member_list_xlsx"
    _inherit = "report.party_cell.xlsx"
    _description = "Party Member List (XLSX)"

    _builder = MemberListXlsx
