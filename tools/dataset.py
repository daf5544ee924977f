"""Build a realistic party organisation on a database: tree, members, a year of meetings.

Used by ``tools/generate_dataset.py`` (province scale, timed) and by the tests (the small
preset). Not loaded by Odoo: import it as ``odoo.addons.party_cell.tools.dataset``.

What is created, for ``cells`` cells and ``members`` members over ``months`` months ending
with the current one:

- an upper-level committee, grassroots committees of about 20 cells each, a few grassroots
  cells directly under the upper level, clusters of about 10 committees;
- one employee per member, members spread over the cells (at least 3 each; the first cell
  gets 60 when there are enough, so that the benchmark has a meeting with 60 lines);
- every month a regular meeting per cell (a few missing, late or cancelled), thematic
  meetings per quarter (separate or in the regular session), roll calls with speaking turns,
  one task per held meeting, quality ballots with their score lines;
- a few transfers, and topics for the thematic meetings.

ORM ``create()`` in batches for everything, with tracking and chatter logging off, except the
employees (see ``_employees``: the HR module draws and stores an avatar per employee) and the
ballots and their score lines: the ORM fills each ballot's automatic criteria from the meeting
record (``_score_facts``, several queries per ballot), which would take tens of minutes for
~60,000 ballots and ~1.6 million lines. They are inserted with ``execute_values`` with their
stored values (organisation, company, scheme, voter, total, line sequence), then the meetings'
stored score fields are recomputed through the ORM.
"""

import logging
import random
import time
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from psycopg2.extras import execute_values

from odoo import Command, fields

_logger = logging.getLogger(__name__)

PRESETS = {
    "small": {"cells": 20, "members": 300, "months": 3},
    "province": {"cells": 2000, "members": 30000, "months": 12},
}
BATCH = 2000
LAST_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
              "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE_NAMES = ["Văn", "Thị", "Đức", "Minh", "Quốc", "Thu", "Ngọc", "Hữu", "Thanh", "Kim"]
FIRST_NAMES = ["An", "Bình", "Cường", "Dung", "Em", "Giang", "Hà", "Hải", "Hưởng", "Khánh",
               "Lan", "Long", "Mạnh", "Nam", "Nga", "Phúc", "Quang", "Sơn", "Tâm", "Thảo",
               "Tuyết", "Việt", "Xuân", "Yến"]
JOBS = ["Chuyên viên", "Chuyên viên chính", "Trưởng phòng", "Phó Trưởng phòng", "Kế toán",
        "Thanh tra viên", "Văn thư", "Cán sự"]
THEORY = ["none", "elementary", "intermediate", "advanced", "bachelor"]
THEORY_WEIGHTS = [10, 45, 30, 12, 3]


class Timer:
    """Collects the duration of each phase and logs it."""

    def __init__(self, log):
        self.log = log
        self.phases = []
        self.start = time.perf_counter()
        self.last = self.start

    def done(self, phase, count):
        now = time.perf_counter()
        self.phases.append((phase, count, now - self.last))
        self.log(f"{phase:<28} {count:>9} records {now - self.last:8.1f} s")
        self.last = now

    @property
    def total(self):
        return time.perf_counter() - self.start


