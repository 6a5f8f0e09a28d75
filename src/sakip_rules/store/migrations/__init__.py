"""Schema migrations (Alembic), shipped inside the package so that an installed `sakip` can
create and upgrade its own database. ``upgrade(engine)`` is safe to call from several
processes at once: on SQLite it runs inside ``BEGIN IMMEDIATE``, on PostgreSQL under an
advisory lock, and it does nothing when the schema is already current.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from ...errors import UsageError

# The newest revision in versions/ (a test checks it against Alembic's own view).
REVISI_TERKINI = "0002"
KUNCI_ADVISORY = 7_271_240_001  # any constant; serialises concurrent migrations on PostgreSQL


def _config(conn: Connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent))
    cfg.attributes["connection"] = conn
    return cfg


def revisi_sekarang(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _dikenal(conn: Connection, revisi: str) -> bool:
    """Whether this version of sakip ships schema revision ``revisi``."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        return ScriptDirectory.from_config(_config(conn)).get_revision(revisi) is not None
    except CommandError:
        return False


def kunci_migrasi(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": KUNCI_ADVISORY})


def upgrade(engine: Engine, *, revisi: str = "head") -> bool:
    """Bring the schema to ``revisi``; returns True if anything was run."""
    from .. import koneksi

    if revisi == "head":
        with koneksi.transaksi_baca(engine) as conn:  # the usual case: nothing to do, no write lock
            sekarang = revisi_sekarang(conn)
            if sekarang == REVISI_TERKINI:
                return False
            if sekarang is not None and not _dikenal(conn, sekarang):
                raise UsageError(f"basis data ini memakai skema revisi {sekarang}, dibuat oleh versi sakip yang "
                                 f"lebih baru (versi ini mengenal sampai revisi {REVISI_TERKINI}); perbarui sakip")
    with koneksi.transaksi_tulis(engine) as conn:
        kunci_migrasi(conn)
        if revisi == "head" and revisi_sekarang(conn) == REVISI_TERKINI:
            return False
        from alembic import command

        command.upgrade(_config(conn), revisi)
        return True
