"""Issue 21 item 4: the Oxigraph workers die with their parent. SIGTERM or SIGINT to
``careerpath serve`` during slow queries ends every worker; a worker whose parent is killed
outright (SIGKILL: no handler runs) exits by itself."""

from __future__ import annotations

import concurrent.futures
import signal
import time

import pytest

from tests.endpoint import Serve, alive, children_of, get
from tests.hostile import CROSS_JOIN

pytestmark = pytest.mark.server


def wait_gone(pids: list[int], seconds: float) -> list[int]:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        left = [p for p in pids if alive(p)]
        if not left:
            return []
        time.sleep(0.1)
    return [p for p in pids if alive(p)]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_workers_end_with_serve_during_slow_queries(sig):
    served = Serve(timeout=30)
    pool = concurrent.futures.ThreadPoolExecutor(4)
    try:
        workers = children_of(served.process.pid)
        assert len(workers) >= 3, workers  # two general workers, a lane and standbys
        for i in range(4):
            pool.submit(get, served.port, CROSS_JOIN, source=f"127.0.4.{i + 1}")
        time.sleep(1.0)  # the workers are busy
        served.process.send_signal(sig)
        assert served.process.wait(30) in (0, -signal.SIGKILL)
        assert wait_gone(workers, 10) == [], "workers outlived their parent"
        assert "Traceback" not in served.stderr()
    finally:
        served.process.kill()
        pool.shutdown(wait=False, cancel_futures=True)


def test_a_worker_stopped_from_many_threads_at_once_closes_its_connection_once():
    """The pool's close and a worker-start thread can stop one worker together (SIGINT to
    ``careerpath serve`` while a replacement loads): a second close of the connection's
    descriptor raised EBADF in the start thread, a traceback on the server's stderr."""
    import threading

    from careerpath.graph.loading.engines.oxpool import Worker

    tiny = b"<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n"
    for _ in range(10):
        worker = Worker(("ntriples", tiny))
        worker.wait_ready()
        start, errors = threading.Barrier(16), []

        def stop(worker=worker, start=start, errors=errors):
            start.wait()
            try:
                worker.stop()
            except Exception as err:  # noqa: BLE001 - any error here is the bug
                errors.append(repr(err))

        threads = [threading.Thread(target=stop) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == [] and worker.conn.closed and worker.process.poll() is not None
