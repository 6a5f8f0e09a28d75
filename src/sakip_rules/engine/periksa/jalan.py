"""Running one check: every place it iterates over, evaluated into findings with their explanations.

Every check iterates over places (rows of the report's tables, text statements, items of the
collected data), evaluates its declared formulas and yields a finding (:class:`Temuan`) for every
item whose ``syarat`` does not hold: severity, place, the value as printed, the value computed,
the check's message and an explanation (the values read with their places, the trace of every
rule it called, as ``sakip jelaskan`` shows it, and the check's basis). A check that cannot be
evaluated for lack of data says so as its own finding; it never passes silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any

from ...errors import DataError, SakipError
from ...report.model import Laporan
from ...rules.fungsi_pemeriksaan import PELAKSANA
from ...rules.model import RuleSet
from ...rules.pemeriksaan import SUMBER_DATA, TINGKAT, ContohPemeriksaan, Pemeriksaan, Sumber
from ..explain import baris_dasar, fmt, jelaskan_golongan, jelaskan_hitung
from ...angka import presisi
from ..rounding import bulatkan
from .fungsi import KonteksJalan
from .rekaman import AsalNilai, Rekaman
from .sumber import SumberJalan, rekaman_laporan, sumber_dari_contoh
from .tampil import isi_templat, tampil, tampil_seperti

URUTAN_TINGKAT = {t: i for i, t in enumerate(TINGKAT)}  # most severe first
#: Severity of "tidak dapat diperiksa" findings: visible, but not a gate failure by itself.
TINGKAT_TIDAK_DAPAT = "peringatan"
BATAS_BACAAN = 12
BATAS_HITUNGAN = 4


@dataclass
class Temuan:
    """One finding of one check at one place."""

    tingkat: str
    pemeriksaan: str
    nama: str
    keluarga: str
    tempat: str
    dinyatakan: str | None
    dihitung: str | None
    pesan: str
    penjelasan: list[str]
    berkas: str | None = None
    baris: int | None = None
    nilai_dinyatakan: Any = None
    nilai_dihitung: Any = None
    tidak_dapat_diperiksa: bool = False
    urutan: tuple = ()

    def ke_dict(self) -> dict[str, Any]:
        return {"tingkat": self.tingkat, "pemeriksaan": self.pemeriksaan, "nama": self.nama,
                "keluarga": self.keluarga, "tempat": self.tempat, "dinyatakan": self.dinyatakan,
                "dihitung": self.dihitung, "nilai_dinyatakan": _polos(self.nilai_dinyatakan),
                "nilai_dihitung": _polos(self.nilai_dihitung), "pesan": self.pesan,
                "tidak_dapat_diperiksa": self.tidak_dapat_diperiksa, "berkas": self.berkas, "baris": self.baris,
                "penjelasan": self.penjelasan}


def _polos(value):
    if isinstance(value, (Decimal, str, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_polos(v) for v in value]
    return tampil(value)


def _judul(check: Pemeriksaan) -> str:
    """The first line of every explanation: which check, from which file, what it requires."""
    return f"Pemeriksaan {check.id} ({check.file}): {check.deskripsi}"


def _penjelasan(check: Pemeriksaan, env: dict, k: KonteksJalan, stated: AsalNilai | None,
                stated_value=None, computed=None) -> list[str]:
    lines = [_judul(check)]
    places = presisi(stated_value) if isinstance(stated_value, Decimal) and stated_value.is_finite() else None
    if (places is not None and places <= 6 and isinstance(computed, Decimal) and computed.is_finite()
            and stated is not None):
        with localcontext() as ctx:
            ctx.prec = 60
            rounded = bulatkan(computed, places)
        if rounded != computed:
            lines.append(f"Pada presisi tercetak ({places} desimal) nilai pembanding {fmt(computed)} menjadi "
                         f"{fmt(rounded)}; yang dinyatakan {fmt(stated_value)}.")
    if check.parameter:
        lines.append("Parameter pemeriksaan:")
        for p in check.parameter.values():
            lines.append(f"  {p.nama} = {tampil(env.get(p.nama, p.nilai))} — {p.deskripsi}")
    shown = [(name, env[name]) for name, _ in check.nilai if name in env]
    if shown:
        lines.append("Nilai antara:")
        lines.extend(f"  {name} = {tampil(v)}" for name, v in shown)
    seen, reads, extra = set(), [], []
    for a in k.bacaan:
        if stated is not None and a.tempat == stated.tempat:
            continue
        if a.tempat in seen:
            continue
        seen.add(a.tempat)
        reads.append(a)
    if reads:
        lines.append("Nilai yang dibaca:")
        for a in reads[:BATAS_BACAAN]:
            lines.append(f"  {a.tempat}: {a.teks if a.teks is not None else '(kosong)'}")
            if a.penjelasan and a.penjelasan not in extra:
                extra.append(a.penjelasan)
        if len(reads) > BATAS_BACAAN:
            lines.append(f"  … dan {len(reads) - BATAS_BACAAN} nilai lain")
    for block in extra[:2]:
        lines.append("Penjelasan data:")
        lines.extend("  " + line if line else "" for line in block)
    done = []
    for h in k.hitungan:
        key = (h.rule.id, str(h.nilai), tuple(sorted((n, str(v)) for n, v in h.masukan.items())))
        if key in done:
            continue
        done.append(key)
        if len(done) > BATAS_HITUNGAN:
            continue
        lines.append(f"Menurut aturan {h.rule.id} ({h.rule.file}):")
        lines.extend(jelaskan_hitung(h, "  "))
    if len(done) > BATAS_HITUNGAN:
        lines.append(f"… dan {len(done) - BATAS_HITUNGAN} perhitungan lain menurut aturan yang sama")
    gseen = []
    for g in k.golongan:
        key = (g.skala.id, str(g.nilai))
        if key not in gseen:
            gseen.append(key)
            lines.extend(jelaskan_golongan(g, "Kategori"))
    lines.append("Dasar pemeriksaan:")
    lines.extend(baris_dasar(check.dasar, "  "))
    return lines


def _temuan_tidak_dapat(check: Pemeriksaan, tempat: str, alasan: str, penjelasan: list[str],
                        berkas=None, baris=None, urutan=()) -> Temuan:
    return Temuan(TINGKAT_TIDAK_DAPAT, check.id, check.nama, check.keluarga, tempat, None, None,
                  f"tidak dapat diperiksa: {alasan}", penjelasan, berkas, baris, tidak_dapat_diperiksa=True,
                  urutan=urutan)


def _satu_butir(check: Pemeriksaan, rules: RuleSet, env_base: dict, item: Rekaman, kolom: str | None,
                urutan: tuple) -> tuple[bool, Temuan | None]:
    """Whether the check applies to this place (its ``jika`` holds), and the finding there, if any."""
    env = dict(env_base)
    env[check.sebagai] = item
    env["isi_tabel"] = item.isi_tabel
    sel = kolom or check.sel
    if kolom:
        env["kolom"] = kolom
    stated_asal = item.asal(sel) if sel else None
    tempat = stated_asal.tempat if stated_asal else (item.tempat if not sel else f"{item.tempat} ({sel})")
    berkas = (stated_asal.file if stated_asal and stated_asal.file else item.file)
    baris = (stated_asal.line if stated_asal and stated_asal.line else item.line)
    k = KonteksJalan(rules)
    token = PELAKSANA.set(k)
    berlaku = False
    try:
        if sel and sel not in item:
            return berlaku, _temuan_tidak_dapat(check, item.tempat, f"{item.sumber} tidak memiliki kolom '{sel}'",
                                                [_judul(check)], item.file, item.line, urutan)
        try:
            if check.jika is not None:
                ok = check.jika.evaluate(env)
                if not isinstance(ok, bool):
                    raise DataError(f"'jika' harus bernilai benar/salah, bukan {tampil(ok)}")
                if not ok:
                    return berlaku, None
            berlaku = True
            for name, f in check.nilai:
                env[name] = f.evaluate(env)
            stated = None
            if check.dinyatakan is not None:
                stated = env["dinyatakan"] = check.dinyatakan.evaluate(env)
            computed = None
            if check.dihitung is not None:
                computed = env["dihitung"] = check.dihitung.evaluate(env)
            ok = check.syarat.evaluate(env)
            if not isinstance(ok, bool):
                raise DataError(f"'syarat' harus bernilai benar/salah, bukan {tampil(ok)}")
            if ok:
                return berlaku, None
            stated_text = stated_asal.teks if stated_asal is not None else (
                tampil(stated) if check.dinyatakan is not None else None)
            if stated_asal is not None and stated_text is None:
                stated_text = "(kosong)"
            try:
                pesan = isi_templat(check.pesan, env, stated_text, stated_asal)
            except SakipError as exc:  # the finding stands even if its message cannot be composed
                pesan = (f"{check.nama} (pesan pemeriksaan tidak dapat disusun: {exc.message}; "
                         f"dinyatakan {stated_text}, dihitung {tampil_seperti(computed, stated_asal)})")
            return berlaku, Temuan(check.tingkat, check.id, check.nama, check.keluarga, tempat, stated_text,
                                   tampil_seperti(computed, stated_asal) if check.dihitung is not None else None,
                                   pesan, _penjelasan(check, env, k, stated_asal, stated, computed), berkas, baris,
                                   stated, computed, urutan=urutan)
        except SakipError as exc:
            penj = _penjelasan(check, env, k, stated_asal)
            return berlaku, _temuan_tidak_dapat(check, tempat, exc.message, penj, berkas, baris, urutan)
    finally:
        PELAKSANA.reset(token)


def jalankan(check: Pemeriksaan, rules: RuleSet, sumber: SumberJalan, tahun: int | None,
             laporan_rec: Rekaman, parameter: dict | None = None, urutan_check: int = 0,
             lewati_yang_tidak_ada: bool = False) -> tuple[list[Temuan], int]:
    """All findings of one check (the caller has decided that the check applies), and the number of
    places it was evaluated at (those its ``jika`` selects).

    A source the check iterates over (``untuk_setiap.dari``) that is missing gives its own
    "tidak dapat diperiksa" finding and the other sources are still checked; a missing source
    the check reads as a whole (``membaca``) blocks every item. ``lewati_yang_tidak_ada`` (worked
    examples, which transcribe only the tables they are about) reads missing sources as empty.
    """
    out: list[Temuan] = []
    missing: list[tuple[Sumber, str]] = []
    env: dict[str, Any] = {name: p.nilai for name, p in check.parameter.items()}
    env.update(parameter or {})
    env["laporan"] = laporan_rec
    env["tahun"] = Decimal(tahun) if tahun is not None else None

    def baca(specs: list[Sumber]) -> list[Rekaman]:
        rows: list[Rekaman] = []
        for s in specs:
            got = sumber.ambil(s)
            if isinstance(got, str):
                if not lewati_yang_tidak_ada:
                    missing.append((s, got))
            else:
                rows.extend(got)
        return rows

    for name, specs in check.membaca.items():
        env[name] = baca(specs)
    blocked = bool(missing)  # a missing 'membaca' source: no item can be evaluated
    items = baca(check.dari)
    seen = set()
    for s, why in missing:
        if s.teks not in seen:
            seen.add(s.teks)
            out.append(_temuan_tidak_dapat(check, s.teks, why,
                                           [_judul(check)],
                                           urutan=(urutan_check, -1, len(out))))
    if blocked:
        return out, 0
    tempat = 0
    for i, item in enumerate(items):
        if check.kolom:
            cols = [c for c in check.kolom if c in item and item.asal(c) is not None
                    and item.asal(c).teks is not None]
        else:
            cols = [None]
        for j, c in enumerate(cols):
            berlaku, t = _satu_butir(check, rules, env, item, c, (urutan_check, i, j))
            tempat += berlaku
            if t is not None:
                out.append(t)
    return out, tempat


def urut_temuan(t: Temuan):
    """Sort key of findings: severity first, then check, place, column."""
    return (URUTAN_TINGKAT[t.tingkat],) + tuple(t.urutan)


def jalankan_contoh(check: Pemeriksaan, rules: RuleSet, contoh: ContohPemeriksaan) -> list[Temuan]:
    """The findings of one check on one worked example (inline transcript and/or data)."""
    laporan = contoh.laporan
    if laporan is None and check.perlu_laporan:
        laporan = Laporan("(contoh tanpa laporan)", None, None, None, {}, {}, [])
    data = sumber_dari_contoh(contoh.data)
    alasan = {n: f"contoh '{contoh.nama}' tidak memuat data '{n}'" for n in SUMBER_DATA if n not in data}
    sumber = SumberJalan(laporan, data, alasan)
    tahun = contoh.tahun or (laporan.tahun if laporan is not None else None)
    rec = rekaman_laporan(laporan, laporan.kecamatan if laporan else None, tahun)
    temuan, _ = jalankan(check, rules, sumber, tahun, rec, contoh.parameter, lewati_yang_tidak_ada=True)
    return sorted(temuan, key=urut_temuan)


def daftar_pemeriksaan(rules: RuleSet) -> list[Pemeriksaan]:
    """The checks of a rule set, by file."""
    return sorted((o for o in rules.lainnya.values() if isinstance(o, Pemeriksaan)), key=lambda c: c.file)

