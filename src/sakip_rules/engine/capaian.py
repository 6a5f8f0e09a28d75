"""Tabel 3.2: target, realisasi, capaian and kategori of every IKU, and their average.

A table is evaluated for every kecamatan of a country (bench/bench_engine.py), so an evaluation
keeps only what a table shows: the values, the scale rows and the notes. What an explanation or
the JSON reads besides (the data with its provenance, the calculations with every step) is
rebuilt from the same rules and dataset when first read: evaluating one indicator again costs
less than keeping every input of every kecamatan alive (docs/kinerja.md). For the same reason a
usual row runs its realisasi and capaian as one compiled program; the rules are still evaluated
one by one, with every check, whenever that program cannot give the row.
"""

from __future__ import annotations

from decimal import Decimal

from ..angka import format_angka
from ..data.model import Dataset
from ..errors import DataError, UsageError
from ..formula import in_formula_context
from ..rules.model import BarisSkala, Perhitungan, RuleSet, Skala
from ..rules.vocabulary import MASUKAN_RUMUS_PENGUKURAN, masukan_rumus
from .calc import HasilHitung, hitung_dalam_konteks, jalankan, program_bersambung, rencana_langsung
from .sources import DataIndikator, sumber_aturan, susunan_aturan


class Golongan:
    """A value classified on a scale: which scale, which row (none when no row matches)."""

    __slots__ = ("skala", "nilai", "_hit")

    def __init__(self, skala: Skala, nilai: Decimal, hit: tuple[int, BarisSkala] | None):
        self.skala, self.nilai, self._hit = skala, nilai, hit  # hit as Skala.golongkan gives it

    @property
    def indeks(self) -> int | None:
        return self._hit[0] if self._hit else None

    @property
    def baris(self) -> BarisSkala | None:
        return self._hit[1] if self._hit else None

    @property
    def label(self) -> str | None:
        return self._hit[1].label if self._hit else None

    def __repr__(self) -> str:
        return f"Golongan({self.skala.id}, {self.nilai}, {self.label})"


def golongkan(skala: Skala, nilai: Decimal) -> Golongan:
    return Golongan(skala, nilai, skala.golongkan(nilai))


def nilai_tidak_masuk_skala(g: Golongan) -> str:
    return (f"nilai {format_angka(g.nilai)} tidak masuk baris mana pun pada skala '{g.skala.id}' "
            f"(domain {g.skala.domain})")


class HasilIndikator:
    """One row of Tabel 3.2. ``data``, ``realisasi`` and ``capaian`` (the calculations with
    their traces) are rebuilt when first read (see the module docstring)."""

    __slots__ = ("rule", "tahun", "target", "sumber_target", "catatan", "nilai_realisasi", "nilai_capaian",
                 "kategori", "tambahan", "_asal", "_data", "_realisasi", "_capaian")

    def __init__(self, rule: Perhitungan, tahun: int, target: Decimal | None, sumber_target: str, asal: tuple,
                 catatan: list[str], nilai_realisasi: Decimal | None = None, nilai_capaian: Decimal | None = None,
                 kategori: Golongan | None = None, tambahan: list[Golongan] | None = None,
                 lengkap: tuple | None = None):
        self.rule, self.tahun, self.target, self.sumber_target = rule, tahun, target, sumber_target
        self.catatan = catatan
        self.nilai_realisasi, self.nilai_capaian, self.kategori = nilai_realisasi, nilai_capaian, kategori
        self.tambahan = [] if tambahan is None else tambahan  # the realisasi on the indicator's extra scales
        self._asal = asal  # (table, dataset, PK): what the evaluation is rebuilt from
        # (data, realisasi, capaian) when built; the data is None until then
        if lengkap is None:
            self._data = self._realisasi = self._capaian = None
        else:
            self._data, self._realisasi, self._capaian = lengkap

    def _lengkapi(self) -> None:
        if self._data is None:
            full = in_formula_context(_evaluasi_indikator, self._asal, self._asal[0].baris[self.rule.id], self.tahun,
                                      True)
            self._data, self._realisasi, self._capaian = full._data, full._realisasi, full._capaian

    @property
    def data(self) -> DataIndikator:
        self._lengkapi()
        return self._data

    @property
    def realisasi(self) -> HasilHitung | None:
        self._lengkapi()
        return self._realisasi

    @property
    def capaian(self) -> HasilHitung | None:
        self._lengkapi()
        return self._capaian


