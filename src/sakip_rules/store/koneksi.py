"""Engines and transactions.

SQLite: WAL journal (readers never block the writer), ``synchronous=FULL`` (a confirmed
submission survives a power cut), foreign keys on, and every write transaction starts
with ``BEGIN IMMEDIATE`` so that two writing processes queue on the lock instead of
failing half-way; ``busy_timeout`` makes them wait up to 30 s.
PostgreSQL: READ COMMITTED; a write that collides with a concurrent one on a unique key
(two corrections of the same value, a redelivered idempotency key) is retried from the
start, so nothing is lost and nothing is written twice.
"""

from __future__ import annotations

import contextlib
import logging
import time
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from ..errors import UsageError
from .config import url_tersamar

log = logging.getLogger(__name__)
T = TypeVar("T")

BUSY_TIMEOUT_MS = 30_000
_TULIS = "sakip_tulis"


def buat_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:" and not db.startswith("file:"):
            Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _siapkan_sqlite(engine)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:  # psycopg not installed
        raise UsageError(f"driver PostgreSQL belum terpasang ({exc.name}); "
                         "pasang dengan: pip install 'sakip-rules[postgres]'") from None


def _siapkan_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection):
        tulis = conn.get_execution_options().get(_TULIS, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if tulis else "BEGIN")


@contextlib.contextmanager
def transaksi_tulis(engine: Engine) -> Iterator[Connection]:
    """One write transaction: everything inside commits together or not at all."""
    with engine.connect() as conn:
        conn.execution_options(**{_TULIS: True})
        with conn.begin():
            yield conn


@contextlib.contextmanager
def transaksi_baca(engine: Engine) -> Iterator[Connection]:
    """A read transaction: one consistent snapshot (SQLite WAL / PostgreSQL)."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def _boleh_diulang(exc: DBAPIError) -> bool:
    if isinstance(exc, IntegrityError):
        return True  # a concurrent writer took the same versi / key first: read again
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    if code in ("40001", "40P01"):  # serialization failure, deadlock
        return True
    return isinstance(exc, OperationalError) and "locked" in str(exc.orig).lower()


def tulis(engine: Engine, kerja: Callable[[Connection], T], *, coba: int = 8) -> T:
    """Run ``kerja(conn)`` in a write transaction, retrying it whole after a write race."""
    for percobaan in range(1, coba + 1):
        try:
            with transaksi_tulis(engine) as conn:
                return kerja(conn)
        except DBAPIError as exc:
            if percobaan == coba or not _boleh_diulang(exc):
                raise
            log.info("transaksi diulang (%s/%s): %s", percobaan, coba, exc.orig)
            time.sleep(0.01 * percobaan)
    raise AssertionError("unreachable")


def buka_engine(url: str) -> tuple[Engine, bool]:
    """An engine on ``url`` with its schema brought up to date, and whether anything was run.
    A database that cannot be opened (no server, a wrong password, a file that is no database,
    a folder) is a UsageError naming it: the user's mistake, not an internal error."""
    from . import migrations

    try:
        engine = buat_engine(url)
    except OSError as exc:  # e.g. the SQLite file's folder cannot be created
        raise uraikan_galat_koneksi(url, exc) from None
    try:
        return engine, migrations.upgrade(engine)
    except (DBAPIError, OSError) as exc:
        engine.dispose()
        raise uraikan_galat_koneksi(url, exc) from None
    except BaseException:
        engine.dispose()
        raise


def uraikan_galat_koneksi(url: str, exc: Exception) -> UsageError:
    rincian = str(getattr(exc, "orig", None) or exc).strip()
    return UsageError(f"tidak dapat membuka basis data {url_tersamar(url)}: {rincian}")
