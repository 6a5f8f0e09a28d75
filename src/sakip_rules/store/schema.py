"""The tables of the store (SQLAlchemy Core). Migrations in ``migrations/versions`` create them.

Nothing a person submitted is ever updated or deleted: ``kiriman`` (submissions) and
``dokumen_rencana`` (plan documents) are append-only; a correction is a new row with the
next ``versi`` of the same key that names the row it supersedes (``menggantikan``).
Amounts are exact decimals (NUMERIC on PostgreSQL, text on SQLite, never a float);
times are stored in UTC.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (BigInteger, Boolean, Column, DateTime, ForeignKey, Index, Integer,
                        MetaData, Numeric, String, Table, Text, UniqueConstraint, false)
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


class Desimal(TypeDecorator):
    """An exact Decimal that keeps its digits: NUMERIC on PostgreSQL, TEXT elsewhere."""

    impl = String(64)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric(asdecimal=True))
        return dialect.type_descriptor(String(64))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"Desimal membutuhkan Decimal, bukan {type(value).__name__}")
        return value if dialect.name == "postgresql" else format(value, "f")

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value if isinstance(value, Decimal) else Decimal(str(value))


class WaktuUTC(TypeDecorator):
    """A point in time: stored as naive UTC, returned timezone-aware (UTC)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("waktu tanpa zona tidak boleh disimpan")
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, str):  # pragma: no cover - sqlite always parses
            value = dt.datetime.fromisoformat(value)
        return value.replace(tzinfo=dt.timezone.utc)


def _id() -> Column:
    return Column("id", Integer, primary_key=True, autoincrement=True)


kabupaten = Table(
    "kabupaten", metadata,
    _id(),
    Column("nama", String(200), nullable=False, unique=True),
    Column("dicatat_pada", WaktuUTC, nullable=False),
)

kecamatan = Table(
    "kecamatan", metadata,
    _id(),
    Column("kabupaten_id", Integer, ForeignKey("kabupaten.id"), nullable=False),
    Column("kode", String(100), nullable=False, unique=True),
    Column("nama", String(200), nullable=False),
    Column("dicatat_pada", WaktuUTC, nullable=False),
)

desa = Table(
    "desa", metadata,
    _id(),
    Column("kecamatan_id", Integer, ForeignKey("kecamatan.id"), nullable=False),
    Column("kode", String(100), nullable=False),
    Column("nama", String(200), nullable=False),
    Column("urutan", Integer, nullable=False),
    Column("aktif", Boolean, nullable=False),
    UniqueConstraint("kecamatan_id", "kode"),
)

bumdes = Table(
    "bumdes", metadata,
    _id(),
    Column("kecamatan_id", Integer, ForeignKey("kecamatan.id"), nullable=False),
    Column("desa_id", Integer, ForeignKey("desa.id"), nullable=False),
    Column("kode", String(100), nullable=False),
    Column("nama", String(200), nullable=False),
    Column("nama_di_rekap", String(200), nullable=True),
    Column("urutan", Integer, nullable=False),
    Column("aktif", Boolean, nullable=False),
    UniqueConstraint("kecamatan_id", "kode"),
)

pengguna = Table(
    "pengguna", metadata,
    _id(),
    Column("nama", String(200), nullable=False, unique=True),
    Column("peran", String(40), nullable=False),
    Column("kecamatan_id", Integer, ForeignKey("kecamatan.id"), nullable=False),
    Column("desa_id", Integer, ForeignKey("desa.id"), nullable=True),
    Column("telegram_id", BigInteger, nullable=True, unique=True),
    Column("aktif", Boolean, nullable=False),
    Column("dibuat_oleh", String(200), nullable=False),
    Column("dibuat_pada", WaktuUTC, nullable=False),
    Column("dicabut_oleh", String(200), nullable=True),
    Column("dicabut_pada", WaktuUTC, nullable=True),
)

undangan = Table(
    "undangan", metadata,
    _id(),
    Column("sidik_token", String(64), nullable=False, unique=True),  # sha256 of the token
    Column("peran", String(40), nullable=False),
    Column("kecamatan_id", Integer, ForeignKey("kecamatan.id"), nullable=False),
    Column("desa_id", Integer, ForeignKey("desa.id"), nullable=True),
    Column("dibuat_oleh", String(200), nullable=False),
    Column("dibuat_pada", WaktuUTC, nullable=False),
    Column("kedaluwarsa", WaktuUTC, nullable=False),
    Column("dipakai_pada", WaktuUTC, nullable=True),
    Column("pengguna_id", Integer, ForeignKey("pengguna.id"), nullable=True),
)

