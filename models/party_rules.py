"""The agency's rules: the figures of the guidance documents, never hard-coded elsewhere.

Each rule is the configuration parameter ``party_cell.<key>``, edited in Settings › Party
Affairs (res_config_settings.py) and read with :func:`party_rule`. Its default is written
here only: it is what the code reads while the parameter is unset, what the Settings page
shows, and what install and upgrade ship for the parameters a database does not hold yet
(data/ir_config_parameter_data.xml); values already there, an administrator's above all,
are never overwritten.
"""

from datetime import timedelta

RULES = {
    # Party Charter: a cell needs at least three official members.
    "min_official_members": 3,
    # Party Charter, art. 5: probation lasts twelve months from the admission ceremony.
    "probation_months": 12,
    # Admission and recognition as official need the vote of at least two thirds of the
    # cell's official members (Party Charter, art. 4 and 5).
    "admission_vote_share": "2/3",
    # Age at admission: 18 to 60 (Party Charter, art. 1; Regulation 24-QĐ/TW).
    "admission_age_min": 18,
    "admission_age_max": 60,
    # Party badge milestones, in years of membership.
    "badge_milestones": "30,40,45,50,55,60,65,70,75,80,85,90",
    # Admission, probation, recognition (issue 16). Within 30 working days of the end of
    # probation the cell reviews the probationary member and proposes the recognition
    # (Quy định 24-QĐ/TW, 30/7/2021, point 5.1); the cell is reminded, and the review
    # dossier opened, this many days before probation ends (agency practice).
    "recognition_review_working_days": 30,
    "recognition_notice_days": 30,
    # Yearly review: the residence cell sends its comments on a working member within 15
    # working days of the request (Quy định 213-QĐ/TW, 02/01/2020).
    "residence_comment_working_days": 15,
    # Meeting rhythm, the defaults of a new organisation's meeting rules: Party Charter
    # art. 24 (monthly); Hướng dẫn 42-HD/BTCTW 28/10/2025 (at least 90 minutes, 120 with a
    # thematic part). The day window and the registration deadline are common provincial
    # rules; each organisation may change its own.
    "meeting_day_from": 1,
    "meeting_day_to": 5,
    "registration_day": 20,
    "min_duration": 90,
    "min_duration_combined": 120,
    # Usual start time as HHMM, local time.
    "meeting_hour": 1400,
    # Documents at least one day ahead; final documents within two days (HD 42).
    "documents_days_before": 1,
    "minutes_days_after": 2,
    # Quality bar of Hướng dẫn 12-HD/BTCTW: attendance above 85%, nobody absent without reason.
    "attendance_bar": 85.0,
    # Ballots are handed out to the members present for the meetings of the last 30 days
    # (agency practice: scoring follows the meeting; the secretary closes it).
    "ballot_days_after": 30,
    # In the last month of a quarter, cells without a thematic meeting planned are reminded
    # during its first days.
    "thematic_reminder_days": 5,
    # A visiting official hands in the report within five days of the meeting.
    "visit_report_days": 5,
    # A committee's meeting (full committee, standing committee, chi ủy) is valid with more
    # than this share of its members present, and its resolution passes with more than
    # this share of its members for it: Party Charter, art. 10 (a resolution of a leading
    # body needs more than half of its members); the quorum is the agency's working rules'.
    "committee_quorum_share": "1/2",
    "committee_majority_share": "1/2",
    # Annual ratings, Quy định 366-QĐ/TW (30/8/2025): excellent from 90 points, good from
    # 70, completed from 50; at most 20% of those rated good may be excellent, counted
    # within each grassroots organisation (2019 guidance).
    "appraisal_bands": "excellent=90;good=70;completed=50",
    "excellent_cap_percent": 20.0,
    # --- Party fees (issue 16) ------------------------------------------------------------
    # Share of the fees collected or received that each level keeps, the rest remitted to
    # the level above (Quy định 342-QĐ/TW, 28/12/2010, section on the management of party
    # fees; check against the guidance in force): a cell under a grassroots committee, a
    # division committee, a grassroots committee or grassroots cell.
    "fee_keep_cell": 30.0,
    "fee_keep_division": 10.0,
    "fee_keep_grassroots": 50.0,
    # Party Charter, art. 8: three months in a year without paying the fee or without
    # attending, without good reason, is ground for removal from the rolls.
    "fee_removal_months": 3,
}


def party_rule(env, key):
    """The value of ``party_cell.<key>``, of the type of its default, or the default when
    the parameter is unset."""
    default = RULES[key]
    # sudo: configuration parameters are readable by administrators only; these are the
    # agency's published rules, read by every user's actions.
    value = env["ir.config_parameter"].sudo().get_param(f"party_cell.{key}")
    return type(default)(value) if value else default


def parse_share(raw):
    """``"2/3"`` as (2, 3); ValueError unless 0 < numerator <= denominator."""
    numerator, _sep, denominator = raw.strip().partition("/")
    share = int(numerator), int(denominator or 1)
    if not 0 < share[0] <= share[1]:
        raise ValueError(raw)
    return share


def parse_milestones(raw):
    """``"30,40,45"`` as the sorted years [30, 40, 45]; ValueError unless positive."""
    years = sorted(int(x) for x in raw.split(",") if x.strip())
    if not years or years[0] <= 0:
        raise ValueError(raw)
    return years


def parse_bands(raw):
    """``"excellent=90;good=70;completed=50"`` as [(rating, floor)], best first."""
    bands = [(key.strip(), float(value)) for key, value in (p.split("=") for p in raw.split(";"))]
    return sorted(bands, key=lambda band: -band[1])


def hhmm_hours(hhmm):
    """1430 (HHMM) as 14.5 hours."""
    return hhmm // 100 + hhmm % 100 / 60


def hours_hhmm(hours):
    """14.5 hours as 1430 (HHMM)."""
    minutes = round(hours * 60)
    return minutes // 60 * 100 + minutes % 60


def party_share(env, key):
    """A share rule such as ``2/3`` as (numerator, denominator)."""
    return parse_share(party_rule(env, key))


def share_exceeded(count, total, share):
    """Whether ``count`` out of ``total`` is more than the share (numerator, denominator)."""
    numerator, denominator = share
    return bool(total) and count * denominator > total * numerator


def share_reached(votes_for, total, share):
    """Whether ``votes_for`` out of ``total`` reach the share (numerator, denominator)."""
    numerator, denominator = share
    return bool(total) and votes_for * denominator >= total * numerator


def add_working_days(day, days):
    """The day ``days`` working days (Monday to Friday) after ``day``."""
    step = 0
    while step < days:
        day += timedelta(days=1)
        if day.weekday() < 5:
            step += 1
    return day
