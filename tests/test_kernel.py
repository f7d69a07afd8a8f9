"""Notebook kernels on IPC sockets: ipykernel's warning about unencrypted TCP has no cause left,
so it never reaches the book's build log."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import nbformat, nbclient
nb = nbformat.v4.new_notebook()
nb.cells = [nbformat.v4.new_code_cell(
    "from ipykernel.connect import get_connection_info\\n"
    "print(get_connection_info(unpack=True)['transport'])")]
nbclient.NotebookClient(nb, kernel_name="python3").execute()
print("transport=" + nb.cells[0].outputs[0]["text"].strip())
"""


def run_kernel(provisioner: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "JUPYTER_DEFAULT_PROVISIONER_NAME"}
    if provisioner:
        env["JUPYTER_DEFAULT_PROVISIONER_NAME"] = provisioner
    return subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )


def test_default_kernels_use_tcp_and_warn():
    """The premise: without the provisioner, the kernel is on TCP and says so on stderr."""
    run = run_kernel(None)
    assert run.returncode == 0, run.stderr
    assert "transport=tcp" in run.stdout
    assert "without encryption" in run.stderr


def test_saga_ipc_kernels_use_ipc_and_stay_quiet():
    run = run_kernel("saga-ipc")
    assert run.returncode == 0, run.stderr
    assert "transport=ipc" in run.stdout
    assert "without encryption" not in run.stderr
    assert "WARNING" not in run.stderr
