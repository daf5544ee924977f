from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

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
    """Record a change of membership status with its date and reason."""

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
    date = fields.Date(required=True, default=fields.Date.context_today)
    reason = fields.Char()
    decision_number = fields.Char()

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

    def action_apply(self):
        self.ensure_one()
        vals = {"state": self.new_state}
        if self.new_state == "exempted":
            vals.update(exemption_date=self.date, exemption_reason=self.reason)
        elif self.new_state != "official":
            vals["end_date"] = self.date
        # A probationary member's recognition date becomes the official date; an exempted
        # member who resumes keeps the original one.
        recognised = self.member_ids.filtered(lambda m: m.state == "probationary")
        if self.new_state == "official" and recognised:
            recognised.write(dict(vals, official_date=self.date))
        (self.member_ids - recognised if self.new_state == "official" else self.member_ids).write(
            vals
        )
        body = _("Status changed to %(state)s on %(date)s. %(reason)s %(decision)s",
                 state=dict(self._fields["new_state"]._description_selection(self.env))[
                     self.new_state],
                 date=format_date(self.env, self.date), reason=self.reason or "",
                 decision=self.decision_number or "")
        for member in self.member_ids:
            member.message_post(body=body)
        return {"type": "ir.actions.act_window_close"}
