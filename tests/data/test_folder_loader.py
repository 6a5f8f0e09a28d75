"""The data folder: Loksado's real numbers, and precise errors for broken copies."""

import datetime as dt
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest
from project_paths import DATA_DIR, ROOT
from salinan import baris_dengan, ubah

from sakip_rules.data import model
from sakip_rules.data.folder import load_folder
from sakip_rules.data.paths import default_data_dir
from sakip_rules.errors import DataError, ErrorList



@pytest.fixture(scope="module")
def ds() -> model.Dataset:
    return load_folder(DATA_DIR)


def _laba(ds, bumdes, tahun=2024):
    return {x.bulan: x.jumlah for x in ds.laba_bumdes if x.bumdes == bumdes and x.tahun == tahun}


# --- paths ------------------------------------------------------------------

def test_default_data_dir_is_repo_loksado(monkeypatch):
    monkeypatch.delenv("SAKIP_DATA", raising=False)
    assert default_data_dir() == DATA_DIR
    assert (default_data_dir() / "organisasi.yaml").is_file()


def test_default_data_dir_from_env(monkeypatch, tmp_path):
    monkeypatch.setenv("SAKIP_DATA", str(tmp_path))
    assert default_data_dir() == tmp_path
    monkeypatch.setenv("SAKIP_DATA", "")
    assert default_data_dir() == DATA_DIR


# --- Loksado's numbers ----------------------------------------------------------

def test_organisasi(ds):
    k = ds.kecamatan
    assert (k.kode, k.nama, k.kabupaten) == ("loksado", "Loksado", "Hulu Sungai Selatan")
    assert len(k.desa) == 11
    assert {d.nama for d in k.desa} == {
        "Haratai", "Hulu Banyu", "Halunuk", "Kamawakan", "Lok Lahung", "Loksado", "Lumpangi",
        "Malinau", "Muara Ulang", "Tumingki", "Ulang"}
    assert len(k.bumdes) == 6
    assert all(b.aktif for b in k.bumdes)
    assert {b.kode: b.desa for b in k.bumdes} == {
        "sumber_rahmat": "halunuk",
        "sarantas_berenar": "lumpangi",
        "berlah_kartia_bersama": "malinau",
        "serati": "hulu_banyu",
        "siam_baralang": "loksado",
        "hamaendi_makmer": "loksado",
    }
    for b in k.bumdes:
        assert k.cari_desa(b.desa) is not None
        assert b.nama_di_rekap == b.nama.upper()
    # uncertain assignments are flagged, and the OCR desa names are kept
    assert "BELUM DIKONFIRMASI" in k.cari_bumdes("sarantas_berenar").catatan
    assert "PANGUNGAN" in k.cari_bumdes("sarantas_berenar").catatan
    assert "BELUM DIKONFIRMASI" in k.cari_bumdes("hamaendi_makmer").catatan
    assert "BEALUNUK" in k.cari_bumdes("sumber_rahmat").catatan
    assert "MALINDAU" in k.cari_bumdes("berlah_kartia_bersama").catatan
    assert "BEULU BANTU" in k.cari_bumdes("serati").catatan
    assert k.cari_bumdes("siam_baralang").catatan is None
    # only Loksado has two BUMDes (the recap's second DATA_DIR row)
    per_desa = {}
    for b in k.bumdes:
        per_desa.setdefault(b.desa, []).append(b.kode)
    assert {d: v for d, v in per_desa.items() if len(v) > 1} == {
        "loksado": ["siam_baralang", "hamaendi_makmer"]}


def test_renstra(ds):
    r = ds.renstra
    assert (r.periode_awal, r.periode_akhir) == (2024, 2026)
    assert [i.indikator for i in r.indikator] == ["rasio_desa_maju", "persentase_bumdes_baik", "ikm"]
    rasio = r.cari("rasio_desa_maju")
    assert rasio.sasaran_no == 1 and rasio.satuan == "Rasio"
    assert (rasio.baseline_tahun, rasio.baseline) == (2023, D("0.18"))
    assert rasio.target == {2024: D("0.27"), 2025: D("0.36"), 2026: D("0.45")}
    assert rasio.kondisi_akhir == D("0.45")
    bumdes = r.cari("persentase_bumdes_baik")
    assert bumdes.baseline == D("63.64")
    assert bumdes.target == {2024: D("100"), 2025: D("100"), 2026: D("100")}
    ikm = r.cari("ikm")
    assert (ikm.baseline, ikm.target[2024], ikm.target[2025], ikm.target[2026]) == (
        D("89.9"), D("90.5"), D("91"), D("91.5"))
    # digits as printed: the target's precision is information
    assert str(rasio.target[2024]) == "0.27"
    assert str(ikm.target[2024]) == "90.5"
    for i in r.indikator:
        assert all(isinstance(v, D) for v in i.target.values())


