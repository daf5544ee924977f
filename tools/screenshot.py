"""Screenshots of Odoo pages for the README, with headless Chromium and its DevTools protocol.

    python3 tools/screenshot.py --url http://localhost:8069 --db DB --login admin \
        --password admin --out docs/img/members.png "/odoo/action-party_cell.party_member_action"

Logs in over JSON-RPC, hands the session cookie to Chromium, opens each path and saves a
PNG. Needs Debian's chromium and the PyPI package websocket-client (both installed by
scripts/setup.sh).
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request

import websocket


def authenticate(url, db, login, password):
    body = json.dumps({"jsonrpc": "2.0", "params": {
        "db": db, "login": login, "password": password}}).encode()
    request = urllib.request.Request(
        f"{url}/web/session/authenticate", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        for header in response.headers.get_all("Set-Cookie") or []:
            if header.startswith("session_id="):
                return header.split(";")[0].split("=", 1)[1]
    raise SystemExit("login failed")


class Chrome:
    def __init__(self, width, height):
        self.profile = tempfile.mkdtemp(prefix="pc-chrome-")
        port = 9300 + os.getpid() % 500
        self.proc = subprocess.Popen([
            shutil.which("chromium") or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--no-first-run",
            "--disable-sync", f"--remote-debugging-port={port}",
            f"--user-data-dir={self.profile}", f"--window-size={width},{height}", "about:blank",
        ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _attempt in range(50):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=2) as r:
                    pages = [p for p in json.load(r) if p["type"] == "page"]
                    if pages:
                        break
            except OSError:
                pass
            time.sleep(0.2)
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60)
        self.seq = 0
        # Headless Chromium keeps windows at least 500 px wide: a phone's viewport is emulated.
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=width < 600)

    def use_session(self, url, session):
        """Browse ``url`` with the Odoo session ``session`` (see ``authenticate``)."""
        host = url.split("//", 1)[1].split(":")[0]
        self.call("Network.enable")
        self.call("Network.setCookie", name="session_id", value=session, domain=host, path="/")

    def call(self, method, **params):
        self.seq += 1
        self.ws.send(json.dumps({"id": self.seq, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.seq:
                return message.get("result", {})

    def close(self):
        self.proc.terminate()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", help="paths to open, e.g. /odoo/action-...")
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--out", required=True, help="PNG file; with several paths, -1, -2…")
    parser.add_argument("--size", default="1440x900")
    parser.add_argument("--wait", type=float, default=4.0, help="seconds for the page to settle")
    parser.add_argument("--js", action="append", default=[],
                        help="JavaScript run in the page before each shot (several: in turn, "
                        "a second apart), e.g. to scroll or click")
    args = parser.parse_args()
    width, height = (int(x) for x in args.size.split("x"))
    session = authenticate(args.url, args.db, args.login, args.password)
    chrome = Chrome(width, height)
    try:
        chrome.use_session(args.url, session)
        for index, path in enumerate(args.paths, start=1):
            chrome.call("Page.navigate", url=args.url + path)
            time.sleep(args.wait)
            for script in args.js:
                result = chrome.call("Runtime.evaluate", expression=script, awaitPromise=True,
                                     returnByValue=True)
                print(result.get("result", {}).get("value"))
                time.sleep(1)
            shot = chrome.call("Page.captureScreenshot", format="png")
            out = args.out if len(args.paths) == 1 else args.out.replace(".png", f"-{index}.png")
            with open(out, "wb") as handle:
                handle.write(base64.b64decode(shot["data"]))
            print(out)
    finally:
        chrome.close()


if __name__ == "__main__":
    main()
