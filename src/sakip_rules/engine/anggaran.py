"""Tabel 3.16 (realisasi anggaran) and the left half of Tabel 3.14 (efisiensi per sasaran)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..data.model import Dataset, Dpa
from ..errors import UsageError
from ..rules.model import RuleSet
from ..rules.vocabulary import masukan_rumus
from .calc import HasilHitung, hitung
from .capaian import HasilCapaian


@dataclass
class BarisAnggaran:
    tingkat: str  # program | kegiatan | sub_kegiatan | total
    kode: str
    nama: str
    anggaran: Decimal
    realisasi: Decimal | None  # None: nothing reported yet
    persen: HasilHitung | None


@dataclass
class TabelAnggaran:
    tahun: int
    baris: list[BarisAnggaran]
    total: BarisAnggaran
    belum_dilaporkan: list[str]


def dpa_tahun(ds: Dataset, tahun: int) -> Dpa:
    if tahun not in ds.dpa:
        years = ", ".join(str(y) for y in sorted(ds.dpa)) or "tidak ada"
        raise UsageError(f"tidak ada DPA untuk tahun {tahun}; DPA yang ada: {years}")
    return ds.dpa[tahun]


def realisasi_per_sub_kegiatan(ds: Dataset, tahun: int) -> dict[str, Decimal]:
    """The year's realisasi per sub kegiatan: a reported yearly total supersedes the months' sum."""
    yearly: dict[str, Decimal] = {}
    monthly: dict[str, dict[int, Decimal]] = {}
    for r in ds.realisasi_anggaran:
        if r.tahun != tahun:
            continue
        if r.bulan is None:
            yearly[r.sub_kegiatan] = r.jumlah  # later rows supersede earlier ones
        else:
            monthly.setdefault(r.sub_kegiatan, {})[r.bulan] = r.jumlah
    out = {k: sum(v.values(), Decimal(0)) for k, v in monthly.items()}
    out.update(yearly)
    return out


def _jumlah(subs, real: dict[str, Decimal]) -> tuple[Decimal, Decimal | None]:
    """Budget and realisasi of some sub kegiatan: realisasi None when none of them reported."""
    anggaran = sum((s.anggaran for s in subs), Decimal(0))
    reported = [real[s.kode] for s in subs if s.kode in real]
    return anggaran, sum(reported, Decimal(0)) if reported else None


def _persen(rules: RuleSet, anggaran: Decimal, realisasi: Decimal | None) -> HasilHitung | None:
    if realisasi is None or anggaran == 0:
        return None
    return hitung(rules.rumus(rules.pengukuran.rumus_realisasi_anggaran),
                  masukan_rumus("rumus_realisasi_anggaran", anggaran, realisasi))


def tabel_anggaran(rules: RuleSet, ds: Dataset, tahun: int) -> TabelAnggaran:
    dpa = dpa_tahun(ds, tahun)
    real = realisasi_per_sub_kegiatan(ds, tahun)
    rows: list[BarisAnggaran] = []

    def line(tingkat, kode, nama, subs):
        anggaran, realisasi = _jumlah(subs, real)
        return BarisAnggaran(tingkat, kode, nama, anggaran, realisasi, _persen(rules, anggaran, realisasi))

    for p in dpa.program:
        p_subs = [s for s in dpa.sub_kegiatan if s.program == p.kode]
        rows.append(line("program", p.kode, p.nama, p_subs))
        for k in (k for k in dpa.kegiatan if k.program == p.kode):
            k_subs = [s for s in p_subs if s.kegiatan == k.kode]
            rows.append(line("kegiatan", k.kode, k.nama, k_subs))
            for s in k_subs:
                rows.append(line("sub_kegiatan", s.kode, s.nama, [s]))
    total = line("total", "total", "Total", list(dpa.sub_kegiatan))
    missing = [s.nama for s in dpa.sub_kegiatan if s.kode not in real]
    return TabelAnggaran(tahun, rows, total, missing)


@dataclass
class EfisiensiSasaran:
    indikator: str
    nama: str
    capaian: Decimal | None
    anggaran: Decimal
    realisasi: Decimal | None
    persen_anggaran: HasilHitung | None
    efisiensi: HasilHitung | None
    sub_kegiatan: list[str] = field(default_factory=list)
    catatan: str | None = None


@dataclass
class TabelEfisiensi:
    tahun: int
    baris: list[EfisiensiSasaran]
    rata_rata: HasilHitung | None
    dikeluarkan: list[tuple[str, str]]


def tabel_efisiensi(rules: RuleSet, ds: Dataset, capaian: HasilCapaian) -> TabelEfisiensi:
    tahun = capaian.tahun
    dpa = dpa_tahun(ds, tahun)
    real = realisasi_per_sub_kegiatan(ds, tahun)
    rumus = rules.rumus(rules.pengukuran.rumus_efisiensi)
    out = []
    for h in capaian.indikator:
        subs = [s for s in dpa.sub_kegiatan if h.rule.id in s.mendukung]
        anggaran, realisasi = _jumlah(subs, real)
        persen = _persen(rules, anggaran, realisasi)
        row = EfisiensiSasaran(h.rule.id, h.rule.nama, h.nilai_capaian, anggaran, realisasi, persen, None,
                               [s.nama for s in subs])
        if not subs:
            row.catatan = "tidak ada sub kegiatan pendukung dalam DPA"
        elif anggaran == 0:
            row.catatan = "anggaran sub kegiatan pendukung dalam DPA nol; persentase realisasi tidak terdefinisi"
        elif persen is None:
            row.catatan = "realisasi anggaran sub kegiatan pendukung belum dilaporkan"
        elif persen.mentah == 0:
            row.catatan = "realisasi anggaran pendukung nol; efisiensi tidak terdefinisi"
        elif h.nilai_capaian is None:
            row.catatan = "capaian belum dapat dihitung"
        else:
            # The ratio uses the stated (rounded) capaian and the unrounded budget percentage.
            row.efisiensi = hitung(rumus, masukan_rumus("rumus_efisiensi", h.nilai_capaian, persen.mentah))
        out.append(row)
    usable = [r for r in out if r.efisiensi is not None]
    rata = None
    if usable:
        rr = rules.rumus(rules.pengukuran.rumus_rata_rata_efisiensi)
        # The average uses the ratios before their display rounding (Tabel 3.14: 1,05).
        rata = hitung(rr, masukan_rumus("rumus_rata_rata_efisiensi", [r.efisiensi.mentah for r in usable]))
    return TabelEfisiensi(tahun, out, rata, [(r.nama, r.catatan) for r in out if r.efisiensi is None])

