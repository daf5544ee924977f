/** @odoo-module **/
// The committee's monthly resolution and its directions to the cells, run in Vietnamese by
// tests/test_committee_tours.py: the committee office opens its meeting and follows the
// directions cell by cell; a cell's secretary finds the direction on their next meeting.
// Both start from the web client's home and go through the menus (desktop size).

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

function openMenu(section, item, ready) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open Party Affairs",
            trigger: ".o_app[data-menu-xmlid='party_cell.party_cell_menu_root']",
            run: "click",
        },
        {
            content: `Open the menu ${section}`,
            trigger: `.o_menu_sections button[data-menu-xmlid='party_cell.${section}']`,
            run: "click",
        },
        {
            content: `Open ${item}`,
            trigger: `.o-dropdown--menu [data-menu-xmlid='party_cell.${item}']`,
            run: "click",
        },
        { content: `Wait for ${item}`, trigger: ready },
    ];
}

registry.category("web_tour.tours").add("party_cell_committee_directions_tour", {
    url: "/odoo",
    steps: () => [
        ...openMenu("party_meeting_menu_section", "party_meeting_menu", ".o_control_panel .o_searchview_input"),
        {
            content: "Look for the committee's meeting",
            trigger: ".o_control_panel .o_searchview_input",
            run: "edit Hội nghị Ban Chấp hành",
        },
        {
            content: "Search",
            trigger: ".o_control_panel .o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Open the committee's meeting",
            trigger: ".o_kanban_record:contains('Hội nghị Ban Chấp hành'), .o_data_row:contains('Hội nghị Ban Chấp hành') td.o_data_cell",
            run: "click",
        },
        {
            content: "The minutes are approved and numbered",
            trigger: ".o_form_view .o_field_widget[name='minutes_number']:contains('01-BB/ĐU')",
        },
        {
            content: "Open the directions to the cells",
            trigger: ".o_notebook_headers a[name='directives']",
            run: "click",
        },
        {
            content: "Cell A1's direction is open",
            trigger: "div[name='directive_ids'] .o_data_row:contains('Chi bộ A1'):contains('Số hóa hồ sơ đảng viên')",
        },
        {
            content: "Cell A2's direction is done",
            trigger: "div[name='directive_ids'] .o_data_row:contains('Chi bộ A2'):contains('Tham mưu kế hoạch kiểm tra')",
        },
        ...openMenu("party_meeting_menu_section", "party_directive_menu", ".o_list_view .o_group_header"),
        {
            content: "Directions grouped by cell: A1",
            trigger: ".o_group_header:contains('Chi bộ A1')",
            run: "click",
        },
        {
            content: "Directions grouped by cell: A2",
            trigger: ".o_group_header:contains('Chi bộ A2')",
            run: "click",
        },
        {
            content: "A1's direction of 01-NQ/ĐU is open",
            trigger: ".o_data_row:contains('Số hóa hồ sơ đảng viên'):contains('01-NQ/ĐU') .badge:contains('Đang thực hiện')",
        },
        {
            content: "A2's direction is done",
            trigger: ".o_data_row:contains('Tham mưu kế hoạch kiểm tra') .badge:contains('Hoàn thành')",
        },
    ],
});

registry.category("web_tour.tours").add("party_cell_cell_upper_direction_tour", {
    url: "/odoo",
    steps: () => [
        ...openMenu("party_meeting_menu_section", "party_meeting_next_menu", ".o_form_view"),
        {
            content: "The next meeting of the cell",
            trigger: ".o_form_view .o_field_widget[name='name']:contains('Sinh hoạt chi bộ tháng tới'), .o_form_view .o_field_widget[name='name'] input",
        },
        {
            content: "Open the upper directions",
            trigger: ".o_notebook_headers a[name='upper_directives']",
            run: "click",
        },
        {
            content: "The committee's direction to carry out, with its resolution",
            trigger: "div[name='upper_directive_ids'] .o_data_row:contains('Số hóa hồ sơ đảng viên'):contains('01-NQ/ĐU')",
        },
    ],
});