def test_pk_perubahan(ds):
    assert len(ds.pk) == 1
    pk = ds.pk_berlaku(2024)
    assert (pk.tahun, pk.versi, pk.tanggal) == (2024, "perubahan", dt.date(2024, 10, 24))
    assert pk.target == {"rasio_desa_maju": D("0.27"), "persentase_bumdes_baik": D("100"),
                         "ikm": D("90.5")}
    assert [str(v) for v in pk.target.values()] == ["0.27", "100", "90.5"]
    assert sum(pk.anggaran_program.values()) == D("346373250")
    assert pk.anggaran_program["pemberdayaan_masyarakat_desa"] == D("198895800")
    assert ds.pk_berlaku(2025) is None


def test_pk_program_budgets_equal_dpa(ds):
    dpa = ds.dpa[2024]
    per_program = {}
    for s in dpa.sub_kegiatan:
        per_program[s.program] = per_program.get(s.program, D(0)) + s.anggaran
    assert per_program == ds.pk_berlaku(2024).anggaran_program


def test_dataset_target(ds):
    assert ds.target("rasio_desa_maju", 2024) == (D("0.27"), "PK 2024 (perubahan, 24-10-2024)")
    assert ds.target("persentase_bumdes_baik", 2024)[0] == D("100")
    assert ds.target("ikm", 2024)[0] == D("90.5")
    assert ds.target("ikm", 2025) == (D("91"), "Renstra 2024–2026")
    assert ds.target("rasio_desa_maju", 2023) == (None, "baseline")
    assert ds.tahun_rencana() == {2024, 2025, 2026}


def test_dpa(ds):
    dpa = ds.dpa[2024]
    assert len(dpa.program) == 6
    assert len(dpa.kegiatan) == 6
    assert len(dpa.sub_kegiatan) == 11
    assert sum(s.anggaran for s in dpa.sub_kegiatan) == D("346373250")
    program = {p.kode for p in dpa.program}
    kegiatan = {k.kode: k.program for k in dpa.kegiatan}
    for s in dpa.sub_kegiatan:
        assert s.program in program
        assert kegiatan[s.kegiatan] == s.program
        assert len(s.mendukung) == 1

    def jumlah(ind):
        return sum(s.anggaran for s in dpa.sub_kegiatan if ind in s.mendukung)

    assert jumlah("rasio_desa_maju") == D("103395800")  # Tabel 3.4
    assert jumlah("persentase_bumdes_baik") == D("5000000")  # Tabel 3.7
    assert jumlah("ikm") == D("237977450")  # Tabel 3.10


def test_realisasi_anggaran(ds):
    assert len(ds.realisasi_anggaran) == 11
    assert all(r.tahun == 2024 and r.bulan is None for r in ds.realisasi_anggaran)
    assert sum(r.jumlah for r in ds.realisasi_anggaran) == D("318678250")
    real = {r.sub_kegiatan: r.jumlah for r in ds.realisasi_anggaran}
    assert real["sinergitas_polri_tni"] == D("41085000")
    assert real["sinkronisasi_program_pemberdayaan"] == D("62370800")
    assert set(real) == {s.kode for s in ds.dpa[2024].sub_kegiatan}


def test_status_desa(ds):
    def maju(tahun):
        return sorted(s.desa for s in ds.status_desa
                      if s.tahun == tahun and s.status in ("Maju", "Mandiri"))

    assert maju(2023) == ["hulu_banyu", "loksado"]
    assert maju(2024) == ["halunuk", "hulu_banyu", "loksado"]
    s2024 = {s.desa: s.status for s in ds.status_desa if s.tahun == 2024}
    assert len(s2024) == 11
    assert s2024["loksado"] == "Mandiri"
    assert list(s2024.values()).count("Berkembang") == 8
    assert all(s.status in model.STATUS_IDM for s in ds.status_desa)
    assert all(s.idm is None for s in ds.status_desa)


def test_laba_sumber_rahmat_all_twelve_months(ds):
    assert _laba(ds, "sumber_rahmat") == {
        1: D("100000"), 2: D("800000"), 3: D("400000"), 4: D("640000"), 5: D("540000"),
        6: D("360000"), 7: D("640000"), 8: D("1000000"), 9: D("630000"), 10: D("540000"),
        11: D("734400"), 12: D("880000")}


