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
from ..report.model import KATA_RINGKASAN, NAMA_TABEL, label_nilai
from ..yamlio import Located, jenis_yaml, uraian_yaml
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


@dataclass(frozen=True)
class KolomData:
    """A field a data source gives: how places and messages name it, and what kind of value it holds."""

    label: str
    jenis: str  # "teks" | "angka" | "ya_tidak" | "daftar_teks" | "bulanan"


@dataclass(frozen=True)
class SumberData:
    """A source of the collected data a check may read (``data <nama>``): how a place names it, in
    the words of the report ("data: sub kegiatan ..."), and the fields it gives (the data adapters
    fill every one; an unknown value is empty)."""

    nama: str
    kolom: dict[str, KolomData]


_T, _A = "teks", "angka"
_KODE_NAMA = {"kode": KolomData("kode", _T), "nama": KolomData("nama", _T)}
#: The data sources, by the name a check gives them (``data sub_kegiatan``); see docs/pemeriksaan.md.
SUMBER_DATA: dict[str, SumberData] = {
    "desa": SumberData("desa", {**_KODE_NAMA, "status": KolomData("status IDM", _T),
                                "idm": KolomData("skor IDM", _A)}),
    "bumdes": SumberData("BUMDes", {**_KODE_NAMA, "desa": KolomData("desa", _T),
                                    "aktif": KolomData("aktif", "ya_tidak"),
                                    "bulanan": KolomData("laba bulanan", "bulanan")}),
    "laba_bumdes": SumberData("laba BUMDes", {"bumdes": KolomData("BUMDes", _T), "bulan": KolomData("bulan", _A),
                                              "laba": KolomData("laba", _A)}),
    "indikator": SumberData("indikator", {
        "indikator": KolomData("kode indikator", _T), "nama": KolomData("nama", _T),
        "satuan": KolomData("satuan", _T), "polaritas": KolomData("polaritas", _T),
        "baseline": KolomData("baseline", _A), "baseline_tahun": KolomData("tahun baseline", _A),
        "target_renstra": KolomData("target Renstra", _A), "target_pk": KolomData("target PK", _A),
        "target": KolomData("target", _A), "realisasi": KolomData("realisasi", _A),
        "capaian": KolomData("capaian", _A), "catatan": KolomData("catatan", _T)}),
    "program": SumberData("program", {**_KODE_NAMA, "anggaran_pk": KolomData("anggaran PK", _A)}),
    "kegiatan": SumberData("kegiatan", {**_KODE_NAMA, "program": KolomData("program", _T)}),
    "sub_kegiatan": SumberData("sub kegiatan", {
        **_KODE_NAMA, "program": KolomData("program", _T), "kegiatan": KolomData("kegiatan", _T),
        "anggaran": KolomData("pagu", _A), "realisasi": KolomData("realisasi", _A),
        "mendukung": KolomData("IKU yang didukung", "daftar_teks")}),
}
#: The fields of one month in ``bumdes.bulanan``.
KOLOM_BULANAN = {"bulan": KolomData("bulan", _A), "laba": KolomData("laba", _A)}


def label_data(sumber: str, kolom: str) -> str:
    """How a place or message names a field of a data source ("target PK", not "target_pk")."""
    k = SUMBER_DATA[sumber].kolom.get(kolom) if sumber in SUMBER_DATA else None
    return k.label if k is not None else label_nilai(kolom)


def masalah_data_contoh(sumber: str, baris: dict) -> list[tuple[tuple, str]]:
    """What is wrong with one row of a worked example's data: (key path within the row, message).

    A worked example may give only the fields it is about, but each field must be one its source
    gives, holding the kind of value the data adapters give (empty is always allowed)."""
    out: list[tuple[tuple, str]] = []
    kolom = SUMBER_DATA[sumber].kolom
    for name, value in baris.items():
        k = kolom.get(name)
        if k is None:
            out.append(((name,), f"sumber data '{sumber}' tidak memberikan kolom '{name}'; yang ada: "
                                 f"{', '.join(kolom)}"))
            continue
        problem = _masalah_jenis(k.jenis, value)
        if problem:
            out.append(((name,), f"kolom '{name}' data '{sumber}' harus {problem}"))
            continue
        if k.jenis == "bulanan":
            for i, bulan in enumerate(value):
                for field, v in bulan.items():
                    kb = KOLOM_BULANAN.get(field)
                    if kb is None:
                        out.append(((name, i, field), f"bulan ke-{i + 1} di '{name}' hanya memuat "
                                                      f"{' dan '.join(KOLOM_BULANAN)}, bukan '{field}'"))
                    elif (problem := _masalah_jenis(kb.jenis, v)):
                        out.append(((name, i, field), f"'{field}' bulan ke-{i + 1} di '{name}' harus {problem}"))
                    elif field == "bulan" and v is not None and not (v == int(v) and 1 <= v <= 12):
                        out.append(((name, i, field), f"'bulan' harus nomor bulan 1 sampai 12, bukan {v}"))
    return out