class HasilCapaian:
    """Tabel 3.2 of one year; the average's calculation is built when read."""

    __slots__ = ("tahun", "kecamatan", "indikator", "nilai_rata_rata", "kategori", "dikeluarkan", "fingerprint",
                 "_rata_rata")

    def __init__(self, tahun: int, kecamatan: str, indikator: list[HasilIndikator], rata_rata: tuple | None,
                 kategori: Golongan | None, dikeluarkan: list[tuple[str, str]], fingerprint: str):
        self.tahun, self.kecamatan, self.indikator, self.fingerprint = tahun, kecamatan, indikator, fingerprint
        self.kategori = kategori
        self.nilai_rata_rata: Decimal | None = kategori.nilai if kategori else None
        self.dikeluarkan = dikeluarkan  # (indikator nama, alasan) left out of the average
        self._rata_rata = rata_rata  # (rule, plan, values, env) until read

    @property
    def rata_rata(self) -> HasilHitung | None:
        if type(self._rata_rata) is tuple:
            rule, plan, values, env = self._rata_rata
            self._rata_rata = HasilHitung(rule, plan, values, env, None, {n: env[n] for n in rule.masukan}, None)
        return self._rata_rata


class _Tabel:
    """What Tabel 3.2 takes from a rule set, worked out once per rule set."""

    def __init__(self, rules: RuleSet):
        p = rules.pengukuran
        self.kategori = rules.skala[p.skala_kategori]
        self.capaian = rules.perhitungan[p.rumus_capaian]
        self.rata_rata = rules.perhitungan[p.rumus_rata_rata]
        # the names the capaian and average formulas take (declared once in the vocabulary)
        self.nama_capaian = MASUKAN_RUMUS_PENGUKURAN["rumus_capaian"]
        (self.nama_daftar,) = MASUKAN_RUMUS_PENGUKURAN["rumus_rata_rata"]
        # per indicator, what every evaluation of it reads (see _Baris)
        self.baris = {r.id: _Baris(r, rules, self) for r in rules.daftar_indikator()}
        # runs for every kecamatan: its program is called directly, unless an input declares a
        # range to check (calc.rencana_langsung)
        self.rata_rata_langsung = rencana_langsung(self.rata_rata)


class _Baris:
    """One indicator's rule with what its evaluation reads, unpacked once per rule set: its
    data adapters, its extra scales, and the program computing its realisasi and capaian."""

    __slots__ = ("rule", "sumber", "sumber_tersusun", "skala_tambahan", "dengan_capaian", "env_dengan_capaian",
                 "_sambung", "_menurut_diberikan")

    def __init__(self, rule: Perhitungan, rules: RuleSet, t: _Tabel):
        self.rule = rule
        self.sumber = sumber_aturan(rule)
        # for the program below: records as tuples of the fields read
        self.sumber_tersusun = sumber_aturan(rule, tersusun=True)
        self.skala_tambahan = tuple(rules.skala[s] for s in rule.skala_tambahan)
        n_target, n_realisasi, n_polaritas = t.nama_capaian
        # realisasi then capaian in one env: the capaian's names, the target shared
        self._sambung = (t.capaian, n_realisasi, frozenset({"target", n_target}), susunan_aturan(rule))
        self.env_dengan_capaian = {**t.capaian.parameter_bawaan, **rule.parameter_bawaan, n_polaritas: rule.polaritas}
        self._menurut_diberikan: dict[tuple, object] = {}  # per (given names, input names)
        # the usual case, read without a call: the data gives no step, no input declares a range
        self.dengan_capaian = self._program(frozenset(), None)

    def _program(self, diberikan: frozenset, masukan: frozenset | None):
        return program_bersambung(self.rule, rencana_langsung(self.rule, diberikan, masukan), *self._sambung)

    def program_untuk(self, data: DataIndikator):
        """The program computing realisasi and capaian directly from what ``data`` gives
        (calc.rencana_langsung, calc.program_bersambung), per set of given step names; None
        when the data has an input that declares a range, which calc.jalankan checks."""
        if not data.diberikan:
            return self.dengan_capaian
        key = (frozenset(data.diberikan), frozenset(data.masukan))
        if key not in self._menurut_diberikan:
            self._menurut_diberikan[key] = self._program(*key)
        return self._menurut_diberikan[key]


def _tabel(rules: RuleSet) -> _Tabel:
    found = rules.__dict__.get("_tabel_capaian")
    if found is None:
        found = rules.__dict__["_tabel_capaian"] = _Tabel(rules)
    return found


