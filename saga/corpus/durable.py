"""Serialised, crash-safe writes to data/: the project lock, fsynced temp files, no overwrites.

Writers hold an exclusive lock on the data/ folder (flock: released by the kernel even on
kill -9, and no lock file to leave behind); readers of the manifest hold a shared one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

from saga.errors import SagaError

TEMP_PREFIX = ".saga-"
TEMP_SUFFIX = ".tmp"
_held: dict[Path, bool] = {}  # data folder -> exclusive, for locks this process holds


@contextlib.contextmanager
def project_lock(folder: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold the lock on folder (data/) for the block; re-entrant within this process."""
    import fcntl

    key = folder.resolve()
    if key in _held and (_held[key] or shared):
        yield
        return
    fd = os.open(key, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        _held[key] = not shared
        try:
            yield
        finally:
            del _held[key]
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_temp(target: Path, data: bytes) -> Path:
    """A fsynced hidden temp file next to target holding data; named after target for cleanup."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f"{TEMP_PREFIX}{target.name}.{os.getpid()}{TEMP_SUFFIX}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise _write_error(target, err) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _write_error(target: Path, err: OSError) -> SagaError:
    reason = "no space left on device" if err.errno == errno.ENOSPC else err.strerror or str(err)
    return SagaError(f"{target}: {reason}; nothing was changed")


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish_new(tmp: Path, target: Path) -> None:
    """Give tmp the name target, failing (never overwriting) if target exists; tmp goes away."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise SagaError(f"{target}: already exists; nothing was changed") from None
    finally:
        tmp.unlink(missing_ok=True)


def replace_durably(target: Path, data: bytes) -> None:
    """Atomically replace target with data (temp file, fsync, rename, fsync of the folder)."""
    tmp = write_temp(target, data)
    try:
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)


def remove_stale_temps(folder: Path) -> None:
    """Delete temp files left by a writer that was killed; call only under the exclusive lock."""
    if folder.is_dir():
        for path in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
            path.unlink(missing_ok=True)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block ends, so a commit is never cut in half."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
