from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

QUARTERS = [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")]


class PartyTopic(models.Model):
    """A thematic topic: an item of an orientation issued for a year or quarter.

    Three kinds share the model: catalogue items (no issuer, no company: shared templates that
    ship as data), orientations issued by a committee to the cells under it, and a cell's own
    topics (issued by the cell to itself). Issuing a topic gives each assigned cell a
    party.topic.assignment that carries the drafting cycle.
    """

    _name = "party.topic"
    _description = "Thematic Topic"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "is_catalogue desc, year desc, quarter desc, sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    category = fields.Selection(
        [
            ("ideology", "Hồ Chí Minh Ideology (Directive 05)"),
            ("capacity", "Theory and Professional Capacity"),
            ("directives", "Carrying Out Directives, Resolutions and Laws"),
            ("ethics", "Ethics and Fighting Degradation"),
            ("party_building", "Party Building"),
            ("professional", "Professional Tasks"),
        ],
        required=True, default="ideology", tracking=True,
    )
    guidance_ref = fields.Char(
        string="Guiding Document", tracking=True, help="Number of the document, e.g. 05-CT/TW."
    )
    guidance_date = fields.Date(string="Guiding Document Date")
    is_catalogue = fields.Boolean(
        string="Catalogue Item", index=True,
        help="A common topic offered to every organisation; copy it into an orientation to use it.",
    )
    issuer_id = fields.Many2one(
        "party.organization", string="Issued By", check_company=True, index=True, tracking=True,
        ondelete="restrict",
    )
    is_own = fields.Boolean(
        string="Cell's Own Topic", compute="_compute_is_own", store=True,
        help="Chosen by the cell itself rather than oriented by a committee.",
    )
    year = fields.Integer(default=lambda self: fields.Date.context_today(self).year, tracking=True)
    quarter = fields.Selection(QUARTERS, tracking=True, help="Empty for the whole year.")
    organization_ids = fields.Many2many(
        "party.organization", string="Assigned Cells", check_company=True,
        domain="[('is_cell', '=', True)]",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("issued", "Issued"), ("closed", "Closed")],
        default="draft", required=True, tracking=True, copy=False,
    )
    description = fields.Html()
    assignment_ids = fields.One2many("party.topic.assignment", "topic_id", string="Assignments")
    meeting_ids = fields.One2many("party.meeting", "topic_id", string="Meetings")
    assignment_count = fields.Integer(compute="_compute_assignment_stats", string="Cells")
    finalised_count = fields.Integer(compute="_compute_assignment_stats", string="Finalised")
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True,
        help="Empty for catalogue items shared by every company.",
    )
    active = fields.Boolean(default=True)

    @api.depends("issuer_id.is_cell")
    def _compute_is_own(self):
        for topic in self:
            topic.is_own = topic.issuer_id.is_cell

    @api.depends("assignment_ids.state")
    def _compute_assignment_stats(self):
        stats = {}
        for topic, state, count in self.env["party.topic.assignment"]._read_group(
            [("topic_id", "in", self.ids)], ["topic_id", "state"], ["__count"]
        ):
            total, done = stats.get(topic.id, (0, 0))
            stats[topic.id] = (
                total + count, done + (count if state in ("finalised", "submitted") else 0)
            )
        for topic in self:
            topic.assignment_count, topic.finalised_count = stats.get(topic.id, (0, 0))

    @api.constrains("is_catalogue", "issuer_id", "year", "company_id")
    def _check_kind(self):
        # The issuer may stay empty: an upper level outside the system (a provincial bloc
        # committee) still orients the cells, and the office records its topics.
        bad = self.filtered(lambda t: not t.is_catalogue and not (t.year and t.company_id))
        if bad:
            raise ValidationError(_(
                "An orientation topic needs a year and a company: %(names)s",
                names=", ".join(bad.mapped("name")),
            ))
        bad_years = self.filtered(lambda t: t.year and not 2000 <= t.year <= 2100)
        if bad_years:
            raise ValidationError(_(
                "The year of %(names)s is not a valid year.",
                names=", ".join(bad_years.mapped("name")),
            ))

    @api.constrains("issuer_id", "organization_ids")
    def _check_cells_under_issuer(self):
        offenders = []
        for topic in self.filtered("issuer_id"):
            # parent_path holds the ids of every ancestor: a cell is under the issuer when the
            # issuer's id appears in it (the issuer itself for a cell's own topic).
            outside = topic.organization_ids.filtered(
                lambda o, topic=topic: f"/{topic.issuer_id.id}/" not in f"/{o.parent_path}"
            )
            if outside:
                offenders.append(_(
                    "%(topic)s: %(cells)s not under %(issuer)s",
                    topic=topic.name, cells=", ".join(outside.mapped("name")),
                    issuer=topic.issuer_id.name,
                ))
        if offenders:
            raise ValidationError(_(
                "A topic goes only to cells under its issuer.\n%(lines)s",
                lines="\n".join(offenders),
            ))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        started = self.assignment_ids.filtered(lambda a: a.state != "draft")
        if started:
            raise UserError(_(
                "Cells have already worked on %(names)s: archive the topic instead of deleting it.",
                names=", ".join(started.topic_id.mapped("name")),
            ))

    def write(self, vals):
        res = super().write(vals)
        if "organization_ids" in vals:
            # Cells added to an issued orientation get their assignment at once; cells removed
            # keep theirs, with whatever drafts they already hold.
            self.filtered(lambda t: t.state == "issued")._create_assignments()
        return res

    def action_issue(self):
        catalogue = self.filtered("is_catalogue")
        if catalogue:
            raise UserError(_(
                "%(name)s is a catalogue item: use it for an orientation first.",
                name=catalogue[0].name,
            ))
        empty = self.filtered(lambda t: not t.organization_ids)
        if empty:
            raise UserError(_("Choose the cells that %(name)s goes to.", name=empty[0].name))
        self.write({"state": "issued"})
        self._create_assignments()
        return True

    def action_close(self):
        self.write({"state": "closed"})
        return True

    def action_reset_draft(self):
        started = self.assignment_ids.filtered(lambda a: a.state != "draft")
        if started:
            raise UserError(_(
                "%(cells)s already started on this topic: it cannot go back to draft.",
                cells=", ".join(started.organization_id.mapped("name")),
            ))
        self.write({"state": "draft"})
        return True

    def action_use_catalogue(self):
        """Copy a catalogue item into a draft orientation of the current year."""
        self.ensure_one()
        user = self.env.user
        # A committee officer orients the organisation they manage; a secretary adopts the
        # topic as the cell's own.
        issuer = user.party_committee_organization_ids[:1]
        cells = issuer.browse()
        if not issuer:
            issuer = cells = user.party_secretary_cell_ids[:1]
        if not issuer:
            raise UserError(_("Only a committee officer or a cell secretary can use a topic."))
        topic = self.copy({
            "is_catalogue": False,
            "company_id": issuer.company_id.id,
            "year": fields.Date.context_today(self).year,
            "issuer_id": issuer.id,
            "organization_ids": [fields.Command.set(cells.ids)],
        })
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": topic.id,
            "view_mode": "form",
        }

    def action_view_assignments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_cell.party_topic_assignment_action"
        )
        action["domain"] = [("topic_id", "=", self.id)]
        action["context"] = {"default_topic_id": self.id}
        return action

    def _create_assignments(self):
        """One assignment per topic and assigned cell; existing ones are kept."""
        existing = {
            (a.topic_id.id, a.organization_id.id)
            for a in self.env["party.topic.assignment"].with_context(active_test=False).search(
                [("topic_id", "in", self.ids)]
            )
        }
        vals_list = [
            {"topic_id": topic.id, "organization_id": cell.id}
            for topic in self for cell in topic.organization_ids
            if (topic.id, cell.id) not in existing
        ]
        return self.env["party.topic.assignment"].create(vals_list)
