"""The Oxigraph worker processes of one store, and who gets them.

Each worker is a ``python -m careerpath.graph.loading.engines.oxworker`` child holding the whole
graph. A query runs on one worker; a query past its deadline is stopped by killing its worker,
which is then replaced. Waiting for a worker counts against the query's deadline.

Fairness, so that no client can take every worker:

- a client (the HTTP endpoint passes the caller's address) holds at most ``workers - 1``
  general workers at once (at least one), so one client never holds all of them;
- waiters are served by how many workers their client already holds, then in arrival order;
- with ``lane`` on (the endpoint turns it on), one more worker is kept for queries that find
  every general worker busy: a query runs there for at most ``lane_seconds``, and if it has
  not finished it is stopped and goes back to wait for a general worker with what is left of
  its deadline; its client is not given the lane again for ``penalty`` seconds. Standby
  workers, loaded ahead, take the lane's place at once when its worker is killed. So a short
  query from another client waits for at most one lane slice, as long as fewer distinct heavy
  clients arrive within ``penalty`` seconds than there are standbys (a worker takes 0.3 s to
  start on an idle machine, seconds on a loaded one, so the standbys must be ready before).
"""

from __future__ import annotations

import itertools
import multiprocessing.connection
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable

from ...errors import CareerPathError
from ..sparql import QueryTimeout

__all__ = ["Worker", "WorkerPool", "WorkerFailed"]


class WorkerFailed(CareerPathError):
    """A worker that could not start or that ended while answering."""


class Worker:
    """One ``oxworker`` child process and the connection to it.

    Started as ``python -m careerpath.graph.loading.engines.oxworker FD PARENT`` on one end of a socket
    pair rather than through multiprocessing's spawn, which re-imports the parent's main script
    (and fails for ``python -`` or an embedding host); the child imports pyoxigraph only, and
    exits when its parent (``PARENT``, this process) is gone.
    """

    def __init__(self, source: tuple) -> None:
        parent, child = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "careerpath.graph.loading.engines.oxworker", str(child.fileno()), str(os.getpid())],
            pass_fds=[child.fileno()],
            stdin=subprocess.DEVNULL,
            close_fds=True,
        )
        child.close()
        self.conn = multiprocessing.connection.Connection(parent.detach())
        self.conn.send(source)
        self.ready = False
        self._stopping = threading.Lock()
        self._stopped = False

    def wait_ready(self, seconds: float = 120.0) -> None:
        """Wait until the worker has loaded its graph; raise ``WorkerFailed`` if it cannot."""
        if self.ready:
            return
        try:
            late = ("ERROR", "load", f"not ready after {seconds:g} s")
            answer = self.conn.recv() if self.conn.poll(seconds) else late
        except (EOFError, OSError) as err:
            answer = ("ERROR", "load", f"it ended ({err or 'no answer'})")
        if answer[0] != "READY":
            self.stop()
            raise WorkerFailed(f"the Oxigraph worker could not start: {answer[-1]}")
        self.ready = True

    def ask(self, message: tuple, seconds: float) -> tuple | None:
        """Send ``message`` and wait up to ``seconds`` for the answer; None (and the worker
        killed) when it has not come by then. Raises ``WorkerFailed`` if the worker ended."""
        try:
            self.conn.send(message)
            if not self.conn.poll(max(seconds, 0.0)):
                self.stop()
                return None
            return self.conn.recv()
        except (EOFError, OSError) as err:
            self.stop()
            raise WorkerFailed(f"the Oxigraph worker ended while answering ({err or 'no answer'})") from None

    def stop(self) -> None:
        """Kill the process and close the connection (idempotent, and safe from two threads).

        The pool's ``close`` and a worker-start thread may stop the same worker at once: the
        connection's file descriptor must be closed once (a second ``os.close`` raised EBADF
        in that thread, or could close a descriptor reused by then)."""
        with self._stopping:
            if self._stopped:
                return
            self._stopped = True
        try:
            self.process.kill()
            self.process.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.conn.close()


