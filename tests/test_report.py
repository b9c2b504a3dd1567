"""The program report, on the demo program, read back as a reader would."""

from __future__ import annotations

import json

import pypdf
import pytest

from facilitator.demo import create_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return create_demo(tmp_path_factory.mktemp("demo") / "ws").root


def test_the_report_prints_charts_and_figures(cli, demo, tmp_path):
    out, html = tmp_path / "report.pdf", tmp_path / "report.html"
    result = cli("--workspace", demo, "print", "report", "-o", out, "--html", html)
    assert result.code == 0, result.err
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(out).pages).split())
    for needle in ("Program report", "Patterns, by cohort", "Perception gap", "Endings", "Data completeness",
                   "What cohorts keep raising"):
        assert needle in text, needle
    page = html.read_text(encoding="utf-8")
    assert page.count("<svg") >= 3 and "<rect" in page  # the charts are drawn, not pictures fetched


def test_a_cohort_report_and_an_unknown_cohort(cli, demo, tmp_path):
    assert cli("--workspace", demo, "print", "report", "--cohort", "spring", "-o", tmp_path / "c.pdf").code == 0
    bad = cli("--workspace", demo, "print", "report", "--cohort", "sprng")
    assert bad.code == 2 and "did you mean `spring`" in bad.err


def test_export_json_carries_the_report_figures(cli, demo):
    doc = json.loads(cli("--workspace", demo, "export", "--format", "json").out)
    assert doc["answers"] and doc["figures"]["total"]["pairs"] >= 4
    assert "perception_gap" in doc["figures"]["total"]["patterns"]
