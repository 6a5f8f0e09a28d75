"""Adapters from a Dataset to the inputs a rule names (``masukan.<x>.sumber``).

Each adapter returns the values for one year, or says why there is no data yet
(missing is never zero). The vocabulary is documented in rules/vocabulary.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable

from ..angka import SEMESTER_ROMAWI
from ..data.model import Dataset
from ..rules.model import Masukan, Perhitungan
from ..rules.vocabulary import IKM_TINGKAT_NAMA



@dataclass
class DataIndikator:
    masukan: dict[str, Any] = field(default_factory=dict)
    diberikan: dict[str, Any] = field(default_factory=dict)
    asal: dict[str, str] = field(default_factory=dict)  # name -> provenance text, for given values
    keterangan: list[str] = field(default_factory=list)  # e.g. the IKM level used
    tanpa_data: str | None = None  # why the realisasi cannot be computed
    baris: dict[str, Callable[[], list]] = field(default_factory=dict)  # name -> the rows it was built from
    # name -> every field of the records, when the formulas were given only the fields they read
    lengkap: dict[str, Callable[[], list]] = field(default_factory=dict)

    def untuk_dibaca(self, name: str):
        """An input as a reader should see it: records with all their fields."""
        return self.lengkap[name]() if name in self.lengkap else self.masukan[name]

    def uraian_asal(self, name: str) -> str | None:
        """Where an input came from, summarised (computed only when an explanation asks)."""
        if name in self.asal:
            return self.asal[name]
        rows = self.baris[name]() if name in self.baris else None
        if not rows:
            return None
        origins: list[str] = []
        for r in rows:
            if r.asal is None:
                continue
            text = r.asal.keterangan.split(":")[0] if r.asal.saluran == "berkas" else r.asal.uraian()
            if text not in origins:
                origins.append(text)
        more = f"; dan {len(origins) - 3} lainnya" if len(origins) > 3 else ""
        return f"{len(rows)} baris data; " + "; ".join(origins[:3]) + more


_BULAN = [Decimal(i) for i in range(13)]


def _status_desa(ds: Dataset, tahun: int, m: Masukan, out: DataIndikator, kolom):
    by_desa = {}
    for s in ds.status_desa:
        if s.tahun == tahun:
            by_desa[s.desa] = s  # later rows supersede earlier ones
    if not by_desa:
        out.tanpa_data = f"status desa tahun {tahun} belum dicatat"
        return
    records = []
    for d in ds.kecamatan.desa:
        s = by_desa.get(d.kode)
        if s is None:
            missing = ", ".join(x.nama for x in ds.kecamatan.desa if x.kode not in by_desa)
            out.tanpa_data = f"status desa tahun {tahun} belum dicatat untuk: {missing}"
            return
        records.append({"kode": d.kode, "nama": d.nama, "status": s.status, "idm": s.idm})
    out.masukan[m.nama] = records
    out.baris[m.nama] = lambda: [by_desa[d.kode] for d in ds.kecamatan.desa]


def _bumdes(ds: Dataset, tahun: int, m: Masukan, out: DataIndikator, kolom: frozenset | None):
    per = ds.laba_per_bulan(tahun)
    if not per:
        out.tanpa_data = f"belum ada laporan keuntungan BUMDes tahun {tahun}"
        return
    out.masukan[m.nama] = _catatan_bumdes(ds, per, kolom is None or "laba" in kolom,
                                          kolom is None or "bulan" in kolom)
    if kolom is not None and not {"laba", "bulan"} <= kolom:
        out.lengkap[m.nama] = lambda: _catatan_bumdes(ds, per, True, True)
    out.baris[m.nama] = lambda: [r for r in ds.laba_bumdes if r.tahun == tahun]


_NO_MONTHS: dict[int, Decimal] = {}


def _catatan_bumdes(ds: Dataset, per: dict[str, dict[int, Decimal]], laba: bool, bulan: bool) -> list[dict]:
    """One record per BUMDes; the month lists (the costly fields) only when a formula reads them."""
    records = []
    for b in ds.kecamatan.bumdes:
        rec = {"kode": b.kode, "nama": b.nama, "desa": b.desa, "aktif": b.aktif}
        months = per.get(b.kode, _NO_MONTHS)
        ordered = sorted(months)
        if laba:
            rec["laba"] = list(map(months.__getitem__, ordered))
        if bulan:
            rec["bulan"] = list(map(_BULAN.__getitem__, ordered))
        records.append(rec)
    return records


def _ikm(ds: Dataset, tahun: int, m: Masukan, out: DataIndikator, kolom):
    semester = m.pilih["semester"]  # required by the loader for sumber ikm
    surveys = [s for s in ds.ikm if s.tahun == tahun and s.semester == semester]
    if not surveys:
        out.tanpa_data = f"hasil survei IKM semester {SEMESTER_ROMAWI[semester]} {tahun} belum ada"
        return
    s = surveys[-1]  # the latest submission supersedes
    values = {
        "jawaban": [list(map(Decimal, u)) for u in s.jawaban] if s.jawaban is not None else None,
        "jumlah_unsur": list(s.jumlah_unsur) if s.jumlah_unsur is not None else None,
        "terisi_unsur": [Decimal(t) for t in s.terisi_unsur] if s.terisi_unsur is not None else None,
        "nrr": list(s.nrr) if s.nrr is not None else None,
        "jumlah_nrr": s.jumlah_nrr,
        "ikm": s.nilai,
    }
    for name in IKM_TINGKAT_NAMA[s.tingkat]:
        target = out.masukan if name == m.nama else out.diberikan
        target[name] = values[name]
        if s.asal:
            out.asal[name] = s.asal.uraian()
    label = {"jawaban": "jawaban per responden", "unsur": "jumlah nilai dan banyak jawaban per unsur",
             "nrr": "NRR per unsur", "jumlah_nrr": "jumlah NRR", "nilai": "nilai IKM akhir"}[s.tingkat]
    resp = f", {s.responden} responden" if s.responden else ""
    out.keterangan.append(f"Survei IKM semester {SEMESTER_ROMAWI[semester]} {tahun}: data tingkat '{s.tingkat}' "
                          f"({label}{resp})")


# Each adapter gets the fields of its records that the rule's formulas read (None: all).
_ADAPTERS = {"status_desa": _status_desa, "bumdes": _bumdes, "ikm": _ikm}


def data_indikator(rule: Perhitungan, ds: Dataset, tahun: int) -> DataIndikator:
    out = DataIndikator()
    for m in rule.masukan.values():
        if m.sumber:
            _ADAPTERS[m.sumber](ds, tahun, m, out, rule.kolom_dipakai(m.nama))
            if out.tanpa_data:
                break
    return out
