"""In-memory shape of one kecamatan's data, whatever it was read from.

Both the data-folder reader and the database store produce a :class:`Dataset`;
the engine reads nothing else. Amounts and scores are exact ``Decimal``.
Every realisation value may carry an :class:`Asal` (provenance) so that an
explanation can name who submitted it, when and through which channel.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from ..errors import UsageError

# Status IDM, from lowest to highest (Permendesa PDTT 2/2016).
STATUS_IDM = ("Sangat Tertinggal", "Tertinggal", "Berkembang", "Maju", "Mandiri")

# The levels at which an IKM survey result can be known, most detailed first.
TINGKAT_IKM = ("jawaban", "unsur", "nrr", "jumlah_nrr", "nilai")


@dataclass(frozen=True)
class Asal:
    """Where a value came from: a file line, or a submission (who, when, channel)."""

    saluran: str  # "berkas", "cli", "bot", "impor"
    keterangan: str  # e.g. "data/loksado/realisasi/2024/laba_bumdes.yaml:12" or a user name
    dicatat_oleh: str | None = None
    dicatat_pada: dt.datetime | None = None
    id_kiriman: int | None = None

    def uraian(self) -> str:
        parts = [self.keterangan]
        if self.dicatat_oleh:
            parts.append(f"oleh {self.dicatat_oleh}")
        if self.dicatat_pada:
            parts.append(f"pada {self.dicatat_pada:%Y-%m-%d %H:%M}")
        parts.append(f"melalui {self.saluran}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Desa:
    kode: str
    nama: str
    catatan: str | None = None  # e.g. a name or fact not yet confirmed by the data owner


@dataclass(frozen=True)
class Bumdes:
    kode: str
    nama: str
    desa: str  # kode desa
    aktif: bool = True
    nama_di_rekap: str | None = None  # as printed in a recap (e.g. OCR of Gambar 3.6)
    catatan: str | None = None  # e.g. "desa belum dikonfirmasi" for an uncertain OCR name


@dataclass(frozen=True)
class Kecamatan:
    kode: str
    nama: str
    kabupaten: str
    desa: tuple[Desa, ...]
    bumdes: tuple[Bumdes, ...]

    def cari_desa(self, kode: str) -> Desa | None:
        return next((d for d in self.desa if d.kode == kode), None)

    def cari_bumdes(self, kode: str) -> Bumdes | None:
        return next((b for b in self.bumdes if b.kode == kode), None)


@dataclass(frozen=True)
class IndikatorRenstra:
    """One indicator of the Renstra: its rule id, satuan, baseline and yearly targets."""

    indikator: str  # id of the indikator rule in rules/
    sasaran_no: int
    sasaran: str
    nama: str
    satuan: str
    baseline_tahun: int
    baseline: Decimal
    target: dict[int, Decimal]
    kondisi_akhir: Decimal | None = None


@dataclass(frozen=True)
class Renstra:
    periode_awal: int
    periode_akhir: int
    tujuan: str
    indikator: tuple[IndikatorRenstra, ...]

    def cari(self, indikator: str) -> IndikatorRenstra | None:
        return next((i for i in self.indikator if i.indikator == indikator), None)


@dataclass(frozen=True)
class PerjanjianKinerja:
    """One version of a year's PK; a Perubahan supersedes the earlier one, both are kept."""

    tahun: int
    versi: str  # "awal", "perubahan", "perubahan-2", ...
    tanggal: dt.date
    target: dict[str, Decimal]  # indikator id -> target
    anggaran_program: dict[str, Decimal]  # program kode -> Rp

    @cached_property
    def uraian(self) -> str:
        """How a target taken from this PK is cited: 'PK 2024 (perubahan, 24-10-2024)'."""
        t = self.tanggal
        return f"PK {self.tahun} ({self.versi}, {t.day:02d}-{t.month:02d}-{t.year})"


@dataclass(frozen=True)
class SubKegiatan:
    kode: str
    nama: str
    program: str  # kode program
    kegiatan: str  # kode kegiatan
    anggaran: Decimal
    mendukung: tuple[str, ...] = ()  # indikator ids it supports (Tabel 3.4 / 3.7 / 3.10)


@dataclass(frozen=True)
class Program:
    kode: str
    nama: str


@dataclass(frozen=True)
class Kegiatan:
    kode: str
    nama: str
    program: str


@dataclass(frozen=True)
class Dpa:
    """The approved budget of a year: program > kegiatan > sub kegiatan."""

    tahun: int
    program: tuple[Program, ...]
    kegiatan: tuple[Kegiatan, ...]
    sub_kegiatan: tuple[SubKegiatan, ...]


@dataclass(frozen=True)
class StatusDesa:
    tahun: int
    desa: str
    status: str  # one of STATUS_IDM
    idm: Decimal | None = None
    asal: Asal | None = None


@dataclass(frozen=True)
class LabaBumdes:
    bumdes: str
    tahun: int
    bulan: int  # 1..12
    jumlah: Decimal  # Rp; may be 0 (reported, no profit) — absence of a row means "not reported"
    asal: Asal | None = None