def test_laba_empty_cells_are_absent_not_zero(ds):
    # Hulu Banyu's BUMDes (Serati) reported January and February only
    assert _laba(ds, "serati") == {1: D("150000"), 2: D("200000")}
    # Sarantas Berenar reported only from July
    assert _laba(ds, "sarantas_berenar") == {
        7: D("400000"), 8: D("1000000"), 9: D("1200000"), 10: D("1740000"), 11: D("800000"),
        12: D("550000")}
    assert all(x.jumlah > 0 for x in ds.laba_bumdes)
    assert len(ds.laba_bumdes) == 12 * 4 + 2 + 6
    assert _laba(ds, "berlah_kartia_bersama")[3] == D("800500")
    assert len(_laba(ds, "hamaendi_makmer")) == 12
    assert len(_laba(ds, "siam_baralang")) == 12


def test_provenance_points_at_the_file_line(ds):
    for x in ds.laba_bumdes + ds.status_desa + ds.ikm + ds.realisasi_anggaran:
        assert x.asal is not None and x.asal.saluran == "berkas"
    nov = next(x for x in ds.laba_bumdes if x.bumdes == "sumber_rahmat" and x.bulan == 11)
    file, line = nov.asal.keterangan.rsplit(":", 1)
    assert file.endswith("realisasi/2024/laba_bumdes.yaml")
    text = (DATA_DIR / "realisasi" / "2024" / "laba_bumdes.yaml").read_text().splitlines()
    assert text[int(line) - 1].strip() == "11: 734400"
    real = next(x for x in ds.realisasi_anggaran if x.sub_kegiatan == "forkopimcam")
    file, line = real.asal.keterangan.rsplit(":", 1)
    assert file.endswith("realisasi/2024/anggaran.yaml")
    assert "forkopimcam: 18000000" in (DATA_DIR / "realisasi/2024/anggaran.yaml").read_text() \
        .splitlines()[int(line) - 1]


def test_ikm(ds):
    assert len(ds.ikm) == 1
    s = ds.ikm[0]
    assert (s.tahun, s.semester, s.tingkat) == (2024, 2, "jumlah_nrr")
    assert str(s.jumlah_nrr) == "32.590"
    assert s.nilai is None and s.nrr is None and s.jawaban is None


def test_pembanding(ds):
    got = {(p.kecamatan, p.indikator): (p.target, p.realisasi) for p in ds.pembanding}
    assert got == {
        ("Kalumpang", "rasio_desa_maju"): (D("0.33"), D("0.33")),
        ("Kalumpang", "persentase_bumdes_baik"): (D("100"), D("100.00")),
        ("Kalumpang", "ikm"): (D("86"), D("88.75")),
        ("Padang Batung", "rasio_desa_maju"): (D("0.82"), D("0.82")),
        ("Padang Batung", "persentase_bumdes_baik"): (D("24"), D("24.00")),
        ("Padang Batung", "ikm"): (D("85"), D("85.39")),
    }
    assert {p.sumber for p in ds.pembanding if p.indikator == "ikm"} == {"LKjIP 2024 Tabel 3.11"}


# --- broken copies ------------------------------------------------------------

def gagal(folder: Path, aturan=None) -> list[DataError]:
    with pytest.raises(ErrorList) as info:
        load_folder(folder, aturan)
    errors = info.value.errors
    assert errors and all(isinstance(e, DataError) for e in errors)
    return errors


def test_unknown_key_is_reported_with_line(salinan_data):
    ubah(salinan_data / "organisasi.yaml", "  nama: Loksado\n", "  nama: Loksado\n  warna: merah\n")
    (err,) = gagal(salinan_data)
    assert err.file.endswith("organisasi.yaml")
    assert err.line == baris_dengan(salinan_data / "organisasi.yaml", "warna: merah")
    assert err.key == "kecamatan.warna"
    assert "kunci tidak dikenal: 'warna'" in err.message
    assert "organisasi.yaml:%d [kecamatan.warna]" % err.line in err.render()


def test_unknown_key_deep_in_dpa(salinan_data):
    ubah(salinan_data / "dpa/2024.yaml", "            anggaran: 1500000\n",
         "            anggaran: 1500000\n            pagu: 1500000\n")
    (err,) = gagal(salinan_data)
    assert err.key == "program.0.kegiatan.0.sub_kegiatan.1.pagu"
    assert err.line == baris_dengan(salinan_data / "dpa/2024.yaml", "pagu: 1500000")


