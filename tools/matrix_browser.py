#!/usr/bin/env python3
"""The compliance matrix in Chromium as an officer uses it: first screen, folding, scrolling.

    python3 tools/matrix_browser.py --url http://127.0.0.1:8069 --db lt_load \
        --login lt_off_0 --password loadtest --runs 3

Opens Báo cáo › Bảng tình hình sinh hoạt in headless Chromium (1440×900) and prints, per
run and as medians: the time from navigation to the first cell row drawn; the
``get_matrix_screen`` call (the server's wait and the JSON's size); folding and unfolding
the top heading, which holds every other row (from the click to the next frame painted);
End, from setting the scroll position to the last rows drawn in view; the rows drawn and
the page's DOM nodes. The user should see the whole province (the load test's ``lt_off_0``
does: tools/loadtest/prepare_users.py). Times are the browser's own ``performance.now()``.
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from screenshot import Chrome, authenticate  # noqa: E402

MATRIX = "/odoo/action-party_cell.party_compliance_matrix_action"

# Runs before the page's own scripts: notes when the first cell row enters the DOM.
WATCH_FIRST_ROW = """
window.__pcm = {};
new MutationObserver((records, observer) => {
    if (document.querySelector(".o_pcm_cell_row")) {
        window.__pcm.firstRow = performance.now();
        observer.disconnect();
    }
}).observe(document, { childList: true, subtree: true });
"""

# Runs once the table is drawn; resolves to the figures of one run.
MEASURE = """
(async () => {
    // A frame painted: the callback of the next animation frame, then a task after it.
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    const until = async (test) => {
        const start = performance.now();
        while (!test()) {
            if (performance.now() - start > 10000) {
                throw new Error("timed out");
            }
            await frame();
        }
    };
    const call = performance.getEntriesByType("resource").find(
        (entry) => entry.name.includes("get_matrix_screen"));
    const result = {
        first_row_ms: window.__pcm.firstRow,
        server_wait_ms: call ? call.responseStart - call.requestStart : null,
        call_ms: call ? call.duration : null,
        json_kb: call ? call.decodedBodySize / 1024 : null,
        rows_drawn: document.querySelectorAll(".o_pcm_cell_row, .o_pcm_group_row").length,
        dom_nodes: document.getElementsByTagName("*").length,
    };
    const heading = (index) => document.querySelectorAll(".o_pcm_group_row")[index];
    const toggle = async (index, icon) => {
        const name = heading(index).textContent.trim();
        const start = performance.now();
        heading(index).querySelector(".fa-caret-down, .fa-caret-right").click();
        await until(() => heading(index) && heading(index).textContent.trim() === name
            && heading(index).querySelector(icon));
        return performance.now() - start;
    };
    result.fold_top_ms = await toggle(0, ".fa-caret-right");
    result.unfold_top_ms = await toggle(0, ".fa-caret-down");
    const scroll = document.querySelector(".o_pcm_scroll");
    const box = scroll.getBoundingClientRect();
    const start = performance.now();
    scroll.scrollTop = scroll.scrollHeight;
    await until(() => {
        const rows = scroll.querySelectorAll(".o_pcm_cell_row");
        const last = rows[rows.length - 1];
        return last && last.getBoundingClientRect().bottom <= box.bottom + 1
            && last.getBoundingClientRect().top >= box.top;
    });
    result.end_ms = performance.now() - start;
    result.scrolled_px = scroll.scrollTop;
    result.scroll_height_px = scroll.scrollHeight;
    result.dom_nodes_at_end = document.getElementsByTagName("*").length;
    return result;
})()
"""


def run_once(chrome, url):
    chrome.call("Page.navigate", url=url + MATRIX)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready = chrome.call("Runtime.evaluate", returnByValue=True, expression=(
            "!!(window.__pcm && window.__pcm.firstRow"
            " && document.querySelector('.o_pcm_scroll'))"))
        if ready.get("result", {}).get("value"):
            break
        time.sleep(0.1)
    else:
        raise SystemExit("the matrix did not show within 60 s")
    time.sleep(1)  # the bus and the rest of the web client settle
    answer = chrome.call("Runtime.evaluate", expression=MEASURE, awaitPromise=True,
                         returnByValue=True)
    if "exceptionDetails" in answer:
        raise SystemExit(f"measuring failed: {json.dumps(answer['exceptionDetails'])[:500]}")
    return answer["result"]["value"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", default="lt_off_0")
    parser.add_argument("--password", default="loadtest")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    session = authenticate(args.url, args.db, args.login, args.password)
    chrome = Chrome(1440, 900)
    try:
        chrome.use_session(args.url, session)
        chrome.call("Page.enable")
        chrome.call("Page.addScriptToEvaluateOnNewDocument", source=WATCH_FIRST_ROW)
        # The web client's assets once, so that runs compare the matrix, not a cold cache.
        chrome.call("Page.navigate", url=args.url + "/odoo")
        time.sleep(5)
        runs = []
        for index in range(1, args.runs + 1):
            figures = run_once(chrome, args.url)
            runs.append(figures)
            print(f"run {index}: " + ", ".join(
                f"{key} {value:.0f}" if isinstance(value, float) else f"{key} {value}"
                for key, value in figures.items()), flush=True)
        print("median: " + ", ".join(
            f"{key} {statistics.median(run[key] for run in runs):.0f}"
            for key in runs[0] if runs[0][key] is not None))
    finally:
        chrome.close()


if __name__ == "__main__":
    main()
