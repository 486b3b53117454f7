"""Helpers for the renderer tests: the reports they render, and a real headless browser.

The reports come from the seed case and from variants of it built in memory, so that the
renderers are tested on what the engine really produces: a claim denied (the seed), a claim
granted (injury only temporary discomfort) and a claim weighed by factors (force other than
handcuffing).
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from triable.cli import session
from triable.engine.evaluate import Engine
from triable.engine.library import Library
from triable.engine.model.case import Case
from triable.engine.model.report import Report

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "cases" / "ali_v_ramos.yaml"
ARTIFACTS = ROOT / "test-artifacts"


@cache
def library() -> Library:
    return session.library(None)


@cache
def seed_report() -> Report:
    return Engine(library()).evaluate(session.case(SEED, library()))


def seed_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    data.pop("expected", None)
    return copy.deepcopy(data)


def evaluate(data: dict[str, Any]) -> Report:
    return Engine(library()).evaluate(Case.model_validate(data))


@cache
def granted_report() -> Report:
    """The seed with only temporary discomfort in the record: the injury element fails."""
    data = seed_data()
    for fact in ("key_twisted_as_weapon", "permanent_neuropathy", "left_hand_surgery"):
        del data["facts"][fact]
    return evaluate(data)


@cache
def factors_report() -> Report:
    """The seed with bodily force instead of handcuffing: the general factors are weighed."""
    data = seed_data()
    for fact in data["facts"].values():
        establishes = fact.get("establishes", {})
        if establishes.get("force_kind") == "handcuffing":
            establishes["force_kind"] = "bodily_force"
        establishes.pop("handcuffs_used_as_weapon", None)
    return evaluate(data)


# --- the browser ---------------------------------------------------------------------------


def chromium() -> str:
    """The Chromium on this machine; the browser test is skipped where there is none."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("no Chromium here: `sudo apt-get install chromium` enables the browser test")
    return found


def run_chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        *args,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


# Written into the page by the test only: the report itself needs no script.
MEASURE = """<script>
(function () {
  var root = document.documentElement;
  var width = root.clientWidth;
  var nodes = Array.prototype.slice.call(document.querySelectorAll(".node"));
  var bad = [];
  var colours = {};
  nodes.forEach(function (n) {
    var r = n.getBoundingClientRect();
    var style = getComputedStyle(n);
    var shown = r.width > 20 && r.height > 20 && style.visibility !== "hidden";
    if (!shown || r.left < 0 || r.right > width + 0.5) {
      bad.push(n.textContent.replace(/\\s+/g, " ").trim().slice(0, 60));
    }
    colours[n.className] = style.borderTopColor;
  });
  var wide = [];
  document.querySelectorAll("body *").forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > width + 0.5) { wide.push(el.tagName + "." + el.className); }
  });
  var out = {nodes: nodes.length, bad: bad, colours: colours, wide: wide.slice(0, 10),
             scrollWidth: root.scrollWidth, clientWidth: width,
             findings: document.querySelectorAll(".finding").length};
  var pre = document.createElement("pre");
  pre.id = "measurements";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""

_MEASURED = re.compile(r'<pre id="measurements">(.*?)</pre>', re.S)


def measure(html: str, tmp: Path, width: int) -> dict[str, Any]:
    """Lay the page out at ``width`` pixels and return what the measuring script saw."""
    page = tmp / f"measure-{width}.html"
    page.write_text(html.replace("</body>", MEASURE + "\n</body>"), encoding="utf-8")
    done = run_chromium(
        page,
        tmp / f"profile-{width}",
        "--virtual-time-budget=3000",
        "--run-all-compositor-stages-before-draw",
        f"--window-size={width},1200",
        "--dump-dom",
    )
    found = _MEASURED.search(done.stdout)
    assert found, f"no measurements in the dumped DOM; chromium said: {done.stderr[-2000:]}"
    text = found.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
    result: dict[str, Any] = json.loads(text.replace("&amp;", "&"))
    return result
