"""Biên bản and Nghị quyết of a meeting (Hướng dẫn 36-HD/VPTW), printed in Vietnamese.

The captions are Vietnamese text in the templates and in this file on purpose: these are
official Vietnamese documents, printed the same whatever the language of the user who prints.
"""
from odoo import api, models
from odoo.tools import is_html_empty

from ..models.party_committee_post import POST_ORDER
from ..models.party_rules import party_share
from .party_document import (
    RATING_WORDS,
    ROMAN,
    party_doc_number,
    party_issuer_name,
    party_short_date,
    party_sign_for,
)

# committee_role_sequence of party.member (stored on the roll-call line): 1 secretary,
# 2 deputy secretary, 3 committee member, 4 member.
ROLE_BY_SEQUENCE = {1: "Bí thư", 2: "Phó Bí thư", 3: "Chi ủy viên"}
# What a meeting was, by kind: the minutes' subject, the resolution's subject and the phrase
# inside a sentence; {unit} and {committee} are the organisation's words.
MEETING_WORDING = {
    "regular": ("Sinh hoạt {unit} định kỳ", "Sinh hoạt {unit}", "sinh hoạt định kỳ"),
    "combined": ("Sinh hoạt {unit} định kỳ kết hợp sinh hoạt chuyên đề",
                 "Sinh hoạt {unit} và sinh hoạt chuyên đề",
                 "sinh hoạt định kỳ kết hợp sinh hoạt chuyên đề"),
    "thematic": ("Sinh hoạt chuyên đề", "Sinh hoạt chuyên đề", "sinh hoạt chuyên đề"),
    "committee": ("Họp {committee}", "Họp {committee}", "họp {committee}"),
    # A committee's meeting is named by the body that meets (Hướng dẫn 36-HD/VPTW).
    "executive": ("Hội nghị Ban Chấp hành Đảng bộ", "Hội nghị Ban Chấp hành Đảng bộ",
                  "hội nghị Ban Chấp hành Đảng bộ"),
    "standing": ("Hội nghị Ban Thường vụ Đảng ủy", "Hội nghị Ban Thường vụ Đảng ủy",
                 "hội nghị Ban Thường vụ Đảng ủy"),
    "cell_committee": ("Sinh hoạt chi ủy", "Sinh hoạt chi ủy", "sinh hoạt chi ủy"),
    "extraordinary": ("Sinh hoạt {unit} bất thường", "Sinh hoạt {unit} bất thường",
                      "sinh hoạt bất thường"),
}


def vn_number(value, digits=1):
    """A number in the Vietnamese way, decimal comma and no useless zero: 93,3 or 100."""
    text = f"{float(value or 0.0):.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def vn_percent(part, whole):
    return vn_number(100.0 * part / whole) + "%" if whole else ""


def vn_time(local_dt):
    """14 giờ 00 phút"""
    return f"{local_dt.hour} giờ {local_dt.minute:02d} phút" if local_dt else ""


