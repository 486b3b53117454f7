"""The html report in a real headless browser: it renders, every node shows, nothing overflows."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from browser import ARTIFACTS, factors_report, granted_report, measure, run_chromium, seed_report

from triable.cli.render import html

# A4 and Letter are about 794 and 816 CSS pixels wide; 1280 is a laptop screen.
WIDTHS = (1280, 800, 760)


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_seed_page_screenshot(tmp_path: Path) -> None:
    page = tmp_path / "seed.html"
    page.write_text(html.render([seed_report()]), encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "seed.png"
    shot.unlink(missing_ok=True)
    done = run_chromium(
        page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000"
    )
    assert shot.exists(), f"no screenshot; chromium said: {done.stderr[-2000:]}"
    assert png_size(shot) == (1280, 2000)
    # A blank or failed page compresses to a few kilobytes; the report is far richer.
    assert shot.stat().st_size > 50_000


@pytest.mark.parametrize("width", WIDTHS)
def test_seed_nodes_visible_and_nothing_overflows(tmp_path: Path, width: int) -> None:
    report = seed_report()
    seen = measure(html.render([report]), tmp_path, width)
    live = sum(len(c.elements) + len(c.factors) for c in report.claims)
    prongs = sum(len(d.prongs) for d in report.defenses if d.outcome != "not_reached")
    assert seen["nodes"] == live + prongs
    assert seen["bad"] == []
    assert seen["wide"] == []
    assert seen["scrollWidth"] <= seen["clientWidth"]
    colours = seen["colours"]
    assert colours["node st-genuine_dispute"] != colours["node st-undisputed_met"]


def test_granted_and_factor_pages_lay_out(tmp_path: Path) -> None:
    page = html.render([granted_report(), factors_report()])
    seen = measure(page, tmp_path, 800)
    assert seen["bad"] == []
    assert seen["scrollWidth"] <= seen["clientWidth"]
    colours = seen["colours"]
    assert {"node st-not_met", "node st-not_reached", "node ln-plaintiff"} <= set(colours)
    assert colours["node st-not_met"] != colours["node st-undisputed_met"]
