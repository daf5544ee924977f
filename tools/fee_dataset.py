"""Party fees for the generated dataset: a closed period per cell and month, a line per
member of the cell, three quarters of them paid.

Used by tools/benchmark.py inside its rolled-back transaction when the database holds no
fees for the year yet. Rows are inserted with ``execute_values`` (a province is 24,000
periods and 360,000 lines: the ORM would take minutes); amounts follow the rule in force.
"""

from datetime import date

from psycopg2.extras import execute_values


def generate_fees(env, year, paid_share=0.75):
    """Insert the year's fee periods and lines; returns the number of lines."""
    env.flush_all()
    cr = env.cr
    months = [date(year, month, 1) for month in range(1, 13)]
    rules = env["party.fee.rule"]._rules_for(months)
    cr.execute("""SELECT m.id, m.organization_id, o.company_id, m.name
                    FROM party_member m JOIN party_organization o ON o.id = m.organization_id
                   WHERE m.state IN ('probationary', 'official', 'exempted') AND o.is_cell
                ORDER BY m.organization_id, m.id""")
    members = cr.fetchall()
    cells = sorted({(org_id, company_id) for _m, org_id, company_id, _n in members})
    period_ids = {}
    for month in months:
        rows = execute_values(cr._obj, """
            INSERT INTO party_fee_period (organization_id, company_id, month, state, name,
                                          create_uid, write_uid, create_date, write_date)
            VALUES %s RETURNING id, organization_id""",
            [(org_id, company_id, month, "closed", f"{month:%m/%Y}", 1, 1) for org_id,
             company_id in cells],
            template="(%s, %s, %s, %s, %s, %s, %s, now(), now())", fetch=True)
        period_ids.update({(org_id, month): pid for pid, org_id in rows})
    lines = []
    for month in months:
        rule = rules[("salary", month)]
        for index, (member_id, org_id, company_id, name) in enumerate(members):
            base = 5_000_000 + (member_id % 11) * 500_000
            paid = (index + month.month) % 4 < paid_share * 4
            lines.append((
                period_ids[org_id, month], "closed", org_id, company_id, month, member_id,
                "salary", base, rule.id, rule._amount(base), "paid" if paid else "due",
                month if paid else None,
                f"BL-{member_id}-{month:%Y%m}" if paid else None, name))
    execute_values(cr._obj, """
        INSERT INTO party_fee_line (period_id, period_state, organization_id, company_id,
                                    month, member_id, income_kind, base_amount, rule_id,
                                    amount, state, paid_date, receipt_number, member_name,
                                    create_uid, write_uid, create_date, write_date)
        VALUES %s""", lines,
        template="(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 1, 1, now(), "
                 "now())", page_size=5000)
    env.invalidate_all()
    return len(lines)
