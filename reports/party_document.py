"""What every party document prints the same way (Hướng dẫn 36-HD/VPTW).

The header (upper organisation, issuer, number, place and date), the "on behalf of" line of
the signature, the punctuation of "Nơi nhận" and the words for the roll call are built here
only, and reach the templates through the rendering context of party reports
(models/ir_actions_report.py). Printed documents are Vietnamese whatever the user's language.
"""
from odoo import fields

# One word for one thing in every document: minutes, resolution, visit report, summaries.
PARTY_WORDS = {
    "summoned": "đảng viên được triệu tập",
    "present": "có mặt",
    "excused": "vắng có lý do",
    "unexcused": "vắng không có lý do",
    "exempted": "miễn công tác và sinh hoạt đảng",
    "temporary": "sinh hoạt tạm thời",
}
# A meeting's quality rating as printed (party.score.scheme RATINGS).
RATING_WORDS = {"good": "Tốt", "fair": "Khá", "average": "Trung bình", "poor": "Kém"}
# Parts of the minutes and quarters are numbered in Roman numerals.
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def party_date_line(place, date):
    """Place and date line of a party document (Hướng dẫn 36-HD/VPTW).

    The day is written on two digits below 10 and the month below 3, as the guide asks:
    ``party_date_line("Thanh Hóa", date(2026, 11, 5))`` gives
    ``"Thanh Hóa, ngày 05 tháng 11 năm 2026"``. Without a date the day and month stay blank
    for the signer to fill in by hand.
    """
    date = fields.Date.to_date(date) if date else None
    if date:
        day = f"{date.day:02d}" if date.day < 10 else str(date.day)
        month = f"{date.month:02d}" if date.month < 3 else str(date.month)
        line = f"ngày {day} tháng {month} năm {date.year}"
    else:
        line = "ngày      tháng      năm"
    return f"{place}, {line}" if place else line


def party_short_date(date):
    """A date in a table of a party document: 05/11/2026."""
    return date.strftime("%d/%m/%Y") if date else ""


def party_doc_number(number, doc_type, issuer_code):
    """Number of a party document: ``party_doc_number(5, "BB", "CB")`` gives "Số 05-BB/CB".

    Without a number the place is left blank, as on a document numbered when issued.
    """
    number = f"{int(number):02d}" if number else "    "
    suffix = f"/{issuer_code}" if issuer_code else ""
    return f"Số {number}-{doc_type}{suffix}"


def party_upper_name(organization):
    """Name of the organisation above, printed at the top left of every document."""
    # sudo: a cell secretary cannot read the upper organisation, yet the guide prints its
    # name on every document the cell issues; only the name leaves this function.
    return organization.sudo().parent_id.name or ""


def party_place(organization):
    """Place written in the date line (Hướng dẫn 36-HD/VPTW): where the issuer is.

    The organisation's own place name, else the nearest organisation above it that has one,
    else the city or province of a company in Vietnam (or without a country). Nothing else:
    a company address abroad (Odoo's demo company sits in San Francisco) is not a party
    document's place, and a blank place is filled in by hand rather than printed wrong.
    """
    # sudo: the organisations above a cell are often not readable by its secretary; only
    # their place names are read.
    org = organization.sudo()
    chain = org.browse([int(i) for i in (org.parent_path or "").split("/") if i][::-1]) or org
    place = next((o.place_name for o in chain if o.place_name), False)
    if place:
        return place
    company = org.company_id or org.env.company
    if company.country_id and company.country_id.code != "VN":
        return ""
    return company.city or company.state_id.name or ""


def party_header(organization, upper_name=None, org_name=None, doc_number=None, doc_date=None,
                 place_date=None):
    """The header of a document issued by ``organization``; explicit values win.

    Returns the upper organisation's name (printed in capitals), the issuer's name (bold
    capitals, an asterisk under it), the number line ("Số 05-BB/CB", or "" for none) and the
    place and date line.
    """
    if place_date is None:
        place = party_place(organization) if organization else False
        place_date = party_date_line(place, doc_date)
    return {
        "upper_name": upper_name or (organization and party_upper_name(organization)) or "",
        "org_name": org_name or (organization and organization.name) or "",
        "doc_number": doc_number or "",
        "place_date": place_date,
    }


def party_issuer_name(organization, committee=False):
    """Name of the issuer printed in the header (Hướng dẫn 36-HD/VPTW).

    A committee's own papers are issued by the committee, not the organisation it leads:
    "Đảng bộ Cục Quản lý thị trường" issues as "Đảng ủy Cục Quản lý thị trường". A cell's
    papers, its chi ủy's too, are issued by the cell.
    """
    name = organization.name or ""
    if committee and not organization.is_cell and name.lower().startswith("đảng bộ "):
        return "Đảng ủy " + name[len("đảng bộ "):]
    return name


def party_has_committee(organization):
    """Whether a cell has elected a cell committee (chi ủy), not only a secretary.

    A cell of fewer than nine official members usually elects a secretary and maybe a
    deputy, and then signs on behalf of the cell.
    """
    return any(member.committee_role == "committee_member"
               for member in organization.committee_member_ids)


def party_sign_for(organization, committee=False):
    """'On behalf of' line of a signature: T/M CHI BỘ, T/M CHI ỦY, T/M ĐẢNG ỦY, ...

    ``committee``: the paper is the committee's own (its meeting, its self-score), signed on
    behalf of the chi ủy when the cell has one.
    """
    if organization.is_cell:
        if committee and party_has_committee(organization):
            return "T/M CHI ỦY"
        return "T/M CHI BỘ"
    if organization.org_type == "upper":
        return "T/M BAN THƯỜNG VỤ"
    return "T/M ĐẢNG ỦY"


def party_recipients(entries):
    """'Nơi nhận' lines punctuated as the guide asks: "- Như trên," ... "- Lưu VP."

    Each recipient starts with a dash and ends with a comma, the last one with a full stop.
    """
    names = [entry.strip().rstrip(".,;") for entry in entries if entry and entry.strip()]
    return [f"- {name}{'.' if index == len(names) - 1 else ','}"
            for index, name in enumerate(names)]
