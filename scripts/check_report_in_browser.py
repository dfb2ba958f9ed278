#!/usr/bin/env python3
"""Renders churn reports in headless Chromium and checks them (scripts/test-report-browser.sh).

For each NAME=FILE.html given:
  * loads the page through the Chrome DevTools protocol and records every console message,
    uncaught exception, log entry (CSP violations land there), JavaScript dialog (alert) and
    network request other than the page itself;
  * checks the DOM: no <script>, no <img>, no on* attribute anywhere, every chart has a
    non-empty <title> and <desc>, aria labels, both axis labels and a data table;
  * takes a full-page screenshot (saved as OUT/NAME.png) and crops each chart (OUT/NAME-ID.png);
    a chart passes when the area of its drawn series holds enough non-background pixels;
  * with --expect-text, checks that the text appears literally in the rendered page (the
    hostile ids are shown as text, not dropped and not executed);
  * with --expect-chart, checks that the page has a chart figure of that id (which, like every
    chart, must then be painted).
Exits 1 with a list of problems, 0 when every page passes.
"""
import argparse
import base64
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket
from PIL import Image


class Browser:
    def __init__(self, binary):
        self.profile = tempfile.mkdtemp(prefix="churn-report-chromium-")
        self.process = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--disable-background-networking", "--disable-component-update",
             "--hide-scrollbars", "--remote-debugging-port=0", f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + 30
        while not os.path.exists(port_file) or os.path.getsize(port_file) == 0:
            if time.time() > deadline or self.process.poll() is not None:
                raise RuntimeError("chromium did not start (no DevToolsActivePort)")
            time.sleep(0.1)
        self.port = int(open(port_file).read().split()[0])

    def page(self):
        for _ in range(50):
            targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list"))
            pages = [t for t in targets if t.get("type") == "page"]
            if pages:
                return Page(pages[0]["webSocketDebuggerUrl"])
            time.sleep(0.1)
        raise RuntimeError("no page target")

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    def __init__(self, url):
        self.socket = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        self.socket.settimeout(120)
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.record(message)

    def record(self, message):
        if "method" in message:
            self.events.append(message)
            if message["method"] == "Page.javascriptDialogOpening":
                # Dismiss it (or the page hangs); the event itself fails the check.
                self.next_id += 1
                self.socket.send(json.dumps({"id": self.next_id, "method": "Page.handleJavaScriptDialog",
                                             "params": {"accept": False}}))

    def wait_for(self, method, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if any(e["method"] == method for e in self.events):
                return
            self.socket.settimeout(max(0.1, deadline - time.time()))
            self.record(json.loads(self.socket.recv()))
        raise RuntimeError(f"timed out waiting for {method}")

    def drain(self, seconds):
        end = time.time() + seconds
        while time.time() < end:
            self.socket.settimeout(max(0.05, end - time.time()))
            try:
                self.record(json.loads(self.socket.recv()))
            except websocket.WebSocketTimeoutException:
                break

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluate failed: {result['exceptionDetails']}")
        return result["result"]["value"]


INSPECT = r"""
(() => {
  const rect = e => { const r = e.getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, r.width, r.height]; };
  const onAttributes = [];
  for (const e of document.querySelectorAll('*'))
    for (const a of e.attributes) if (a.name.toLowerCase().startsWith('on')) onAttributes.push(e.tagName + ' ' + a.name);
  const charts = [...document.querySelectorAll('figure.chart')].map(f => {
    const svg = f.querySelector('svg');
    const title = svg && svg.querySelector(':scope > title');
    const desc = svg && svg.querySelector(':scope > desc');
    const series = [...(svg ? svg.querySelectorAll('g.series') : [])].map(rect);
    return {
      id: f.id, rect: rect(f), svgRect: svg ? rect(svg) : null, series,
      title: title ? title.textContent.trim() : '', desc: desc ? desc.textContent.trim() : '',
      role: svg ? svg.getAttribute('role') : null,
      labelledBy: svg ? (svg.getAttribute('aria-labelledby') || '').split(' ').every(i => i && document.getElementById(i)) : false,
      describedBy: svg ? !!document.getElementById(svg.getAttribute('aria-describedby') || '') : false,
      xLabel: svg && svg.querySelector('.x-label') ? svg.querySelector('.x-label').textContent.trim() : '',
      yLabel: svg && svg.querySelector('.y-label') ? svg.querySelector('.y-label').textContent.trim() : null,
      tableRows: f.querySelectorAll('details table tbody tr').length,
      legend: !!(svg && svg.querySelector('.legend')),
      seriesCount: svg ? svg.querySelectorAll('g.series').length : 0,
    };
  });
  return {
    scripts: document.scripts.length, images: document.images.length, onAttributes,
    iframes: document.querySelectorAll('iframe, object, embed, link[rel=stylesheet]').length,
    sections: [...document.querySelectorAll('section')].map(s => s.id),
    height: Math.ceil(document.documentElement.scrollHeight), width: Math.ceil(document.documentElement.scrollWidth),
    charts, text: document.body.innerText,
  };
})()
"""


def painted(image, box, background=(255, 255, 255)):
    """Pixels in box that clearly differ from the background."""
    left, top, width, height = box
    crop = image.crop((int(left), int(top), int(left + max(width, 2)), int(top + max(height, 2)))).convert("RGB")
    count = 0
    for r, g, b in crop.getdata():
        if max(abs(r - background[0]), abs(g - background[1]), abs(b - background[2])) > 40:
            count += 1
    return count


def check(page, name, path, out, expect_text, expect_charts=()):
    problems = []
    page.events.clear()
    page.call("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)
    page.call("Page.navigate", url="file://" + os.path.abspath(path))
    page.wait_for("Page.loadEventFired")
    page.drain(0.5)
    info = page.evaluate(INSPECT)
    page.call("Emulation.setDeviceMetricsOverride", width=1280, height=min(info["height"], 16000), deviceScaleFactor=1, mobile=False)
    page.drain(0.3)
    shot = page.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
    image = Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")
    image.save(os.path.join(out, f"{name}.png"))

    for event in page.events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.consoleAPICalled":
            problems.append(f"console.{params.get('type')}: {[a.get('value', a.get('description')) for a in params.get('args', [])]}")
        elif method == "Runtime.exceptionThrown":
            problems.append(f"exception: {params.get('exceptionDetails', {}).get('text')}")
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            if entry.get("level") in ("error", "warning"):
                problems.append(f"log {entry.get('level')}: {entry.get('text')}")
        elif method == "Page.javascriptDialogOpening":
            problems.append(f"a script ran: dialog '{params.get('message')}'")
        elif method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            if not url.startswith("file://" + os.path.abspath(path)) and not url.startswith("data:"):
                problems.append(f"network request: {url}")
    if info["scripts"]:
        problems.append(f"{info['scripts']} <script> elements in the DOM")
    if info["images"]:
        problems.append(f"{info['images']} <img> elements in the DOM")
    if info["onAttributes"]:
        problems.append(f"event-handler attributes: {info['onAttributes'][:5]}")
    if info["iframes"]:
        problems.append("embedded frames, objects or external stylesheets")
    if not info["charts"]:
        problems.append("no charts")
    for text in expect_text:
        if text not in info["text"]:
            problems.append(f"expected text not shown: {text!r}")
    for chart in expect_charts:
        if chart not in [c["id"] for c in info["charts"]]:
            problems.append(f"expected chart missing: {chart}")

    summary = []
    for chart in info["charts"]:
        cid = chart["id"]
        for field in ("title", "desc", "xLabel"):
            if not chart[field]:
                problems.append(f"{cid}: no {field}")
        if chart["yLabel"] is None:
            problems.append(f"{cid}: no y-axis label element")
        if chart["role"] != "img" or not chart["labelledBy"] or not chart["describedBy"]:
            problems.append(f"{cid}: role/aria-labelledby/aria-describedby missing or dangling")
        if chart["tableRows"] == 0:
            problems.append(f"{cid}: no data table")
        if chart["seriesCount"] > 1 and not chart["legend"] and "cells" not in cid:
            problems.append(f"{cid}: several series but no legend")
        left, top, width, height = chart["rect"]
        image.crop((int(left), int(top), int(left + width), int(top + height))).save(os.path.join(out, f"{name}-{cid}.png"))
        drawn = sum(painted(image, box) for box in chart["series"])
        area = sum(max(b[2], 2) * max(b[3], 2) for b in chart["series"]) or 1
        if drawn < 40:
            problems.append(f"{cid}: chart area blank ({drawn} painted pixels in its series)")
        summary.append(f"{cid} ({drawn} px painted, {100 * drawn / area:.1f}% of the series area)")
    print(f"{name}: {len(info['charts'])} charts, sections {', '.join(info['sections'])}; page {info['width']}x{info['height']}")
    print("  " + "; ".join(summary))
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="+", help="NAME=FILE.html")
    parser.add_argument("--out", default="out/screenshots")
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser") or "chromium")
    parser.add_argument("--expect-text", action="append", default=[], help="NAME:TEXT that page NAME must show as text")
    parser.add_argument("--expect-chart", action="append", default=[], help="NAME:FIGURE-ID that page NAME must draw")
    parser.add_argument("--readme-image", help="Also save a small overview PNG of the first page here")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    browser = Browser(args.chromium)
    failures = 0
    try:
        page = browser.page()
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.call(f"{domain}.enable")
        for spec in args.pages:
            name, path = spec.split("=", 1)
            expected = [t.split(":", 1)[1] for t in args.expect_text if t.split(":", 1)[0] == name]
            charts = [c.split(":", 1)[1] for c in args.expect_chart if c.split(":", 1)[0] == name]
            problems = check(page, name, path, args.out, expected, charts)
            for problem in problems:
                print(f"  FAIL {name}: {problem}")
            failures += len(problems)
        if args.readme_image:
            name = args.pages[0].split("=", 1)[0]
            overview = Image.open(os.path.join(args.out, f"{name}.png"))
            top = overview.crop((0, 0, 1280, min(overview.height, 2300)))
            top = top.resize((top.width * 2 // 3, top.height * 2 // 3), Image.LANCZOS)
            top.quantize(colors=128, method=Image.Quantize.FASTOCTREE).save(args.readme_image, optimize=True)
            print(f"wrote {args.readme_image} ({os.path.getsize(args.readme_image) // 1024} KB)")
    finally:
        browser.close()
    print(f"screenshots in {args.out}")
    if failures:
        print(f"{failures} problem(s)")
        return 1
    print("all pages passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
