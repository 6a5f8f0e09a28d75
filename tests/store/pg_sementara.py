"""A throwaway PostgreSQL server for tests and benchmarks: initdb into a temp dir, start on
127.0.0.1 with a free port, trust authentication, superuser ``postgres``. As root it runs the
server as the ``postgres`` system user (initdb refuses root).

    python tests/store/pg_sementara.py      # start one, print its URL, stop on Enter
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def cari_biner() -> Path | None:
    """The folder with initdb, pg_ctl and postgres, or None."""
    calon = []
    if shutil.which("initdb") and shutil.which("pg_ctl"):
        calon.append(Path(shutil.which("initdb")).resolve().parent)
    calon += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for c in calon:
        if all((c / b).exists() for b in ("initdb", "pg_ctl", "postgres")):
            return c
    return None


def alasan_tidak_tersedia() -> str | None:
    if cari_biner() is None:
        return "PostgreSQL (initdb/pg_ctl) tidak terpasang dan SAKIP_TEST_POSTGRES_URL tidak diisi"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "berjalan sebagai root tetapi tidak ada pengguna sistem 'postgres' untuk menjalankan server"
    return None


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerPg:
    def __init__(self):
        self.bin = cari_biner()
        if self.bin is None:
            raise RuntimeError(alasan_tidak_tersedia())
        self.dir = Path(tempfile.mkdtemp(prefix="sakip-pg-"))
        self.port = _port_bebas()
        self.sebagai: list[str] = []
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            runuser = shutil.which("runuser")
            self.sebagai = [runuser, "-u", "postgres", "--"] if runuser else ["su", "postgres", "-c"]

    def _jalan(self, args: list[str]) -> None:
        if self.sebagai and self.sebagai[0] == "su":
            cmd = self.sebagai + [" ".join(f"'{a}'" for a in args)]
        else:
            cmd = self.sebagai + args
        subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=self.dir)

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def mulai(self) -> str:
        data = self.dir / "data"
        self._jalan([str(self.bin / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                     "-E", "UTF8", "--no-locale"])
        opsi = (f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.dir} "
                "-c fsync=off -c full_page_writes=off -c max_connections=100")
        self._jalan([str(self.bin / "pg_ctl"), "-D", str(data), "-o", opsi, "-l", str(self.dir / "log"),
                     "-w", "-t", "60", "start"])
        return self.url

    def henti(self) -> None:
        try:
            self._jalan([str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "stop"])
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


if __name__ == "__main__":  # pragma: no cover
    s = ServerPg()
    print(s.mulai(), flush=True)
    try:
        input()
    finally:
        s.henti()
