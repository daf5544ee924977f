from odoo import api, fields, models
from odoo.tools import format_date, format_datetime, html2plaintext

OPERATIONS = [
    ("create", "Created"),
    ("write", "Changed"),
    ("unlink", "Deleted"),
    ("correction", "Correction"),
]


class PartyAuditLog(models.Model):
    """One change of sensitive data: who, when, which field, from what to what.

    Card numbers, membership status, discipline, decided ratings and corrections of approved
    minutes are kept here. Nobody writes or deletes a line: the server adds them (see
    ``party.audit.mixin``), and only the committee reads them, within its organisations.
    """

    _name = "party.audit.log"
    _description = "Audit Trail"
    _order = "date desc, id desc"
    _rec_name = "record_name"

    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one("res.users", string="Changed By", required=True, readonly=True,
                              default=lambda self: self.env.user, ondelete="restrict")
    operation = fields.Selection(OPERATIONS, required=True, readonly=True, default="write")
    model_id = fields.Many2one("ir.model", string="Document Type", required=True,
                               readonly=True, ondelete="cascade")
    res_model = fields.Char(related="model_id.model", store=True, index=True, string="Model")
    res_id = fields.Many2oneReference(string="Record", model_field="res_model", readonly=True,
                                      index=True)
    record_name = fields.Char(string="Record Name", readonly=True)
    member_id = fields.Many2one("party.member", string="Member", readonly=True,
                                index="btree_not_null", ondelete="set null")
    meeting_id = fields.Many2one("party.meeting", string="Meeting", readonly=True,
                                 index="btree_not_null", ondelete="set null")
    organization_id = fields.Many2one("party.organization", readonly=True, index=True,
                                      ondelete="set null")
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    field_name = fields.Char(string="Technical Field", readonly=True)
    field_label = fields.Char(string="Field", readonly=True)
    old_value = fields.Text(string="Old Value", readonly=True)
    new_value = fields.Text(string="New Value", readonly=True)
    reason = fields.Text(readonly=True)

    @api.model
    def _add(self, vals_list):
        """Write lines of the trail on behalf of whoever changed the records."""
        # sudo: the trail is written by the server for every user who changes audited data;
        # no group may create, change or delete a line (see ir.model.access.csv).
        return self.sudo().create(vals_list)


class PartyAuditMixin(models.AbstractModel):
    """Keeps every change of ``_audit_fields`` in the audit trail.

    A model lists the fields to keep and says, through ``_audit_scope``, to which
    organisation (and member, meeting) each record belongs, for the trail's record rules.
    """

    _name = "party.audit.mixin"
    _description = "Audited Party Record"

    # Fields whose every change is kept; creations and deletions too when _audit_lifecycle.
    _audit_fields = ()
    _audit_lifecycle = False

    def _audit_scope(self):
        """{"organization_id", "member_id", "meeting_id"} of one record (ids or False)."""
        self.ensure_one()
        return {"organization_id": self["organization_id"].id}

    def _audit_value(self, fname):
        """A field's value as the trail prints it: labels, names, dates as users read them."""
        self.ensure_one()
        # sudo: the value is read to be kept whatever the field's groups; only the committee
        # reads the trail.
        record = self.sudo()
        field = self._fields[fname]
        value = record[fname]
        if field.type == "boolean":
            return self.env._("Yes") if value else self.env._("No")
        if not value and field.type not in ("integer", "float", "monetary"):
            return ""
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, value)
        if field.type in ("many2one", "many2many", "one2many"):
            return ", ".join(value.mapped("display_name"))
        if field.type == "date":
            return format_date(self.env, value)
        if field.type == "datetime":
            return format_datetime(self.env, value)
        if field.type == "html":
            return html2plaintext(value)
        return str(value)

    def _audit_snapshot(self, fnames):
        return {record.id: {f: record._audit_value(f) for f in fnames} for record in self}

    def _audit_vals(self, operation, fname, old, new, reason=False):
        self.ensure_one()
        field = self._fields.get(fname)
        # sudo: the record's name and scope, whatever the writer may read of them.
        record = self.sudo()
        return dict(
            record._audit_scope(),
            operation=operation,
            model_id=self.env["ir.model"]._get_id(self._name),
            res_id=self.id,
            record_name=record.display_name,
            company_id=record["company_id"].id if "company_id" in self._fields else False,
            field_name=fname or False,
            field_label=field.get_description(self.env)["string"] if field else False,
            old_value=old or False,
            new_value=new or False,
            reason=reason or False,
        )

    def _audit_changes(self, before, operation="write", reason=False):
        """Trail lines for what changed since ``before`` (a ``_audit_snapshot``)."""
        vals_list = []
        for record in self:
            for fname, old in before.get(record.id, {}).items():
                new = record._audit_value(fname)
                if new != old:
                    vals_list.append(record._audit_vals(operation, fname, old, new, reason))
        return self.env["party.audit.log"]._add(vals_list)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if self._audit_lifecycle:
            records._audit_changes({r.id: dict.fromkeys(self._audit_fields, "") for r in records},
                                   operation="create")
        return records

    def write(self, vals):
        fnames = [f for f in self._audit_fields if f in vals]
        if not fnames:
            return super().write(vals)
        before = self._audit_snapshot(fnames)
        res = super().write(vals)
        self._audit_changes(before)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_audit(self):
        if not self._audit_lifecycle:
            return
        self.env["party.audit.log"]._add([
            record._audit_vals("unlink", fname, record._audit_value(fname), "")
            for record in self for fname in self._audit_fields if record._audit_value(fname)
        ])
