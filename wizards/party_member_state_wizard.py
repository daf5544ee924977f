from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..models.party_rules import party_share, share_reached

# Which status changes are allowed, from each status.
TRANSITIONS = {
    "probationary": {"official", "removed", "transferred", "deceased"},
    "official": {"exempted", "transferred", "removed", "deceased"},
    "exempted": {"official", "transferred", "removed", "deceased"},
    "transferred": set(),
    "removed": set(),
    "deceased": set(),
}


class PartyMemberStateWizard(models.TransientModel):
    """Record a change of membership status with its date, decision and reason.

    Recognising a probationary member as official also records the cell's vote, which needs
    at least two thirds of its official members (Party Charter, art. 5), and the decision;
    on time, the member is official from the end of the twelve months of probation.
    """

    _name = "party.member.state.wizard"
    _description = "Change Membership Status"

    member_ids = fields.Many2many("party.member", string="Members", required=True)
    new_state = fields.Selection(
        [
            ("official", "Recognised as Official"),
            ("exempted", "Exempted from Activities"),
            ("transferred", "Transferred Out"),
            ("removed", "Removed from the Rolls"),
            ("deceased", "Deceased"),
        ],
        string="New Status", required=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today,
                       help="Date of the change; for a recognition, the date of the decision.")
    reason = fields.Char()
    decision_number = fields.Char()
    is_recognition = fields.Boolean(compute="_compute_is_recognition")
    vote_for = fields.Integer(string="Votes For",
                              help="Official members of the cell who voted for the recognition.")
    vote_total = fields.Integer(
        string="Official Members", compute="_compute_vote_total", store=True, readonly=False,
        help="Official members of the cell, the base of the two-thirds majority.")

    @api.depends("new_state", "member_ids.state")
    def _compute_is_recognition(self):
        for wizard in self:
            wizard.is_recognition = wizard.new_state == "official" and any(
                m.state == "probationary" for m in wizard.member_ids)

    @api.depends("member_ids.organization_id")
    def _compute_vote_total(self):
        cells = self.member_ids.organization_id
        counts = dict(self.env["party.member"]._read_group(
            [("organization_id", "in", cells.ids), ("state", "=", "official"),
             ("is_temporary", "=", False)],
            ["organization_id"], ["__count"],
        )) if cells else {}
        for wizard in self:
            wizard.vote_total = sum(
                counts.get(cell, 0) for cell in wizard.member_ids.organization_id)

    @api.constrains("new_state", "member_ids")
    def _check_transition(self):
        for wizard in self:
            bad = wizard.member_ids.filtered(
                lambda m, w=wizard: w.new_state not in TRANSITIONS[m.state]
            )
            if bad:
                states = dict(self.env["party.member"]._fields["state"].selection)
                raise UserError(
                    _("%(names)s cannot change from %(state)s to the chosen status.",
                      names=", ".join(bad.mapped("name")), state=states[bad[0].state])
                )

    def _check_recognition(self, recognised):
        """The cell's vote, the decision and the end of probation, before anything is written."""
        if len(recognised.organization_id) > 1:
            raise UserError(_("Recognise the members of one cell at a time: each cell votes on "
                              "its own members."))
        share = party_share(self.env, "admission_vote_share")
        if not (self.vote_total > 0 and 0 <= self.vote_for <= self.vote_total):
            raise UserError(_("Give the cell's vote: votes for, out of its official members."))
        if not share_reached(self.vote_for, self.vote_total, share):
            raise UserError(
                _("Recognition as an official member needs the vote of at least %(share)s of "
                  "the cell's official members: %(votes)s of %(total)s is not enough.",
                  share="/".join(map(str, share)), votes=self.vote_for, total=self.vote_total)
            )
        if not (self.decision_number or "").strip():
            raise UserError(_("Give the number of the decision recognising the member."))
        early = recognised.filtered(
            lambda m: m.probation_end_date and m.probation_end_date > self.date)
        if early:
            raise UserError(
                _("The probation of %(name)s ends on %(date)s: the cell reviews the member and "
                  "votes after that.", name=early[0].name,
                  date=format_date(self.env, early[0].probation_end_date))
            )

    def action_apply(self):
        self.ensure_one()
        self.member_ids.check_access("write")
        vals = {"state": self.new_state}
        if self.new_state == "exempted":
            vals.update(exemption_date=self.date, exemption_reason=self.reason)
        elif self.new_state != "official":
            vals["end_date"] = self.date
        # A probationary member's recognition is dated from the end of probation; an exempted
        # member who resumes keeps the original date.
        recognised = self.member_ids.filtered(lambda m: m.state == "probationary")
        others = self.member_ids - recognised if self.new_state == "official" else self.member_ids
        if self.new_state == "official" and recognised:
            self._check_recognition(recognised)
        if self.new_state == "official":
            for member in recognised:
                member._write_workflow(dict(
                    vals, official_date=member.probation_end_date or self.date,
                    official_vote_for=self.vote_for, official_vote_total=self.vote_total,
                    official_decision_number=self.decision_number,
                    official_decision_date=self.date,
                ))
        others._write_workflow(vals)
        states = dict(self._fields["new_state"]._description_selection(self.env))
        body = _("Status changed to %(state)s on %(date)s. %(reason)s %(decision)s",
                 state=states[self.new_state], date=format_date(self.env, self.date),
                 reason=self.reason or "", decision=self.decision_number or "")
        if self.new_state == "official" and recognised:
            body = _("%(body)s The cell voted %(votes)s of %(total)s in favour.", body=body,
                     votes=self.vote_for, total=self.vote_total)
        for member in self.member_ids:
            member.message_post(body=body)
        return {"type": "ir.actions.act_window_close"}
