"""`make lab` and Binder: JupyterLab pinned apart from the book, opened on notebooks/ after
`make data`, with the venv's own python3 kernel; binder/ installs the same pins and runs
`make data`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pins(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("==", 1) for line in lines if "==" in line and not line.startswith("#"))


def test_lab_target_prepares_data_and_opens_notebooks():
    run = subprocess.run(
        ["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    lab = next(i for i, line in enumerate(lines) if "jupyter lab" in line)
    data = next(i for i, line in enumerate(lines) if re.search(r"-m saga data\b", line))
    assert data < lab, "make data must run before JupyterLab starts"
    assert "--ServerApp.root_dir=notebooks" in lines[lab]
    assert "JUPYTER_DEFAULT_PROVISIONER_NAME=saga-ipc" in lines[lab]


def test_jupyterlab_is_pinned_only_in_the_lab_requirements():
    lab = pins(ROOT / "requirements-lab.txt")
    book = pins(ROOT / "requirements.txt")
    assert "jupyterlab" in lab and "jupyterlab" not in book
    assert "-r requirements.txt" in (ROOT / "requirements-lab.txt").read_text(encoding="utf-8")
    assert not set(lab) & set(book), "a lab pin would override the book's"


def test_notebooks_ask_for_the_python3_kernel_that_runs_this_venv():
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    assert (
        spec.argv[0] in ("python", sys.executable)
        or Path(spec.argv[0]).resolve() == Path(sys.executable).resolve()
    )
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        text = nb.read_text(encoding="utf-8")
        assert '"name": "python3"' in text, nb.name


def test_binder_installs_the_lab_pins_and_the_package_then_makes_data():
    req = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "-r ../requirements-lab.txt" in req and "-e .." in req
    post = ROOT / "binder" / "postBuild"
    assert os.access(post, os.X_OK)
    assert re.search(r"^make data\b", post.read_text(encoding="utf-8"), re.M)
    runtime = (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8").strip()
    assert runtime == "python-3.11"
