"""Adapters from a Dataset to the inputs a rule names (``masukan.<x>.sumber``).

Each adapter (a ``Sumber``) gives the values for one year, or says why there is no data yet
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
    """What the data gives a rule for one year, filled on creation by the adapters of its
    ``sumber_aturan`` (none: empty). Made on every evaluation, so it holds only the values the
    formulas read; what only a reader needs (records with all their fields, the rows behind
    them, provenance, notes) is built from the dataset when read."""

    __slots__ = ("masukan", "diberikan", "tanpa_data", "_sumber", "_ds", "_tahun")

    def __init__(self, sumber: tuple = (), ds: Dataset | None = None, tahun: int | None = None):
        self.masukan: dict[str, Any] = {}
        self.diberikan: dict[str, Any] = {}  # values the data gives for steps (e.g. the IKM's NRR)
        self.tanpa_data: str | None = None  # why the realisasi cannot be computed
        self._ds, self._tahun = ds, tahun
        for i, (adapter, m, kolom) in enumerate(sumber):
            adapter.isi(ds, tahun, m, kolom, self)
            if self.tanpa_data:
                sumber = sumber[:i]  # readers see only the inputs that were filled
                break
        self._sumber = sumber  # (adapter, input, fields read) of every input that was filled

    @property
    def keterangan(self) -> list[str]:
        """Notes on the data used, e.g. the IKM level."""
        return [k for adapter, m, _ in self._sumber for k in adapter.keterangan(self._ds, self._tahun, m)]

    @property
    def asal(self) -> dict[str, str]:
        """Where each value given for a step came from (name -> provenance text)."""
        out: dict[str, str] = {}
        for adapter, m, _ in self._sumber:
            out.update(adapter.asal(self._ds, self._tahun, m))
        return out

    def untuk_dibaca(self, name: str):
        """An input as a reader should see it: records with all their fields."""
        for adapter, m, kolom in self._sumber:
            if m.nama == name and kolom is not SEMUA_KOLOM:
                return adapter.lengkap(self._ds, self._tahun, m)
        return self.masukan[name]

    def uraian_asal(self, name: str) -> str | None:
        """Where an input came from, summarised."""
        asal = self.asal
        if name in asal:
            return asal[name]
        rows = next((adapter.baris(self._ds, self._tahun, m) for adapter, m, _ in self._sumber if m.nama == name),
                    None)
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
    """Which fields of an input's records the rule's formulas read (``dibaca``, None: all),
    which of its list fields they may see in order (``berurutan``, None: all), and, for a
    program compiled for it (codegen ``susunan``), the fields of a record as a tuple in order
    (``susunan``; one field: the record is that field's value; None: records are dicts)."""

    dibaca: frozenset[str] | None = None
    berurutan: frozenset[str] | None = None
    susunan: tuple[str, ...] | None = None

    def perlu(self, field: str) -> bool:
        return self.dibaca is None or field in self.dibaca

    def urut(self, *fields: str) -> bool:
        """Whether lists of these fields must be built in order (any read one is observed)."""
        return self.berurutan is None or any(f in self.berurutan for f in fields if self.perlu(f))


SEMUA_KOLOM = Kolom()


class Sumber:
    """How one kind of data (a ``sumber`` word) becomes a rule's input for one year.

    ``isi`` runs on every evaluation and fills ``out`` (or says why there is no data: missing
    is never zero); the other methods serve readers and are called only when one asks.
    ``kolom_tersedia``: the fields its records have, which a record tuple may hold."""

    kolom_tersedia: frozenset[str] = frozenset()

    def isi(self, ds: Dataset, tahun: int, m: Masukan, kolom: Kolom, out: DataIndikator) -> None:
        raise NotImplementedError

    def lengkap(self, ds: Dataset, tahun: int, m: Masukan) -> Any:
        """The input with every field of its records."""
        out = DataIndikator()
        self.isi(ds, tahun, m, SEMUA_KOLOM, out)
        return out.masukan[m.nama]

    def baris(self, ds: Dataset, tahun: int, m: Masukan) -> list:
        """The data rows the input was built from (for provenance)."""
        return []

    def keterangan(self, ds: Dataset, tahun: int, m: Masukan) -> list[str]:
        return []

    def asal(self, ds: Dataset, tahun: int, m: Masukan) -> dict[str, str]:
        """Provenance of the values this input gives for steps."""
        return {}


def _dalam_susunan(rec: dict, kolom: Kolom):
    """A record in the shape ``kolom`` asks: the dict, a tuple of fields, or one field's value."""
    fields = kolom.susunan
    if fields is None:
        return rec
    return rec[fields[0]] if len(fields) == 1 else tuple(rec[f] for f in fields)


class _StatusDesa(Sumber):
    kolom_tersedia = frozenset({"kode", "nama", "status", "idm"})

    def isi(self, ds, tahun, m, kolom, out):
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

    def baris(self, ds, tahun, m):
        by_desa = ds.status_per_desa(tahun)
        return [by_desa[d.kode] for d in ds.kecamatan.desa]


_HANYA_STATUS = frozenset({"status"})


def _catatan_status(desa, by_desa: dict, kolom: Kolom) -> list[dict]:
    """One record per desa, with the fields the formulas read; KeyError for a desa without status."""
    if kolom.dibaca == _HANYA_STATUS:  # the usual rule: only the status is read
        if kolom.susunan:
            return [by_desa[d.kode].status for d in desa]
        return [{"status": by_desa[d.kode].status} for d in desa]
    records = []
    for d in desa:
        s = by_desa[d.kode]
        rec = {"kode": d.kode, "nama": d.nama, "status": s.status, "idm": s.idm}
        if kolom.dibaca is not None:
            rec = {k: rec[k] for k in kolom.dibaca if k in rec}
        records.append(_dalam_susunan(rec, kolom))
    return records


class _Bumdes(Sumber):
    kolom_tersedia = frozenset({"kode", "nama", "desa", "aktif", "laba", "bulan"})

    def isi(self, ds, tahun, m, kolom, out):
        per = ds.laba_per_bulan(tahun)
        if not per:
            out.tanpa_data = f"belum ada laporan keuntungan BUMDes tahun {tahun}"
            return
        out.masukan[m.nama] = _catatan_bumdes(ds, per, kolom)

    def baris(self, ds, tahun, m):
        return [r for r in ds.laba_bumdes if r.tahun == tahun]


_NO_MONTHS: dict[int, Decimal] = {}


def _bentuk_bumdes(kolom: Kolom) -> tuple:
    """(plain fields read, laba read, bulan read, month lists in order) of a BUMDes record,
    worked out once per rule's Kolom (kept on it: this runs for every kecamatan)."""
    shape = (tuple(f for f in ("kode", "nama", "desa", "aktif") if kolom.perlu(f)), kolom.perlu("laba"),
             kolom.perlu("bulan"), kolom.urut("laba", "bulan"))
    kolom.__dict__["_bumdes"] = shape
    return shape


def _catatan_bumdes(ds: Dataset, per: dict[str, dict[int, Decimal]], kolom: Kolom) -> list[dict]:
    """One record per BUMDes with the fields the formulas read. The month lists are the
    costly fields: built only when read, and sorted by month only when their order can show."""
    plain, laba, bulan, in_order = kolom.__dict__.get("_bumdes") or _bentuk_bumdes(kolom)
    if plain == ("aktif",) and laba and not bulan and not in_order:
        # the usual rule (count the profitable months of active BUMDes), as one comprehension;
        # the months are only counted, so their values are not copied (runtime.DICT_VALUES)
        get = per.get
        if kolom.susunan == ("aktif", "laba"):
            return [(b.aktif, get(b.kode, _NO_MONTHS).values()) for b in ds.kecamatan.bumdes]
        return [{"aktif": b.aktif, "laba": get(b.kode, _NO_MONTHS).values()} for b in ds.kecamatan.bumdes]
    records = []
    for b in ds.kecamatan.bumdes:
        rec = {f: getattr(b, f) for f in plain}
        months = per.get(b.kode, _NO_MONTHS)
        ordered = sorted(months) if in_order else list(months)
        if laba:
            rec["laba"] = list(map(months.__getitem__, ordered))
        if bulan:
            rec["bulan"] = list(map(_BULAN.__getitem__, ordered))
        records.append(_dalam_susunan(rec, kolom))
    return records


class _Ikm(Sumber):
    def isi(self, ds, tahun, m, kolom, out):
        s = _survei(ds, tahun, m)
        if s is None:
            out.tanpa_data = f"hasil survei IKM semester {SEMESTER_ROMAWI[m.pilih['semester']]} {tahun} belum ada"
            return
        for name in IKM_TINGKAT_NAMA[s.tingkat]:
            (out.masukan if name == m.nama else out.diberikan)[name] = _NILAI_IKM[name](s)

    def keterangan(self, ds, tahun, m):
        s = _survei(ds, tahun, m)
        if s is None:
            return []
        resp = f", {s.responden} responden" if s.responden else ""
        return [f"Survei IKM semester {SEMESTER_ROMAWI[s.semester]} {tahun}: data tingkat '{s.tingkat}' "
                f"({_TINGKAT_IKM[s.tingkat]}{resp})"]

    def asal(self, ds, tahun, m):
        s = _survei(ds, tahun, m)
        if s is None or s.asal is None:
            return {}
        return dict.fromkeys(IKM_TINGKAT_NAMA[s.tingkat], s.asal.uraian())


def _survei(ds: Dataset, tahun: int, m: Masukan) -> SurveiIkm | None:
    """The survey of the semester the input names (``pilih``, required by the loader); the
    latest submission supersedes."""
    semester = m.pilih["semester"]
    for s in reversed(ds.ikm):
        if s.tahun == tahun and s.semester == semester:
            return s
    return None


_TINGKAT_IKM = {"jawaban": "jawaban per responden", "unsur": "jumlah nilai dan banyak jawaban per unsur",
                "nrr": "NRR per unsur", "jumlah_nrr": "jumlah NRR", "nilai": "nilai IKM akhir"}

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
_ADAPTERS: dict[str, Sumber] = {"status_desa": _StatusDesa(), "bumdes": _Bumdes(), "ikm": _Ikm()}


def _kolom(rule: Perhitungan, name: str) -> Kolom:
    """The fields of input ``name`` the rule reads."""
    dibaca, berurutan = rule.kolom_dipakai(name), rule.kolom_berurutan(name)
    return SEMUA_KOLOM if dibaca is None and berurutan is None else Kolom(dibaca, berurutan)


def sumber_aturan(rule: Perhitungan, tersusun: bool = False) -> tuple:
    """(adapter, input, fields read) for every input of ``rule`` the data supplies, worked out
    once per rule. ``tersusun``: records as tuples of the fields read where the adapter has
    them all (``Kolom.susunan``), for a program compiled with :func:`susunan_aturan`."""
    key = "_sumber_tersusun" if tersusun else "_sumber"
    found = rule.__dict__.get(key)
    if found is None:
        found = []
        for m in rule.masukan.values():
            if m.sumber:
                adapter, kolom = _ADAPTERS[m.sumber], _kolom(rule, m.nama)
                if tersusun and kolom.dibaca and kolom.dibaca <= adapter.kolom_tersedia:
                    kolom = Kolom(kolom.dibaca, kolom.berurutan, tuple(sorted(kolom.dibaca)))
                found.append((adapter, m, kolom))
        found = tuple(found)
        if tersusun and all(k.susunan is None for _, _, k in found):
            found = sumber_aturan(rule)  # nothing to arrange: the same tuple, so callers can tell
        rule.__dict__[key] = found
    return found


def susunan_aturan(rule: Perhitungan) -> dict[str, tuple[str, ...]]:
    """Input name -> the fields of its record tuples, as ``sumber_aturan(rule, True)`` builds them."""
    return {m.nama: kolom.susunan for _, m, kolom in sumber_aturan(rule, True) if kolom.susunan}
