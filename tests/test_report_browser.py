"""The public report in a real browser: builds the demo database with the
r57 command on the shared data, writes the report, opens it in headless
Chromium (Debian's chromium package) and checks that the units, the tasks
and the KPI charts with their target lines are on the rendered pages; saves
screenshots under the build folder.
Usage: test_report_browser.py R57_BINARY SOURCE_DIR WORK_DIR SHARED_DATA_DIR"""
import html.parser
import os
import shutil
import subprocess
import sys
import tempfile

r57, src, work, shared = sys.argv[1:5]
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
assert chromium, "headless Chromium is needed (scripts/setup.sh installs Debian's chromium)"

db = os.path.join(work, "report-browser.r57")
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(db + suffix):
        os.remove(db + suffix)
units = os.path.join(work, "report-browser-units.json")
with open(units, "w") as f:
    f.write('{"format":"libr57","version":1,"units":[{"code":"VN","name":"Viet Nam","kind":"nation"}]}')
for args in (["init", db], ["import", db, units], ["import", db, os.path.join(src, "data", "catalogue.json")],
             ["import", db, os.path.join(shared, "notice_07-TB-CQTTBCD_tasks.csv"), "--create-units", "--parent", "VN"],
             ["load-units", db],
             ["import", db, os.path.join(shared, "reported_2025.csv"), "--create-units", "--parent", "VN"]):
    subprocess.run([r57, *args], check=True, capture_output=True)
site = os.path.join(work, "report-browser-site")
shutil.rmtree(site, ignore_errors=True)
subprocess.run([r57, "report", db, "--out", site, "--as-of", "2025-11-20", "--period", "2025"], check=True,
               capture_output=True)


def browse(page, shot):
    """The DOM Chromium built from the page, and a screenshot of it."""
    url = "file://" + os.path.abspath(os.path.join(site, page))
    with tempfile.TemporaryDirectory() as profile:
        common = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                  f"--user-data-dir={profile}", "--window-size=1200,1600"]
        dom = subprocess.run(common + ["--dump-dom", url], check=True, capture_output=True, text=True,
                             timeout=120).stdout
        subprocess.run(common + [f"--screenshot={os.path.join(work, shot)}", url], check=True,
                       capture_output=True, timeout=120)
    assert os.path.getsize(os.path.join(work, shot)) > 10000, shot
    return dom


class Page(html.parser.HTMLParser):
    """Text of the page, its links, and its SVG shapes by class."""

    def __init__(self, dom):
        super().__init__()
        self.text, self.links, self.shapes, self.external = [], [], [], []
        self.feed(dom)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a":
            self.links.append(a.get("href"))
        if tag in ("rect", "line"):
            self.shapes.append(a.get("class"))
        if tag in ("script", "link", "img", "iframe"):
            self.external.append(tag)

    def handle_data(self, data):
        self.text.append(data)


index = Page(browse("index.html", "report-index.png"))
text = " ".join(index.text)
for name in ("Việt Nam", "Ministry of Justice", "Ministry of Public Security", "Cấp địa phương"):
    assert name in text, name
assert "units/MINISTRY-OF-JUSTICE.html" in index.links
assert not index.external, index.external  # no scripts, stylesheets or images to fetch

moj = Page(browse("units/MINISTRY-OF-JUSTICE.html", "report-ministry-of-justice.png"))
text = " ".join(moj.text)
assert "III.8" in text and "07-TB/CQTTBCD" in text and "due 2025-11-15" in text, text[:500]

# The local level is a unit group: its 2025 figures are shown, and no
# target binds it in 2025 (the 80 % goal is the Ministry of Industry and
# Trade's, for 2026), so none is drawn and none is "not met".
local_dom = browse("units/local.html", "report-local-level.png")
local = Page(local_dom)
text = " ".join(local.text)
assert "Public services provided fully online (reported share)" in text
assert local.shapes.count("value") >= 5 and local.shapes.count("target") == 0, local.shapes
assert "no target for this scope" in text and '<span class="not_met">' not in local_dom
print("report checked in", chromium, "; screenshots in", work)
