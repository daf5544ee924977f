import json

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import content_disposition, request

from ..reports.xlsx_base import XLSX_BUILDERS


class PartyXlsxController(http.Controller):
    @http.route("/party_cell/xlsx/<string:name>", type="http", auth="user", methods=["GET"])
    def download_xlsx(self, name, ids="", options="{}", **kwargs):
        """Build an XLSX as the requesting user: record rules decide what it contains."""
        builder_class = XLSX_BUILDERS.get(name)
        if not builder_class:
            raise NotFound()
        record_ids = [int(i) for i in ids.split(",") if i.strip().isdigit()]
        records = request.env[builder_class.model].browse(record_ids)
        records.check_access("read")
        builder = builder_class(request.env, records, json.loads(options or "{}"))
        content = builder.build()
        return request.make_response(content, headers=[
            ("Content-Type",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("Content-Disposition", content_disposition(builder.get_filename())),
        ])