def test_wrong_type(salinan_data):
    ubah(salinan_data / "realisasi/2024/laba_bumdes.yaml", "11: 734400", '11: "Rp. 734.400"')
    (err,) = gagal(salinan_data)
    assert err.file.endswith("realisasi/2024/laba_bumdes.yaml")
    assert err.key == "laba.sumber_rahmat.11"
    assert err.line == baris_dengan(salinan_data / "realisasi/2024/laba_bumdes.yaml", "Rp. 734.400")
    assert "harus angka atau kosong" in err.message


def test_negative_profit_refused(salinan_data):
    ubah(salinan_data / "realisasi/2024/laba_bumdes.yaml", "11: 734400", "11: -734400")
    (err,) = gagal(salinan_data)
    assert err.key == "laba.sumber_rahmat.11" and "≥ 0" in err.message


def test_bumdes_with_unknown_desa(salinan_data):
    ubah(salinan_data / "organisasi.yaml", "    desa: halunuk\n", "    desa: bealunuk\n")
    (err,) = gagal(salinan_data)
    assert err.file.endswith("organisasi.yaml")
    assert err.key == "bumdes.0.desa"
    assert err.line == baris_dengan(salinan_data / "organisasi.yaml", "desa: bealunuk")
    assert "'bealunuk'" in err.message and "halunuk" in err.message


def test_laba_for_unknown_bumdes(salinan_data):
    ubah(salinan_data / "realisasi/2024/laba_bumdes.yaml", "  serati:", "  serati_baru:")
    (err,) = gagal(salinan_data)
    assert err.key == "laba.serati_baru"
    assert "BUMDes 'serati_baru' tidak ada di organisasi.yaml" in err.message


def test_month_13(salinan_data):
    ubah(salinan_data / "realisasi/2024/laba_bumdes.yaml", "12: 880000", "13: 880000")
    (err,) = gagal(salinan_data)
    assert err.key == "laba.sumber_rahmat.13"
    assert err.line == baris_dengan(salinan_data / "realisasi/2024/laba_bumdes.yaml", "13: 880000")
    assert "bulan 13 tidak ada" in err.message


def test_duplicate_month(salinan_data):
    ubah(salinan_data / "realisasi/2024/laba_bumdes.yaml", "    12: 880000\n",
         "    12: 880000\n    11: 1\n")
    (err,) = gagal(salinan_data)
    assert err.line == baris_dengan(salinan_data / "realisasi/2024/laba_bumdes.yaml", "11: 1")
    assert "'11' ditulis dua kali" in err.message


def test_duplicate_month_written_differently(salinan_data):
    ubah(salinan_data / "realisasi/2024/laba_bumdes.yaml", "    12: 880000\n",
         "    12: 880000\n    \"01\": 5\n")
    (err,) = gagal(salinan_data)
    assert err.key == "laba.sumber_rahmat.01"
    assert "bulan 1 untuk BUMDes 'sumber_rahmat' ditulis dua kali" in err.message


def test_several_errors_reported_together(salinan_data):
    ubah(salinan_data / "organisasi.yaml", "    desa: halunuk\n", "    desa: bealunuk\n")
    ubah(salinan_data / "realisasi/2024/laba_bumdes.yaml", "12: 880000", "13: 880000")
    ubah(salinan_data / "realisasi/2024/laba_bumdes.yaml", "1: 150000", "1: satu")
    ubah(salinan_data / "renstra.yaml", "satuan: Rasio", "satuan: Rasio\n        polaritas: positif")
    ubah(salinan_data / "realisasi/status_desa.yaml", "halunuk: Maju", "halunuk: Maju Sekali")
    errors = gagal(salinan_data)
    files = {Path(e.file).name for e in errors}
    assert files == {"organisasi.yaml", "laba_bumdes.yaml", "renstra.yaml", "status_desa.yaml"}
    messages = "\n".join(e.render() for e in errors)
    assert "bealunuk" in messages
    assert "polaritas" in messages
    assert "Maju Sekali" in messages
    # the schema errors of laba_bumdes.yaml stop its cross-checks; nothing half-loaded
    assert all(e.line for e in errors)


def test_status_not_in_status_idm(salinan_data):
    ubah(salinan_data / "realisasi/status_desa.yaml", "loksado: Mandiri", "loksado: Mandir")
    (err,) = gagal(salinan_data)
    assert err.key == "status.2023.desa.loksado"
    assert "Mandiri" in err.message and "Berkembang" in err.message


