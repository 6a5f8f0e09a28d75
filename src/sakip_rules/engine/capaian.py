"""Tabel 3.2: target, realisasi, capaian and kategori of every IKU, and their average."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..angka import format_angka
from ..data.model import Dataset
from ..errors import DataError, UsageError
from ..formula import in_formula_context
from ..rules.model import BarisSkala, Perhitungan, RuleSet, Skala
from ..rules.vocabulary import MASUKAN_RUMUS_PENGUKURAN
from .calc import HasilHitung, hitung_dalam_konteks
from .sources import DataIndikator, data_indikator


@dataclass
class Golongan:
    """A value classified on a scale: which scale, which row."""

    skala: Skala
    nilai: Decimal
    indeks: int | None
    baris: BarisSkala | None

    @property
    def label(self) -> str | None:
        return self.baris.label if self.baris else None


@dataclass
class HasilIndikator:
    rule: Perhitungan
    tahun: int
    target: Decimal | None
    sumber_target: str
    data: DataIndikator
    realisasi: HasilHitung | None = None
    capaian: HasilHitung | None = None
    kategori: Golongan | None = None
    tambahan: list[Golongan] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)

    @property
    def nilai_realisasi(self) -> Decimal | None:
        return self.realisasi.nilai if self.realisasi else None

    @property
    def nilai_capaian(self) -> Decimal | None:
        return self.capaian.nilai if self.capaian else None


@dataclass
class HasilCapaian:
    tahun: int
    kecamatan: str
    indikator: list[HasilIndikator]
    rata_rata: HasilHitung | None
    kategori: Golongan | None
    dikeluarkan: list[tuple[str, str]]  # (indikator nama, alasan) left out of the average
    fingerprint: str


def golongkan(skala: Skala, nilai: Decimal) -> Golongan:
    hit = skala.golongkan(nilai)
    if hit is None:
        return Golongan(skala, nilai, None, None)
    return Golongan(skala, nilai, hit[0], hit[1])


def nilai_tidak_masuk_skala(g: Golongan) -> str:
    return f"nilai {g.nilai} tidak masuk baris mana pun pada skala '{g.skala.id}' (domain {g.skala.domain})"


def evaluasi_indikator(rules: RuleSet, ds: Dataset, indikator: str, tahun: int) -> HasilIndikator:
    """One indicator of Tabel 3.2; DataError when it cannot be computed (the explanation's view)."""
    return in_formula_context(_evaluasi_indikator, rules, _indikator(rules, indikator), ds, tahun,
                              ds.pk_berlaku(tahun))


def evaluasi_indikator_atau_alasan(rules: RuleSet, ds: Dataset, indikator: str, tahun: int) -> HasilIndikator:
    """One indicator as Tabel 3.2 shows it: one that cannot be computed has its reason as a note."""
    return in_formula_context(_indikator_atau_alasan, rules, _indikator(rules, indikator), ds, tahun,
                              ds.pk_berlaku(tahun))


def _indikator(rules: RuleSet, indikator: str) -> Perhitungan:
    rule = rules.indikator(indikator)
    if rule is None:
        names = ", ".join(rules.pengukuran.indikator)
        raise UsageError(f"indikator '{indikator}' tidak dikenal; yang ada: {names}")
    return rule


def _evaluasi_indikator(rules: RuleSet, rule: Perhitungan, ds: Dataset, tahun: int, pk) -> HasilIndikator:
    target, sumber_target = ds.target_menurut(pk, rule.id, tahun)
    data = data_indikator(rule, ds, tahun)
    out = HasilIndikator(rule, tahun, target, sumber_target, data)
    if data.tanpa_data:
        out.catatan.append(f"Realisasi belum dapat dihitung: {data.tanpa_data}.")
        return out
    if target is None and rule.perlu_target:
        out.catatan.append(f"Target {tahun} belum ada, sedangkan realisasi dibulatkan ke presisi target.")
        return out
    out.realisasi = realisasi = hitung_dalam_konteks(rule, data.masukan, data.diberikan, None, target, data.asal)
    for skala_id in rule.skala_tambahan:
        g = golongkan(rules.skala[skala_id], realisasi.nilai)
        out.tambahan.append(g)
        if g.baris is None:
            out.catatan.append(nilai_tidak_masuk_skala(g))
    if target is None:
        out.catatan.append(f"Target {tahun} belum ada di PK maupun Renstra; capaian tidak dihitung.")
        return out
    out.capaian = _hitung_capaian(rules, target, realisasi.nilai, rule.polaritas)
    out.kategori = golongkan(rules.skala[rules.pengukuran.skala_kategori], out.capaian.nilai)
    return out


def _indikator_atau_alasan(rules: RuleSet, rule: Perhitungan, ds: Dataset, tahun: int, pk) -> HasilIndikator:
    """In Tabel 3.2 an indicator that cannot be computed (e.g. no active BUMDes to divide by)
    is left out of the average with its reason, instead of hiding the other rows;
    `sakip jelaskan` on it still shows the error itself."""
    try:
        return _evaluasi_indikator(rules, rule, ds, tahun, pk)
    except DataError as exc:
        target, sumber_target = ds.target_menurut(pk, rule.id, tahun)
        out = HasilIndikator(rule, tahun, target, sumber_target, DataIndikator())
        out.catatan.append(f"Tidak dapat dihitung: {exc}")
        return out


def hitung_capaian(rules: RuleSet, target: Decimal, realisasi: Decimal, polaritas: str) -> HasilHitung:
    return in_formula_context(_hitung_capaian, rules, target, realisasi, polaritas)


def _hitung_capaian(rules: RuleSet, target: Decimal, realisasi: Decimal, polaritas: str) -> HasilHitung:
    rumus = rules.perhitungan[rules.pengukuran.rumus_capaian]
    try:
        return hitung_dalam_konteks(rumus, {"target": target, "realisasi": realisasi, "polaritas": polaritas})
    except DataError as exc:
        raise DataError(f"capaian tidak dapat dihitung (target {format_angka(target)}, realisasi "
                        f"{format_angka(realisasi)}): {exc.message}") from None


def evaluasi_capaian(rules: RuleSet, ds: Dataset, tahun: int) -> HasilCapaian:
    """Tabel 3.2 for one year: every IKU, and the average over those with a capaian."""
    return in_formula_context(_evaluasi_capaian, rules, ds, tahun)


def _evaluasi_capaian(rules: RuleSet, ds: Dataset, tahun: int) -> HasilCapaian:
    ds.wajib_direncanakan(tahun)
    pk = ds.pk_berlaku(tahun)
    hasil = [_indikator_atau_alasan(rules, rule, ds, tahun, pk) for rule in rules.daftar_indikator()]
    with_capaian = [h.capaian.nilai for h in hasil if h.capaian is not None]
    left_out = [(h.rule.nama, h.catatan[0] if h.catatan else "tanpa data") for h in hasil if h.capaian is None]
    rata = kategori = None
    if with_capaian:
        rumus = rules.perhitungan[rules.pengukuran.rumus_rata_rata]
        (name,) = MASUKAN_RUMUS_PENGUKURAN["rumus_rata_rata"]
        rata = hitung_dalam_konteks(rumus, {name: with_capaian})
        kategori = golongkan(rules.skala[rules.pengukuran.skala_kategori], rata.nilai)
    return HasilCapaian(tahun, ds.kecamatan.nama, hasil, rata, kategori, left_out, rules.fingerprint)
