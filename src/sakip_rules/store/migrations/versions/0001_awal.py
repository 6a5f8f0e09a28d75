"""Skema awal: organisasi, pengguna, undangan, dokumen rencana, impor, kiriman, kunci kiriman.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""
from alembic import op
import sqlalchemy as sa

from sakip_rules.store.schema import Desimal, WaktuUTC

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kabupaten",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("dicatat_pada", WaktuUTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_kabupaten"),
        sa.UniqueConstraint("nama", name="uq_kabupaten_nama"),
    )
    op.create_table(
        "kecamatan",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kabupaten_id", sa.Integer, nullable=False),
        sa.Column("kode", sa.String(100), nullable=False),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("dicatat_pada", WaktuUTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_kecamatan"),
        sa.ForeignKeyConstraint(["kabupaten_id"], ["kabupaten.id"],
                                name="fk_kecamatan_kabupaten_id_kabupaten"),
        sa.UniqueConstraint("kode", name="uq_kecamatan_kode"),
    )
    op.create_table(
        "desa",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kecamatan_id", sa.Integer, nullable=False),
        sa.Column("kode", sa.String(100), nullable=False),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("urutan", sa.Integer, nullable=False),
        sa.Column("aktif", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_desa"),
        sa.ForeignKeyConstraint(["kecamatan_id"], ["kecamatan.id"],
                                name="fk_desa_kecamatan_id_kecamatan"),
        sa.UniqueConstraint("kecamatan_id", "kode", name="uq_desa_kecamatan_id_kode"),
    )
    op.create_table(
        "bumdes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kecamatan_id", sa.Integer, nullable=False),
        sa.Column("desa_id", sa.Integer, nullable=False),
        sa.Column("kode", sa.String(100), nullable=False),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("nama_di_rekap", sa.String(200), nullable=True),
        sa.Column("urutan", sa.Integer, nullable=False),
        sa.Column("aktif", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_bumdes"),
        sa.ForeignKeyConstraint(["kecamatan_id"], ["kecamatan.id"],
                                name="fk_bumdes_kecamatan_id_kecamatan"),
        sa.ForeignKeyConstraint(["desa_id"], ["desa.id"], name="fk_bumdes_desa_id_desa"),
        sa.UniqueConstraint("kecamatan_id", "kode", name="uq_bumdes_kecamatan_id_kode"),
    )
    op.create_table(
        "pengguna",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("peran", sa.String(40), nullable=False),
        sa.Column("kecamatan_id", sa.Integer, nullable=False),
        sa.Column("desa_id", sa.Integer, nullable=True),
        sa.Column("telegram_id", sa.BigInteger, nullable=True),
        sa.Column("aktif", sa.Boolean, nullable=False),
        sa.Column("dibuat_oleh", sa.String(200), nullable=False),
        sa.Column("dibuat_pada", WaktuUTC, nullable=False),
        sa.Column("dicabut_oleh", sa.String(200), nullable=True),
        sa.Column("dicabut_pada", WaktuUTC, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_pengguna"),
        sa.ForeignKeyConstraint(["kecamatan_id"], ["kecamatan.id"],
                                name="fk_pengguna_kecamatan_id_kecamatan"),
        sa.ForeignKeyConstraint(["desa_id"], ["desa.id"], name="fk_pengguna_desa_id_desa"),
        sa.UniqueConstraint("nama", name="uq_pengguna_nama"),
        sa.UniqueConstraint("telegram_id", name="uq_pengguna_telegram_id"),
    )
    op.create_table(
        "undangan",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sidik_token", sa.String(64), nullable=False),
        sa.Column("peran", sa.String(40), nullable=False),
        sa.Column("kecamatan_id", sa.Integer, nullable=False),
        sa.Column("desa_id", sa.Integer, nullable=True),
        sa.Column("dibuat_oleh", sa.String(200), nullable=False),
        sa.Column("dibuat_pada", WaktuUTC, nullable=False),
        sa.Column("kedaluwarsa", WaktuUTC, nullable=False),
        sa.Column("dipakai_pada", WaktuUTC, nullable=True),
        sa.Column("pengguna_id", sa.Integer, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_undangan"),
        sa.ForeignKeyConstraint(["kecamatan_id"], ["kecamatan.id"],
                                name="fk_undangan_kecamatan_id_kecamatan"),
        sa.ForeignKeyConstraint(["desa_id"], ["desa.id"], name="fk_undangan_desa_id_desa"),
        sa.ForeignKeyConstraint(["pengguna_id"], ["pengguna.id"],
                                name="fk_undangan_pengguna_id_pengguna"),
        sa.UniqueConstraint("sidik_token", name="uq_undangan_sidik_token"),
    )
    op.create_table(
        "dokumen_rencana",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kecamatan_id", sa.Integer, nullable=False),
        sa.Column("jenis", sa.String(40), nullable=False),
        sa.Column("kunci", sa.String(200), nullable=False),
        sa.Column("versi", sa.Integer, nullable=False),
        sa.Column("menggantikan", sa.Integer, nullable=True),
        sa.Column("isi", sa.Text, nullable=False),
        sa.Column("sidik", sa.String(64), nullable=False),
        sa.Column("sumber", sa.String(500), nullable=False),
        sa.Column("saluran", sa.String(20), nullable=False),
        sa.Column("dicatat_oleh", sa.String(200), nullable=False),
        sa.Column("dicatat_pada", WaktuUTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_dokumen_rencana"),
        sa.ForeignKeyConstraint(["kecamatan_id"], ["kecamatan.id"],
                                name="fk_dokumen_rencana_kecamatan_id_kecamatan"),
        sa.ForeignKeyConstraint(["menggantikan"], ["dokumen_rencana.id"],
                                name="fk_dokumen_rencana_menggantikan_dokumen_rencana"),
        sa.UniqueConstraint("kecamatan_id", "kunci", "versi",
                            name="uq_dokumen_rencana_kecamatan_id_kunci_versi"),
    )
    op.create_table(
        "impor",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kecamatan_id", sa.Integer, nullable=False),
        sa.Column("jenis", sa.String(40), nullable=False),
        sa.Column("berkas", sa.String(500), nullable=False),
        sa.Column("sidik", sa.String(64), nullable=False),
        sa.Column("saluran", sa.String(20), nullable=False),
        sa.Column("dicatat_oleh", sa.String(200), nullable=False),
        sa.Column("dicatat_pada", WaktuUTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_impor"),
        sa.ForeignKeyConstraint(["kecamatan_id"], ["kecamatan.id"],
                                name="fk_impor_kecamatan_id_kecamatan"),
    )
    op.create_table(
        "kiriman",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kecamatan_id", sa.Integer, nullable=False),
        sa.Column("jenis", sa.String(20), nullable=False),
        sa.Column("kunci_nilai", sa.String(200), nullable=False),
        sa.Column("versi", sa.Integer, nullable=False),
        sa.Column("menggantikan", sa.Integer, nullable=True),
        sa.Column("desa_id", sa.Integer, nullable=True),
        sa.Column("bumdes_id", sa.Integer, nullable=True),
        sa.Column("sub_kegiatan", sa.String(100), nullable=True),
        sa.Column("tahun", sa.Integer, nullable=False),
        sa.Column("bulan", sa.Integer, nullable=True),
        sa.Column("semester", sa.Integer, nullable=True),
        sa.Column("jumlah", Desimal, nullable=True),
        sa.Column("status_desa", sa.String(40), nullable=True),
        sa.Column("idm", Desimal, nullable=True),
        sa.Column("tingkat", sa.String(20), nullable=True),
        sa.Column("isi", sa.Text, nullable=True),
        sa.Column("responden", sa.Integer, nullable=True),
        sa.Column("nilai_kanonik", sa.Text, nullable=False),
        sa.Column("tampilan", sa.String(500), nullable=False),
        sa.Column("keterangan", sa.String(500), nullable=False),
        sa.Column("pengguna_id", sa.Integer, nullable=True),
        sa.Column("dicatat_oleh", sa.String(200), nullable=False),
        sa.Column("dicatat_pada", WaktuUTC, nullable=False),
        sa.Column("saluran", sa.String(20), nullable=False),
        sa.Column("impor_id", sa.Integer, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_kiriman"),
        sa.ForeignKeyConstraint(["kecamatan_id"], ["kecamatan.id"],
                                name="fk_kiriman_kecamatan_id_kecamatan"),
        sa.ForeignKeyConstraint(["menggantikan"], ["kiriman.id"],
                                name="fk_kiriman_menggantikan_kiriman"),
        sa.ForeignKeyConstraint(["desa_id"], ["desa.id"], name="fk_kiriman_desa_id_desa"),
        sa.ForeignKeyConstraint(["bumdes_id"], ["bumdes.id"], name="fk_kiriman_bumdes_id_bumdes"),
        sa.ForeignKeyConstraint(["pengguna_id"], ["pengguna.id"],
                                name="fk_kiriman_pengguna_id_pengguna"),
        sa.ForeignKeyConstraint(["impor_id"], ["impor.id"], name="fk_kiriman_impor_id_impor"),
        sa.UniqueConstraint("kecamatan_id", "kunci_nilai", "versi",
                            name="uq_kiriman_kecamatan_id_kunci_nilai_versi"),
    )
    op.create_index("ix_kiriman_kecamatan_id_id", "kiriman", ["kecamatan_id", "id"])
    op.create_table(
        "kunci_kiriman",
        sa.Column("kunci", sa.String(200), nullable=False),
        sa.Column("kiriman_id", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("dicatat_pada", WaktuUTC, nullable=False),
        sa.PrimaryKeyConstraint("kunci", name="pk_kunci_kiriman"),
        sa.ForeignKeyConstraint(["kiriman_id"], ["kiriman.id"],
                                name="fk_kunci_kiriman_kiriman_id_kiriman"),
    )


def downgrade() -> None:
    for table in ("kunci_kiriman", "kiriman", "impor", "dokumen_rencana", "undangan",
                  "pengguna", "bumdes", "desa", "kecamatan", "kabupaten"):
        op.drop_table(table)
