"""Writing the recap of BUMDes profit (Gambar 3.6 layout) and IKM answers, as CSV or XLSX.

The output is read back by :mod:`importing` to exactly the same values (round trip).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ..angka import format_angka
from ..data import model as m
from . import berkas_tabel
from .importing import JUDUL_REKAP

FORMAT_RUPIAH_XLSX = '"Rp." #,##0'


def _sel_rupiah(jumlah: Decimal | None, xlsx: bool):
    if jumlah is None:
        return "Rp."
    if xlsx and jumlah == jumlah.to_integral_value():
        return int(jumlah)
    places = 0 if jumlah == jumlah.to_integral_value() else 2
    return f"Rp. {format_angka(jumlah, places)}"


def baris_rekap_laba(ds: m.Dataset, tahun: int, *, xlsx: bool) -> list[list]:
    per = ds.laba_per_bulan(tahun)
    baris = [list(JUDUL_REKAP)]
    no = 0
    for b in ds.kecamatan.bumdes:
        if not b.aktif and b.kode not in per:
            continue
        no += 1
        desa = ds.kecamatan.cari_desa(b.desa)
        bulan = per.get(b.kode, {})
        baris.append([no, (desa.nama if desa else b.desa).upper(), b.nama_di_rekap or b.nama.upper()]
                     + [_sel_rupiah(bulan.get(bl), xlsx) for bl in range(1, 13)]
                     + ["" if b.aktif else "tidak aktif"])
    return baris


def ekspor_rekap_laba(ds: m.Dataset, tahun: int, path: Path) -> Path:
    ds.wajib_direncanakan(tahun)  # a mistyped year gives a message, not an empty recap
    path = Path(path)
    xlsx = path.suffix.lower() == ".xlsx"
    judul = f"DATA BUMDES KECAMATAN {ds.kecamatan.nama.upper()} TAHUN {tahun}"
    return berkas_tabel.tulis(path, baris_rekap_laba(ds, tahun, xlsx=xlsx), judul=judul,
                              format_angka={j: FORMAT_RUPIAH_XLSX for j in range(3, 15)},
                              lebar={0: 5, 1: 16, 2: 26, **{j: 14 for j in range(3, 15)}, 15: 14})


def ekspor_jawaban_ikm(jawaban: list[list[int | None]], banyak_unsur: int, path: Path) -> Path:
    baris = [["NO"] + [f"U{u}" for u in range(1, banyak_unsur + 1)]]
    for i, r in enumerate(jawaban, 1):
        baris.append([i] + [("" if v is None else v) for v in r])
    return berkas_tabel.tulis(path, baris)