def _masalah_jenis(jenis: str, value) -> str | None:
    """None when ``value`` is of kind ``jenis`` (or empty); else what it must be, and what it is."""
    if value is None:
        return None
    ok = {"teks": lambda v: isinstance(v, str),
          "angka": lambda v: jenis_yaml(v) == "angka",
          "ya_tidak": lambda v: isinstance(v, bool),
          "daftar_teks": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
          "bulanan": lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v)}[jenis](value)
    if ok:
        return None
    what = {"teks": "teks", "angka": "angka", "ya_tidak": "true atau false",
            "daftar_teks": "daftar teks, mis. [ikm]",
            "bulanan": "daftar bulan, mis. [{bulan: 1, laba: 1500000}, {bulan: 2, laba: null}]"}[jenis]
    return f"{what}, bukan {uraian_yaml(value)}"


#: Names every check formula may use besides its own.
NAMA_UMUM = ("laporan", "tahun", "isi_tabel")

#: The word that marks the summary rows of a table as a place a check reads ("Tabel 3.16 ringkasan");
#: a table's name may not contain it (report.model.NAMA_TABEL).
RE_SUMBER_TABEL = re.compile(rf"^(?P<tabel>{NAMA_TABEL})(?: (?P<ringkasan>{KATA_RINGKASAN}))?$")
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


def masalah_fungsi(f: FungsiAturan, perhitungan: dict) -> str | None:
    """What is wrong with a rule called as a function, given the rule set's rules by id; None if nothing."""
    rule = perhitungan.get(f.aturan)
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

#: Display formats of a message placeholder ``{rumus|format}``: digits without grouping (years), %, Rp,
#: and ``seperti``: with the unit the stated value was printed with (%, Rp or its unit word).
FORMAT_PESAN = ("polos", "persen", "rupiah", "seperti")



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
        bits = [f"{k} {_kutip(getattr(self, k))}" for k in ("tempat", "dinyatakan", "dihitung", "tingkat")
                if k in self.punya]
        if "pesan_memuat" in self.punya:
            bits.append(f"pesan memuat {_kutip(self.pesan_memuat)}")
        if self.tidak_dapat:
            bits.append("tidak dapat diperiksa")
        return "; ".join(bits) or "(apa saja)"


def _kutip(teks: str | None) -> str:
    """A text of an expectation or finding in a message: quoted, '–' for none (never a Python repr)."""
    return "–" if teks is None else f'"{teks}"'


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
    menggantikan_line: int | None = None

    @property
    def sumber(self) -> list[Sumber]:
        out = list(self.dari)
        for items in self.membaca.values():
            out.extend(items)
        return out

    @property
    def perlu_laporan(self) -> bool:
        return any(s.laporan for s in self.sumber)

    def masalah(self, perhitungan: dict, pemeriksaan: dict, rusak: set | frozenset = frozenset()
                ) -> list[tuple[str, int | None]]:
        """Problems only visible with the whole rule set, each with its line: a ``fungsi`` naming a rule
        that does not exist (or inputs it does not have), a ``menggantikan`` naming an unknown check,
        and a check that replaces itself through ``menggantikan`` (directly or by a cycle), which would
        leave every check of the cycle skipped. ``perhitungan``: rules by id; ``pemeriksaan``: checks
        by id; ``rusak``: ids of files that failed to load (no second error for them). The rule loader
        runs this for every check, so a rule set with such a problem is refused whole."""
        out = []
        for f in self.fungsi.values():
            if f.aturan in rusak:
                continue
            m = masalah_fungsi(f, perhitungan)
            if m:
                out.append((m, f.line))
        for other in self.menggantikan:
            if other not in pemeriksaan and other not in rusak:
                out.append((f"menggantikan '{other}', padahal pemeriksaan itu tidak ada", self.menggantikan_line))
        lingkaran = lingkaran_menggantikan(self.id, pemeriksaan)
        if lingkaran:
            jalur = " → ".join(lingkaran)
            out.append((f"'menggantikan' membentuk lingkaran ({jalur}): pemeriksaan yang saling menggantikan "
                        f"tidak akan pernah dijalankan; hapus salah satu 'menggantikan'", self.menggantikan_line))
        return out


