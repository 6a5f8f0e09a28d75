"""The pagu of a sub kegiatan bounds its realisations on the state after a change, for a single
report and for a whole folder import alike; a correction that lowers a total always passes."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest

from sakip_rules.errors import SakipError
from sakip_rules.store.users import admin_lokal
from sakip_rules.store.validasi import NilaiDitolak

from salinan import salin_data, ubah

ADMIN = admin_lokal("sekcam", "loksado")
BARIS = "  forkopimcam: 18000000\n"  # pagu Rp 18.000.000 (DPA 2024)


def _bulanan(store, kode):
    """The months reported for ``kode`` in 2024 (the year's total from the seed stays apart)."""
    return {r.bulan: r.jumlah for r in store.dataset("loksado").realisasi_anggaran
            if r.sub_kegiatan == kode and r.tahun == 2024 and r.bulan is not None}


def _folder(tmp_path, baris):
    folder = salin_data(tmp_path)
    ubah(folder / "realisasi" / "2024" / "anggaran.yaml", BARIS, baris)
    return folder


def test_a_folder_whose_months_exceed_the_pagu_is_refused_whole(store, tmp_path, hitung_baris):
    folder = _folder(tmp_path, "  forkopimcam: {1: 10000000, 2: 10000000}\n")
    awal = hitung_baris(store)
    with pytest.raises(SakipError) as exc:
        store.impor_folder(None, folder)
    assert "Rp 20.000.000 melebihi pagu Rp 18.000.000 sub kegiatan forkopimcam" in str(exc.value)
    assert hitung_baris(store) == awal


def test_a_folder_moving_money_between_months_is_judged_on_the_result(store, tmp_path):
    store.impor_folder(None, _folder(tmp_path / "a", "  forkopimcam: {1: 15000000, 2: 3000000}\n"))
    # January down, February up: each month alone against the stored other would exceed the pagu
    store.impor_folder(None, _folder(tmp_path / "b", "  forkopimcam: {1: 3000000, 2: 15000000}\n"))
    assert _bulanan(store, "forkopimcam") == {1: D(3000000), 2: D(15000000)}


def test_a_correction_that_lowers_an_over_pagu_total_passes(store, tmp_path):
    # the installation's limits were looser once: the months stored then exceed the pagu (20 jt > 18 jt)
    aturan = store.batas
    store.batas = dataclasses.replace(aturan, anggaran_melebihi_pagu=True)
    store.impor_folder(None, _folder(tmp_path, "  forkopimcam: {1: 10000000, 2: 10000000}\n"))
    store.batas = aturan
    assert sum(_bulanan(store, "forkopimcam").values()) == D(20000000)
    with pytest.raises(NilaiDitolak, match="melebihi pagu"):  # raising it further is refused
        store.lapor_anggaran(ADMIN, "forkopimcam", 2024, 3, D(1), saluran="cli")
    # lowering it passes although the total (19 jt) is still over the pagu
    assert store.lapor_anggaran(ADMIN, "forkopimcam", 2024, 2, D(9000000), saluran="cli").status == "koreksi"
    assert _bulanan(store, "forkopimcam") == {1: D(10000000), 2: D(9000000)}


def test_a_folder_is_judged_on_what_it_writes_not_on_values_a_person_changed(store, tmp_path, hitung_baris):
    """Reproduction: pagu 18 jt; a person set February to 1 jt; the folder then has January 12 jt,
    February 0, March 6 jt (18 jt on paper). February keeps the person's 1 jt, so writing the folder
    would store 19 jt: refused whole, naming the kept value."""
    orang = store.lapor_anggaran(ADMIN, "forkopimcam", 2024, 2, D(1000000), saluran="cli")
    awal = hitung_baris(store)
    with pytest.raises(SakipError) as exc:
        store.impor_folder(None, _folder(tmp_path / "a", "  forkopimcam: {1: 12000000, 2: 0, 3: 6000000}\n"))
    pesan = str(exc.value)
    assert "Rp 19.000.000 melebihi pagu Rp 18.000.000 sub kegiatan forkopimcam" in pesan
    assert (f"realisasi anggaran forkopimcam Februari 2024 = Rp 1.000.000 (kiriman #{orang.id})"
            in pesan)
    assert hitung_baris(store) == awal
    assert _bulanan(store, "forkopimcam") == {2: D(1000000)}
    # within the pagu with the person's February counted: written, February left as it is
    h = store.impor_folder(None, _folder(tmp_path / "b", "  forkopimcam: {1: 11000000, 2: 0, 3: 6000000}\n"))
    assert [k.id for k in h.dilewati if k.jenis == "anggaran"] == [orang.id]
    assert _bulanan(store, "forkopimcam") == {1: D(11000000), 2: D(1000000), 3: D(6000000)}


def test_a_month_a_person_withdrew_does_not_count_against_the_pagu(store, tmp_path):
    store.lapor_anggaran(ADMIN, "forkopimcam", 2024, 2, D(5000000), saluran="cli")
    store.tarik(ADMIN, kunci_nilai="anggaran forkopimcam 2024-02", alasan="salah sub kegiatan", saluran="cli")
    # the folder's February (withdrawn by a person) is not written, so 13 + 5 jt fits the pagu
    h = store.impor_folder(None, _folder(tmp_path, "  forkopimcam: {1: 13000000, 2: 9000000, 3: 5000000}\n"))
    assert [k.kunci_nilai for k in h.dilewati if k.jenis == "anggaran"] == ["anggaran forkopimcam 2024-02"]
    assert _bulanan(store, "forkopimcam") == {1: D(13000000), 3: D(5000000)}
