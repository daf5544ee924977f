/** @odoo-module **/
// The monthly routine of party_cell, run in Vietnamese by tests/test_tours.py. Every tour
// starts from the web client's home and goes through the menus, at desktop or phone size
// (steps marked "desktop" or "mobile" run at that size only). Selectors use menu xmlids,
// field and button names; the few texts matched are what the users see.

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const { DateTime } = luxon;

/** A screenshot of the page, saved by the test when PARTY_CELL_SHOTS is set. */
function shot(name, trigger = "body") {
    return {
        content: `Screenshot ${name}`,
        trigger,
        async run() {
            const size = window.innerWidth < 768 ? "phone" : "desktop";
            console.log(`party_cell:shot ${name}_${size}`);
            // The page stays still while the test captures it.
            await new Promise((resolve) => setTimeout(resolve, 300));
        },
    };
}

/** Open the Party Affairs app from the home menu (apps dropdown or the phone's sidebar). */
function openApp() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            isActive: ["desktop"],
            content: "Open Party Affairs",
            trigger: ".o_app[data-menu-xmlid='party_cell.party_cell_menu_root']",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Open the menu",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "All apps",
            trigger: ".o_sidebar_topbar a.btn-primary",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Open Party Affairs",
            trigger: ".o_burger_menu_content li.o_app[data-menu-xmlid='party_cell.party_cell_menu_root']",
            run: "click",
        },
    ];
}

/**
 * Open a menu item of the app (its section's dropdown, or the phone's sidebar), then wait
 * for its action: ``title`` is the page's title, as the breadcrumbs show it.
 */
function openMenu(section, item, title) {
    const ready = {
        content: `Wait for ${title}`,
        trigger: `.o_breadcrumb .active:contains('${title}'), .o_navbar_breadcrumbs:contains('${title}')`,
    };
    return [
        {
            isActive: ["desktop"],
            content: `Open the menu ${section}`,
            trigger: `.o_menu_sections button[data-menu-xmlid='party_cell.${section}']`,
            run: "click",
        },
        {
            isActive: ["desktop"],
            content: `Open ${item}`,
            trigger: `.o-dropdown--menu [data-menu-xmlid='party_cell.${item}']`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Open the menu",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: `Open ${item}`,
            trigger: `.o_burger_menu_content li[data-menu-xmlid='party_cell.${item}']`,
            run: "click",
        },
        ready,
    ];
}

/** A header button of the form: in the status bar, or in the phone's cog menu. */
function clickHeaderButton(name, content) {
    return [
        {
            isActive: ["mobile"],
            content: "Open the form's actions",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content,
            trigger: `.o_statusbar_buttons button[name='${name}']:enabled, .o-dropdown--menu button[name='${name}']:enabled`,
            run: "click",
        },
    ];
}

function rollCallRow(name) {
    return `div[name='attendance_ids'] .o_data_row:contains('${name}')`;
}

/** Yesterday at 09:00 in the browser's zone, as typed in a Vietnamese date-time field. */
function yesterdayMorning() {
    return DateTime.now().minus({ days: 1 }).set({ hour: 9, minute: 0, second: 0 })
        .toFormat("dd/MM/yyyy HH:mm:ss");
}

