"""Private instances of the backing services for the outage tests: each on free loopback
ports with its files in a directory of the test's own, so stopping one touches no one
else's. Each can be stopped and started again on the same ports, with its data kept
(Redis keeps none, as the stack's does not); `close` kills whatever still runs."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from tests.live import free_port

INFRA = Path(__file__).resolve().parents[2] / "infra"
READY_S = 60.0
# As the stack's Redis: a restart loses every queued job.
NO_PERSISTENCE = ("--save", "", "--appendonly", "no")


def _wait_for_port(port: int, what: str) -> None:
    deadline = time.monotonic() + READY_S
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            assert time.monotonic() < deadline, f"{what} did not start"
            time.sleep(0.05)


def _free_port_below(end: int) -> int:
    for port in range(end - 1, end - 80, -1):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise AssertionError(f"no free port below {end}")


class PrivateRedis:
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._server: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self._server = subprocess.Popen(  # noqa: S603 - Debian's server binary, our arguments
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", *NO_PERSISTENCE],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for_port(self.port, "redis-server")

    def stop(self) -> None:
        cli = shutil.which("redis-cli") or "/usr/bin/redis-cli"
        subprocess.run([cli, "-p", str(self.port), "shutdown", "nosave"], check=False)  # noqa: S603
        self.close()

    def close(self) -> None:
        if self._server is not None:
            self._server.kill()
            self._server.wait()
            self._server = None


def _postgres_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    assert found, "no PostgreSQL server binaries under /usr/lib/postgresql"
    return found[-1].parent


class PrivatePostgres:
    """A cluster of its own (initdb), with a `lumen` superuser trusted on loopback."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"postgresql+asyncpg://lumen:lumen@127.0.0.1:{self.port}/lumen"
        self._bin = _postgres_bin()
        # Not under pytest's temp dirs: the server's user must be able to reach it.
        self._root = Path(tempfile.mkdtemp(prefix="lumen-postgres-"))
        self._data = self._root / "data"
        # The server refuses to run as root; Debian's package brings its own user.
        self._user = "postgres" if os.geteuid() == 0 else None
        if self._user is not None:
            shutil.chown(self._root, self._user)

    def _run(self, tool: str, *args: str, check: bool = True) -> None:
        done = subprocess.run(  # noqa: S603 - the cluster's own binaries
            [str(self._bin / tool), *args], user=self._user, capture_output=True, check=False
        )
        assert done.returncode == 0 or not check, done.stderr.decode(errors="replace")

    def create(self) -> None:
        """A new cluster, running, with an empty `lumen` database."""
        self._run("initdb", "-D", str(self._data), "-U", "lumen", "--auth=trust", "-N")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "lumen", "lumen")

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self._data} -c fsync=off"
        log = str(self._data / "server.log")
        self._run("pg_ctl", "-D", str(self._data), "-o", options, "-l", log, "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self._data), "-m", "fast", "-w", "stop")

    def close(self) -> None:
        if (self._data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self._data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(self._root, ignore_errors=True)


class PrivateEngine:
    """A single search node of the engine named, started by the stack's own script."""

    def __init__(self, engine: str, root: Path) -> None:
        # OpenSearch's runner serves on no port past 9299.
        self.port = free_port() if engine == "elasticsearch" else _free_port_below(9300)
        self.url = f"http://127.0.0.1:{self.port}"
        self._script = INFRA / f"{engine}-node"
        self._state = root / "state"
        name = engine.upper()
        self._env = {
            **os.environ,
            "LUMEN_STATE": str(self._state),
            f"LUMEN_{name}_PORT": str(self.port),
            f"LUMEN_{name}_TRANSPORT_PORT": str(free_port()),
            f"LUMEN_{name}_HEAP": "512m",
            f"LUMEN_{name}_HOME": str(root / "node"),
        }

    def _node(self, command: str, check: bool = True) -> None:
        done = subprocess.run(  # noqa: S603 - the repository's own script
            [str(self._script), command], env=self._env, capture_output=True, check=False
        )
        assert done.returncode == 0 or not check, done.stderr.decode(errors="replace")

    def start(self) -> None:
        self._node("start")

    def stop(self) -> None:
        self._node("stop")

    def close(self) -> None:
        # The script stops what its pid file names; kill the group if that went wrong.
        self._node("stop", check=False)
        for pidfile in self._state.glob("*.pid"):
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.killpg(int(pidfile.read_text()), signal.SIGKILL)
