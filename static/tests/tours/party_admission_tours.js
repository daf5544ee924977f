/** @odoo-module **/
// A member's life in the party, run in Vietnamese by tests/test_admission_tour.py: the
// secretary holds an admission ceremony, the committee recognises a probationary member on
// time, the secretary proposes a yearly rating once the residence comments arrived. Each
// tour starts from the web client's home and goes through the menus (desktop size).

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

function shot(name) {
    return {
        content: `Screenshot ${name}`,
        trigger: "body",
        async run() {
            console.log(`party_cell:shot ${name}_desktop`);
            // The page stays still while the test captures it.
            await new Promise((resolve) => setTimeout(resolve, 300));
        },
    };
}

function openMenu(section, item, title) {
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
        {
            content: `Wait for ${title}`,
            trigger: `.o_breadcrumb .active:contains('${title}')`,
        },
    ];
}

function openRow(name) {
    return {
        content: `Open ${name}`,
        trigger: `.o_list_view .o_data_row:contains('${name}') td.o_data_cell`,
        run: "click",
    };
}

function tab(name) {
    return { content: `Open the tab ${name}`, trigger: `.o_form_view a.nav-link[name='${name}']`, run: "click" };
}

function edit(field, value) {
    return { content: `Fill in ${field}`, trigger: `.o_form_view div[name='${field}'] input, .o_form_view div[name='${field}'] textarea`, run: `edit ${value}` };
}

function button(name, state) {
    return [
        {
            content: `Click ${name}`,
            trigger: `.o_statusbar_buttons button[name='${name}']:enabled`,
            run: "click",
        },
        {
            content: `Now ${state}`,
            trigger: `.o_form_view .o_statusbar_status .o_arrow_button_current[data-value='${state}']`,
        },
    ];
}

registry.category("web_tour.tours").add("party_cell_admission_tour", {
    url: "/odoo",
    steps: () => [
        ...openMenu("party_organization_menu_section", "party_admission_menu", "Hồ sơ kết nạp đảng viên"),
        openRow("Đỗ Thị Hạnh"),
        {
            content: "Only the ceremony is missing",
            trigger: ".o_form_view div[name='missing']:contains('Lễ kết nạp')",
        },
        tab("decision"),
        edit("ceremony_date", "01/06/2026"),
        { content: "Leave the date", trigger: ".o_form_view .o_form_sheet h1", run: "click" },
        ...button("action_hold_ceremony", "admitted"),
        {
            content: "The membership is there",
            trigger: ".o_form_view div[name='member_id']:contains('Đỗ Thị Hạnh')",
        },
        shot("admission_admitted"),
    ],
});

registry.category("web_tour.tours").add("party_cell_recognition_tour", {
    url: "/odoo",
    steps: () => [
        ...openMenu("party_organization_menu_section", "party_recognition_menu", "Công nhận đảng viên chính thức"),
        openRow("Ngô Văn Khoa"),
        tab("decision"),
        edit("decision_number", "40-QĐ/ĐU"),
        edit("decision_date", "15/10/2026"),
        { content: "Leave the date", trigger: ".o_form_view .o_form_sheet h1", run: "click" },
        ...button("action_decide", "recognised"),
        {
            content: "Recognised on time",
            trigger: ".o_form_view div[name='outcome']:contains('đúng thời hạn')",
        },
        shot("recognition_on_time"),
    ],
});

registry.category("web_tour.tours").add("party_cell_review_tour", {
    url: "/odoo",
    steps: () => [
        ...openMenu("party_quality_menu_section", "party_appraisal_menu", "Đánh giá, xếp loại hằng năm"),
        openRow("Trần Thị Bình"),
        tab("residence"),
        edit("residence_received_date", "18/11/2026"),
        edit("residence_comment", "Gương mẫu ở khu dân cư."),
        { content: "Leave the field", trigger: ".o_form_view .o_form_sheet div[name='residence_cell']", run: "click" },
        {
            content: "The comments are received",
            trigger: ".o_form_view div[name='residence_status']:contains('Đã nhận')",
        },
        ...button("action_propose", "proposed"),
        shot("review_proposed"),
    ],
});
