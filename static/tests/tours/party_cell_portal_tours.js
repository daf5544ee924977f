/** @odoo-module **/
// A member on their phone (tests/test_portal.py, TestMemberPortalTours): from the portal's
// home to their party page, answering an invitation, filling the quality ballot and
// closing a task; then opening the meeting's check-in link as the QR code gives it.

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("party_cell_portal_member_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the party page from the portal's home",
            trigger: ".o_portal_index_card a[href='/my/party']",
            run: "click",
        },
        {
            content: "Open the invitation",
            trigger: ".o_party_card a.btn-primary[href^='/my/party/meeting/']",
            run: "click",
        },
        {
            content: "Cannot attend",
            trigger: "label[for='answer_excused']",
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: "textarea#reason",
            run: "edit Đi công tác tỉnh",
        },
        {
            content: "Send the answer",
            trigger: "form[action$='/answer'] button[type='submit']",
            run: "click",
        },
        {
            content: "The answer is recorded",
            trigger: ".alert-success",
        },
        {
            content: "Back to the party page",
            trigger: "a[href='/my/party']",
            run: "click",
        },
        {
            content: "Open the ballot",
            trigger: "a.btn-primary[href^='/my/party/ballot/']",
            run: "click",
        },
        {
            content: "Give every criterion its maximum",
            trigger: "input.o_party_points",
            run() {
                for (const input of document.querySelectorAll("input.o_party_points")) {
                    input.value = input.max;
                }
            },
        },
        {
            content: "Submit the ballot",
            trigger: "button[name='submit']",
            run: "click",
        },
        {
            content: "The ballot is cast",
            trigger: ".alert-success b",
        },
        {
            content: "Back to the party page",
            trigger: "a[href='/my/party']",
            run: "click",
        },
        {
            content: "Write what was done",
            trigger: "form[action$='/done'] textarea[name='note']",
            run: "edit Đã nộp bài thu hoạch",
        },
        {
            content: "Mark the task done",
            trigger: "form[action$='/done'] button[type='submit']",
            run: "click",
        },
        {
            content: "The secretary is told",
            trigger: ".alert-success",
        },
    ],
});

registry.category("web_tour.tours").add("party_cell_portal_checkin_tour", {
    steps: () => [
        {
            content: "Checked in as present",
            trigger: ".alert-success .fa-check",
        },
    ],
});