def text_lines(text):
    """Lines of a plain Text field, for one paragraph each."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ReportMeetingMinutes(models.AbstractModel):
    """Values of the minutes: every fact the minutes record, prepared for all meetings at once."""

    _name = "report.party_cell.report_meeting_minutes"
    _description = "Meeting Minutes Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        meetings = self.env["party.meeting"].browse(docids)
        lines_by_meeting, names = self._read_roll_calls(meetings)
        guests = self.env["party.meeting.guest"].search_fetch(
            [("meeting_id", "in", meetings.ids)],
            ["meeting_id", "name", "title", "organization_name"],
        ).grouped("meeting_id")
        tasks = self.env["party.task"].search_fetch(
            [("meeting_id", "in", meetings.ids), ("state", "!=", "cancelled")],
            ["meeting_id", "name", "assignee_ids", "deadline", "kind"],
            order="deadline, id",
        )
        names.update(self._member_names(
            (tasks.assignee_ids | meetings.chair_id | meetings.minute_taker_id).ids, names
        ))
        tasks_by_meeting = tasks.grouped("meeting_id")
        committee = meetings.filtered(lambda m: m._is_committee_meeting())
        posts = self._posts_of_the_day(committee)
        directives = self._read_directives(committee, names)
        values = {}
        for meeting in meetings:
            values[meeting.id] = self._meeting_values(
                meeting,
                lines_by_meeting.get(meeting.id, []),
                guests.get(meeting, self.env["party.meeting.guest"]),
                tasks_by_meeting.get(meeting, self.env["party.task"]),
                names,
                posts=posts.get(meeting.id),
                directives=directives.get(meeting.id, []),
            )
        return {
            "doc_ids": meetings.ids,
            "doc_model": "party.meeting",
            "docs": meetings,
            "meeting_values": values,
            "roman": ROMAN,
        }

    # ------------------------------------------------------------------ reading

    def _read_roll_calls(self, meetings):
        """Roll-call lines of all meetings in one query, as plain dicts.

        The roll call stores each member's name, membership and committee role, so the
        documents need not read party.member, which some readers of a meeting cannot.
        """
        lines = self.env["party.meeting.attendance"].search_fetch(
            [("meeting_id", "in", meetings.ids)],
            ["meeting_id", "member_id", "member_name", "member_state", "is_temporary",
             "committee_role_sequence", "status", "reason", "speaking_turns", "opinion"],
        )
        by_meeting, names = {}, {}
        for line in lines:
            member_id = line.member_id.id
            names[member_id] = line.member_name
            by_meeting.setdefault(line.meeting_id.id, []).append({
                "member_id": member_id,
                "name": line.member_name or "",
                "state": line.member_state,
                "is_temporary": line.is_temporary,
                "role_sequence": line.committee_role_sequence,
                "status": line.status,
                "reason": line.reason or "",
                "turns": line.speaking_turns,
                "opinion": text_lines(line.opinion),
            })
        return by_meeting, names

    def _member_names(self, member_ids, known):
        """Names of members missing from the roll calls (chair, owners of tasks), one query."""
        missing = [mid for mid in member_ids if mid not in known]
        if not missing:
            return {}
        # sudo: a task owner or an officer may have left the cell since, and members are
        # readable only within one's cells; the document prints their names, nothing else.
        members = self.env["party.member"].sudo().with_context(active_test=False).search_fetch(
            [("id", "in", missing)], ["name"]
        )
        return {member.id: member.name for member in members}

    def _posts_of_the_day(self, meetings):
        """{meeting id: {member id: post}}: the post each member held on the committee that
        met, on the meeting's day; the chair's title is printed from it, not from the
        role the chair has in their own cell."""
        holders = self.env["party.committee.post"]._holders_on(
            ((m.organization_id, m._local_date()) for m in meetings), posts=tuple(POST_ORDER))
        result = {}
        for meeting in meetings:
            by_member = {}
            for post in holders.get((meeting.organization_id.id, meeting._local_date()), ()):
                current = by_member.get(post.member_id.id)
                if not current or POST_ORDER[post.post] < POST_ORDER[current]:
                    by_member[post.member_id.id] = post.post
            result[meeting.id] = by_member
        return result

    def _read_directives(self, meetings, names):
        """The directions of the committees' resolutions, per meeting, as plain dicts."""
        if not meetings:
            return {}
        directives = self.env["party.directive"].search_fetch(
            [("meeting_id", "in", meetings.ids), ("state", "!=", "cancelled")],
            ["meeting_id", "organization_id", "name", "owner_id", "deadline"],
            order="organization_id, deadline, id",
        )
        names.update(self._member_names(directives.owner_id.ids, names))
        # sudo: a committee member reading the committee's meeting may not read every cell
        # it directs; only the cells' names are printed.
        cells = {org.id: org.name for org in directives.organization_id.sudo()}
        result = {}
        for directive in directives:
            result.setdefault(directive.meeting_id.id, []).append({
                "name": directive.name,
                "cell": cells.get(directive.organization_id.id, ""),
                "owner": names.get(directive.owner_id.id, ""),
                "deadline": party_short_date(directive.deadline),
            })
        return result

    # --------------------------------------------------------------- preparing

    def _meeting_values(self, meeting, lines, guests, tasks, names, posts=None, directives=()):
        # Times as they were where the meeting was held, whoever prints or approves it.
        start, end = meeting._local(meeting.date_start), meeting._local(meeting.date_end)
        org = meeting.organization_id
        is_cell = org.is_cell
        words = {
            "unit": "chi bộ" if is_cell else "đảng bộ",
            "committee": "chi ủy" if is_cell else "đảng ủy",
        }
        lines_by_member = {line["member_id"]: line for line in lines}
        present = [line for line in lines if line["status"] == "present"]
        excused = [line for line in lines if line["status"] == "excused"]
        unexcused = [line for line in lines if line["status"] == "unexcused"]
        speakers = [line for line in present if line["turns"] > 0]
        official = sum(1 for line in lines if line["state"] == "official")
        probationary = sum(1 for line in lines if line["state"] == "probationary")
        exempted = sum(
            1 for line in lines if line["state"] == "exempted" or line["status"] == "exempt"
        )
        summoned = len(present) + len(excused) + len(unexcused)
        chair = lines_by_member.get(meeting.chair_id.id, {})
        chair_sequence = chair.get("role_sequence") or 0
        month_text = f"tháng {start.month} năm {start.year}" if start else ""
        suffix = org.doc_suffix or "CB"
        vals = {
            "start": start,
            "end": end,
            "start_time": vn_time(start),
            "start_date": start.strftime("%d/%m/%Y") if start else "",
            "end_time": vn_time(end),
            "end_same_day": bool(start and end and start.date() == end.date()),
            "end_date": end.strftime("%d/%m/%Y") if end else "",
            "doc_date": start.date() if start else False,
            "minutes_number": (
                f"Số {meeting.minutes_number}" if meeting.minutes_number
                else party_doc_number(False, "BB", suffix)
            ),
            "resolution_number": (
                f"Số {meeting.resolution_number}" if meeting.resolution_number
                else party_doc_number(False, "NQ", suffix)
            ),
            "minutes_subject": self._minutes_subject(meeting, words, month_text),
            "resolution_subject": self._resolution_subject(meeting, words, start),
            "meeting_phrase": self._meeting_phrase(meeting, words, month_text),
            "issuer_name": party_issuer_name(org, committee=meeting._is_committee_meeting()),
            "unit_word": words["unit"],
            "unit_title": words["unit"].capitalize(),
            "committee_word": words["committee"],
            # Who decides and who sits there: the cell and its members, or, for a
            # committee's meeting, the body that met and its members (below).
            "is_committee": False,
            "body_title": words["unit"].capitalize(),
            "body_resolves": words["unit"].upper(),
            "people_word": "đảng viên",
            "session_word": "sinh hoạt",
            "majority_text": "một nửa",
            "vote_people": "đảng viên chính thức được triệu tập",
            "directives": list(directives),
            "sign_for": party_sign_for(org, committee=meeting.meeting_type == "committee"),
            "chair_name": names.get(meeting.chair_id.id, ""),
            "chair_role": self._role_text(chair_sequence, words),
            "chair_sign_title": {1: "BÍ THƯ", 2: "PHÓ BÍ THƯ"}.get(chair_sequence, "CHỦ TRÌ"),
            "minute_taker_name": names.get(meeting.minute_taker_id.id, ""),
            "minute_taker_role": self._role_text(
                lines_by_member.get(meeting.minute_taker_id.id, {}).get("role_sequence") or 0,
                words,
            ),
            "total": len(lines),
            "official": official,
            "probationary": probationary,
            "exempted": exempted,
            "temporary": sum(1 for line in lines if line["is_temporary"]),
            "summoned": summoned,
            "present": present,
            "present_count": len(present),
            "present_rate": vn_percent(len(present), summoned),
            "excused": excused,
            "unexcused": unexcused,
            "speakers": speakers,
            "speaker_count": len(speakers),
            "speaking_turns": sum(line["turns"] for line in speakers),
            "speaker_rate": vn_percent(len(speakers), len(present)),
            "guests": [
                {"name": g.name or "", "title": g.title or "",
                 "organization": g.organization_name or ""}
                for g in guests
            ],
            "tasks": [
                {
                    "name": task.name,
                    "owners": ", ".join(
                        names.get(member.id, "") for member in task.assignee_ids
                    ),
                    "deadline": party_short_date(task.deadline),
                    "kind": task.kind,
                }
                for task in tasks
            ],
            "fee_lines": text_lines(meeting.party_fee_report),
            "vote": self._vote_values(meeting),
            "duration": meeting.duration,
            "score": None,
            "rating": "",
        }
        # The meeting's score and rating are printed once a scoring model adds these fields.
        if meeting._is_committee_meeting():
            vals.update(self._committee_values(meeting, vals, posts or {}, words))
        if "score" in meeting._fields:
            vals["score"] = vn_number(meeting.score, 2) if meeting.score else None
        if "rating" in meeting._fields and meeting.rating:
            vals["rating"] = self._rating_label(meeting)
        vals["content"] = self._content_sections(meeting, vals)
        vals["conclusion"] = None if is_html_empty(meeting.conclusion) else meeting.conclusion
        vals["resolution"] = None if is_html_empty(meeting.resolution) else meeting.resolution
        # Parts of the minutes, numbered I, II, ... in this order when they have content.
        vals["parts"] = [
            part for part, present in (
                ("attendance", True),
                ("content", vals["content"]),
                ("conclusion", vals["conclusion"] or vals["resolution"] or vals["vote"]),
                ("tasks", vals["tasks"]),
                ("directives", vals["directives"]),
                ("assessment", vals["score"] is not None or vals["rating"]),
            ) if present
        ]
        return vals

    def _content_sections(self, meeting, vals):
        """The order of business (Hướng dẫn 42-HD/BTCTW), without the parts left empty."""
        sections = []
        for field, title in (
            ("agenda", "Thông qua chương trình sinh hoạt"),
            ("party_fee_report", "Báo cáo tình hình thu, nộp đảng phí"),
            ("situation", "Tình hình, kết quả thực hiện nhiệm vụ trong tháng"),
            ("last_resolution_results", "Kết quả thực hiện nghị quyết kỳ trước"),
            ("task_review", "Kiểm điểm việc thực hiện nhiệm vụ được phân công"),
            ("news", "Thông tin thời sự, những vấn đề mới"),
            ("next_tasks", "Phương hướng, nhiệm vụ tháng tới"),
        ):
            if field == "party_fee_report":
                if vals["fee_lines"]:
                    sections.append({"key": field, "title": title, "lines": vals["fee_lines"]})
            elif not is_html_empty(meeting[field]):
                sections.append({"key": field, "title": title, "html": meeting[field]})
        if not is_html_empty(meeting.opinions) or vals["speakers"]:
            sections.append({
                "key": "discussion",
                "title": f"{vals['body_title']} thảo luận, phát biểu ý kiến",
                "html": meeting.opinions if not is_html_empty(meeting.opinions) else None,
            })
        return sections

    def _vote_values(self, meeting):
        total = meeting.vote_total
        if not total or not (meeting.vote_for or meeting.vote_against):
            return {}
        abstain = total - meeting.vote_for - meeting.vote_against
        return {
            "for": meeting.vote_for,
            "against": meeting.vote_against,
            "total": total,
            "abstain": max(abstain, 0),
            "rate": vn_percent(meeting.vote_for, total),
            "passed": meeting.vote_passed,
            # More than half of the official members summoned must agree.
            "needed": total // 2 + 1,
        }

    def _rating_label(self, meeting):
        return RATING_WORDS.get(meeting.rating, "")

    @staticmethod
    def _role_text(sequence, words):
        role = ROLE_BY_SEQUENCE.get(sequence)
        if not role:
            return "đảng viên"
        if sequence == 3:
            return role if words["unit"] == "chi bộ" else "Đảng ủy viên"
        return f"{role} {words['unit']}"

    def _minutes_subject(self, meeting, words, month_text):
        subject = f"{self._wording(meeting, words)[0]} {month_text}"
        if meeting.topic_id and meeting.is_thematic:
            subject = f"{subject}: {meeting.topic_id.name}"
        return subject.strip()

    def _resolution_subject(self, meeting, words, start):
        month = f"tháng {start.month:02d}/{start.year}" if start else ""
        return f"{self._wording(meeting, words)[1]} {month}".strip()

    def _meeting_phrase(self, meeting, words, month_text):
        """What the meeting was, inside a sentence: "sinh hoạt định kỳ tháng 11 năm 2026"."""
        return f"{self._wording(meeting, words)[2]} {month_text}"

    @staticmethod
    def _wording(meeting, words):
        """The minutes' subject, the resolution's subject and the phrase for the meeting's
        kind, in the organisation's words (chi bộ, chi ủy...)."""
        kind = meeting.meeting_type
        if kind == "regular" and meeting.includes_thematic:
            kind = "combined"
        if meeting.meeting_type == "committee" and meeting.committee_body:
            kind = meeting.committee_body
        return tuple(text.format(**words) for text in MEETING_WORDING[kind])

    def _committee_values(self, meeting, vals, posts, words):
        """What changes when a committee meets: the body speaks and resolves, its members
        are counted, officers are titled by their post on it (Hướng dẫn 36-HD/VPTW)."""
        body = meeting.committee_body
        is_cell = meeting.organization_id.is_cell
        body_title, people = {
            "executive": ("Ban Chấp hành Đảng bộ", "ủy viên Ban Chấp hành"),
            "standing": ("Ban Thường vụ Đảng ủy", "ủy viên Ban Thường vụ"),
            "cell_committee": ("Chi ủy", "chi ủy viên"),
        }[body]
        committee = "Chi ủy" if is_cell else "Đảng ủy"
        titles = {
            "secretary": f"Bí thư {committee if not is_cell else 'Chi bộ'}",
            "deputy_secretary": f"Phó Bí thư {committee if not is_cell else 'Chi bộ'}",
            "standing_member": f"Ủy viên Ban Thường vụ {committee}",
            "committee_member": "Chi ủy viên" if is_cell else "Đảng ủy viên",
            "inspection_chair": f"Chủ nhiệm Ủy ban Kiểm tra {committee}",
            "inspection_member": f"Ủy viên Ủy ban Kiểm tra {committee}",
        }
        chair_post = posts.get(meeting.chair_id.id)
        taker_post = posts.get(meeting.minute_taker_id.id)
        share = party_share(self.env, "committee_majority_share")
        if vals["vote"]:
            # More than the committee's majority share of its members must agree.
            vals["vote"]["needed"] = vals["vote"]["total"] * share[0] // share[1] + 1
        values = {
            "is_committee": True,
            "body_title": body_title,
            "body_resolves": body_title.upper(),
            "people_word": people,
            "session_word": "họp",
            "unit_word": "hội nghị" if body != "cell_committee" else "chi ủy",
            "chair_role": titles.get(chair_post, "đảng viên"),
            "chair_sign_title": {"secretary": "BÍ THƯ", "deputy_secretary": "PHÓ BÍ THƯ"}.get(
                chair_post, "CHỦ TRÌ"),
            "minute_taker_role": titles.get(taker_post, "đảng viên"),
            "majority_text": "một nửa" if share == (1, 2) else f"{share[0]}/{share[1]}",
            "vote_people": f"{people} được triệu tập",
        }
        if body == "standing":
            values["sign_for"] = "T/M BAN THƯỜNG VỤ"
        return values


