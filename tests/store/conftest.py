"""Fixtures: a fresh database per test on SQLite (temp file) and on a real PostgreSQL.

PostgreSQL: ``$SAKIP_TEST_POSTGRES_URL`` (``.ci/run`` starts a server and sets it); without it
a throwaway server is started for the session when initdb/pg_ctl exist, else the postgres
params are skipped with the reason. Each test gets its own database, copied from a template
that is migrated and seeded with the Loksado data folder once per session.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

import pg_sementara
from bantu_store import Jam, hitung
from sakip_rules.store import Store
from sakip_rules.store.config import url_db

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(autouse=True)
def _lingkungan(monkeypatch, tmp_path):
    """No test touches the user's real database or depends on the caller's environment."""
    monkeypatch.setenv("SAKIP_DB", f"sqlite:///{tmp_path}/tidak-dipakai.sqlite3")
    monkeypatch.delenv("SAKIP_ZONA_WAKTU", raising=False)
    monkeypatch.delenv("SAKIP_BATAS", raising=False)
    monkeypatch.delenv("SAKIP_DATA", raising=False)
    monkeypatch.delenv("SAKIP_RULES", raising=False)


@pytest.fixture(scope="session")
def pg_server():
    url = os.environ.get("SAKIP_TEST_POSTGRES_URL", "").strip()
    if url:
        yield url_db(url)
        return
    alasan = pg_sementara.alasan_tidak_tersedia()
    if alasan:
        if os.environ.get("SAKIP_TEST_POSTGRES_WAJIB"):
            pytest.fail(f"PostgreSQL wajib (SAKIP_TEST_POSTGRES_WAJIB) tetapi: {alasan}")
        pytest.skip(alasan)
    srv = pg_sementara.ServerPg()
    try:
        yield srv.mulai()
    finally:
        srv.henti()


class Pabrik:
    """Makes fresh databases (seeded from a per-session template, or empty)."""

    def __init__(self, tmp: Path, request):
        self.tmp = tmp
        self.request = request
        self.templat_sqlite: Path | None = None
        self.templat_pg: str | None = None

    # sqlite --------------------------------------------------------------
    def sqlite(self, *, isi: bool = True) -> str:
        path = self.tmp / f"t-{uuid.uuid4().hex[:10]}.sqlite3"
        if isi:
            if self.templat_sqlite is None:
                tpl = self.tmp / "templat.sqlite3"
                Store.buka(f"sqlite:///{tpl}").tutup()
                eng = create_engine(f"sqlite:///{tpl}")
                with eng.connect() as c:
                    c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                eng.dispose()
                self.templat_sqlite = tpl
            shutil.copyfile(self.templat_sqlite, path)
        return f"sqlite:///{path}"

    # postgresql ----------------------------------------------------------
    def _admin(self):
        server = self.request.getfixturevalue("pg_server")
        return server, create_engine(server, isolation_level="AUTOCOMMIT")

    def postgresql(self, *, isi: bool = True) -> str:
        server, admin = self._admin()
        nama = f"sakip_t_{uuid.uuid4().hex[:12]}"
        try:
            with admin.connect() as c:
                if isi and self.templat_pg is None:
                    tpl = f"sakip_templat_{uuid.uuid4().hex[:8]}"
                    c.execute(text(f'CREATE DATABASE "{tpl}"'))
                    Store.buka(_ganti_db(server, tpl)).tutup()
                    self.templat_pg = tpl
                templat = f' TEMPLATE "{self.templat_pg}"' if isi else ""
                c.execute(text(f'CREATE DATABASE "{nama}"{templat}'))
        finally:
            admin.dispose()
        return _ganti_db(server, nama)

    def buat(self, backend: str, *, isi: bool = True) -> str:
        return getattr(self, backend)(isi=isi)

    def hapus(self, url: str) -> None:
        """Drop a test database on PostgreSQL (SQLite files go with the temp dir)."""
        if not url.startswith("postgresql"):
            return
        from sqlalchemy.engine import make_url

        server, admin = self._admin()
        try:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
        finally:
            admin.dispose()


def _ganti_db(url: str, nama: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=nama).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pabrik(tmp_path_factory, request):
    return Pabrik(tmp_path_factory.mktemp("db"), request)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def db_url(pabrik, backend) -> str:
    """A fresh database with the Loksado data folder already imported."""
    url = pabrik.buat(backend)
    yield url
    pabrik.hapus(url)


@pytest.fixture
def db_kosong(pabrik, backend) -> str:
    """A fresh, empty database (not even migrated)."""
    url = pabrik.buat(backend, isi=False)
    yield url
    pabrik.hapus(url)


@pytest.fixture
def jam() -> Jam:
    # after the template's seeding (real time), so as-of queries see the seed first
    return Jam(dt.datetime.now(dt.timezone.utc).replace(microsecond=0) + dt.timedelta(hours=1))


@pytest.fixture
def store(db_url, jam):
    st = Store.buka(db_url, jam=jam)
    yield st
    st.tutup()


@pytest.fixture
def hitung_baris():
    return hitung