def generate(env, cells=2000, members=30000, months=12, seed=1, prefix="DS", today=None,
             log=None):
    """Create the dataset on ``env``'s database; return counts, ids and timings.

    :param cells: number of cells (regular meetings every month).
    :param members: number of party members (each with an employee); at least 3 per cell.
    :param months: months of meetings, ending with the month of ``today``.
    :param seed: random seed: the same arguments give the same data.
    :param prefix: prefix of the upper-level committee's name and code, so that several
        datasets can live in one database.
    """
    log = log or _logger.info
    members = max(members, 3 * cells)
    rng = random.Random(seed)
    today = today or fields.Date.context_today(env.user)
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                           mail_notrack=True, mail_create_nosubscribe=True,
                           mail_auto_subscribe_no_notify=True, party_today=today))
    timer = Timer(log)
    company = env.company
    upper, committees, cell_recs = _organizations(env, rng, cells, prefix, company)
    timer.done("organisations", 1 + len(committees) + len(cell_recs))
    sizes = _cell_sizes(rng, cells, members)
    employees = _employees(env, rng, members, company)
    timer.done("employees", len(employees))
    by_cell = _members(env, rng, cell_recs, sizes, employees, today)
    timer.done("members", len(employees))
    month_starts = [(today.replace(day=1) - relativedelta(months=i)) for i in range(months)][::-1]
    topics = _topics(env, month_starts, company, prefix)
    meetings = _meetings(env, rng, cell_recs, by_cell, month_starts, topics, today, timer)
    tasks = _tasks(env, rng, meetings, by_cell, today)
    timer.done("tasks", len(tasks))
    ballots, lines = _ballots(env, rng, meetings, by_cell)
    timer.done("ballots (SQL)", ballots)
    _recompute_scores(env, meetings)
    timer.done("scores (ORM recompute)", len(meetings))
    transfers = _transfers(env, rng, by_cell, month_starts)
    timer.done("transfers", len(transfers))
    env.flush_all()
    log(f"{'total':<28} {'':>9}         {timer.total:8.1f} s")
    return {
        "upper": upper,
        "committees": committees,
        "cells": cell_recs,
        "members": sum(len(m) for m in by_cell.values()),
        "meetings": len(meetings),
        "attendance": env["party.meeting.attendance"].search_count(
            [("meeting_id", "in", meetings.ids)]),
        "tasks": len(tasks),
        "ballots": ballots,
        "ballot_lines": lines,
        "phases": timer.phases,
        "seconds": timer.total,
    }


