from odoo import models, tools


class MailThread(models.AbstractModel):
    """Party records take messages from members who have no e-mail address.

    Many party members have no address in the agency's Odoo; Odoo refuses their chatter
    messages and the documents they send ("configure the sender's email address"). On party
    records the message is sent in the member's name from the company's address instead,
    and a note is still kept when no address exists at all.
    """

    _inherit = "mail.thread"

    def _message_compute_author(self, author_id=None, email_from=None, raise_on_email=True):
        if not self._name.startswith("party."):
            return super()._message_compute_author(author_id, email_from, raise_on_email)
        author_id, email_from = super()._message_compute_author(
            author_id, email_from, raise_on_email=False)
        if email_from:
            return author_id, email_from
        company = self[:1]["company_id"] if "company_id" in self._fields and self[:1] else False
        company = company or self.env.company
        # sudo: the company's address and the author's name, to sign the message with.
        address = tools.email_normalize(company.sudo().email_formatted or "") \
            or self.env["ir.mail_server"].sudo()._get_default_from_address()
        if not address:
            return author_id, email_from
        author = self.env["res.partner"].sudo().browse(author_id) or company.partner_id
        return author_id, tools.formataddr((author.name or company.name, address))
