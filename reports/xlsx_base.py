"""Small XLSX builders: each names the model it reads and writes one workbook in memory.

A builder is found by name through ``XLSX_BUILDERS``; the download route in
``controllers/xlsx.py`` reads the records as the requesting user, so record rules apply.
"""

import io

import xlsxwriter

XLSX_BUILDERS = {}

# Fills used by every sheet, so that colours mean the same thing in every export.
FILLS = {
    "good": "#C6EFCE",
    "warn": "#FFEB9C",
    "bad": "#FFC7CE",
    "late": "#F8CBAD",
    "planned": "#DDEBF7",
    "none": "#EDEDED",
    "untracked": "#FFFFFF",
    "head": "#D9E1F2",
}


def register(builder):
    XLSX_BUILDERS[builder.name] = builder
    return builder


class XlsxBuilder:
    """Base class: subclasses set ``name``, ``model``, ``filename`` and write ``_write``."""

    name = None
    model = None
    filename = "export"

    def __init__(self, env, records, options=None):
        self.env = env
        self.records = records
        self.options = options or {}
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.buffer, {"in_memory": True})
        self.formats = self._make_formats()

    def _make_formats(self):
        base = {"font_name": "Times New Roman", "font_size": 12, "valign": "vcenter"}
        book = self.book
        formats = {
            "title": book.add_format(dict(base, bold=True, font_size=14, align="center")),
            "subtitle": book.add_format(dict(base, italic=True, align="center")),
            "head": book.add_format(dict(base, bold=True, border=1, align="center",
                                         text_wrap=True, bg_color=FILLS["head"])),
            "cell": book.add_format(dict(base, border=1, text_wrap=True)),
            "number": book.add_format(dict(base, border=1, align="center")),
            "percent": book.add_format(dict(base, border=1, num_format="0.0", align="center")),
            "date": book.add_format(dict(base, border=1, num_format="dd/mm/yyyy",
                                         align="center")),
            "total": book.add_format(dict(base, bold=True, border=1)),
        }
        for key, color in FILLS.items():
            formats[f"fill_{key}"] = book.add_format(
                dict(base, border=1, align="center", bg_color=color)
            )
        return formats

    def build(self):
        self._write()
        self.book.close()
        return self.buffer.getvalue()

    def _write(self):
        raise NotImplementedError

    def get_filename(self):
        return f"{self.filename}.xlsx"

    def _header(self, sheet, row, headers, widths=None):
        for col, label in enumerate(headers):
            sheet.write(row, col, label, self.formats["head"])
            if widths:
                sheet.set_column(col, col, widths[col])
        return row + 1
