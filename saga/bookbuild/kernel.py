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
        return await super().pre_launch(**kwargs)


def use_ipc_kernels() -> None:
    """Make kernels started from this process (and its children) use IPCProvisioner."""
    os.environ.setdefault(ENV, NAME)