def test_status_for_unknown_desa(salinan_data):
    ubah(salinan_data / "realisasi/status_desa.yaml", "      ulang: Berkembang\n",
         "      ulang: Berkembang\n      kandangan: Maju\n")
    (err,) = gagal(salinan_data)
    assert err.key == "status.2024.desa.kandangan"
    assert "desa 'kandangan' tidak ada" in err.message


def test_status_with_idm_score(salinan_data):
    ubah(salinan_data / "realisasi/status_desa.yaml", "      loksado: Mandiri\n      hulu_banyu: Maju\n      halunuk: Maju",
         "      loksado: {status: Mandiri, idm: 0.8321}\n      hulu_banyu: Maju\n      halunuk: Maju")
    ds = load_folder(salinan_data)
    s = next(x for x in ds.status_desa if x.tahun == 2024 and x.desa == "loksado")
    assert (s.status, s.idm) == ("Mandiri", D("0.8321"))


def test_year_in_file_must_match_file_name(salinan_data):
    ubah(salinan_data / "realisasi/2024/anggaran.yaml", "tahun: 2024", "tahun: 2023")
    (err,) = gagal(salinan_data)
    assert err.key == "tahun" and "(2024)" in err.message


def test_anggaran_for_unknown_sub_kegiatan(salinan_data):
    ubah(salinan_data / "realisasi/2024/anggaran.yaml", "  forkopimcam:", "  forkopimda:")
    (err,) = gagal(salinan_data)
    assert err.key == "realisasi.forkopimda"
    assert "sub kegiatan 'forkopimda' tidak ada di dpa/2024.yaml" in err.message


def test_anggaran_per_month(salinan_data):
    ubah(salinan_data / "realisasi/2024/anggaran.yaml", "  forkopimcam: 18000000\n",
         "  forkopimcam:\n    3: 6000000\n    9: 12000000\n")
    ds = load_folder(salinan_data)
    rows = [r for r in ds.realisasi_anggaran if r.sub_kegiatan == "forkopimcam"]
    assert [(r.bulan, r.jumlah) for r in rows] == [(3, D("6000000")), (9, D("12000000"))]
    assert sum(r.jumlah for r in ds.realisasi_anggaran) == D("318678250")


def test_pk_program_must_exist_in_dpa(salinan_data):
    ubah(salinan_data / "pk/2024.yaml", "      pemerintahan_umum: 53137500", "      pemerintahan: 53137500")
    (err,) = gagal(salinan_data)
    assert err.key == "versi.0.anggaran_program.pemerintahan"
    assert "program 'pemerintahan' tidak ada di dpa/2024.yaml" in err.message


def test_pk_without_dpa(salinan_data):
    (salinan_data / "dpa" / "2024.yaml").unlink()
    errors = gagal(salinan_data)
    assert {Path(e.file).name for e in errors} == {"2024.yaml", "anggaran.yaml"}
    assert any("dpa/2024.yaml tidak ada" in e.message for e in errors)


def test_pk_unknown_indikator(salinan_data):
    ubah(salinan_data / "pk/2024.yaml", "      ikm: 90.5", "      ikm_baru: 90.5")
    (err,) = gagal(salinan_data)
    assert err.key == "versi.0.target.ikm_baru"
    assert "indikator 'ikm_baru' tidak ada di renstra.yaml" in err.message


def test_pk_revision_supersedes_and_both_are_kept(salinan_data):
    ubah(salinan_data / "pk/2024.yaml", "versi:\n", "versi:\n  - versi: awal\n    tanggal: 2024-01-31\n"
         "    target:\n      rasio_desa_maju: 0.18\n      ikm: 90\n")
    ds = load_folder(salinan_data)
    assert [p.versi for p in ds.pk] == ["awal", "perubahan"]
    assert ds.pk_berlaku(2024).versi == "perubahan"
    assert ds.target("rasio_desa_maju", 2024)[0] == D("0.27")


def test_pk_revision_dated_before_original_is_refused(salinan_data):
    ubah(salinan_data / "pk/2024.yaml", "versi:\n", "versi:\n  - versi: awal\n    tanggal: 2024-12-01\n"
         "    target:\n      ikm: 90\n")
    (err,) = gagal(salinan_data)
    assert "versi 'perubahan'" in err.message and "tidak sesudah" in err.message


