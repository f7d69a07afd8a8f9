"""Notebook kernels on IPC sockets instead of TCP on localhost.

ipykernel warns on every start that a TCP kernel talks unencrypted, and the warning lands in
the book's build log. A kernel the build, the tests or JupyterLab start on this machine needs no
network port at all: this provisioner (entry point `saga-ipc`, chosen with the environment
variable JUPYTER_DEFAULT_PROVISIONER_NAME) gives it Unix sockets next to its connection file,
readable only by the user, and the warning has no cause left.
"""

from __future__ import annotations

import os
from typing import Any

from jupyter_client.provisioning import LocalProvisioner
from jupyter_core.paths import jupyter_runtime_dir

NAME = "saga-ipc"
ENV = "JUPYTER_DEFAULT_PROVISIONER_NAME"
LOG_ENV = "SAGA_KERNEL_LOG"  # where kernel processes write their own stderr (see pre_launch)


class IPCProvisioner(LocalProvisioner):
    """LocalProvisioner whose kernels listen on IPC sockets in the Jupyter runtime folder."""

    async def pre_launch(self, **kwargs: Any) -> dict[str, Any]:
        km = self.parent
        if km is not None and km.transport != "ipc":
            km.transport = "ipc"
            if not km.connection_file:
                runtime = jupyter_runtime_dir()
                os.makedirs(runtime, mode=0o700, exist_ok=True)
                km.connection_file = os.path.join(runtime, f"kernel-{km.kernel_id}.json")
            km.ip = os.path.splitext(km.connection_file)[0] + "-ipc"
        kwargs = await super().pre_launch(**kwargs)
        if log := os.environ.get(LOG_ENV):
            # The kernel process's own diagnostics (ipykernel's shutdown races print a zmq
            # traceback now and then) go to the build's kernel log, not the reader's terminal;
            # what cells print still reaches the notebook through the iopub channel.
            kwargs["stderr"] = open(log, "ab")  # noqa: SIM115 (Popen dups it; closed below)
        return kwargs

    async def launch_kernel(self, cmd, **kwargs):
        connection_info = await super().launch_kernel(cmd, **kwargs)
        if (stream := kwargs.get("stderr")) is not None and hasattr(stream, "close"):
            stream.close()  # the child holds its own copy of the descriptor
        return connection_info


def use_ipc_kernels(log: str | None = None) -> None:
    """Make kernels started from this process (and its children) use IPCProvisioner, writing
    their own stderr to ``log`` when given."""
    os.environ.setdefault(ENV, NAME)
    if log:
        os.environ[LOG_ENV] = log