def evaluasi_indikator(rules: RuleSet, ds: Dataset, indikator: str, tahun: int) -> HasilIndikator:
    """One indicator of Tabel 3.2; DataError when it cannot be computed (the explanation's view)."""
    t = _tabel(rules)
    return in_formula_context(_evaluasi_indikator, (t, ds, ds.pk_berlaku(tahun)), t.baris[_indikator(rules, indikator)],
                              tahun, True)


def evaluasi_indikator_atau_alasan(rules: RuleSet, ds: Dataset, indikator: str, tahun: int) -> HasilIndikator:
    """One indicator as Tabel 3.2 shows it: one that cannot be computed has its reason as a note."""
    t = _tabel(rules)
    return in_formula_context(_indikator_atau_alasan, (t, ds, ds.pk_berlaku(tahun)),
                              t.baris[_indikator(rules, indikator)], tahun)


def _indikator(rules: RuleSet, indikator: str) -> str:
    if rules.indikator(indikator) is None:
        names = ", ".join(rules.pengukuran.indikator)
        raise UsageError(f"indikator '{indikator}' tidak dikenal; yang ada: {names}")
    return indikator


def _evaluasi_indikator(asal: tuple, baris: _Baris, tahun: int, lengkap: bool) -> HasilIndikator:
    """The row; with ``lengkap`` also the data and the calculations with their traces.
    ``asal`` is (table, dataset, PK of the year): what the row is evaluated, and rebuilt, from.

    The usual row of a table, of which only the values are kept, is computed by one program
    (realisasi, then capaian) with the records as tuples of the fields read; any other row,
    and any row whose program fails, by each rule on its own (:func:`_evaluasi_per_aturan`)."""
    t, ds, pk = asal
    rule = baris.rule
    target, sumber_target = ds.target_menurut(pk, rule.id, tahun)
    if lengkap or target is None:
        return _evaluasi_per_aturan(asal, baris, tahun, lengkap, target, sumber_target, None)
    data = DataIndikator(baris.sumber_tersusun, ds, tahun)
    program = None
    if not data.tanpa_data:
        program = baris.dengan_capaian if not data.diberikan else baris.program_untuk(data)
    if program is None:
        return _evaluasi_per_aturan(asal, baris, tahun, lengkap, target, sumber_target, data)
    env = {**baris.env_dengan_capaian, **data.masukan, **data.diberikan, "target": target, t.nama_capaian[0]: target}
    if program(env) is None:
        return _evaluasi_per_aturan(asal, baris, tahun, lengkap, target, sumber_target, data)
    realisasi, capaian = env[rule.hasil], env[t.capaian.hasil]
    tambahan, catatan = _tambahan(baris, realisasi) if baris.skala_tambahan else ([], [])
    return HasilIndikator(rule, tahun, target, sumber_target, asal, catatan, realisasi, capaian,
                          Golongan(t.kategori, capaian, t.kategori.golongkan(capaian)), tambahan)  # golongkan, inline


def _evaluasi_per_aturan(asal: tuple, baris: _Baris, tahun: int, lengkap: bool, target, sumber_target: str,
                      data: DataIndikator | None) -> HasilIndikator:
    """The row by each rule on its own (calc.hitung_dalam_konteks), with every check it
    declares: what cannot be computed is said, and a failing step named. ``data``: what the
    data gives, if already read with dict records."""
    t, ds, _ = asal
    rule = baris.rule
    if data is None or baris.sumber_tersusun is not baris.sumber:
        data = DataIndikator(baris.sumber, ds, tahun)
    if data.tanpa_data:
        return HasilIndikator(rule, tahun, target, sumber_target, asal,
                              [f"Realisasi belum dapat dihitung: {data.tanpa_data}."],
                              lengkap=(data, None, None) if lengkap else None)
    if target is None and rule.perlu_target:
        return HasilIndikator(rule, tahun, target, sumber_target, asal,
                              [f"Target {tahun} belum ada, sedangkan realisasi dibulatkan ke presisi target."],
                              lengkap=(data, None, None) if lengkap else None)
    hasil_realisasi = hitung_dalam_konteks(rule, data.masukan, data.diberikan, None, target, data.asal)
    realisasi = hasil_realisasi.nilai
    tambahan, catatan = _tambahan(baris, realisasi)
    if target is None:
        catatan.append(f"Target {tahun} belum ada di PK maupun Renstra; capaian tidak dihitung.")
        return HasilIndikator(rule, tahun, target, sumber_target, asal, catatan, realisasi, None, None, tambahan,
                              (data, hasil_realisasi, None) if lengkap else None)
    hasil_capaian = _capaian_menurut(t.capaian, target, realisasi, rule.polaritas)
    return HasilIndikator(rule, tahun, target, sumber_target, asal, catatan, realisasi, hasil_capaian.nilai,
                          golongkan(t.kategori, hasil_capaian.nilai), tambahan,
                          (data, hasil_realisasi, hasil_capaian) if lengkap else None)