def test_pk_date_must_be_a_date(salinan_data):
    ubah(salinan_data / "pk/2024.yaml", "tanggal: 2024-10-24", "tanggal: 24 Oktober 2024")
    (err,) = gagal(salinan_data)
    assert err.key == "versi.0.tanggal" and "YYYY-MM-DD" in err.message


def test_renstra_target_outside_periode(salinan_data):
    ubah(salinan_data / "renstra.yaml", "          2026: 0.45\n", "          2026: 0.45\n          2027: 0.54\n")
    (err,) = gagal(salinan_data)
    assert err.key == "sasaran.0.indikator.0.target.2027"
    assert "di luar periode Renstra 2024–2026" in err.message


def test_duplicate_codes(salinan_data):
    ubah(salinan_data / "organisasi.yaml", "  - kode: ulang\n", "  - kode: tumingki\n")
    ubah(salinan_data / "dpa/2024.yaml", "kode: evaluasi_kinerja", "kode: penyusunan_dokumen_perencanaan")
    errors = gagal(salinan_data)
    messages = [e.message for e in errors]
    assert "kode desa 'tumingki' sudah dipakai desa ke-10" in messages
    assert any("kode sub kegiatan 'penyusunan_dokumen_perencanaan' sudah dipakai" in m
               for m in messages)


def test_ikm_levels(salinan_data):
    rows = "\n".join("      - [4, 3, 3, 4, 3, 4, 4, 3, null]" for _ in range(3))
    (salinan_data / "realisasi" / "2024" / "ikm.yaml").write_text(
        "tahun: 2024\nsurvei:\n"
        "  - semester: 1\n    tingkat: jawaban\n    jawaban:\n" + rows + "\n"
        "      - [1, 2, 3, 4, 1, 2, 3, 4, 2]\n"
        "  - semester: 2\n    tingkat: unsur\n    responden: 4\n    unsur:\n"
        + "".join("      - {jumlah: 13, terisi: 4}\n" for _ in range(9)),
        encoding="utf-8")
    ds = load_folder(salinan_data)
    s1, s2 = ds.ikm
    assert s1.tingkat == "jawaban" and s1.responden == 4
    assert s1.jawaban[0] == (4, 4, 4, 1)
    assert s1.jawaban[8] == (2,)  # unanswered items leave the denominator
    assert len(s1.jawaban) == 9
    assert s2.jumlah_unsur == (D(13),) * 9 and s2.terisi_unsur == (4,) * 9


def test_ikm_level_fields_and_answers_checked(salinan_data):
    (salinan_data / "realisasi" / "2024" / "ikm.yaml").write_text(
        "tahun: 2024\nsurvei:\n"
        "  - semester: 1\n    tingkat: jawaban\n    jumlah_nrr: 32.5\n"
        "  - semester: 2\n    tingkat: jawaban\n    jawaban:\n"
        "      - [5, 3, 3, 4, 3, 4, 4, 3, 3]\n"
        "      - [4, 3, 3, 4, 3, 4, 4, 3]\n",
        encoding="utf-8")
    errors = gagal(salinan_data)
    keys = {e.key: e.message for e in errors}
    assert "harus ≤ 4" in keys["survei.1.jawaban.0.0"]
    assert "sedikitnya 9" in keys["survei.1.jawaban.1"]
    # a file with schema errors is not cross-checked further (no noise from survei.0)
    assert set(keys) == {"survei.1.jawaban.0.0", "survei.1.jawaban.1"}


def test_ikm_missing_level_field(salinan_data):
    (salinan_data / "realisasi" / "2024" / "ikm.yaml").write_text(
        "tahun: 2024\nsurvei:\n  - semester: 2\n    tingkat: nilai\n    jumlah_nrr: 32.590\n",
        encoding="utf-8")
    errors = gagal(salinan_data)
    messages = {e.key: e.message for e in errors}
    assert messages["survei.0.tingkat"] == "tingkat 'nilai' membutuhkan kunci 'nilai'"
    assert "bukan milik tingkat 'nilai'" in messages["survei.0.jumlah_nrr"]