@dataclass(frozen=True)
class SurveiIkm:
    """A semester's IKM survey, at whichever level the officer has it (TINGKAT_IKM).

    jawaban: per unsur, the list of filled answers (1..4);
    unsur: per unsur, sum of scores and number of filled answers;
    nrr: per unsur NRR; jumlah_nrr: the sum of the NRR; nilai: the final IKM (25..100).
    """

    tahun: int
    semester: int  # 1 or 2
    tingkat: str
    jawaban: tuple[tuple[int, ...], ...] | None = None
    jumlah_unsur: tuple[Decimal, ...] | None = None
    terisi_unsur: tuple[int, ...] | None = None
    nrr: tuple[Decimal, ...] | None = None
    jumlah_nrr: Decimal | None = None
    nilai: Decimal | None = None
    responden: int | None = None
    asal: Asal | None = None


@dataclass(frozen=True)
class RealisasiAnggaran:
    sub_kegiatan: str
    tahun: int
    bulan: int | None  # None: the year's total as reported
    jumlah: Decimal
    asal: Asal | None = None


@dataclass(frozen=True)
class Pembanding:
    """Another kecamatan's stated target and realisasi for one indicator (Tabel 3.5/3.8/3.11)."""

    kecamatan: str
    tahun: int
    indikator: str
    target: Decimal
    realisasi: Decimal
    sumber: str | None = None


@dataclass
class Dataset:
    """Everything known about one kecamatan, as of one moment."""

    kecamatan: Kecamatan
    renstra: Renstra
    pk: list[PerjanjianKinerja] = field(default_factory=list)
    dpa: dict[int, Dpa] = field(default_factory=dict)
    status_desa: list[StatusDesa] = field(default_factory=list)
    laba_bumdes: list[LabaBumdes] = field(default_factory=list)
    ikm: list[SurveiIkm] = field(default_factory=list)
    realisasi_anggaran: list[RealisasiAnggaran] = field(default_factory=list)
    pembanding: list[Pembanding] = field(default_factory=list)
    sumber: str = ""  # where it was read from, for messages

    def pk_berlaku(self, tahun: int) -> PerjanjianKinerja | None:
        """The latest version of the year's PK (a Perubahan supersedes the original)."""
        found = None
        for p in self.pk:  # a loop, not a list: this runs for every kecamatan of a country
            if p.tahun == tahun and (found is None or p.tanggal > found.tanggal):
                found = p
        return found

    def target(self, indikator: str, tahun: int) -> tuple[Decimal | None, str]:
        """The year's target and where it was taken from (PK first, then Renstra)."""
        return self.target_menurut(self.pk_berlaku(tahun), indikator, tahun)

    def target_menurut(self, pk: PerjanjianKinerja | None, indikator: str, tahun: int
                       ) -> tuple[Decimal | None, str]:
        """:meth:`target` with the year's PK already looked up (``pk_berlaku``): many indicators."""
        if pk and indikator in pk.target:
            return pk.target[indikator], pk.uraian
        ren = self.renstra.cari(indikator)
        if ren and tahun in ren.target:
            return ren.target[tahun], f"Renstra {self.renstra.periode_awal}–{self.renstra.periode_akhir}"
        if ren and tahun == ren.baseline_tahun:
            return None, "baseline"
        return None, ""

    def status_per_desa(self, tahun: int) -> dict[str, StatusDesa]:
        """Each desa's status record of ``tahun`` (desa kode -> record); a later row supersedes."""
        return {s.desa: s for s in self.status_desa if s.tahun == tahun}

    def laba_per_bulan(self, tahun: int) -> dict[str, dict[int, Decimal]]:
        """Each BUMDes's reported profit per month of ``tahun`` (BUMDes kode -> month -> Rp);
        a later row for a month supersedes an earlier one; a month not reported is absent."""
        per: dict[str, dict[int, Decimal]] = {}
        kode = months = None
        for r in self.laba_bumdes:
            if r.tahun == tahun:
                if r.bumdes != kode:  # a BUMDes's rows usually come together: one lookup per run
                    kode = r.bumdes
                    months = per.get(kode)
                    if months is None:
                        months = per[kode] = {}
                months[r.bulan] = r.jumlah
        return per

    def direncanakan(self, tahun: int) -> bool:
        """Whether the Renstra period or a PK covers ``tahun`` (``tahun in tahun_rencana()``)."""
        r = self.renstra
        return r.periode_awal <= tahun <= r.periode_akhir or any(p.tahun == tahun for p in self.pk)

    def wajib_direncanakan(self, tahun: int) -> None:
        """A year outside the Renstra period and every PK is a mistyped year, not an empty one."""
        if not self.direncanakan(tahun):
            raise UsageError(f"tidak ada rencana (Renstra atau PK) untuk tahun {tahun}; "
                             f"tahun yang direncanakan: {uraian_tahun(self.tahun_rencana())}")

    def tahun_rencana(self) -> set[int]:
        return tahun_rencana(self.renstra, self.pk)


def tahun_rencana(renstra: Renstra, pk: list[PerjanjianKinerja]) -> set[int]:
    """The years a plan covers: the Renstra period and every year with a PK."""
    years = set(range(renstra.periode_awal, renstra.periode_akhir + 1))
    years.update(p.tahun for p in pk)
    return years


def uraian_tahun(years: set[int]) -> str:
    """``2024–2026`` for consecutive years, else ``2020, 2024, 2025``."""
    years = sorted(years)
    if years and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    return ", ".join(map(str, years))
