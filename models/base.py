from odoo import _, api, models
from odoo.exceptions import UserError


class Base(models.AbstractModel):
    """Derived fields of party records are never written by a caller.

    Odoo's client never sends a read-only computed or related field, but the ORM accepts
    one over RPC and stores it as given: a meeting's score and rating, its month and
    lateness, the organisation a roll-call line belongs to (which record rules read). On
    party records such values come from their sources only; the superuser (data files,
    the dataset generator) may still set them.
    """

    _inherit = "base"

    @api.model_create_multi
    def create(self, vals_list):
        if self._name.startswith("party.") and not self.env.su:
            for vals in vals_list:
                self._party_check_derived(vals, "create")
        return super().create(vals_list)

    def write(self, vals):
        if self._name.startswith("party.") and not self.env.su:
            self._party_check_derived(vals, "write")
        return super().write(vals)

    def _party_check_derived(self, vals, operation):
        derived = [
            field for fname in vals if (field := self._fields.get(fname))
            and field.store and field.compute and field.readonly and not field.inverse
        ]
        if derived:
            # Who may not create or write at all hears that first, as Odoo would tell them.
            self.check_access(operation)
            raise UserError(_(
                "%(fields)s of %(model)s are computed from the record and cannot be written.",
                fields=", ".join(f.get_description(self.env)["string"] for f in derived),
                model=self._description,
            ))