def test_ikm_unanswered_unsur_and_impossible_sums(salinan_data):
    (salinan_data / "realisasi" / "2024" / "ikm.yaml").write_text(
        "tahun: 2024\nsurvei:\n"
        "  - semester: 1\n    tingkat: jawaban\n    jawaban:\n"
        "      - [4, 3, 3, 4, 3, 4, 4, 3, null]\n"
        "  - semester: 2\n    tingkat: unsur\n    unsur:\n"
        + "".join("      - {jumlah: 13, terisi: 4}\n" for _ in range(8))
        + "      - {jumlah: 17, terisi: 4}\n",
        encoding="utf-8")
    errors = gagal(salinan_data)
    messages = [e.message for e in errors]
    assert "unsur ke-9 tidak punya satu pun jawaban terisi" in messages
    assert any("unsur ke-9: jumlah 17 tidak mungkin" in m for m in messages)


def test_ikm_duplicate_semester(salinan_data):
    ubah(salinan_data / "realisasi/2024/ikm.yaml", "    jumlah_nrr: 32.590\n",
         "    jumlah_nrr: 32.590\n  - semester: 2\n    tingkat: nilai\n    nilai: 90.43\n")
    (err,) = gagal(salinan_data)
    assert "semester 2 tahun 2024 ditulis dua kali" in err.message


def test_missing_optional_files_are_fine(salinan_data):
    shutil.rmtree(salinan_data / "realisasi")
    shutil.rmtree(salinan_data / "pembanding")
    shutil.rmtree(salinan_data / "pk")
    shutil.rmtree(salinan_data / "dpa")
    ds = load_folder(salinan_data)
    assert ds.pk == [] and ds.dpa == {} and ds.status_desa == [] and ds.laba_bumdes == []
    assert ds.ikm == [] and ds.realisasi_anggaran == [] and ds.pembanding == []
    assert ds.target("ikm", 2024) == (D("90.5"), "Renstra 2024–2026")


@pytest.mark.parametrize("wajib", ["organisasi.yaml", "renstra.yaml"])
def test_missing_required_file_names_the_folder(salinan_data, wajib):
    (salinan_data / wajib).unlink()
    errors = gagal(salinan_data)
    err = next(e for e in errors if wajib in e.message)
    assert err.file.endswith("loksado")
    assert "tidak ada di folder data" in err.message


def test_missing_folder(tmp_path):
    errors = gagal(tmp_path / "tidak_ada")
    assert errors[0].file.endswith("tidak_ada") and "tidak ditemukan" in errors[0].message


def test_unknown_file_is_an_error(salinan_data):
    (salinan_data / "realisasi" / "2024" / "laba.yaml").write_text("tahun: 2024\n", encoding="utf-8")
    (salinan_data / "renstra.yml").write_text("x: 1\n", encoding="utf-8")
    errors = gagal(salinan_data)
    assert len(errors) == 2
    assert any(e.file.endswith("laba.yaml") and "berkas tidak dikenal" in e.message for e in errors)
    assert any(e.file.endswith("renstra.yml") and ".yaml" in e.message for e in errors)


def test_yaml_syntax_error_is_collected(salinan_data):
    ubah(salinan_data / "pembanding/2024.yaml", "  - nama: Kalumpang\n", "  - nama: [Kalumpang\n")
    ubah(salinan_data / "realisasi/2024/laba_bumdes.yaml", "12: 880000", "13: 880000")
    errors = gagal(salinan_data)
    assert {Path(e.file).name for e in errors} == {"2024.yaml", "laba_bumdes.yaml"}


def test_bad_key_forms(salinan_data):
    ubah(salinan_data / "realisasi/2024/laba_bumdes.yaml", "  sumber_rahmat:", "  Sumber Rahmat:")
    ubah(salinan_data / "realisasi/2024/anggaran.yaml", "  forkopimcam: 18000000\n",
         "  forkopimcam:\n    nov: 18000000\n")
    errors = {e.key: e for e in gagal(salinan_data)}
    assert 'teks "Sumber Rahmat"' in errors["laba"].message and "hulu_banyu" in errors["laba"].message
    err = errors["realisasi.forkopimcam"]
    assert "bulan ditulis angka 1 sampai 12" in err.message and 'teks "nov"' in err.message
    assert err.line == baris_dengan(salinan_data / "realisasi/2024/anggaran.yaml", "forkopimcam:")


def test_yes_no_keys_cannot_sneak_in(salinan_data):
    # YAML 1.1 reads a key `no` as false; the reader refuses it instead of storing "False"
    ubah(salinan_data / "renstra.yaml", "  - nomor: 1\n", "  - no: 1\n")
    errors = gagal(salinan_data)
    assert any("'no'" in e.message and "ya/tidak" in e.message and e.line for e in errors)


SCHEMAS = ROOT / "src" / "sakip_rules" / "data" / "schemas"


