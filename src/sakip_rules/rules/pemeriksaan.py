"""Report checks as rules (``jenis: pemeriksaan``): what a check reads, iterates and requires.

A check file declares, in data and in the formula language, what it iterates over (rows of
report tables, text statements, or collected data), the stated value it looks at (``sel``), the
value it computes (``dihitung``) and the condition that must hold (``syarat``). Thresholds are
``parameter`` with their ``dasar``; calculations are the rule set's own rules, called through
``fungsi`` (e.g. ``capaian`` = ``rules/rumus/capaian.yaml``). No check logic lives in Python:
this module only defines the vocabulary (sources, message templates) and builds the objects.
The functions check formulas may call are declared in :mod:`.fungsi_pemeriksaan` (signatures
only); :mod:`sakip_rules.engine.periksa` implements them and runs the checks. Nothing here
imports the engine. Reference: docs/pemeriksaan.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import ErrorList
from ..formula import ANY, ExternalFunction, Formula, FormulaError, compile_formula
from ..report import baca_laporan
from ..yamlio import Located
from .fungsi_pemeriksaan import fungsi_bawaan, pelaksana
from .model import Parameter, ke_nilai

TINGKAT = ("galat", "peringatan", "info")
LABEL_TINGKAT = {"galat": "GALAT", "peringatan": "PERINGATAN", "info": "INFO"}
KELUARGA = {
    "hitung_ulang": "hitung ulang",
    "klasifikasi": "penggolongan",
    "konsistensi": "konsistensi",
    "anggaran": "aritmetika anggaran",
    "kosong_bukan_nol": "yang kosong bukan nol",
    "keterbandingan": "keterbandingan antartahun",
    "kewajaran": "kewajaran bukti",
}

#: Sources a check may read from the collected data (``data <nama>``); see docs/pemeriksaan.md.
SUMBER_DATA = {
    "desa": "setiap desa: kode, nama, status dan idm (status IDM tahun itu dan skornya; kosong bila belum dicatat)",
    "bumdes": "setiap BUMDes: kode, nama, desa, aktif, bulanan (daftar {bulan, laba} yang dilaporkan)",
    "laba_bumdes": "setiap laporan laba bulanan: bumdes, bulan, laba",
    "indikator": "setiap IKU: indikator, nama, satuan, polaritas, baseline, baseline_tahun, target_renstra, "
                 "target_pk, target, realisasi, capaian, catatan",
    "program": "setiap program DPA: kode, nama, anggaran_pk",
    "kegiatan": "setiap kegiatan DPA: kode, nama, program",
    "sub_kegiatan": "setiap sub kegiatan DPA: kode, nama, program, kegiatan, anggaran, realisasi, mendukung",
}

#: Names every check formula may use besides its own.
NAMA_UMUM = ("laporan", "tahun", "isi_tabel")

RE_SUMBER_TABEL = re.compile(
    r"^(?P<tabel>(?:(?:Tabel|Gambar) [0-9]+\.[0-9]+|Lampiran [A-Z][A-Za-z0-9]*(?: [A-Za-z0-9]+)*)"
    r"(?: \([a-z][a-z ]*\))?)(?P<ringkasan> ringkasan)?$")
RE_SUMBER_LAIN = re.compile(r"^(?P<jenis>pernyataan|data) (?P<nama>[a-z][a-z0-9_]*)$")
BENTUK_SUMBER = ("'Tabel 3.2', 'Tabel 3.2 ringkasan', 'Tabel 3.14 (program)', 'Gambar 3.6', 'Lampiran PK (program)', "
                 "'pernyataan capaian' atau 'data bumdes'")


# --------------------------------------------------------------------------- sources

@dataclass(frozen=True)
class Sumber:
    """One place a check reads: rows of a table, its summary rows, statements of a kind, or data."""

    teks: str
    jenis: str  # "tabel" | "ringkasan" | "pernyataan" | "data"
    nama: str  # table id, statement kind or data source name

    @property
    def laporan(self) -> bool:
        return self.jenis != "data"


def baca_sumber(teks: str) -> Sumber:
    m = RE_SUMBER_TABEL.match(teks)
    if m:
        return Sumber(teks, "ringkasan" if m.group("ringkasan") else "tabel", m.group("tabel"))
    m = RE_SUMBER_LAIN.match(teks)
    if m:
        if m.group("jenis") == "data" and m.group("nama") not in SUMBER_DATA:
            raise ValueError(f"sumber data '{m.group('nama')}' tidak dikenal; yang dikenal: "
                             f"{', '.join(SUMBER_DATA)}")
        return Sumber(teks, m.group("jenis"), m.group("nama"))
    raise ValueError(f"tempat '{teks}' tidak sah; bentuknya {BENTUK_SUMBER}")



# --------------------------------------------------------------------------- rules called as functions

@dataclass(frozen=True)
class FungsiAturan:
    """A rule of the rule set called as a function from a check (``fungsi:``)."""

    nama: str
    aturan: str
    parameter: tuple[str, ...]
    mentah: bool  # return the result before its final rounding
    line: int | None

    def panggil(self, *args):
        """What a compiled formula calls: the running engine evaluates the rule (late-bound)."""
        return pelaksana().panggil_aturan(self, args)


def masalah_fungsi(f: FungsiAturan, rules) -> str | None:
    rule = rules.perhitungan.get(f.aturan)
    if rule is None:
        return f"fungsi '{f.nama}': aturan '{f.aturan}' tidak ada dalam set aturan"
    for p in f.parameter:
        if p in rule.masukan:
            continue
        step = rule.cari_langkah(p)
        if step is not None and step.dapat_diberikan:
            continue
        if p == "target" and rule.jenis == "indikator":
            continue
        known = list(rule.masukan) + [s.id for s in rule.langkah if s.dapat_diberikan]
        return (f"fungsi '{f.nama}': '{p}' bukan masukan atau langkah yang dapat diberikan pada aturan "
                f"'{f.aturan}' (yang ada: {', '.join(known)})")
    missing = [m for m in rule.masukan if m not in f.parameter]
    if missing and not any(rule.cari_langkah(p) for p in f.parameter):
        return f"fungsi '{f.nama}': aturan '{f.aturan}' memerlukan masukan {', '.join(missing)}"
    return None


# --------------------------------------------------------------------------- message templates

#: Display formats of a message placeholder ``{rumus|format}``: digits without grouping (years), %, Rp.
FORMAT_PESAN = ("polos", "persen", "rupiah")



@dataclass(frozen=True)
class Templat:
    """A message with ``{rumus}`` or ``{rumus|format}`` placeholders (``{{`` and ``}}`` for braces).

    ``bagian``: literal texts and (compiled formula, format) pairs; the engine fills it in
    (``engine.periksa.tampil.isi_templat``)."""

    bagian: tuple[str | tuple[Formula, str | None], ...]


def baca_templat(teks: str, names: dict, functions: dict) -> Templat:
    parts: list = []
    buf, i = [], 0
    while i < len(teks):
        ch = teks[i]
        if ch == "{" and teks.startswith("{{", i):
            buf.append("{")
            i += 2
            continue
        if ch == "}" and teks.startswith("}}", i):
            buf.append("}")
            i += 2
            continue
        if ch == "}":
            raise FormulaError(f"'}}' tanpa pasangan '{{' pada kolom {i + 1}; tulis '}}}}' untuk kurung kurawal")
        if ch == "{":
            end = teks.find("}", i)
            if end < 0:
                raise FormulaError(f"'{{' pada kolom {i + 1} tidak ditutup")
            if buf:
                parts.append("".join(buf))
                buf = []
            source = teks[i + 1:end]
            format_ = None
            if "|" in source:
                source, _, format_ = source.rpartition("|")
                format_ = format_.strip()
                if format_ not in FORMAT_PESAN:
                    raise FormulaError(f"format '{format_}' pada isian '{{{source}|{format_}}}' tidak dikenal; "
                                       f"yang dikenal: {', '.join(FORMAT_PESAN)}")
            try:
                parts.append((compile_formula(source, names, functions), format_))
            except FormulaError as exc:
                raise FormulaError(f"isian '{{{source}}}': {exc.message}") from None
            i = end + 1
            continue
        buf.append(ch)
        i += 1
    if buf:
        parts.append("".join(buf))
    return Templat(tuple(parts))


# --------------------------------------------------------------------------- the check object

@dataclass(frozen=True)
class Harapan:
    tempat: str | None
    dinyatakan: str | None
    dihitung: str | None
    tingkat: str | None
    pesan_memuat: str | None
    tidak_dapat: bool | None
    punya: frozenset  # keys given

    def uraian(self) -> str:
        bits = [f"{k} {getattr(self, k)!r}" for k in ("tempat", "dinyatakan", "dihitung", "tingkat")
                if k in self.punya]
        if "pesan_memuat" in self.punya:
            bits.append(f"pesan memuat {self.pesan_memuat!r}")
        if self.tidak_dapat:
            bits.append("tidak dapat diperiksa")
        return "; ".join(bits) or "(apa saja)"


@dataclass
class ContohPemeriksaan:
    nama: str
    laporan: Any  # report.Laporan | None
    data: dict[str, list] | None
    tahun: int | None
    parameter: dict[str, Any]
    harapan: list[Harapan]
    line: int | None


@dataclass
class Pemeriksaan:
    id: str
    nama: str
    keluarga: str
    tingkat: str
    deskripsi: str
    dasar: tuple
    parameter: dict[str, Any]  # name -> rules.model.Parameter
    fungsi: dict[str, FungsiAturan]
    membaca: dict[str, list[Sumber]]
    dari: list[Sumber]
    sebagai: str
    kolom: tuple[str, ...] | None
    jika: Formula | None
    nilai: list[tuple[str, Formula]]
    sel: str | None
    dinyatakan: Formula | None
    dihitung: Formula | None
    syarat: Formula
    pesan: Templat
    menggantikan: tuple[str, ...]
    contoh: list[ContohPemeriksaan]
    file: str
    line: int | None

    @property
    def sumber(self) -> list[Sumber]:
        out = list(self.dari)
        for items in self.membaca.values():
            out.extend(items)
        return out

    @property
    def perlu_laporan(self) -> bool:
        return any(s.laporan for s in self.sumber)

    def masalah(self, rules) -> list[str]:
        """Problems only visible with the whole rule set (rules named by ``fungsi``, ``menggantikan``)."""
        out = [m for m in (masalah_fungsi(f, rules) for f in self.fungsi.values()) if m]
        for other in self.menggantikan:
            if not isinstance(rules.lainnya.get(other), Pemeriksaan):
                out.append(f"menggantikan '{other}', padahal pemeriksaan itu tidak ada")
        return out


def _cocok(h: Harapan, t) -> bool:
    for key in ("tempat", "dinyatakan", "dihitung", "tingkat"):
        if key in h.punya and getattr(h, key) != getattr(t, key):
            return False
    if "pesan_memuat" in h.punya and h.pesan_memuat not in t.pesan:
        return False
    if "tidak_dapat_diperiksa" in h.punya and bool(h.tidak_dapat) != t.tidak_dapat_diperiksa:
        return False
    return True


def cocokkan_harapan(harapan: list[Harapan], temuan: list) -> str | None:
    """None when the findings are exactly the expected ones; else what differs."""
    sisa = list(temuan)
    hilang = []
    for h in harapan:
        hit = next((t for t in sisa if _cocok(h, t)), None)
        if hit is None:
            hilang.append(h)
        else:
            sisa.remove(hit)
    if not hilang and not sisa:
        return None
    bits = []
    if hilang:
        bits.append("temuan yang diharapkan tidak muncul: " + " | ".join(h.uraian() for h in hilang))
    if sisa:
        bits.append("temuan yang tidak diharapkan: " + " | ".join(
            f"{t.tempat}: {t.pesan} (dinyatakan {t.dinyatakan!r}, dihitung {t.dihitung!r})" for t in sisa))
    return "; ".join(bits)


# --------------------------------------------------------------------------- building from YAML

@dataclass(frozen=True)
class _Rusak:
    """What the builder returns for a check file with errors (only its id is used)."""

    id: str


def build_pemeriksaan(doc: Located, errors, rel: str) -> Pemeriksaan:
    """Builder for the rule loader (``jenis: pemeriksaan``)."""
    from . import loader as L

    d = doc.data
    n_before = len(errors.items)

    def sumber_list(value, path) -> list[Sumber]:
        items = [value] if isinstance(value, str) else list(value)
        out = []
        for i, text in enumerate(items):
            try:
                out.append(baca_sumber(text))
            except ValueError as exc:
                errors.add(str(exc), doc, tuple(path) + ((i,) if not isinstance(value, str) else ()))
        return out

    parameter = {}
    for name, p in (d.get("parameter") or {}).items():
        value = L.constant(p["nilai"], doc, ("parameter", name, "nilai"), errors)
        teks = p["nilai"] if isinstance(p["nilai"], str) else L._show(p["nilai"])
        parameter[name] = Parameter(name, value, teks, p["deskripsi"],
                                    L._dasar(p["dasar"], doc, ("parameter", name, "dasar"), errors))
    functions = fungsi_bawaan()
    fungsi: dict[str, FungsiAturan] = {}
    for name, f in (d.get("fungsi") or {}).items():
        if name in functions:
            errors.add(f"nama fungsi '{name}' sudah dipakai fungsi bawaan", doc, ("fungsi", name))
            continue
        fa = FungsiAturan(name, f["aturan"], tuple(f["parameter"]), bool(f.get("mentah", False)),
                          doc.line(("fungsi", name)))
        fungsi[name] = fa
        functions[name] = ExternalFunction(fa.parameter, fa.panggil, f"aturan {fa.aturan}", ANY)
    membaca = {name: sumber_list(v, ("membaca", name)) for name, v in (d.get("membaca") or {}).items()}
    u = d["untuk_setiap"]
    dari = sumber_list(u["dari"], ("untuk_setiap", "dari"))
    sebagai = u["sebagai"]
    kolom = tuple(u["kolom"]) if u.get("kolom") else None

    names: dict[str, Any] = {}

    def declare(name: str, path, what: str):
        if name in names:
            errors.add(f"nama '{name}' ({what}) sudah dipakai", doc, path)
        names[name] = ANY

    for n in NAMA_UMUM:
        names[n] = ANY
    for name in parameter:
        declare(name, ("parameter", name), "parameter")
    for name in membaca:
        declare(name, ("membaca", name), "tempat yang dibaca")
    declare(sebagai, ("untuk_setiap", "sebagai"), "untuk_setiap.sebagai")
    if kolom:
        declare("kolom", ("untuk_setiap", "kolom"), "untuk_setiap.kolom")

    def compile_at(source: str, path) -> Formula | None:
        try:
            return compile_formula(source, dict(names), functions)
        except FormulaError as exc:
            key = ".".join(str(p) for p in path)
            errors.add(f"rumus {key}: {exc.message}", doc, path)
            return None

    jika = compile_at(d["jika"], ("jika",)) if "jika" in d else None
    nilai = []
    for name, source in (d.get("nilai") or {}).items():
        f = compile_at(source, ("nilai", name))
        declare(name, ("nilai", name), "nilai")
        if f is not None:
            nilai.append((name, f))
    sel = d.get("sel")
    if kolom and sel:
        errors.add("'sel' tidak dipakai bersama untuk_setiap.kolom (sel = kolom yang sedang diperiksa)", doc, ("sel",))
    if "dinyatakan" in d:
        dinyatakan = compile_at(d["dinyatakan"], ("dinyatakan",))
    elif sel:
        dinyatakan = compile_at(f"{sebagai}.{sel}", ("sel",))
    elif kolom:
        dinyatakan = compile_at(f"sel({sebagai}, kolom)", ("untuk_setiap", "kolom"))
    else:
        dinyatakan = None
    if dinyatakan is not None:
        names["dinyatakan"] = ANY
    dihitung = compile_at(d["dihitung"], ("dihitung",)) if "dihitung" in d else None
    if dihitung is not None:
        names["dihitung"] = ANY
    if "syarat" in d:
        syarat = compile_at(d["syarat"], ("syarat",))
    elif dinyatakan is not None and dihitung is not None:
        syarat = compile_at("sama_presisi(dinyatakan, dihitung)", ("syarat",))
    else:
        errors.add("'syarat' wajib bila 'dinyatakan' (atau 'sel') dan 'dihitung' tidak keduanya ada", doc, ())
        syarat = None
    try:
        pesan = baca_templat(d["pesan"], dict(names), functions)
    except FormulaError as exc:
        errors.add(f"pesan: {exc.message}", doc, ("pesan",))
        pesan = Templat((d["pesan"],))

    contoh = []
    lulus = gagal = 0
    for i, c in enumerate(d["contoh"]):
        path = ("contoh", i)
        laporan = None
        if "laporan" in c:
            try:
                laporan = baca_laporan(doc, path + ("laporan",), sebagian=True)
            except ErrorList as exc:
                for e in exc.errors:
                    errors.items.append(L.RuleError(e.message, file=e.file, line=e.line, key=e.key))
        data = None
        if "data" in c:
            data = {}
            for name, rows in c["data"].items():
                if name not in SUMBER_DATA:
                    errors.add(f"sumber data '{name}' tidak dikenal; yang dikenal: {', '.join(SUMBER_DATA)}",
                               doc, path + ("data", name))
                    continue
                data[name] = [ke_nilai(r) for r in rows]
        params = {}
        for k, v in (c.get("parameter") or {}).items():
            if k not in parameter:
                errors.add(f"parameter '{k}' tidak ada dalam pemeriksaan ini", doc, path + ("parameter", k))
                continue
            params[k] = L.constant(v, doc, path + ("parameter", k), errors)
        harapan = []
        for j, h in enumerate(c["harapan"]):
            harapan.append(Harapan(h.get("tempat"), h.get("dinyatakan"), h.get("dihitung"), h.get("tingkat"),
                                   h.get("pesan_memuat"), h.get("tidak_dapat_diperiksa"), frozenset(h)))
        if harapan:
            gagal += 1
        else:
            lulus += 1
        contoh.append(ContohPemeriksaan(c["nama"], laporan, data, c.get("tahun"), params, harapan, doc.line(path)))
    if not lulus or not gagal:
        errors.add("contoh harus memuat sedikitnya satu contoh yang lulus (harapan: []) dan satu yang "
                   "menghasilkan temuan", doc, ("contoh",))

    dasar = L._dasar(d["dasar"], doc, ("dasar",), errors)
    if len(errors.items) > n_before:
        return _Rusak(d["id"])  # the loader drops objects of a file with errors; it needs the id
    return Pemeriksaan(d["id"], d["nama"], d["keluarga"], d["tingkat"], " ".join(d["deskripsi"].split()), dasar,
                       parameter, fungsi, membaca, dari, sebagai, kolom, jika, nilai, sel, dinyatakan, dihitung,
                       syarat, pesan, tuple(d.get("menggantikan") or ()), contoh, rel, doc.line(()))


__all__ = ["Pemeriksaan", "build_pemeriksaan", "Sumber", "baca_sumber", "SUMBER_DATA", "KELUARGA", "TINGKAT",
           "LABEL_TINGKAT", "FORMAT_PESAN", "Templat", "baca_templat", "cocokkan_harapan", "Harapan",
           "ContohPemeriksaan", "FungsiAturan", "masalah_fungsi"]

