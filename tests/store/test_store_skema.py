"""Schema, migrations and seeding: the store reproduces the data folder exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.config import Config

from sakip_rules.data.folder import load_folder
from sakip_rules.engine.anggaran import tabel_anggaran
from sakip_rules.engine.capaian import evaluasi_capaian
from sakip_rules.rules.loader import load_rules
from sakip_rules.store import Store, migrations
from sakip_rules.store import schema as s
from sakip_rules.store.koneksi import transaksi_baca

from bantu_store import ROOT

DATA = ROOT / "data" / "loksado"
RULES = ROOT / "rules"


def test_revisi_terkini_sama_dengan_kepala_alembic():
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    assert ScriptDirectory.from_config(cfg).get_current_head() == migrations.REVISI_TERKINI


def test_migrasi_membuat_skema_persis_seperti_metadata(db_kosong):
    st = Store.buka(db_kosong, seed=False)
    try:
        with st.engine.connect() as conn:
            beda = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), s.metadata)
        assert beda == []
        assert st.kosong()
        # a second upgrade does nothing
        assert migrations.upgrade(st.engine) is False
    finally:
        st.tutup()


def test_isi_awal_hanya_sekali(db_kosong, hitung_baris):
    st = Store.buka(db_kosong)
    n = hitung_baris(st)
    st.tutup()
    assert n["kiriman"] > 0 and n["dokumen_rencana"] >= 5 and n["impor"] == 1
    st = Store.buka(db_kosong)
    assert hitung_baris(st) == n
    assert st.isi_awal() is False
    st.tutup()


def _ringkas_capaian(h):
    return [(i.rule.id, i.target, i.nilai_realisasi, i.nilai_capaian) for i in h.indikator], \
        (h.rata_rata.nilai if h.rata_rata else None)


def test_dataset_dari_basis_data_sama_dengan_folder(store):
    rules = load_rules(RULES)
    folder = load_folder(DATA)
    ds = store.dataset("loksado")
    assert ds.kecamatan == folder.kecamatan
    assert ds.renstra == folder.renstra
    assert ds.pk == folder.pk and ds.dpa == folder.dpa and ds.pembanding == folder.pembanding
    for tahun in (2024,):
        assert _ringkas_capaian(evaluasi_capaian(rules, ds, tahun)) == \
            _ringkas_capaian(evaluasi_capaian(rules, folder, tahun))
        a, b = tabel_anggaran(rules, ds, tahun), tabel_anggaran(rules, folder, tahun)
        assert [(x.nama, x.anggaran, x.realisasi) for x in a.baris] == \
            [(x.nama, x.anggaran, x.realisasi) for x in b.baris]
    # same values, exactly the same digits
    kunci = lambda r: (r.bumdes, r.tahun, r.bulan)  # noqa: E731
    assert sorted((kunci(r), r.jumlah) for r in ds.laba_bumdes) == \
        sorted((kunci(r), r.jumlah) for r in folder.laba_bumdes)
    assert str(ds.ikm[-1].jumlah_nrr) == "32.590"


def test_setiap_realisasi_membawa_asal(store):
    ds = store.dataset("loksado")
    rows = ds.laba_bumdes + ds.status_desa + ds.ikm + ds.realisasi_anggaran
    assert rows
    for r in rows:
        a = r.asal
        assert a.saluran == "impor" and a.dicatat_oleh and a.id_kiriman
        assert a.dicatat_pada.tzinfo is not None
        assert "data/loksado" in a.keterangan or "loksado" in a.keterangan
        assert "oleh" in a.uraian() and "melalui impor" in a.uraian()


def test_waktu_disimpan_utc_dan_ditampilkan_wita(store):
    k = store.lapor_laba(_admin(store), "serati", 2024, 3, __import__("decimal").Decimal(1000), saluran="cli")
    assert k.dicatat_pada.utcoffset() == dt.timedelta(hours=8)
    assert k.dicatat_pada == store.jam()
    with transaksi_baca(store.engine) as conn:
        raw = conn.exec_driver_sql(f"SELECT dicatat_pada FROM kiriman WHERE id = {k.id}").scalar()
    raw = raw if isinstance(raw, dt.datetime) else dt.datetime.fromisoformat(raw)
    assert raw == store.jam().replace(tzinfo=None)


def _admin(store):
    from sakip_rules.store.users import admin_lokal

    return admin_lokal("penguji", "loksado")


def test_basis_data_dari_versi_lebih_baru_ditolak_dengan_pesan(db_kosong, capsys):
    from sqlalchemy import create_engine, text

    from sakip_rules.cli.main import main

    assert main(["db", "upgrade", "--db", db_kosong]) == 0
    engine = create_engine(db_kosong)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    engine.dispose()
    capsys.readouterr()
    assert main(["capaian", "2024", "--db", db_kosong]) == 2
    err = capsys.readouterr().err
    assert "revisi 0999" in err and "versi sakip yang lebih baru" in err and "kesalahan internal" not in err


def test_alamat_basis_data_rusak_ditolak_dengan_pesan(capsys):
    from sakip_rules.cli.main import main

    assert main(["capaian", "2024", "--db", "postgresql://x:rahasia@h:bukanport/db"]) == 2
    err = capsys.readouterr().err
    assert "tidak dapat dibaca" in err and "rahasia" not in err
