"""One ingest at a time per store, and no stale lock after a crash."""

import fcntl
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from newsweave.store.lock import ingest_lock, lock_path

pytestmark = pytest.mark.skipif(os.name != "posix", reason="flock is POSIX only")


def _free(store: str) -> bool:
    with open(lock_path(store), "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


def test_the_lock_is_held_for_the_block_and_says_whether_it_waited(tmp_path):
    store = str(tmp_path / "s.sqlite")
    with ingest_lock(store) as waited:
        assert waited is False and not _free(store)
    assert _free(store)
    with ingest_lock(":memory:") as waited:  # nothing to lock
        assert waited is False


def test_workers_forked_by_a_killed_ingest_do_not_keep_the_store_locked(tmp_path):
    """A worker inherits the lock's open file; if the ingest is killed while its workers
    live on, the lock must still end with the ingest."""
    store = str(tmp_path / "s.sqlite")
    script = textwrap.dedent(
        f"""
        import os, sys, time
        from newsweave.store.lock import ingest_lock
        with ingest_lock({store!r}):
            child = os.fork()
            if child == 0:
                time.sleep(60)  # a worker, orphaned below
                os._exit(0)
            print(child, flush=True)
            time.sleep(60)
        """
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    worker = int(holder.stdout.readline())
    try:
        assert not _free(store)  # the ingest holds it
        holder.kill()  # killed, as the OOM killer would
        holder.wait(timeout=10)
        for _ in range(100):
            if _free(store):
                break
            time.sleep(0.05)
        assert _free(store)  # the orphaned worker does not hold it
    finally:
        os.kill(worker, signal.SIGKILL)
        holder.stdout.close()
