from odoo import models


class PartyActivityMixin(models.AbstractModel):
    """Reminders scheduled by the daily crons, in one batch and never twice."""

    _name = "party.activity.mixin"
    _description = "Party Reminders"

    def _schedule_once(self, type_xmlid, user, summary, deadline):
        """One automated activity of the type per record, for ``user(record)``.

        Records that already carry an activity of that type are skipped, so a cron may run
        every day without repeating itself. ``summary`` and ``deadline`` are callables too;
        ``summary`` gets the record in the recipient's language (use ``record.env._``).
        """
        activity_type = self.env.ref(type_xmlid)
        already = {res_id for (res_id,) in self.env["mail.activity"]._read_group(
            [("res_model", "=", self._name), ("res_id", "in", self.ids),
             ("activity_type_id", "=", activity_type.id)],
            ["res_id"],
        )}
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for record in self:
            if record.id in already:
                continue
            recipient = user(record)
            # The summary is written once, in the language of whoever receives it.
            local = record.with_context(lang=recipient.lang or self.env.lang)
            vals_list.append({
                "res_model_id": model_id,
                "res_id": record.id,
                "automated": True,
                "activity_type_id": activity_type.id,
                "summary": summary(local),
                "date_deadline": deadline(record),
                "user_id": recipient.id,
            })
        # sudo: the activities go to other users (secretaries, officials), created by a cron
        # or by whoever triggers the step.
        return self.env["mail.activity"].sudo().create(vals_list)
