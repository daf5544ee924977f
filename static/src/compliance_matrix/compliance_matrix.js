/** @odoo-module **/

import { Component, onWillStart, useEffect, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";

/**
 * Compliance matrix: organisations × months with the state of the regular meeting,
 * thematic meetings, attendance, score, ballots, overdue tasks and visits. Data from
 * party.compliance.matrix.get_matrix, read as the user (record rules apply).
 */
export class ComplianceMatrix extends Component {
    static template = "party_cell.ComplianceMatrix";
    static components = { Layout };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        const year = new Date().getFullYear();
        this.state = useState({
            year,
            dateFrom: `${year}-01-01`,
            dateTo: `${year}-12-31`,
            clusterId: "",
            orgType: "",
            companyId: "",
            data: null,
            loading: true,
            collapsed: {},
        });
        onWillStart(() => this.load());
        // The table takes the keyboard once shown, so Page Down and End scroll it at once.
        const scroll = useRef("scroll");
        useEffect(
            (el) => el && !el.contains(document.activeElement) && el.focus({ preventScroll: true }),
            () => [scroll.el]
        );
    }

    get filters() {
        const filters = {};
        if (this.state.clusterId) {
            filters.cluster_ids = [parseInt(this.state.clusterId)];
        }
        if (this.state.orgType) {
            filters.org_types = [this.state.orgType];
        }
        if (this.state.companyId) {
            filters.company_ids = [parseInt(this.state.companyId)];
        }
        return filters;
    }

    async load() {
        this.state.loading = true;
        this.state.data = await this.orm.call("party.compliance.matrix", "get_matrix", [
            this.state.dateFrom,
            this.state.dateTo,
            this.filters,
        ]);
        this.state.loading = false;
    }

    get visibleRows() {
        const rows = this.state.data ? this.state.data.rows : [];
        const hidden = new Set();
        const result = [];
        for (const row of rows) {
            if (row.parent_id && (hidden.has(row.parent_id) || this.state.collapsed[row.parent_id])) {
                hidden.add(row.id);
                continue;
            }
            result.push(row);
        }
        return result;
    }

    onYear(ev) {
        const year = parseInt(ev.target.value);
        if (year > 1999 && year < 2101) {
            this.state.year = year;
            this.state.dateFrom = `${year}-01-01`;
            this.state.dateTo = `${year}-12-31`;
            this.load();
        }
    }

    onFilter(field, ev) {
        this.state[field] = ev.target.value;
        this.load();
    }

    toggle(row) {
        this.state.collapsed[row.id] = !this.state.collapsed[row.id];
    }

    cellTitle(row, month) {
        const cell = row.cells[month.key];
        const lines = [`${row.name}, ${month.label}`, this.statusLabel(cell.status)];
        if (cell.attendance !== null) {
            lines.push(_t("Attendance: %s%", cell.attendance));
        }
        if (cell.speaking !== null) {
            lines.push(_t("Speaking: %s%", cell.speaking));
        }
        if (cell.score !== null) {
            lines.push(_t("Score: %s", cell.score));
        }
        if (cell.rating) {
            lines.push(_t("Rating: %s", this.ratingLabel(cell.rating)));
        }
        if (cell.thematic === "held") {
            lines.push(_t("Thematic meeting held"));
        } else if (cell.thematic === "missing") {
            lines.push(_t("No thematic meeting this quarter"));
        } else if (cell.thematic === "planned") {
            lines.push(_t("Thematic meeting planned"));
        }
        if (cell.ballots_missing) {
            lines.push(_t("No ballot submitted"));
        }
        if (cell.tasks_overdue) {
            lines.push(_t("%s overdue task(s)", cell.tasks_overdue));
        }
        if (cell.visits) {
            lines.push(_t("%s visit(s), %s overdue", cell.visits, cell.visits_overdue));
        }
        return lines.join("\n");
    }

    statusLabel(status) {
        const item = (this.state.data.legend || []).find((l) => l.key === status);
        return item ? item.label : "";
    }

    ratingLabel(rating) {
        return (
            {
                good: _t("Good"),
                fair: _t("Fair"),
                average: _t("Average"),
                poor: _t("Poor"),
            }[rating] || ""
        );
    }

    ratingShort(rating) {
        return { good: "T", fair: "K", average: "TB", poor: "Kém" }[rating] || "";
    }

    // The drill-downs are built on the server (party.compliance.matrix.action_open_*),
    // where the tests read the same domains.
    async openMeetings(row, month) {
        const months = this.state.data.months;
        const [from, to] = month ? [month.key, month.key] : [months[0].key, months.at(-1).key];
        const name = month ? `${row.name} (${month.label})` : row.name;
        this.action.doAction(
            await this.orm.call("party.compliance.matrix", "action_open_meetings", [
                row.id,
                from,
                to,
                name,
            ])
        );
    }

    async openTasks(row, month) {
        const name = _t("Overdue tasks: %s (%s)", row.name, month.label);
        this.action.doAction(
            await this.orm.call("party.compliance.matrix", "action_open_overdue_tasks", [
                row.id,
                month.key,
                name,
            ])
        );
    }

    exportXlsx() {
        // The workbook is OCA report_xlsx's report: the period and filters go as its data.
        this.action.doAction({
            type: "ir.actions.report",
            report_type: "xlsx",
            report_name: "party_cell.compliance_matrix_xlsx",
            data: {
                date_from: this.state.dateFrom,
                date_to: this.state.dateTo,
                filters: this.filters,
            },
            context: {},
        });
    }
}

registry.category("actions").add("party_cell.compliance_matrix", ComplianceMatrix);
