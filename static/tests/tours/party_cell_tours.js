/** @odoo-module **/
// Main journeys of party_cell, run in Vietnamese by tests/test_tours.py. Selectors use field
// and button names; the few texts matched are the Vietnamese labels the users see.

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const TOUR_MEETING = "Sinh hoạt chi bộ tháng 11/2026 (hành trình)";

function rollCallRow(name) {
    return `div[name='attendance_ids'] .o_data_row:contains('${name}')`;
}

registry.category("web_tour.tours").add("party_cell_secretary_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open Party Affairs",
            trigger: ".o_app[data-menu-xmlid='party_cell.party_cell_menu_root']",
            run: "click",
        },
        {
            content: "Open the draft meeting prepared for the month",
            trigger: `.o_list_table .o_data_row td:contains('${TOUR_MEETING}')`,
            run: "click",
        },
        {
            content: "Plan it and invite the members",
            trigger: ".o_form_view button[name='action_plan']",
            run: "click",
        },
        {
            content: "Open the roll call once planned",
            trigger: ".o_form_view:has(button[name='action_hold']) a.nav-link[name='attendance']",
            run: "click",
        },
        {
            content: "Select Trần Thị Bình's line",
            trigger: `${rollCallRow("Trần Thị Bình")} td[name='status']`,
            run: "click",
        },
        {
            content: "Absent with reason",
            trigger: `.o_selected_row .o_selection_badge[value='"excused"']`,
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".o_selected_row div[name='reason'] input",
            run: "edit Đi công tác",
        },
        {
            content: "One speaking turn for Nguyễn Văn An",
            trigger: `${rollCallRow("Nguyễn Văn An")} button[name='action_add_turn']`,
            run: "click",
        },
        {
            content: "Wait for the turn to be counted",
            trigger: `${rollCallRow("Nguyễn Văn An")} td[name='speaking_turns']:contains('1')`,
        },
        {
            content: "One speaking turn for Lê Văn Cường",
            trigger: `${rollCallRow("Lê Văn Cường")} button[name='action_add_turn']`,
            run: "click",
        },
        {
            content: "Wait for the second speaker",
            trigger: `${rollCallRow("Lê Văn Cường")} td[name='speaking_turns']:contains('1')`,
        },
        {
            content: "Open the tasks",
            trigger: "a.nav-link[name='tasks']",
            run: "click",
        },
        {
            content: "Add a task",
            trigger: "div[name='task_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Describe it",
            trigger: "div[name='task_ids'] .o_selected_row div[name='name'] input",
            run: "edit Hoàn thành báo cáo tổng kết năm",
        },
        {
            content: "Assign it",
            trigger: "div[name='task_ids'] .o_selected_row div[name='assignee_ids'] input",
            run: "fill Nguyễn Văn",
        },
        {
            content: "Pick Nguyễn Văn An",
            trigger: ".o-autocomplete--dropdown-item:contains('Nguyễn Văn An')",
            run: "click",
        },
        {
            content: "Deadline",
            trigger: "div[name='task_ids'] .o_selected_row div[name='deadline'] input",
            run: "edit 15/12/2026",
        },
        ...stepUtils.saveForm(),
        {
            content: "Mark the meeting as held",
            trigger: ".o_form_view button[name='action_hold']",
            run: "click",
        },
        {
            content: "Open the conclusion once held",
            trigger: ".o_form_view:has(button[name='action_approve']) a.nav-link[name='conclusion']",
            run: "click",
        },
        {
            content: "Write the conclusion",
            trigger: "div[name='conclusion'] .odoo-editor-editable p",
            run: "editor Chi bộ thống nhất các nhiệm vụ trọng tâm tháng 12.",
        },
        ...stepUtils.saveForm(),
        {
            content: "Approve the minutes",
            trigger: ".o_form_view button[name='action_approve']",
            run: "click",
        },
        {
            content: "Confirm: approved minutes are numbered and locked",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The minutes have their number",
            trigger: ".o_form_view .alert-warning div[name='minutes_number']:contains('01-BB/CB')",
        },
        {
            content: "Print the minutes",
            trigger: ".o_statusbar_buttons button:contains('In biên bản')",
            run: "click",
        },
        {
            content: "Still on the approved meeting, no error",
            trigger: "body:not(:has(.o_error_dialog)) .o_form_view div[name='minutes_number']",
        },
    ],
});

registry.category("web_tour.tours").add("party_cell_member_ballot_tour", {
    steps: () => [
        {
            content: "Open My Ballot on the held meeting",
            trigger: ".o_form_view button[name='action_my_ballot']",
            run: "click",
        },
        {
            content: "Score a criterion judged by people",
            trigger: ".o_data_row:contains('Chuẩn bị nội dung sinh hoạt') td[name='points']",
            run: "click",
        },
        {
            content: "Three points of three",
            trigger: ".o_selected_row div[name='points'] input",
            run: "edit 3",
        },
        {
            // The button saves the edited line before submitting.
            content: "Submit the ballot",
            trigger: ".o_form_view button[name='action_submit']:enabled",
            run: "click",
        },
        {
            content: "The ballot is submitted",
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value='submitted']",
        },
    ],
});

registry.category("web_tour.tours").add("party_cell_compliance_matrix_tour", {
    steps: () => [
        {
            content: "Show the year of the fixtures' meetings",
            trigger: ".o_pcm_year",
            run: "edit 2026",
        },
        {
            content: "Drill into the month where Chi bộ A1 held its meeting",
            trigger: ".o_pcm_cell_row:contains('Chi bộ A1') td.o_pcm_month_cell:contains('%')",
            run: "click",
        },
        {
            content: "The meeting of October behind the cell is listed",
            trigger: ".o_list_view .o_data_row td[name='name']:contains('10/2026')",
        },
    ],
});

registry.category("web_tour.tours").add("party_cell_visit_tour", {
    steps: () => [
        {
            content: "Procedure followed: yes",
            trigger: "div[name='check_procedure'] input[data-value='yes']",
            run: "click",
        },
        {
            content: "Attendance: partly",
            trigger: "div[name='check_attendance'] input[data-value='partly']",
            run: "click",
        },
        {
            content: "Strengths seen",
            trigger: "div[name='strengths'] .odoo-editor-editable p",
            run: "editor Chi bộ chuẩn bị nội dung chu đáo, nhiều đảng viên phát biểu.",
        },
        {
            content: "Proposed rating",
            trigger: "div[name='proposed_rating'] select",
            run: `select "good"`,
        },
        ...stepUtils.saveForm(),
        {
            content: "Submit the report",
            trigger: ".o_form_view button[name='action_report']",
            run: "click",
        },
        {
            content: "Confirm: the report is final",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The visit is reported",
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value='reported']",
        },
    ],
});