def lingkaran_menggantikan(awal: str, pemeriksaan: dict) -> list[str] | None:
    """The cycle of ``menggantikan`` through check ``awal`` (``[a, b, a]``), or None."""
    jalur = [awal]

    def cari(id_: str, dilihat: set) -> list[str] | None:
        c = pemeriksaan.get(id_)
        for nxt in (c.menggantikan if isinstance(c, Pemeriksaan) else ()):
            if nxt == awal:
                return jalur + [awal]
            if nxt in dilihat:
                continue
            dilihat.add(nxt)
            jalur.append(nxt)
            hit = cari(nxt, dilihat)
            if hit:
                return hit
            jalur.pop()
        return None

    return cari(awal, {awal})


def _cocok(h: Harapan, t) -> bool:
    for key in ("tempat", "dinyatakan", "dihitung", "tingkat"):
        if key in h.punya and getattr(h, key) != getattr(t, key):
            return False
    if "pesan_memuat" in h.punya and h.pesan_memuat not in t.pesan:
        return False
    # an expectation that does not say 'tidak_dapat_diperiksa: true' expects a real finding: a
    # "tidak dapat diperiksa" warning at the same place must not pass for it
    if bool(h.tidak_dapat) != t.tidak_dapat_diperiksa:
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
            f"{t.tempat}: {t.pesan} (dinyatakan {_kutip(t.dinyatakan)}, dihitung {_kutip(t.dihitung)}"
            f"{', tidak dapat diperiksa' if t.tidak_dapat_diperiksa else ''})" for t in sisa))
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
    declared: dict[str, tuple[str, int | None]] = {}  # name -> what it names, its line

    def declare(name: str, path, what: str):
        # every name a formula may use goes through here, so that two meanings of one name are a
        # load error instead of one silently overwriting the other when the check runs
        if name in declared:
            other, line = declared[name]
            where = f" (baris {line})" if line else ""
            errors.add(f"nama '{name}' ({what}) sudah dipakai untuk {other}{where}; pakai nama lain", doc, path)
            return
        names[name] = ANY
        declared[name] = (what, doc.line(path) if path else None)

    for n in NAMA_UMUM:
        declare(n, (), "nama yang selalu tersedia dalam rumus pemeriksaan")
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
        dinyatakan_path = ("dinyatakan",)
        dinyatakan = compile_at(d["dinyatakan"], dinyatakan_path)
    elif sel:
        dinyatakan_path = ("sel",)
        dinyatakan = compile_at(f"{sebagai}.{sel}", dinyatakan_path)
    elif kolom:
        dinyatakan_path = ("untuk_setiap", "kolom")
        dinyatakan = compile_at(f"sel({sebagai}, kolom)", dinyatakan_path)
    else:
        dinyatakan = None
    if dinyatakan is not None:
        declare("dinyatakan", dinyatakan_path, "nilai yang dinyatakan")
    dihitung = compile_at(d["dihitung"], ("dihitung",)) if "dihitung" in d else None
    if dihitung is not None:
        declare("dihitung", ("dihitung",), "nilai yang dihitung")
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
                shape_ok = True
                for j, row in enumerate(rows):
                    for sub, message in masalah_data_contoh(name, row):
                        errors.add(message, doc, path + ("data", name, j) + sub)
                        shape_ok = False
                if shape_ok:
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
                       syarat, pesan, tuple(d.get("menggantikan") or ()), contoh, rel, doc.line(()),
                       doc.line(("menggantikan",)) if "menggantikan" in d else None)


__all__ = ["Pemeriksaan", "build_pemeriksaan", "Sumber", "baca_sumber", "SUMBER_DATA", "SumberData", "KolomData",
           "label_data", "masalah_data_contoh", "lingkaran_menggantikan", "KELUARGA", "TINGKAT",
           "LABEL_TINGKAT", "FORMAT_PESAN", "Templat", "baca_templat", "cocokkan_harapan", "Harapan",
           "ContohPemeriksaan", "FungsiAturan", "masalah_fungsi"]