class WorkerPool:
    """Worker processes shared fairly between clients (see the module's notes).

    Parameters
    ----------
    source : tuple
        What each worker loads (see ``oxworker.open_store``).
    workers : int
        General workers.
    lane : bool
        Keep one more worker (and a loaded standby) for queries that find the others busy.
    lane_seconds : float
        How long a query may run on the lane worker before it goes back to wait.
    standby : int
        Workers kept loaded to take the lane's place.
    penalty : float
        Seconds a client whose query was too long for the lane is kept off it.
    """

    def __init__(
        self,
        source: tuple,
        workers: int = 2,
        *,
        lane: bool = False,
        lane_seconds: float = 0.25,
        standby: int = 2,
        penalty: float = 30.0,
    ) -> None:
        self.source = source
        self.size = max(1, workers)
        self.lane_enabled = lane
        self.lane_seconds = lane_seconds
        self.standby_count = max(1, standby) if lane else 0
        self.penalty = penalty
        self._barred: dict[object, float] = {}
        self.cap = max(1, self.size - 1)
        self._cond = threading.Condition()
        self._idle: list[Worker] = []
        self._lane: Worker | None = None
        self._lane_busy = False
        self._standby: list[Worker] = []
        self._held: dict[object, int] = {}
        self._waiting: list[tuple[int, object, bool]] = []
        self._tickets = itertools.count()
        self._all: set[Worker] = set()
        self._started = False
        self._closed = False

    # ------------------------------------------------------------------ life
    def start(self) -> None:
        """Start every worker and wait until each has loaded the graph (done once)."""
        with self._cond:
            if self._started:
                return
            self._closed = False
            fresh = [self._spawn() for _ in range(self.size + (1 + self.standby_count if self.lane_enabled else 0))]
            try:
                for worker in fresh:
                    worker.wait_ready()
            except WorkerFailed:
                for worker in fresh:
                    self._forget(worker)
                raise
            self._idle = fresh[: self.size]
            if self.lane_enabled:
                self._lane, self._standby = fresh[self.size], fresh[self.size + 1 :]
            self._started = True

    def close(self) -> None:
        """Kill every worker; the pool can be started again."""
        with self._cond:
            workers = list(self._all)
            self._all.clear()
            self._idle, self._lane, self._standby, self._started, self._closed = [], None, [], False, True
            self._cond.notify_all()
        for worker in workers:
            worker.stop()

    def pids(self) -> list[int]:
        """The process ids of the live workers."""
        with self._cond:
            return [w.process.pid for w in self._all]

    def _spawn(self) -> Worker:
        worker = Worker(self.source)
        self._all.add(worker)
        return worker

    def _forget(self, worker: Worker) -> None:
        self._all.discard(worker)
        worker.stop()

    def _replace(self, place: Callable[[Worker], None]) -> None:
        """Start a worker in the background and hand it to ``place`` once it has loaded."""
        with self._cond:
            if self._closed:
                return
            worker = self._spawn()

        def wait() -> None:
            try:
                worker.wait_ready()
            except WorkerFailed:
                with self._cond:
                    self._all.discard(worker)
                return
            with self._cond:
                if self._closed or worker not in self._all:
                    worker.stop()
                    return
                place(worker)
                self._cond.notify_all()

        threading.Thread(target=wait, name="careerpath-worker-start", daemon=True).start()

    # ------------------------------------------------------------------ who gets a worker
    def _choose(self, ticket: int) -> str | None:
        """What the waiter ``ticket`` may take now ("general", "lane" or None), serving waiters
        by how many workers their client holds, then by arrival."""
        free = len(self._idle)
        lane_free = self._lane is not None and not self._lane_busy
        held = dict(self._held)
        for _, t, client, lane_ok in sorted((held.get(c, 0), t, c, ok) for t, c, ok in self._waiting):
            if free and held.get(client, 0) < self.cap:
                if t == ticket:
                    return "general"
                free -= 1
                held[client] = held.get(client, 0) + 1
            elif lane_ok and lane_free:
                if t == ticket:
                    return "lane"
                lane_free = False
        return None

    def _acquire(self, client: object, deadline: float, lane_ok: bool) -> tuple[Worker, bool]:
        with self._cond:
            ticket = next(self._tickets)
            if self._barred.get(client, 0.0) > time.monotonic():
                lane_ok = False
            entry = (ticket, client, lane_ok and self.lane_enabled)
            self._waiting.append(entry)
            try:
                while True:
                    if self._closed:
                        raise WorkerFailed("the store is closed")
                    choice = self._choose(ticket)
                    if choice == "general":
                        self._held[client] = self._held.get(client, 0) + 1
                        return self._idle.pop(), False
                    if choice == "lane":
                        self._lane_busy = True
                        return self._lane, True  # type: ignore[return-value]
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise QueryTimeout("the query was stopped while it waited for a free worker")
                    self._cond.wait(left)
            finally:
                self._waiting.remove(entry)
                self._cond.notify_all()

    def _release(self, worker: Worker, lane: bool, client: object, alive: bool) -> None:
        with self._cond:
            if lane:
                self._lane_busy = False
                if not alive:
                    self._all.discard(worker)
                    self._lane = self._standby.pop(0) if self._standby else None
                    self._replace(self._place_spare)
                    now = time.monotonic()
                    self._barred = {c: t for c, t in self._barred.items() if t > now}
                    self._barred[client] = now + self.penalty
            else:
                self._held[client] -= 1
                if not self._held[client]:
                    del self._held[client]
                if alive and worker in self._all:
                    self._idle.append(worker)
                else:
                    self._all.discard(worker)
                    self._replace(self._idle.append)
            self._cond.notify_all()

    def _place_spare(self, worker: Worker) -> None:
        if self._lane is None:
            self._lane = worker
        elif len(self._standby) < self.standby_count:
            self._standby.append(worker)
        else:
            self._forget(worker)

    # ------------------------------------------------------------------ running
    def run(self, message: tuple, deadline: float, client: object = None) -> tuple:
        """Send ``message`` to a worker and return its answer, all before ``deadline``
        (``time.monotonic()``). Raises ``QueryTimeout`` or ``WorkerFailed``."""
        self.start()
        try:
            return self._run(message, deadline, client)
        except WorkerFailed:
            if self._closed:  # the store was closed under the query: the server is stopping
                raise QueryTimeout("the query was stopped: the server is stopping") from None
            raise

    def _run(self, message: tuple, deadline: float, client: object) -> tuple:
        lane_ok = True
        while True:
            worker, lane = self._acquire(client, deadline, lane_ok)
            left = deadline - time.monotonic()
            alive = False
            try:
                answer = worker.ask(message, min(left, self.lane_seconds) if lane else left)
                alive = answer is not None
            finally:
                self._release(worker, lane, client, alive)
            if answer is not None:
                return answer
            if not lane or deadline - time.monotonic() <= 0:
                raise QueryTimeout("the query was stopped at the time limit")
            lane_ok = False  # too long for the lane: wait for a general worker