def _tambahan(baris: _Baris, realisasi: Decimal) -> tuple[list[Golongan], list[str]]:
    """The realisasi on the indicator's extra scales, and a note for each value no row holds."""
    tambahan, catatan = [], []
    for skala in baris.skala_tambahan:
        g = golongkan(skala, realisasi)
        tambahan.append(g)
        if g.baris is None:
            catatan.append(nilai_tidak_masuk_skala(g))
    return tambahan, catatan


def _indikator_atau_alasan(asal: tuple, baris: _Baris, tahun: int) -> HasilIndikator:
    """In Tabel 3.2 an indicator that cannot be computed (e.g. no active BUMDes to divide by)
    is left out of the average with its reason, instead of hiding the other rows;
    `sakip jelaskan` on it still shows the error itself."""
    try:
        return _evaluasi_indikator(asal, baris, tahun, False)
    except DataError as exc:
        return _alasan(asal, baris.rule, tahun, exc)


def _alasan(asal: tuple, rule: Perhitungan, tahun: int, exc: DataError) -> HasilIndikator:
    _, ds, pk = asal
    target, sumber_target = ds.target_menurut(pk, rule.id, tahun)
    return HasilIndikator(rule, tahun, target, sumber_target, asal, [f"Tidak dapat dihitung: {exc}"],
                          lengkap=(DataIndikator(), None, None))


def hitung_capaian(rules: RuleSet, target: Decimal, realisasi: Decimal, polaritas: str) -> HasilHitung:
    """The capaian of a target and a realisasi by the rule set's formula (e.g. another kecamatan's)."""
    return in_formula_context(_hitung_capaian, rules, target, realisasi, polaritas)


def _hitung_capaian(rules: RuleSet, target: Decimal, realisasi: Decimal, polaritas: str) -> HasilHitung:
    return _capaian_menurut(_tabel(rules).capaian, target, realisasi, polaritas)


def _capaian_menurut(rumus: Perhitungan, target: Decimal, realisasi: Decimal, polaritas: str) -> HasilHitung:
    try:
        return hitung_dalam_konteks(rumus, masukan_rumus("rumus_capaian", target, realisasi, polaritas))
    except DataError as exc:
        raise _capaian_gagal(target, realisasi, exc) from None


def _capaian_gagal(target: Decimal, realisasi: Decimal, exc: DataError) -> DataError:
    return DataError(f"capaian tidak dapat dihitung (target {format_angka(target)}, realisasi "
                     f"{format_angka(realisasi)}): {exc.message}")


def evaluasi_capaian(rules: RuleSet, ds: Dataset, tahun: int) -> HasilCapaian:
    """Tabel 3.2 for one year: every IKU, and the average over those with a capaian."""
    return in_formula_context(_evaluasi_capaian, rules, ds, tahun)


def _evaluasi_capaian(rules: RuleSet, ds: Dataset, tahun: int) -> HasilCapaian:
    ds.wajib_direncanakan(tahun)
    t = _tabel(rules)
    asal = (t, ds, ds.pk_berlaku(tahun))
    hasil, with_capaian, left_out = [], [], []
    for baris in t.baris.values():  # _indikator_atau_alasan written out: one call less per row of a country
        try:
            h = _evaluasi_indikator(asal, baris, tahun, False)
        except DataError as exc:
            h = _alasan(asal, baris.rule, tahun, exc)
        hasil.append(h)
        if h.nilai_capaian is not None:
            with_capaian.append(h.nilai_capaian)
        else:
            left_out.append((h.rule.nama, h.catatan[0] if h.catatan else "tanpa data"))
    rata = kategori = None
    if with_capaian:
        rumus = t.rata_rata
        env = {**rumus.parameter_bawaan, t.nama_daftar: with_capaian}
        plan = t.rata_rata_langsung
        values = plan.program(env) if plan is not None else None
        if values is None:
            plan, values = jalankan(rumus, env, env, None)
        rata = (rumus, plan, values, env)
        kategori = golongkan(t.kategori, env[rumus.hasil])
    return HasilCapaian(tahun, ds.kecamatan.nama, hasil, rata, kategori, left_out, rules.fingerprint)
