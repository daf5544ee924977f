/** @odoo-module **/

import { Component, onWillStart, useEffect, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";

// Every row has this height (compliance_matrix.scss), so that only the rows in view are
// drawn: 2,000 cells would otherwise be 100,000 DOM nodes.
export const ROW_HEIGHT = 26;
// Rows drawn above and below the visible ones, so that a quick scroll shows no gap.
const OVERSCAN = 10;
const CELL_FIELDS = [
    "status",
    "attendance",
    "speaking",
    "score",
    "rating",
    "thematic",
    "ballots_missing",
    "tasks_overdue",
    "visits",
    "visits_overdue",
];
const NUMBERS = new Set(["attendance", "speaking", "score"]);
const COUNTS = new Set(["tasks_overdue", "visits", "visits_overdue"]);

/**
 * One row of party.compliance.matrix.get_matrix_screen's compact payload as an object;
 * its month cells are decoded the first time the row is drawn.
 */
export function decodeRow(raw, data) {
    const [id, name, depth, parentId, isCell, cellCount, totals, cells] = raw;
    const row = { id, name, depth, parent_id: parentId, is_cell: isCell, cell_count: cellCount };
    row.totals = Object.fromEntries(data.total_keys.map((key, i) => [key, totals[i]]));
    let decoded = null;
    Object.defineProperty(row, "cells", {
        get() {
            if (!decoded) {
                decoded = decodeCells(cells, data);
            }
            return decoded;
        },
    });
    return row;
}

function decodeCells(text, data) {
    const result = {};
    if (!text) {
        return result;
    }
    const months = text.split(";");
    data.months.forEach((month, index) => {
        const parts = months[index].split("|");
        const cell = {};
        CELL_FIELDS.forEach((field, i) => {
            const part = parts[i] || "";
            if (field === "status") {
                cell.status = data.codes.status[part];
            } else if (NUMBERS.has(field)) {
                cell[field] = part === "" ? null : Number(part);
            } else if (COUNTS.has(field)) {
                cell[field] = part === "" ? 0 : Number(part);
            } else if (field === "ballots_missing") {
                cell[field] = part === "1";
            } else {
                cell[field] = (data.codes[field] || {})[part] || false;
            }
        });
        cell.color = data.colors[cell.status];
        result[month.key] = cell;
    });
    return result;
}

/**
 * Compliance matrix: organisations × months with the state of the regular meeting,
 * thematic meetings, attendance, score, ballots, overdue tasks and visits. Data from
 * party.compliance.matrix.get_matrix_screen (compact), read as the user (record rules
 * apply). Only the rows in view are drawn; folding a heading hides the rows below it.
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
            scrollTop: 0,
            viewHeight: 800,
        });
        this.rows = [];
        this.visibleCache = null;
        onWillStart(() => this.load());
        // The table takes the keyboard once shown, so Page Down and End scroll it at once.
        this.scrollRef = useRef("scroll");
        useEffect(
            (el) => {
                if (!el) {
                    return;
                }
                if (!el.contains(document.activeElement)) {
                    el.focus({ preventScroll: true });
                }
                this.state.viewHeight = el.clientHeight;
            },
            () => [this.scrollRef.el]
        );
    }

    onScroll(ev) {
        // One redraw per frame, however many scroll events arrive.
        const el = ev.currentTarget;
        if (!this.frame) {
            this.frame = requestAnimationFrame(() => {
                this.frame = null;
                this.state.scrollTop = el.scrollTop;
                this.state.viewHeight = el.clientHeight;
            });
        }
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
        const data = await this.orm.call("party.compliance.matrix", "get_matrix_screen", [
            this.state.dateFrom,
            this.state.dateTo,
            this.filters,
        ]);
        data.colors = Object.fromEntries(data.legend.map((item) => [item.key, item.color]));
        // Decoded rows live outside the reactive state: only what is drawn is watched.
        this.rows = data.rows.map((raw) => decodeRow(raw, data));
        this.visibleCache = null;
        data.rows = [];
        data.rowCount = this.rows.length;
        this.state.data = data;
        this.state.loading = false;
    }

    /** Rows left once folded headings hide what is below them, in tree order. */
    get visibleRows() {
        const collapsed = this.state.collapsed;
        const key = JSON.stringify(collapsed);
        if (this.visibleCache && this.visibleCache.key === key && this.visibleCache.rows === this.rows) {
            return this.visibleCache.result;
        }
        const hidden = new Set();
        const result = [];
        for (const row of this.rows) {
            if (row.parent_id && (hidden.has(row.parent_id) || collapsed[row.parent_id])) {
                hidden.add(row.id);
                continue;
            }
            result.push(row);
        }
        this.visibleCache = { key, rows: this.rows, result };
        return result;
    }

    /** The slice of visible rows in view, and the heights standing for the others. */
    get rowWindow() {
        const rows = this.visibleRows;
        const first = Math.max(0, Math.floor(this.state.scrollTop / ROW_HEIGHT) - OVERSCAN);
        const count = Math.ceil(this.state.viewHeight / ROW_HEIGHT) + 2 * OVERSCAN;
        const last = Math.min(rows.length, first + count);
        return {
            rows: rows.slice(first, last),
            before: first * ROW_HEIGHT,
            after: (rows.length - last) * ROW_HEIGHT,
        };
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
