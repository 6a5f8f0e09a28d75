"""Adapters from a Dataset to the inputs a rule names (``masukan.<x>.sumber``).

Each adapter returns the values for one year, or says why there is no data yet
(missing is never zero). The vocabulary is documented in rules/vocabulary.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from ..angka import SEMESTER_ROMAWI
from ..data.model import Dataset, SurveiIkm
from ..rules.model import Masukan, Perhitungan
from ..rules.vocabulary import IKM_TINGKAT_NAMA



class DataIndikator:
    """What the data gives one indicator for one year (built on every evaluation, so plain)."""

    def __init__(self):
        self.masukan: dict[str, Any] = {}
        self.diberikan: dict[str, Any] = {}
        self.asal: dict[str, str] = {}  # name -> provenance text, for given values
        self.keterangan: list[str] = []  # e.g. the IKM level used
        self.tanpa_data: str | None = None  # why the realisasi cannot be computed
        self.baris: dict[str, Callable[[], list]] = {}  # name -> the rows it was built from
        # name -> every field of the records, when the formulas were given only the fields they read
        self.lengkap: dict[str, Callable[[], list]] = {}

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


@dataclass(frozen=True)
class Kolom:
    """Which fields of an input's records the rule's formulas read (``dibaca``, None: all) and
    which of its list fields they may see in order (``berurutan``, None: all)."""

    dibaca: frozenset[str] | None = None
    berurutan: frozenset[str] | None = None

    def perlu(self, field: str) -> bool:
        return self.dibaca is None or field in self.dibaca

    def urut(self, *fields: str) -> bool:
        """Whether lists of these fields must be built in order (any read one is observed)."""
        return self.berurutan is None or any(f in self.berurutan for f in fields if self.perlu(f))


SEMUA_KOLOM = Kolom()


def _status_desa(ds: Dataset, tahun: int, m: Masukan, out: DataIndikator, kolom: Kolom):
    by_desa = ds.status_per_desa(tahun)
    if not by_desa:
        out.tanpa_data = f"status desa tahun {tahun} belum dicatat"
        return
    desa = ds.kecamatan.desa
    try:
        out.masukan[m.nama] = _catatan_status(desa, by_desa, kolom)
    except KeyError:
        missing = ", ".join(x.nama for x in desa if x.kode not in by_desa)
        out.tanpa_data = f"status desa tahun {tahun} belum dicatat untuk: {missing}"
        return
    if kolom is not SEMUA_KOLOM:
        out.lengkap[m.nama] = lambda: _catatan_status(desa, by_desa, SEMUA_KOLOM)
    out.baris[m.nama] = lambda: [by_desa[d.kode] for d in desa]


def _catatan_status(desa, by_desa: dict, kolom: Kolom) -> list[dict]:
    """One record per desa, with the fields the formulas read; KeyError for a desa without status."""
    if kolom.dibaca == {"status"}:  # the usual rule: only the status is read
        return [{"status": by_desa[d.kode].status} for d in desa]
    records = []
    for d in desa:
        s = by_desa[d.kode]
        rec = {"kode": d.kode, "nama": d.nama, "status": s.status, "idm": s.idm}
        records.append(rec if kolom.dibaca is None else {k: rec[k] for k in kolom.dibaca if k in rec})
    return records


def _bumdes(ds: Dataset, tahun: int, m: Masukan, out: DataIndikator, kolom: Kolom):
    per = ds.laba_per_bulan(tahun)
    if not per:
        out.tanpa_data = f"belum ada laporan keuntungan BUMDes tahun {tahun}"
        return
    out.masukan[m.nama] = _catatan_bumdes(ds, per, kolom)
    if kolom is not SEMUA_KOLOM:
        out.lengkap[m.nama] = lambda: _catatan_bumdes(ds, per, SEMUA_KOLOM)
    out.baris[m.nama] = lambda: [r for r in ds.laba_bumdes if r.tahun == tahun]


_NO_MONTHS: dict[int, Decimal] = {}


def _catatan_bumdes(ds: Dataset, per: dict[str, dict[int, Decimal]], kolom: Kolom) -> list[dict]:
    """One record per BUMDes with the fields the formulas read. The month lists are the
    costly fields: built only when read, and sorted by month only when their order can show."""
    plain = [f for f in ("kode", "nama", "desa", "aktif") if kolom.perlu(f)]
    laba, bulan = kolom.perlu("laba"), kolom.perlu("bulan")
    if plain == ["aktif"] and laba and not bulan and not kolom.urut("laba"):
        # the usual rule (count the profitable months of active BUMDes), as one comprehension
        get = per.get
        return [{"aktif": b.aktif, "laba": [*get(b.kode, _NO_MONTHS).values()]} for b in ds.kecamatan.bumdes]
    in_order = kolom.urut("laba", "bulan")
    records = []
    for b in ds.kecamatan.bumdes:
        rec = {f: getattr(b, f) for f in plain}
        months = per.get(b.kode, _NO_MONTHS)
        ordered = sorted(months) if in_order else list(months)
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
    for name in IKM_TINGKAT_NAMA[s.tingkat]:
        (out.masukan if name == m.nama else out.diberikan)[name] = _NILAI_IKM[name](s)
        if s.asal:
            out.asal[name] = s.asal.uraian()
    label = {"jawaban": "jawaban per responden", "unsur": "jumlah nilai dan banyak jawaban per unsur",
             "nrr": "NRR per unsur", "jumlah_nrr": "jumlah NRR", "nilai": "nilai IKM akhir"}[s.tingkat]
    resp = f", {s.responden} responden" if s.responden else ""
    out.keterangan.append(f"Survei IKM semester {SEMESTER_ROMAWI[semester]} {tahun}: data tingkat '{s.tingkat}' "
                          f"({label}{resp})")


# The value of each input name of the IKM rule, from a survey at the level that gives it.
_NILAI_IKM: dict[str, Callable[[SurveiIkm], Any]] = {
    "jawaban": lambda s: [list(map(Decimal, u)) for u in s.jawaban],
    "jumlah_unsur": lambda s: list(s.jumlah_unsur),
    "terisi_unsur": lambda s: list(map(Decimal, s.terisi_unsur)),
    "nrr": lambda s: list(s.nrr),
    "jumlah_nrr": lambda s: s.jumlah_nrr,
    "ikm": lambda s: s.nilai,
}


# Each adapter gets the fields of its records that the rule's formulas read (see Kolom).
_ADAPTERS = {"status_desa": _status_desa, "bumdes": _bumdes, "ikm": _ikm}


def _kolom(rule: Perhitungan, name: str) -> Kolom:
    """The fields of input ``name`` the rule reads."""
    dibaca, berurutan = rule.kolom_dipakai(name), rule.kolom_berurutan(name)
    return SEMUA_KOLOM if dibaca is None and berurutan is None else Kolom(dibaca, berurutan)


def _sumber(rule: Perhitungan) -> tuple:
    """(adapter, input, fields read) for every input of ``rule`` the data supplies, worked out
    once per rule: this runs on every evaluation."""
    found = rule.__dict__.get("_sumber")
    if found is None:
        found = rule.__dict__["_sumber"] = tuple((_ADAPTERS[m.sumber], m, _kolom(rule, m.nama))
                                                 for m in rule.masukan.values() if m.sumber)
    return found


def data_indikator(rule: Perhitungan, ds: Dataset, tahun: int) -> DataIndikator:
    out = DataIndikator()
    for adapter, m, kolom in _sumber(rule):
        adapter(ds, tahun, m, out, kolom)
        if out.tanpa_data:
            break
    return out
