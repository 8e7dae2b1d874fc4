#!/usr/bin/env python3
"""The report's page in a real browser (issue 24): headless Chromium opens report.html (the one test_cli's report_quick
case writes, kept for this test) and the DOM it builds is checked: every figure is an inline SVG that Chromium parsed
(no <img>, so nothing to fail loading), every formula of the phase table is MathML, no raw `*`, `^` or backtick is left
in the prose, and the page logs nothing to the console. A screenshot is kept beside the page for a human look.
Usage: test_browser.py PAGE.html   (exit 77 = skipped: no chromium, or no page because report_quick did not run)
       test_browser.py --self-test  (the checks against pages that must fail: the negation test)"""
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile


class Walk(html.parser.HTMLParser):
    """Text outside <math>, <svg>, <code>, <pre>, <style>, <script>; counts of the elements that matter."""
    SKIP = {"math", "svg", "code", "pre", "style", "script"}

    def __init__(self):
        super().__init__()
        self.depth = {t: 0 for t in self.SKIP}
        self.prose = []
        self.count = {"math": 0, "svg": 0, "img": 0, "mi": 0, "table": 0}
        self.empty_math = 0
        self._math_children = None

    def handle_starttag(self, tag, attrs):
        if tag in self.count:
            self.count[tag] += 1
        if tag == "math":
            self._math_children = 0
        elif self._math_children is not None:
            self._math_children += 1
        if tag in self.depth:
            self.depth[tag] += 1

    def handle_endtag(self, tag):
        if tag == "math" and self._math_children is not None:
            self.empty_math += self._math_children == 0
            self._math_children = None
        if tag in self.depth and self.depth[tag] > 0:
            self.depth[tag] -= 1

    def handle_data(self, data):
        if not any(self.depth.values()):
            self.prose.append(data)


def judge(dom, console):
    """The list of what is wrong with a page (its DOM after Chromium loaded it, and its console log)."""
    w = Walk()
    w.feed(dom)
    prose = "".join(w.prose)
    bad = []
    if w.count["img"]:
        bad.append(f"{w.count['img']} <img> elements (figures must be inline SVG)")
    if w.count["svg"] < 5:
        bad.append(f"only {w.count['svg']} inline SVG figures")
    if w.count["math"] < 27:
        bad.append(f"only {w.count['math']} MathML formulas (the phase table alone has 27)")
    if w.empty_math:
        bad.append(f"{w.empty_math} empty <math> elements")
    for ch, name in (("`", "backtick"), ("^", "caret")):
        if ch in prose:
            i = prose.index(ch)
            bad.append(f"a raw {name} in the prose: ...{prose[max(0, i - 40):i + 40]!r}...")
    # a formula's * (2*alpha) left in prose; a lone * in text (e.g. "d*") is fine
    m = re.search(r"[0-9a-z)]\*[0-9a-z(]", prose)
    if m:
        bad.append(f"a raw formula in the prose: ...{prose[max(0, m.start() - 40):m.end() + 40]!r}...")
    # Chromium logs every console message as ":CONSOLE:<line>]" without its level; the page has no script, so any
    # message is a fault of the page (an error, or a warning about bad markup)
    errors = [line for line in console.splitlines() if ":CONSOLE" in line]
    if errors:
        bad.append(f"console messages: {errors[:3]}")
    return bad


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def load(browser, page, screenshot=None):
    """Chromium's DOM of the page and its log (console messages go to stderr with --enable-logging)."""
    common = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--enable-logging=stderr",
              "--v=0", "--user-data-dir=" + tempfile.mkdtemp(prefix="scalelaw_chromium_")]
    url = "file://" + os.path.abspath(page)
    r = subprocess.run(common + ["--virtual-time-budget=5000", "--dump-dom", url], capture_output=True, text=True, timeout=120)
    if screenshot:
        subprocess.run(common + ["--window-size=1200,3000", f"--screenshot={screenshot}", url], capture_output=True, timeout=120)
    return r.stdout, r.stderr


def self_test(browser):
    """Negation: pages that must fail each check, and one that must pass, through the same browser."""
    good = ("<html><body><p>d⋆ ∝ f<sup>ξ</sup></p>" + "<svg width='10' height='10'></svg>" * 5 +
            "<math><mi>α</mi></math>" * 27 + "</body></html>")
    cases = {
        "a good page": (good, False),
        "a raw formula": (good.replace("<p>", "<p>(2*alpha+1) "), True),
        "a backtick": (good.replace("<p>", "<p>`x` "), True),
        "too few formulas": (good.replace("<math><mi>α</mi></math>", "", 5), True),
        "an img": (good.replace("<p>", "<p><img src='missing.svg'>"), True),
        "a console error": (good.replace("</body>", "<script>console.error('boom')</script></body>"), True),
    }
    wrong = 0
    with tempfile.TemporaryDirectory() as d:
        for name, (page, must_fail) in cases.items():
            path = os.path.join(d, "p.html")
            with open(path, "w") as f:
                f.write(page)
            dom, log = load(browser, path)
            bad = judge(dom, log)
            ok = bool(bad) == must_fail
            wrong += not ok
            print(("ok   " if ok else "FAIL ") + f"{name}: {'fails' if bad else 'passes'} {bad[:1]}")
    return wrong


# exit 77 is ctest's "skipped"; in CI (CI set, as .ci/run is run) a skip is a failure: setup.sh --test installs chromium
SKIPPED = 1 if os.environ.get("CI") else 77


def main():
    browser = chromium()
    if not browser:
        print("chromium not found: skipped (scripts/setup.sh installs it)")
        return SKIPPED
    if sys.argv[1:] == ["--self-test"]:
        return 1 if self_test(browser) else 0
    page = sys.argv[1]
    if not os.path.exists(page):
        print(f"{page} does not exist (test_cli's report_quick writes it): skipped")
        return SKIPPED
    shot = os.path.splitext(page)[0] + ".png"
    dom, log = load(browser, page, shot)
    bad = judge(dom, log)
    for b in bad:
        print("FAIL " + b)
    print(f"{page}: {len(dom)} bytes of DOM, screenshot {shot}; {'fails' if bad else 'passes'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