# One version of a plan document (organisasi, renstra, pk <tahun> <versi>, dpa <tahun>,
# pembanding <tahun>) as canonical JSON; a changed document is a new versi, both kept.
dokumen_rencana = Table(
    "dokumen_rencana", metadata,
    _id(),
    Column("kecamatan_id", Integer, ForeignKey("kecamatan.id"), nullable=False),
    Column("jenis", String(40), nullable=False),
    Column("kunci", String(200), nullable=False),
    Column("versi", Integer, nullable=False),
    Column("menggantikan", Integer, ForeignKey("dokumen_rencana.id"), nullable=True),
    Column("isi", Text, nullable=False),
    Column("sidik", String(64), nullable=False),
    Column("sumber", String(500), nullable=False),
    Column("saluran", String(20), nullable=False),
    Column("dicatat_oleh", String(200), nullable=False),
    Column("dicatat_pada", WaktuUTC, nullable=False),
    UniqueConstraint("kecamatan_id", "kunci", "versi"),
)

# One import of a file (all its submissions are in the same transaction).
impor = Table(
    "impor", metadata,
    _id(),
    Column("kecamatan_id", Integer, ForeignKey("kecamatan.id"), nullable=False),
    Column("jenis", String(40), nullable=False),
    Column("berkas", String(500), nullable=False),
    Column("sidik", String(64), nullable=False),  # sha256 of the file's bytes
    Column("saluran", String(20), nullable=False),
    Column("dicatat_oleh", String(200), nullable=False),
    Column("dicatat_pada", WaktuUTC, nullable=False),
)

# Every realisation value ever submitted. The value of a key as of time T is the row with
# the highest versi among those recorded at or before T.
kiriman = Table(
    "kiriman", metadata,
    _id(),
    Column("kecamatan_id", Integer, ForeignKey("kecamatan.id"), nullable=False),
    Column("jenis", String(20), nullable=False),  # laba | ikm | status_desa | anggaran
    Column("kunci_nilai", String(200), nullable=False),
    Column("versi", Integer, nullable=False),
    Column("menggantikan", Integer, ForeignKey("kiriman.id"), nullable=True),
    Column("desa_id", Integer, ForeignKey("desa.id"), nullable=True),
    Column("bumdes_id", Integer, ForeignKey("bumdes.id"), nullable=True),
    Column("sub_kegiatan", String(100), nullable=True),
    Column("tahun", Integer, nullable=False),
    Column("bulan", Integer, nullable=True),
    Column("semester", Integer, nullable=True),
    Column("jumlah", Desimal, nullable=True),
    Column("status_desa", String(40), nullable=True),
    Column("idm", Desimal, nullable=True),
    Column("tingkat", String(20), nullable=True),
    Column("isi", Text, nullable=True),  # IKM details as canonical JSON
    Column("responden", Integer, nullable=True),
    Column("nilai_kanonik", Text, nullable=False),  # for "same value" comparison
    Column("tampilan", String(500), nullable=False),  # the value as shown to people
    Column("keterangan", String(500), nullable=False),
    Column("pengguna_id", Integer, ForeignKey("pengguna.id"), nullable=True),
    Column("dicatat_oleh", String(200), nullable=False),
    Column("dicatat_pada", WaktuUTC, nullable=False),
    Column("saluran", String(20), nullable=False),
    Column("impor_id", Integer, ForeignKey("impor.id"), nullable=True),
    # a withdrawal: this version says the value was reported by mistake (no value columns)
    Column("ditarik", Boolean, nullable=False, server_default=false()),
    UniqueConstraint("kecamatan_id", "kunci_nilai", "versi"),
    Index(None, "kecamatan_id", "id"),
)

# Idempotency keys (e.g. "tg:<chat>:<message_id>"): a redelivered submission returns the
# first result. Bookkeeping only; no value is stored here.
kunci_kiriman = Table(
    "kunci_kiriman", metadata,
    Column("kunci", String(200), primary_key=True),
    Column("kiriman_id", Integer, ForeignKey("kiriman.id"), nullable=False),
    Column("status", String(20), nullable=False),
    Column("dicatat_pada", WaktuUTC, nullable=False),
)
