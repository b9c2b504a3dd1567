"""The wheel carries sessions/ and worksheets/, and an installed wheel finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from facilitator.resources import bundled
from tests.conftest import ROOT, SESSIONS


def test_checkout_finds_the_bundled_folders():
    assert bundled("sessions") == SESSIONS
    assert sorted(bundled("sessions").glob("*.toml"))


def test_installed_wheel_finds_its_bundled_sessions(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    wheel = next(dist.glob("facilitator-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {Path(n).name for n in names if n.startswith("facilitator/_bundled/sessions/")}
    assert shipped == {p.name for p in SESSIONS.glob("*.toml")}
    assert any(n.startswith("facilitator/_bundled/worksheets/") for n in names)

    target = tmp_path / "installed"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    probe = ("import facilitator.resources as r, facilitator.cli as c; "
             "print(r.bundled('sessions')); print(c.__file__)")
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, env=env,
                         check=True).stdout.splitlines()
    assert out[0].startswith(str(target)), out
    assert out[1].startswith(str(target)), out
    listing = subprocess.run([sys.executable, "-m", "facilitator", "--workspace", str(tmp_path / "ws"), "sessions"],
                             capture_output=True, text=True, cwd=tmp_path, env=env)
    assert listing.returncode == 0, listing.stderr
    assert "midpoint" in listing.stdout and "bundled" in listing.stdout