registry.category("web_tour.tours").add("party_cell_secretary_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openMenu("party_meeting_menu_section", "party_meeting_menu", "Sinh hoạt chi bộ"),
        {
            content: "Plan the month's meeting from New",
            trigger: ".o_list_view .o_list_button_add, .o-kanban-button-new",
            run: "click",
        },
        {
            content: "The secretary's cell is chosen",
            trigger: ".o_form_view div[name='organization_id'] input:value(Chi bộ A1)",
        },
        {
            content: "The name says the month",
            trigger: ".o_form_view div[name='name'] input:value(Sinh hoạt chi bộ định kỳ tháng)",
        },
        {
            content: "Place and officers come from the cell",
            trigger: ".o_form_view div[name='location'] input:value(Hội trường tầng 3)",
        },
        {
            content: "The secretary chairs",
            trigger: ".o_form_view div[name='chair_id'] input:value(Lê Văn Cường)",
        },
        {
            content: "A committee member takes the minutes",
            trigger: ".o_form_view div[name='minute_taker_id'] input:value(Phạm Văn Đức)",
        },
        shot("secretary_new_meeting"),
        ...clickHeaderButton("action_plan", "Plan it and invite the members"),
        {
            content: "Try to hold it before its time",
            trigger: ".o_form_view:has(.o_arrow_button_current[data-value='planned']) button[name='action_hold']",
            run: "click",
        },
        {
            content: "Holding waits for the meeting's time",
            trigger: ".modal .modal-body:contains('chưa thể')",
        },
        shot("secretary_hold_too_early"),
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The meeting took place yesterday morning",
            trigger: ".o_form_view:not(:has(.modal)) div[name='date_start'] input",
            run: `edit ${yesterdayMorning()}`,
        },
        {
            content: "Leave the date",
            trigger: ".o_form_view div[name='location'] input",
            run: "click",
        },
        ...stepUtils.saveForm(),
        {
            content: "Open the roll call",
            trigger: ".o_form_view a.nav-link[name='attendance']",
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
        shot("secretary_roll_call"),
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
            run: `edit ${DateTime.now().plus({ days: 14 }).toFormat("dd/MM/yyyy")}`,
        },
        ...stepUtils.saveForm(),
        ...clickHeaderButton("action_hold", "Mark the meeting as held"),
        {
            content: "Open the conclusion once held",
            trigger: ".o_form_view:has(.o_arrow_button_current[data-value='held']) a.nav-link[name='conclusion']",
            run: "click",
        },
        {
            content: "Write the conclusion",
            trigger: "div[name='conclusion'] .odoo-editor-editable p",
            run: "editor Chi bộ thống nhất các nhiệm vụ trọng tâm tháng tới.",
        },
        ...stepUtils.saveForm(),
        ...clickHeaderButton("action_approve", "Approve the minutes"),
        {
            content: "Confirm: approved minutes are numbered and locked",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The banner gives the number",
            trigger: ".o_form_view div[name='approved_banner']:contains('01-BB/CB')",
        },
        {
            content: "Back on the roll call",
            trigger: ".o_form_view a.nav-link[name='attendance']",
            run: "click",
        },
        {
            content: "No speaking turn can be added to approved minutes",
            trigger: `${rollCallRow("Nguyễn Văn An")}:not(:has(button[name='action_add_turn']))`,
        },
        shot("secretary_approved"),
        {
            content: "Print the minutes",
            trigger: ".o_statusbar_buttons button:contains('In biên bản')",
            run: "click",
        },
        {
            content: "Still on the approved meeting, no error",
            trigger: "body:not(:has(.o_error_dialog)) .o_form_view div[name='approved_banner']",
        },
    ],
});

registry.category("web_tour.tours").add("party_cell_member_ballot_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openMenu("party_quality_menu_section", "party_ballot_menu", "Phiếu đánh giá của tôi"),
        {
            content: "The ballot of yesterday's meeting waits in My Ballots",
            trigger: ".o_data_row:contains('Sinh hoạt chi bộ định kỳ tháng'), .o_kanban_record:contains('Sinh hoạt chi bộ định kỳ tháng')",
        },
        shot("member_my_ballots"),
        {
            content: "Open it",
            trigger: ".o_data_row:contains('Sinh hoạt chi bộ định kỳ tháng') td[name='meeting_id'], .o_kanban_record:contains('Sinh hoạt chi bộ định kỳ tháng')",
            run: "click",
        },
        {
            content: "Measured criteria use the decimal comma",
            trigger: ".o_form_view div[name='line_ids'] td[name='explanation']:contains(',0%')",
        },
        {
            content: "Score a criterion judged by people",
            trigger: ".o_data_row:contains('Chuẩn bị nội dung sinh hoạt') td[name='points']",
            run: "click",
        },
        {
            content: "Three points of three",
            trigger: ".o_selected_row div[name='points'] input, .modal div[name='points'] input",
            run: "edit 3",
        },
        {
            isActive: ["mobile"],
            content: "Keep the line (phones edit it in a dialog)",
            trigger: ".modal .o_form_button_save, .o_form_view:not(:has(.modal))",
            run() {
                document.querySelector(".modal .o_form_button_save")?.click();
            },
        },
        shot("member_ballot"),
        // The button saves the edited line before submitting.
        ...clickHeaderButton("action_submit", "Submit the ballot"),
        {
            content: "The ballot is submitted",
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value='submitted']",
        },
    ],
});