class ReportMeetingResolution(models.AbstractModel):
    """Values of the resolution: the same facts as the minutes, another template."""

    _name = "report.party_cell.report_meeting_resolution"
    _inherit = "report.party_cell.report_meeting_minutes"
    _description = "Meeting Resolution Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        values = super()._get_report_values(docids, data=data)
        meetings = values["docs"]
        recipients = {}
        upper_by_org = {}
        for meeting in meetings:
            org = meeting.organization_id
            if org.id not in upper_by_org:
                # sudo: the upper organisation is often not readable by a cell's secretary;
                # only its name is printed among the recipients.
                upper_by_org[org.id] = org.sudo().parent_id.name or ""
            upper = upper_by_org[org.id]
            m = values["meeting_values"][meeting.id]
            unit = m["unit_word"]
            if m["is_committee"]:
                # A committee's paper goes to its members and to the cells it directs.
                recipients[meeting.id] = [
                    *([f"{upper} (để báo cáo)"] if upper else []),
                    *(["Các chi bộ trực thuộc (để thực hiện)"] if m["directives"] else []),
                    f"Các đồng chí {m['people_word']}",
                    "Lưu Văn phòng Đảng ủy" if not meeting.organization_id.is_cell
                    else "Lưu chi bộ",
                ]
                continue
            recipients[meeting.id] = [
                *([f"{upper} (để báo cáo)"] if upper else []),
                f"Đảng viên trong {unit}",
                f"Lưu {unit}",
            ]
        values["recipients"] = recipients
        return values