def _organizations(env, rng, cells, prefix, company):
    Org = env["party.organization"]
    Cluster = env["party.cluster"]
    direct = cells // 20 if cells >= 20 else 0          # grassroots cells under the upper level
    n_committees = max(1, (cells - direct) // 20)
    upper = Org.create({"name": f"{prefix} Đảng bộ Khối các cơ quan tỉnh", "org_type": "upper",
                        "code": f"{prefix}-DBK", "company_id": company.id})
    clusters = Cluster.create([
        {"name": f"{prefix} Cụm {i + 1}", "company_id": company.id}
        for i in range(max(1, n_committees // 10))
    ]) if "company_id" in Cluster._fields else Cluster.create([
        {"name": f"{prefix} Cụm {i + 1}"} for i in range(max(1, n_committees // 10))
    ])
    committees = Org.create([{
        "name": f"Đảng bộ Sở {i + 1:03d}",
        "org_type": "grassroots_committee",
        "parent_id": upper.id,
        "cluster_id": clusters[i % len(clusters)].id,
        "company_id": company.id,
        "is_operational": True,
    } for i in range(n_committees)])
    vals_list = []
    for i in range(cells - direct):
        committee = committees[i % n_committees]
        vals_list.append({
            "name": f"Chi bộ {i // n_committees + 1:02d} ({committee.name[-3:]})",
            "org_type": "cell",
            "parent_id": committee.id,
            "cluster_id": committee.cluster_id.id,
            "company_id": company.id,
            "is_operational": True,
        })
    for i in range(direct):
        vals_list.append({
            "name": f"Chi bộ cơ sở {i + 1:03d}",
            "org_type": "grassroots_cell",
            "parent_id": upper.id,
            "cluster_id": clusters[i % len(clusters)].id,
            "company_id": company.id,
            "is_operational": True,
        })
    cell_recs = Org.browse()
    for start in range(0, len(vals_list), BATCH):
        cell_recs |= Org.create(vals_list[start:start + BATCH])
    return upper, committees, cell_recs


def _cell_sizes(rng, cells, members):
    sizes = [3] * cells
    rest = members - 3 * cells
    if cells and rest >= 57:
        sizes[0] = 60
        rest -= 57
    # Most cells have 8 to 20 members, a few large ones: weights from a skewed distribution.
    weights = [0] + [rng.paretovariate(2.5) for _ in range(cells - 1)] if cells > 1 else [1]
    for index, extra in Counter(rng.choices(range(cells), weights=weights, k=rest)).items():
        sizes[index] += extra
    # Keep cells below 60 members except the first; move the excess to the smallest cells.
    overflow = 0
    for index in range(1, cells):
        if sizes[index] > 59:
            overflow += sizes[index] - 59
            sizes[index] = 59
    index = 1
    while overflow and cells > 1:
        if sizes[index] < 59:
            sizes[index] += 1
            overflow -= 1
        index = index % (cells - 1) + 1
    return sizes


def _employees(env, rng, count, company, birthdays=None):
    """Employees by SQL (with their resources).

    ``hr.employee.create`` draws an SVG avatar for each employee and writes it, one record at
    a time, on the employee and on a work contact it creates: several attachments and
    queries per employee, about 20 ms each, ten minutes for 30,000. The dataset needs the
    employee's name, job title, company and birthday only; the work contact, avatar and
    other HR data stay empty, as for employees imported from another system.
    """
    env.flush_all()
    cr = env.cr
    calendar = company.resource_calendar_id.id or None
    now = fields.Datetime.now()
    names = [f"{rng.choice(LAST_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(FIRST_NAMES)} "
             f"{i + 1:05d}" for i in range(count)]
    resource_ids = [row[0] for row in execute_values(cr._obj, """
        INSERT INTO resource_resource (name, resource_type, tz, time_efficiency, active,
               company_id, calendar_id, create_uid, create_date, write_uid, write_date)
        VALUES %s RETURNING id""", [
        (name, "user", "Asia/Ho_Chi_Minh", 100.0, True, company.id, calendar, env.uid, now,
         env.uid, now) for name in names], page_size=5000, fetch=True)]
    employee_ids = [row[0] for row in execute_values(cr._obj, """
        INSERT INTO hr_employee (resource_id, name, company_id, resource_calendar_id, job_title,
               employee_type, marital, distance_home_work_unit, active, create_uid,
               create_date, write_uid, write_date)
        VALUES %s RETURNING id""", [
        (resource_id, name, company.id, calendar, rng.choice(JOBS), "employee", "single",
         "kilometers", True, env.uid, now, env.uid, now)
        for resource_id, name in zip(resource_ids, names)], page_size=5000, fetch=True)]
    return env["hr.employee"].browse(employee_ids)


def _members(env, rng, cell_recs, sizes, employees, today):
    """Members of each cell: officers first, some probationary and exempted members."""
    Member = env["party.member"]
    vals_list = []
    position = 0
    birthdays = []
    for cell, size in zip(cell_recs, sizes):
        for k in range(size):
            employee = employees[position]
            position += 1
            role = "member"
            if k == 0:
                role = "secretary"
            elif k == 1 and size >= 5:
                role = "deputy_secretary"
            elif k == 2 and size >= 7:
                role = "committee_member"
            roll = rng.random()
            if k > 2 and roll < 0.07 and size < 60:     # the 60-member cell: 60 lines always
                state = "probationary"
                admission = today - timedelta(days=rng.randint(20, 330))
                official = False
            else:
                state = "exempted" if k > 2 and roll > 0.97 else "official"
                admission = date(rng.randint(1980, today.year - 2), rng.randint(1, 12),
                                 rng.randint(1, 28))
                official = admission + relativedelta(years=1)
            birthdays.append((employee, admission - relativedelta(years=rng.randint(20, 38))))
            vals_list.append({
                "employee_id": employee.id,
                "organization_id": cell.id,
                "state": state,
                "committee_role": role,
                "admission_date": admission,
                "official_date": official,
                "theory_level": rng.choices(THEORY, THEORY_WEIGHTS)[0],
                "exemption_date": today - timedelta(days=400) if state == "exempted" else False,
            })
    # Birthdays in one grouped write per date would be slower than this single SQL update;
    # the field is a plain stored date without computes depending on it here.
    env.flush_all()
    execute_values(env.cr._obj, """
        UPDATE hr_employee SET birthday = v.birthday::date FROM (VALUES %s) AS v(id, birthday)
         WHERE hr_employee.id = v.id""", [(e.id, b) for e, b in birthdays], page_size=5000)
    employees.invalidate_recordset(["birthday"])
    result = Member.browse()
    for start in range(0, len(vals_list), BATCH):
        result |= Member.create(vals_list[start:start + BATCH])
    return {cell.id: recs for cell, recs in result.grouped("organization_id").items()}


def _topics(env, month_starts, company, prefix):
    Topic = env["party.topic"]
    quarters = sorted({(m.year, (m.month - 1) // 3 + 1) for m in month_starts})
    vals = []
    for year, quarter in quarters:
        item = {"name": f"{prefix} Chuyên đề quý {quarter}/{year}: học tập và làm theo tư tưởng, "
                        "đạo đức, phong cách Hồ Chí Minh", "year": year, "company_id": company.id}
        if "quarter" in Topic._fields:
            item["quarter"] = str(quarter) if Topic._fields["quarter"].type == "selection" \
                else quarter
        vals.append(item)
    topics = Topic.create(vals)
    return dict(zip(quarters, topics))


def _utc(day, hour=14):
    """Local (Asia/Ho_Chi_Minh, UTC+7) time of a day as naive UTC."""
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=hour - 7)


def _meetings(env, rng, cell_recs, by_cell, month_starts, topics, today, timer):
    """Regular meetings every month, thematic ones per quarter, with their roll calls."""
    # The generator runs as superuser: it writes approved meetings, numbers and all, at once.
    Meeting = env["party.meeting"]
    Scheme = env["party.score.scheme"]
    schemes = {}

    def scheme(mtype, day):
        # Approved meetings keep the scheme they were given: pass the one in force.
        key = (mtype, day.year, day.month)
        if key not in schemes:
            schemes[key] = Scheme._find_for(mtype, day, env.company).id
        return schemes[key]

    current = today.replace(day=1)
    numbers = defaultdict(int)       # (cell id, year) -> last minutes number
    vals_list = []
    for cell in cell_recs:
        members = by_cell.get(cell.id, env["party.member"])
        secretary = members[:1]
        taker = members[1:2] or secretary
        for first in month_starts:
            quarter = (first.year, (first.month - 1) // 3 + 1)
            roll = rng.random()
            if roll < 0.04:
                continue                                    # not held
            late = roll > 0.92
            day = first.replace(day=rng.randint(6, 20) if late else rng.randint(1, 5))
            if day > today:
                state = "planned"
            elif first == current:
                state = rng.choice(("held", "approved"))
            else:
                state = "approved" if rng.random() < 0.93 else "held"
            if 0.04 <= roll < 0.06 and state != "planned":
                state = "cancelled"
            thematic_roll = rng.random()
            in_session = first.month % 3 == 2 and thematic_roll < 0.3
            vals_list.append(_meeting_vals(rng, cell, members, secretary, taker, day, state,
                                           "regular", in_session and topics[quarter]))
            vals_list[-1]["scheme_id"] = scheme("regular", day)
            _number(vals_list[-1], numbers, cell, day)
            if first.month % 3 == 2 and 0.3 <= thematic_roll < 0.9:
                tday = first.replace(day=15)
                tstate = "planned" if tday > today else (
                    "approved" if state in ("approved", "cancelled") else "held")
                vals_list.append(_meeting_vals(rng, cell, members, secretary, taker, tday,
                                               tstate, "thematic", topics[quarter]))
                vals_list[-1]["scheme_id"] = scheme("thematic", tday)
                _number(vals_list[-1], numbers, cell, tday)
    meetings = Meeting.browse()
    lines = sum(len(v["attendance_ids"]) for v in vals_list)
    # Smaller batches: each meeting carries its roll call (15 lines on average).
    for start in range(0, len(vals_list), BATCH // 2):
        meetings |= Meeting.create(vals_list[start:start + BATCH // 2])
        env.flush_all()
        env.invalidate_all()
    timer.done("meetings + roll calls", f"{len(meetings)}+{lines}")
    return meetings


def _number(vals, numbers, cell, day):
    """Minutes number of an approved meeting, in order within the cell and year."""
    if vals["state"] == "approved":
        numbers[cell.id, day.year] += 1
        number = numbers[cell.id, day.year]
        vals.update(minutes_sequence=number,
                    minutes_number=f"{number:02d}-BB/{cell.doc_suffix or 'CB'}")


def _meeting_vals(rng, cell, members, secretary, taker, day, state, mtype, topic):
    start = _utc(day, 14 if mtype == "regular" else 8)
    minutes = 120 if (mtype == "thematic" or topic) else rng.choice((90, 95, 100, 120))
    held = state in ("held", "approved")
    lines = []
    for member in members:
        if member.admission_date and member.admission_date > day:
            continue
        if member.state == "exempted":
            status, turns = "exempt", 0
        elif not held:
            status, turns = "present", 0
        else:
            roll = rng.random()
            status = "present" if roll < 0.9 else "excused" if roll < 0.97 else "unexcused"
            turns = rng.choice((0, 0, 0, 1, 1, 2, 3)) if status == "present" else 0
        lines.append(Command.create({"member_id": member.id, "status": status,
                                     "speaking_turns": turns,
                                     "reason": "Công tác" if status == "excused" else False}))
    vals = {
        "organization_id": cell.id,
        "meeting_type": mtype,
        "includes_thematic": bool(topic) and mtype == "regular",
        "topic_id": topic.id if topic else False,
        "date_start": start,
        "date_end": start + timedelta(minutes=minutes),
        "location": "Phòng họp tầng 2",
        "state": state,
        "was_held": held,
        "chair_id": secretary.id,
        "minute_taker_id": taker.id,
        "attendance_ids": lines,
    }
    if held:
        vals.update(
            conclusion="<p>Chi bộ thống nhất đánh giá kết quả thực hiện nhiệm vụ trong tháng và "
                       "phương hướng tháng tới.</p>",
            documents_sent_date=start - timedelta(days=2),
        )
    if state == "approved":
        vals["approved_date"] = start + timedelta(days=1)
    return vals


def _tasks(env, rng, meetings, by_cell, today):
    Task = env["party.task"]
    vals_list = []
    for meeting in meetings.filtered(lambda m: m.state in ("held", "approved")):
        members = by_cell[meeting.organization_id.id]
        deadline = meeting.date_start.date() + timedelta(days=rng.randint(10, 40))
        due = deadline < today
        state = "done" if due and rng.random() < 0.85 else "open"
        vals_list.append({
            "name": "Triển khai nghị quyết của chi bộ trong tháng",
            "meeting_id": meeting.id,
            "organization_id": meeting.organization_id.id,
            "assignee_ids": [Command.set(rng.sample(members.ids, min(2, len(members))))],
            "deadline": deadline,
            "state": state,
            "done_date": deadline - timedelta(days=2) if state == "done" else False,
        })
    tasks = Task.browse()
    for start in range(0, len(vals_list), BATCH):
        tasks |= Task.create(vals_list[start:start + BATCH])
    return tasks


def _ballots(env, rng, meetings, by_cell):
    """Submitted ballots (committee proposal and two members) for 90% of held meetings."""
    env.flush_all()
    cr = env.cr
    held = meetings.filtered(lambda m: m.state in ("held", "approved"))
    schemes = held.scheme_id
    criteria = {s.id: [(c.id, c.sequence, c.max_points) for c in s.criterion_ids] for s in schemes}
    uid = env.uid
    now = fields.Datetime.now()
    present = defaultdict(list)
    cr.execute("""SELECT meeting_id, member_id FROM party_meeting_attendance
                   WHERE meeting_id = ANY(%s) AND status = 'present' ORDER BY id""",
               [held.ids])
    for meeting_id, member_id in cr.fetchall():
        present[meeting_id].append(member_id)
    employee_of = {m.id: m.employee_id.id for recs in by_cell.values() for m in recs}
    rows, points = [], []
    for meeting in held:
        if not meeting.scheme_id or rng.random() < 0.1 or not present[meeting.id]:
            continue
        voters = present[meeting.id]
        chosen = [(voters[0], "committee")] + [
            (v, "member") for v in rng.sample(voters, min(2, len(voters)))]
        for voter, role in chosen:
            marks = []
            for crit_id, sequence, max_points in criteria[meeting.scheme_id.id]:
                value = max_points * rng.choice((1, 1, 1, 1, 0.8, 0.6))
                marks.append((crit_id, sequence, round(value * 2) / 2))
            rows.append((meeting.id, meeting.organization_id.id, meeting.company_id.id,
                         meeting.scheme_id.id, voter, employee_of[voter], role,
                         meeting.anonymous_ballots, sum(m[2] for m in marks), "submitted",
                         meeting.date_end + timedelta(hours=1), uid, now, uid, now))
            points.append(marks)
    ids = []
    for start in range(0, len(rows), 5000):
        ids += [r[0] for r in execute_values(cr._obj, """
            INSERT INTO party_ballot (meeting_id, organization_id, company_id, scheme_id,
                   voter_id, voter_employee_id, role, is_anonymous, total, state, submitted_date,
                   create_uid, create_date, write_uid, write_date)
            VALUES %s RETURNING id""", rows[start:start + 5000], page_size=5000, fetch=True)]
    line_rows = [(ballot_id, crit, seq, pts, uid, now, uid, now)
                 for ballot_id, marks in zip(ids, points) for crit, seq, pts in marks]
    for start in range(0, len(line_rows), 20000):
        execute_values(cr._obj, """
            INSERT INTO party_ballot_line (ballot_id, criterion_id, sequence, points,
                   create_uid, create_date, write_uid, write_date) VALUES %s""",
                       line_rows[start:start + 20000], page_size=20000)
    env.invalidate_all()
    return len(ids), len(line_rows)


def _recompute_scores(env, meetings):
    """Score, rating and ballot counts of the meetings from the inserted ballots."""
    Meeting = env["party.meeting"]
    field = Meeting._fields["score"]
    for start in range(0, len(meetings), BATCH):
        batch = meetings[start:start + BATCH]
        # The compute reads each meeting's ballots' lines on their own (one query per
        # meeting); reading them for the whole batch first serves it from the cache.
        batch.ballot_ids.line_ids.mapped("points")
        batch.ballot_ids.line_ids.criterion_id.mapped("max_points")
        env.add_to_compute(field, batch)
        Meeting.flush_model()
        env.invalidate_all()


def _transfers(env, rng, by_cell, month_starts):
    Transfer = env["party.member.transfer"]
    vals_list = []
    for members in by_cell.values():
        for member in members[3:]:
            if rng.random() < 0.01:
                vals_list.append({
                    "member_id": member.id,
                    "transfer_type": "official",
                    "direction": "in",
                    "date": rng.choice(month_starts) + timedelta(days=rng.randint(0, 27)),
                    "external_organization": "Đảng bộ Sở Nội vụ tỉnh bạn",
                    "state": "done",
                })
    return Transfer.create(vals_list)