registry.category("web_tour.tours").add("party_cell_compliance_matrix_tour", {
    url: "/odoo",
    steps: () => {
        // The meeting's month where its cell is (the fixture's cells keep the agency's zone).
        const month = DateTime.now().setZone("Asia/Ho_Chi_Minh").minus({ hours: 26 });
        return [
            ...openApp(),
            ...openMenu("party_reports_menu_section", "party_compliance_matrix_menu", "Bảng tình hình sinh hoạt"),
            {
                content: "Once shown, the table takes the keyboard (Page Down, End)",
                trigger: ".o_pcm_scroll",
                run() {
                    const scroll = document.querySelector(".o_pcm_scroll");
                    if (document.activeElement !== scroll) {
                        throw new Error(`The keyboard is on ${document.activeElement.outerHTML.slice(0, 80)}`);
                    }
                },
            },
            {
                content: "The matrix lists the committee's cells (only the rows in view are drawn)",
                trigger: ".o_pcm_cell_row:contains('Chi bộ Phòng 0001')",
            },
            shot("officer_matrix"),
            {
                content: "Page Down and End scroll the table, not the page",
                trigger: ".o_pcm_scroll",
                run() {
                    const scroll = document.querySelector(".o_pcm_scroll");
                    if (scroll.scrollHeight <= scroll.clientHeight) {
                        throw new Error("The matrix is not a scrolling area: it overflows the page.");
                    }
                    // What the browser does on Page Down, then End, in the focused area.
                    scroll.scrollBy({ top: scroll.clientHeight * 0.9 });
                    if (!scroll.scrollTop) {
                        throw new Error("Page Down did not move the table.");
                    }
                    scroll.scrollTop = scroll.scrollHeight;
                },
            },
            {
                content: "The last cell is reached",
                trigger: ".o_pcm_cell_row:contains('Chi bộ Phòng 2000')",
                run() {
                    const scroll = document.querySelector(".o_pcm_scroll");
                    const last = [...scroll.querySelectorAll(".o_pcm_cell_row")].at(-1);
                    const box = scroll.getBoundingClientRect();
                    const row = last.getBoundingClientRect();
                    if (row.bottom > box.bottom + 1 || row.top < box.top) {
                        throw new Error("The last row is out of sight after scrolling to the end.");
                    }
                },
            },
            shot("officer_matrix_end"),
            {
                content: "Back to the top",
                trigger: ".o_pcm_scroll",
                run() {
                    document.querySelector(".o_pcm_scroll").scrollTop = 0;
                },
            },
            {
                content: "Fold committee A",
                trigger: ".o_pcm_group_row:contains('Đảng bộ Cục A') .fa-caret-down",
                run: "click",
            },
            {
                content: "Its 2,002 cells are hidden",
                trigger: ".o_pcm_group_row:contains('Đảng bộ Cục A') .fa-caret-right",
                run() {
                    const rows = [...document.querySelectorAll(".o_pcm_cell_row")].map((r) => r.textContent);
                    if (rows.some((text) => text.includes("Chi bộ"))) {
                        throw new Error(`Folding committee A left: ${rows.join(" | ").slice(0, 200)}`);
                    }
                },
            },
            shot("officer_matrix_folded"),
            {
                content: "Unfold committee A",
                trigger: ".o_pcm_group_row:contains('Đảng bộ Cục A') .fa-caret-right",
                run: "click",
            },
            {
                content: "Its cells are back",
                trigger: ".o_pcm_cell_row:contains('Chi bộ A1')",
            },
            {
                content: "Show the year of yesterday's meeting",
                trigger: ".o_pcm_year",
                run: `edit ${month.year}`,
            },
            {
                content: "Drill into the month where Chi bộ A1 held its meeting",
                trigger: `.o_pcm_cell_row:contains('Chi bộ A1') td.o_pcm_month_cell[data-month='${month.toFormat("yyyy-MM")}']`,
                run: "click",
            },
            {
                content: "The meeting behind the cell is listed",
                trigger: ".o_list_view .o_data_row td[name='name']:contains('Sinh hoạt chi bộ định kỳ tháng')",
            },
        ];
    },
});

