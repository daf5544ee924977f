from odoo import Command, models


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
        self.browse([vals["res_id"] for vals in vals_list])._follow_by_recipients(
            [vals["user_id"] for vals in vals_list])
        # sudo: the activities go to other users (secretaries, officials), created by a cron
        # or by whoever triggers the step.
        return self.env["mail.activity"].sudo().create(vals_list)

    def _follow_by_recipients(self, user_ids):
        """Make each record's recipient (``user_ids``, in the records' order) follow it, as
        Odoo does for an activity's assignee, in a fixed number of queries.

        Odoo subscribes assignees one person at a time, a few queries each: the monthly
        planning's 2,000 secretaries cost 10,000 queries. The followers' cache is filled
        here, so that ``_followed_by`` then tells Odoo's call that nothing is left to do.
        """
        if not self:
            return
        # sudo: followers of records the caller may not read, as Odoo's activities add them.
        records = self.sudo()
        # sudo: the recipients' contacts, which the caller may not read.
        users = self.env["res.users"].sudo().browse(user_ids)
        partner_of = dict(zip(records.ids, [user.partner_id.id for user in users]))
        following = {(record.id, partner_id) for record in records
                     for partner_id in record.message_follower_ids.partner_id.ids}
        default, _internal, external = self.env["mail.message.subtype"].default_subtypes(
            self._name)
        shared = set(users.partner_id.filtered("partner_share").ids)
        # As Odoo's subscribe: archived contacts follow nothing.
        active = set(users.partner_id.filtered("active").ids)
        # sudo: followers are Odoo's bookkeeping, created as its activities create them.
        self.env["mail.followers"].sudo().create([
            {"res_model": self._name, "res_id": record_id, "partner_id": partner_id,
             "subtype_ids": [Command.set((external if partner_id in shared else default).ids)]}
            for record_id, partner_id in partner_of.items()
            if partner_id in active and (record_id, partner_id) not in following
        ])

    def _followed_by(self, partner_ids):
        """Whether every partner follows every record (read from the cache when warm)."""
        wanted = set(partner_ids)
        return all(wanted <= set(record.message_follower_ids.partner_id.ids) for record in self)