def _objects(node, path="#"):
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield path, node
        for k, v in node.items():
            if k != "if":  # `if: {type: object}` only probes the shape
                yield from _objects(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _objects(v, f"{path}/{i}")


def test_schemas_are_strict_draft_2020_12():
    import json

    import jsonschema

    from sakip_rules.schema import load_schema

    names = sorted(p.name for p in SCHEMAS.glob("*.json"))
    assert names == ["anggaran.json", "dpa.json", "ikm.json", "laba_bumdes.json",
                     "organisasi.json", "pembanding.json", "pk.json", "renstra.json",
                     "status_desa.json"]
    for name in names:
        schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)
        assert load_schema("sakip_rules.data", f"schemas/{name}") == schema
        for where, obj in _objects(schema):
            assert obj.get("description"), f"{name} {where}: no description"
            if "properties" in obj:
                assert obj["additionalProperties"] is False, f"{name} {where}"
            else:  # a map keyed by code / year / month: keys and values both constrained
                assert "pattern" in obj["propertyNames"], f"{name} {where}"
                assert isinstance(obj["additionalProperties"], dict), f"{name} {where}"


# --- the survey's shape comes from the IKM rule -------------------------------

def _survei_sepuluh_unsur(folder: Path) -> None:
    (folder / "realisasi" / "2024" / "ikm.yaml").write_text(
        "tahun: 2024\nsurvei:\n"
        "  - semester: 1\n    tingkat: jawaban\n    jawaban:\n"
        "      - [5, 4, 3, 4, 3, 4, 4, 3, 1, 5]\n"
        "  - semester: 2\n    tingkat: jumlah_nrr\n    jumlah_nrr: 45\n", encoding="utf-8")


def _aturan_sepuluh_unsur(tmp_path: Path):
    from salinan import salin_aturan

    from sakip_rules.rules import load_rules

    rules = salin_aturan(tmp_path)
    f = rules / "indikator" / "ikm.yaml"
    ubah(f, "banyak_butir: 9", "banyak_butir: 10")
    ubah(f, 'rentang: "[1, 4]"', 'rentang: "[1, 5]"')
    return load_rules(rules)


def test_ikm_survey_shape_follows_the_rule_set_given(salinan_data, tmp_path):
    _survei_sepuluh_unsur(salinan_data)
    ds = load_folder(salinan_data, _aturan_sepuluh_unsur(tmp_path))
    s1, s2 = ds.ikm
    assert len(s1.jawaban) == 10 and s1.jawaban[0] == (5,) and s2.jumlah_nrr == D(45)


def test_ikm_survey_shape_defaults_to_the_shipped_rules(salinan_data):
    _survei_sepuluh_unsur(salinan_data)
    keys = {e.key: e.message for e in gagal(salinan_data)}
    assert "paling banyak 9 butir" in keys["survei.0.jawaban.0"]
    assert "harus ≤ 4" in keys["survei.0.jawaban.0.0"]
    assert "harus ≤ 36" in keys["survei.1.jumlah_nrr"]  # 9 unsur × 4


def test_ikm_value_and_sums_follow_the_rule_ranges(salinan_data, tmp_path):
    (salinan_data / "realisasi" / "2024" / "ikm.yaml").write_text(
        "tahun: 2024\nsurvei:\n"
        "  - semester: 1\n    tingkat: unsur\n    unsur:\n"
        + "".join("      - {jumlah: 20, terisi: 4}\n" for _ in range(10))  # 4 answers of 5: possible
        + "  - semester: 2\n    tingkat: nilai\n    nilai: 101\n", encoding="utf-8")
    keys = {e.key: e.message for e in gagal(salinan_data, _aturan_sepuluh_unsur(tmp_path))}
    assert set(keys) == {"survei.1.nilai"} and "harus ≤ 100" in keys["survei.1.nilai"]


def test_ikm_survey_without_an_ikm_rule_is_refused_at_the_file(salinan_data, salinan_aturan):
    from sakip_rules.rules import load_rules

    ubah(salinan_aturan / "indikator" / "ikm.yaml", "    sumber: ikm\n", "")
    ubah(salinan_aturan / "indikator" / "ikm.yaml", "    pilih: {semester: 2}\n", "")  # a choice of survey without one
    (e,) = gagal(salinan_data, load_rules(salinan_aturan))
    assert e.file.endswith("realisasi/2024/ikm.yaml")
    assert e.message == "aturan tidak memuat indikator dengan sumber ikm; kiriman IKM tidak dapat diperiksa"