registry.category("web_tour.tours").add("party_cell_visit_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openMenu("party_visit_menu_section", "party_visit_my_menu", "Lượt dự sinh hoạt của tôi"),
        {
            content: "Show the visits as a list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Open the visit to Chi bộ A1",
            trigger: ".o_list_view .o_data_row:contains('Chi bộ A1') td[name='organization_id']",
            run: "click",
        },
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
        shot("inspector_visit_report"),
        ...stepUtils.saveForm(),
        ...clickHeaderButton("action_report", "Submit the report"),
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

registry.category("web_tour.tours").add("party_cell_admin_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openMenu("party_organization_menu_section", "party_organization_menu", "Tổ chức đảng"),
        {
            content: "Show the organisations as a list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Lists show the organisation's own name, not its path",
            trigger: ".o_list_view .o_data_row td[name='name']:contains('Chi bộ A1'):not(:contains('/'))",
        },
        shot("admin_organisations"),
        {
            content: "New organisation",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Its name",
            trigger: ".o_form_view div[name='name'] input",
            run: "edit Chi bộ Phòng Pháp chế",
        },
        {
            content: "Under Đảng bộ Cục A",
            trigger: ".o_form_view div[name='parent_id'] input",
            run: "fill Cục A",
        },
        {
            content: "The committee is found",
            trigger: ".o-autocomplete--dropdown-item:contains('Đảng bộ Cục A')",
            run: "click",
        },
        shot("admin_new_organisation"),
        ...stepUtils.saveForm(),
        ...openMenu("party_organization_menu_section", "party_member_menu", "Đảng viên"),
        {
            content: "New member",
            trigger: ".o_list_button_add, .o-kanban-button-new",
            run: "click",
        },
        {
            content: "The employee",
            trigger: ".o_form_view div[name='employee_id'] input",
            run: "fill Đặng Thị",
        },
        {
            content: "Found among the agency's staff",
            trigger: ".o-autocomplete--dropdown-item:contains('Đặng Thị Hoa')",
            run: "click",
        },
        {
            content: "The cell",
            trigger: ".o_form_view div[name='organization_id'] input",
            run: "fill Pháp chế",
        },
        {
            content: "The new cell is offered",
            trigger: ".o-autocomplete--dropdown-item:contains('Chi bộ Phòng Pháp chế')",
            run: "click",
        },
        {
            content: "Admission date",
            trigger: ".o_form_view div[name='admission_date'] input",
            run: "edit 19/05/2026",
        },
        shot("admin_new_member"),
        ...stepUtils.saveForm(),
    ],
});

registry.category("web_tour.tours").add("party_cell_phone_roll_call_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openMenu("party_meeting_menu_section", "party_meeting_menu", "Sinh hoạt chi bộ"),
        {
            content: "Open the meeting that has just begun",
            trigger: ".o_kanban_record:contains('Sinh hoạt chi bộ định kỳ tháng'), .o_data_row:contains('Sinh hoạt chi bộ định kỳ tháng') td[name='name']",
            run: "click",
        },
        {
            content: "Open the roll call",
            trigger: ".o_form_view a.nav-link[name='attendance']",
            run: "click",
        },
        {
            content: "Select Trần Thị Bình's line",
            trigger: `${rollCallRow("Trần Thị Bình")} td[name='status'], .o_kanban_record:contains('Trần Thị Bình')`,
            run: "click",
        },
        {
            content: "Absent with reason",
            trigger: `.o_selected_row .o_selection_badge[value='"excused"'], .modal .o_selection_badge[value='"excused"']`,
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".o_selected_row div[name='reason'] input, .modal div[name='reason'] input",
            run: "edit Ốm",
        },
        {
            isActive: ["mobile"],
            content: "Keep the line (phones edit it in a dialog)",
            trigger: ".modal .o_form_button_save, .o_form_view:not(:has(.modal))",
            run() {
                document.querySelector(".modal .o_form_button_save")?.click();
            },
        },
        {
            content: "One speaking turn for Nguyễn Văn An",
            trigger: `.o_form_view:not(:has(.modal)) ${rollCallRow("Nguyễn Văn An")} button[name='action_add_turn']`,
            run: "click",
        },
        {
            content: "Wait for the turn to be counted",
            trigger: `${rollCallRow("Nguyễn Văn An")} td[name='speaking_turns']:contains('1')`,
        },
        shot("secretary_roll_call"),
        ...stepUtils.saveForm(),
        ...clickHeaderButton("action_hold", "Mark the meeting as held"),
        {
            content: "The meeting is held",
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value='held'], .o_statusbar_status button.o_arrow_button_current:contains('Đã sinh hoạt')",
        },
        shot("secretary_held"),
    ],
});
