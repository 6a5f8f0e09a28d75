"""Load a rule folder: schema-check every file, build rule objects, resolve names.

A rule set with any problem is refused whole; all problems are reported at once
with file, line and key. Formulas are compiled here, once, so an unknown name
fails at load time and not during evaluation.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from ..angka import format_angka
from ..errors import ErrorList, RuleError, SakipError
from ..formula import ANY, MAX_PLACES, NUMBER, TEXT, BOOL, FormulaError, ListOf, Record, compile_formula, places_valid
from ..schema import load_schema, validate
from ..yamlio import Located, load_file, uraian_yaml
from .interval import Interval, IntervalError
from .model import (BarisSkala, Contoh, Dasar, Langkah, Masukan, Parameter, Pembulatan,
                    Pengukuran, Perhitungan, RuleSet, Skala, bentuk_survei)
from .pemeriksaan import Pemeriksaan, build_pemeriksaan
from .vocabulary import IKM_TINGKAT_NAMA, MASUKAN_RUMUS_PENGUKURAN, NAMA_KHUSUS

_PESAN_TEMPAT = ("parameter '{}' dipakai sebagai banyak desimal: harus bilangan bulat 0 sampai "
                 + str(MAX_PLACES) + " atau kosong")
_JENIS_TYPE = {"angka": NUMBER, "teks": TEXT, "ya_tidak": BOOL, "daftar": ListOf(ANY), "catatan": ANY}

# Extra rule kinds (e.g. report checks) register a builder here:
# jenis -> (schema package, schema file, builder(doc, errors, rel) -> object with .id)
EXTRA_KINDS: dict[str, tuple[str, str, Callable]] = {}


class _Errors:
    def __init__(self):
        self.items: list[SakipError] = []

    def add(self, message: str, doc: Located | None = None, path=(), key: str | None = None):
        line = doc.line(path) if doc else None
        self.items.append(RuleError(message, file=doc.file if doc else None, line=line,
                                    key=key or (".".join(map(str, path)) or None)))


def _rel(folder: Path, path: Path) -> str:
    try:
        return str(path.relative_to(folder.parent)) if folder.parent != path else str(path)
    except ValueError:
        return str(path)


def fingerprint(folder: Path, files: list[Path]) -> str:
    """sha256 over every rule file's relative path and bytes, in sorted order."""
    h = hashlib.sha256()
    for f in sorted(files, key=lambda p: p.relative_to(folder).as_posix()):
        h.update(f.relative_to(folder).as_posix().encode() + b"\0")
        h.update(f.read_bytes() + b"\0")
    return h.hexdigest()


def _dasar(raw, doc: Located, path, errors: _Errors) -> tuple[Dasar, ...]:
    out = []
    for i, d in enumerate(raw or []):
        p = tuple(path) + (i,)
        if not isinstance(d.get("diperiksa"), dt.date):
            errors.add("'diperiksa' harus tanggal YYYY-MM-DD", doc, p + ("diperiksa",))
            continue
        if d["jenis"] == "dasar_hukum" and not d.get("acuan"):
            errors.add("dasar_hukum memerlukan 'acuan' (peraturan yang dirujuk)", doc, p)
        if d["jenis"] != "dasar_hukum" and not (d.get("acuan") or d.get("uraian")):
            errors.add(f"{d['jenis']} memerlukan 'acuan' atau 'uraian'", doc, p)
        out.append(Dasar(d["jenis"], d.get("acuan"), d.get("uraian"), d["diperiksa"]))
    return tuple(out)


def _rentang(text: str | None, doc: Located, path, errors: _Errors) -> Interval | None:
    if text is None:
        return None
    try:
        return Interval.parse(text)
    except IntervalError as exc:
        errors.add(str(exc), doc, path)
        return None


def _type_of(m: Masukan):
    if m.jenis == "daftar" and m.kolom:
        return ListOf(Record({k: _JENIS_TYPE[v] for k, v in m.kolom.items()}))
    return _JENIS_TYPE[m.jenis]


def _kunci_berlaku(m: Masukan, tertulis: dict, doc: Located, errors: _Errors) -> None:
    """A key where nothing reads it (a range or length the engine cannot apply, a survey choice
    without a survey, fields of a value that is not a list) would silently do nothing."""
    path = ("masukan", m.nama)
    if "pilih" in tertulis and m.sumber != "ikm":
        sumber = f"sumber '{m.sumber}'" if m.sumber else "tanpa 'sumber'"
        errors.add(f"'pilih' hanya untuk masukan dengan 'sumber: ikm' (memilih survei semester mana); "
                   f"masukan '{m.nama}' {sumber}", doc, path + ("pilih",))
    if "kolom" in tertulis and m.jenis != "daftar":
        errors.add(f"'kolom' hanya untuk masukan jenis 'daftar' (kolom setiap catatan); masukan '{m.nama}' "
                   f"jenis '{m.jenis}'", doc, path + ("kolom",))
    if "rentang" in tertulis and not (m.jenis == "angka" or (m.jenis == "daftar" and not m.kolom)):
        jenis = "daftar catatan (dengan 'kolom')" if m.jenis == "daftar" else f"jenis '{m.jenis}'"
        errors.add(f"'rentang' hanya untuk masukan jenis 'angka' atau 'daftar' angka (tanpa 'kolom'); "
                   f"masukan '{m.nama}' {jenis}", doc, path + ("rentang",))
    if "banyak_butir" in tertulis and m.jenis != "daftar":
        errors.add(f"'banyak_butir' hanya untuk masukan jenis 'daftar'; masukan '{m.nama}' jenis '{m.jenis}'",
                   doc, path + ("banyak_butir",))


def constant(value: Any, doc: Located, path, errors: _Errors) -> Any:
    """A parameter value: a number, list, null, or a string read as a constant formula ("1 / 9")."""
    if isinstance(value, str):
        try:
            return compile_formula(value, {}).evaluate({})
        except FormulaError as exc:
            errors.add(f"nilai '{value}' bukan rumus konstan: {exc.message} "
                       f"(teks ditulis dengan tanda kutip di dalam, mis. '\"positif\"')", doc, path)
            return None
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, list):
        return [constant(v, doc, tuple(path) + (i,), errors) if not isinstance(v, str) else v
                for i, v in enumerate(value)]
    return value


def _build_calc(doc: Located, errors: _Errors, rel: str) -> Perhitungan:
    d = doc.data
    masukan = {}
    for name, m in (d.get("masukan") or {}).items():
        masukan[name] = Masukan(name, m["deskripsi"], m["jenis"], m.get("sumber"), m.get("pilih") or {},
                                tuple(m.get("pilihan") or ()), m.get("kolom") or {},
                                _rentang(m.get("rentang"), doc, ("masukan", name, "rentang"), errors),
                                m.get("banyak_butir"))
        _kunci_berlaku(masukan[name], m, doc, errors)
    parameter = {}
    for name, p in (d.get("parameter") or {}).items():
        if name in masukan:
            errors.add(f"'{name}' sudah dipakai sebagai masukan", doc, ("parameter", name))
        value = constant(p["nilai"], doc, ("parameter", name, "nilai"), errors)
        teks = p["nilai"] if isinstance(p["nilai"], str) else _show(p["nilai"])
        parameter[name] = Parameter(name, value, teks, p["deskripsi"],
                                    _dasar(p["dasar"], doc, ("parameter", name, "dasar"), errors))
    is_indicator = d["jenis"] == "indikator"
    names: dict[str, Any] = {n: _type_of(m) for n, m in masukan.items()}
    names.update({n: ANY for n in parameter})
    if is_indicator:
        names.update({n: NUMBER for n in NAMA_KHUSUS})
    langkah: list[Langkah] = []
    tempat_parameter: set[str] = set()  # parameters that give a step's number of decimal places
    for i, s in enumerate(d["langkah"]):
        path = ("langkah", i)
        if s["id"] in names:
            errors.add(f"nama langkah '{s['id']}' sudah dipakai", doc, path + ("id",))
            continue
        try:
            formula = compile_formula(s["rumus"], names)
        except FormulaError as exc:
            errors.add(f"rumus langkah '{s['id']}': {exc.message}", doc, path + ("rumus",))
            names[s["id"]] = ANY
            continue
        rounding = None
        if "pembulatan" in s:
            r = s["pembulatan"]
            tempat = r["tempat"]
            if isinstance(tempat, str) and tempat != "target" and tempat not in parameter:
                errors.add(f"pembulatan.tempat '{tempat}' bukan bilangan, parameter, atau 'target'",
                           doc, path + ("pembulatan", "tempat"))
            if tempat == "target" and not is_indicator:
                errors.add("pembulatan ke presisi 'target' hanya untuk indikator", doc,
                           path + ("pembulatan", "tempat"))
            if isinstance(tempat, str) and tempat in parameter:
                tempat_parameter.add(tempat)
                v = parameter[tempat].nilai
                if v is not None and not places_valid(v):
                    errors.add(_PESAN_TEMPAT.format(tempat), doc, ("parameter", tempat, "nilai"))
            rounding = Pembulatan(tempat, r.get("mode", "half_up"))
        if "rentang" in s and not s.get("dapat_diberikan"):
            errors.add("'rentang' hanya untuk langkah yang dapat_diberikan oleh data", doc, path + ("rentang",))
        langkah.append(Langkah(s["id"], s.get("deskripsi", ""), formula, rounding,
                               bool(s.get("dapat_diberikan", False)),
                               _dasar(s.get("dasar"), doc, path + ("dasar",), errors), doc.line(path),
                               _rentang(s.get("rentang"), doc, path + ("rentang",), errors)))
        names[s["id"]] = ANY
    if d["hasil"] not in {s.id for s in langkah} and not errors.items:
        errors.add(f"hasil '{d['hasil']}' bukan nama langkah", doc, ("hasil",))
    for name, m in masukan.items():
        if m.sumber == "ikm":
            if "semester" not in m.pilih:
                errors.add("sumber ikm memerlukan 'pilih: {semester: 1 atau 2}' (survei mana yang menjadi "
                           "realisasi)", doc, ("masukan", name))
            own = set(masukan) | {s.id for s in langkah if s.dapat_diberikan}
            for tingkat, supplied in IKM_TINGKAT_NAMA.items():
                for n in supplied:
                    if n not in own:
                        errors.add(f"sumber ikm tingkat '{tingkat}' memberikan '{n}', tetapi aturan ini tidak "
                                   f"memiliki masukan atau langkah 'dapat_diberikan' bernama '{n}'",
                                   doc, ("masukan", name, "sumber"))
            _bentuk_survei(m, langkah, d, doc, errors)
        if m.sumber and m.sumber != "ikm" and not is_indicator:
            errors.add("'sumber' data hanya untuk masukan indikator", doc, ("masukan", name, "sumber"))
    contoh = []
    for i, c in enumerate(d.get("contoh") or []):
        p = ("contoh", i)
        known = set(masukan) | {s["id"] for s in d["langkah"]}
        for k in c["harapan"]:
            if k not in known:
                errors.add(f"harapan '{k}' bukan nama masukan atau langkah", doc, p + ("harapan", k))
        for k in c.get("parameter") or {}:
            if k not in parameter:
                errors.add(f"parameter '{k}' tidak ada dalam aturan ini", doc, p + ("parameter", k))
        for k in c.get("masukan") or {}:
            if k not in masukan:
                errors.add(f"masukan '{k}' tidak ada dalam aturan ini", doc, p + ("masukan", k))
        for k in c.get("diberikan") or {}:
            step = next((s for s in langkah if s.id == k), None)
            if not step or not step.dapat_diberikan:
                errors.add(f"'{k}' bukan langkah yang dapat diberikan", doc, p + ("diberikan", k))
        params = {k: constant(v, doc, p + ("parameter", k), errors) for k, v in (c.get("parameter") or {}).items()}
        for k in tempat_parameter & set(params):
            if params[k] is not None and not places_valid(params[k]):
                errors.add(_PESAN_TEMPAT.format(k), doc, p + ("parameter", k))
        contoh.append(Contoh(c["nama"], c.get("target"), c.get("masukan") or {}, c.get("diberikan") or {},
                             params, c["harapan"], doc.line(p)))
    return Perhitungan(
        jenis=d["jenis"], id=d["id"], nama=d["nama"], deskripsi=d["deskripsi"],
        dasar=_dasar(d["dasar"], doc, ("dasar",), errors), masukan=masukan, parameter=parameter,
        langkah=langkah, hasil=d["hasil"], contoh=contoh, file=rel,
        sasaran=d.get("sasaran"), satuan=d.get("satuan"), polaritas=d.get("polaritas"),
        periode_pengukuran=d.get("periode_pengukuran"), realisasi_tahunan=d.get("realisasi_tahunan"),
        sumber_data=d.get("sumber_data"), skala_tambahan=tuple(d.get("skala_tambahan") or ()),
    )


def _bentuk_survei(m: Masukan, langkah: list[Langkah], d: dict, doc: Located, errors: _Errors) -> None:
    """The survey shape the store and the data folder check submissions against (model.aturan_ikm):
    how many unsur, which whole answers, which final values. Checked here, so that a rule set
    without it is refused by periksa-aturan and not by every later store command."""
    where = ("masukan", m.nama)
    if m.jenis != "daftar":
        errors.add(f"sumber ikm memberikan daftar jawaban per unsur, jadi jenis masukan '{m.nama}' harus "
                   f"'daftar', bukan '{m.jenis}'", doc, where + ("jenis",))
        return
    if m.banyak_butir is None:
        errors.add("sumber ikm memerlukan 'banyak_butir' (banyak unsur survei, mis. 9): kiriman IKM "
                   "diperiksa dengannya", doc, where)
    tertulis = d["masukan"][m.nama].get("rentang")
    if tertulis is None:
        errors.add("sumber ikm memerlukan 'rentang' nilai jawaban, tertutup dengan batas bilangan bulat "
                   "(mis. \"[1, 4]\"): kiriman IKM diperiksa dengannya", doc, where)
    elif m.rentang is not None and not (m.rentang.lo_closed and m.rentang.hi_closed
                                        and _bulat(m.rentang.lo) and _bulat(m.rentang.hi)):
        errors.add(f"'rentang' jawaban sumber ikm harus tertutup dengan batas bilangan bulat "
                   f"(mis. \"[1, 4]\"), karena setiap jawaban bernilai bulat; tertulis \"{tertulis}\"",
                   doc, where + ("rentang",))
    nama = IKM_TINGKAT_NAMA["nilai"][0]
    step = next((s for s in langkah if s.id == nama), None)
    if step is None or not step.dapat_diberikan:
        return  # already named: the ikm source gives this step
    i = next(i for i, s in enumerate(d["langkah"]) if s["id"] == nama)
    tertulis = d["langkah"][i].get("rentang")
    if tertulis is None:
        errors.add(f"langkah '{nama}' diberikan sumber ikm pada tingkat 'nilai', jadi memerlukan 'rentang' "
                   f"tertutup (mis. \"[25, 100]\"): nilai IKM yang dikirim diperiksa dengannya",
                   doc, ("langkah", i))
    elif step.rentang is not None and not (step.rentang.lo_closed and step.rentang.hi_closed):
        errors.add(f"'rentang' langkah '{nama}' harus tertutup (mis. \"[25, 100]\"): nilai IKM yang "
                   f"dikirim diperiksa dengan kedua batasnya; tertulis \"{tertulis}\"",
                   doc, ("langkah", i, "rentang"))


def _bulat(value: Decimal) -> bool:
    return value == value.to_integral_value()


def _show(value) -> str:
    if value is None:
        return "kosong"
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value)
    return str(value)


def _build_scale(doc: Located, errors: _Errors, rel: str) -> Skala:
    d = doc.data

    def interval(text, path):
        try:
            return Interval.parse(text)
        except IntervalError as exc:
            errors.add(str(exc), doc, path)
            return None

    domain = interval(d["domain"], ("domain",))
    rows = []
    for i, b in enumerate(d["baris"]):
        iv = interval(b["rentang"], ("baris", i, "rentang"))
        if iv is not None:
            rows.append(BarisSkala(iv, b["label"], b.get("kode"), b.get("warna"), b.get("tertulis"),
                                   doc.line(("baris", i))))
    resolusi = d.get("resolusi")
    examples = [(Decimal(c["nilai"]), c["label"], doc.line(("contoh", i))) for i, c in enumerate(d["contoh"])]
    labels = {r.label for r in rows}
    for i, (_, label, _) in enumerate(examples):
        if label not in labels:
            errors.add(f"label '{label}' tidak ada di baris skala", doc, ("contoh", i, "label"))
    return Skala(d["id"], d["nama"], d["deskripsi"], d.get("satuan"), domain, 
                 Decimal(resolusi) if resolusi is not None else None, d["kebijakan_hit"], rows,
                 _dasar(d["dasar"], doc, ("dasar",), errors), examples, rel)


def _build_pengukuran(doc: Located, errors: _Errors, rel: str) -> Pengukuran:
    d = doc.data
    return Pengukuran(d["id"], d["nama"], d["deskripsi"], tuple(d["indikator"]), d["rumus_capaian"],
                      d["skala_kategori"], d["rumus_rata_rata"], d["rumus_realisasi_anggaran"],
                      d["rumus_efisiensi"], d["rumus_rata_rata_efisiensi"],
                      _dasar(d["dasar"], doc, ("dasar",), errors), rel)


_BUILDERS = {
    "rumus": ("rumus.json", _build_calc),
    "indikator": ("indikator.json", _build_calc),
    "skala": ("skala.json", _build_scale),
    "pengukuran": ("pengukuran.json", _build_pengukuran),
    "pemeriksaan": ("pemeriksaan.json", build_pemeriksaan),
}


def _satu_bentuk_survei(built: dict, errors: _Errors) -> None:
    """Every rule taking the ``ikm`` source (e.g. one per semester) declares the same survey: the
    store and the data folder check every survey against that one shape."""
    pertama = None
    for o, doc in built.values():
        bentuk = bentuk_survei(o) if isinstance(o, Perhitungan) else None
        if bentuk is None:
            continue
        if pertama is None:
            pertama = (o, bentuk)
        elif bentuk != pertama[1]:
            errors.add(f"bentuk survei IKM berbeda dari {pertama[0].file}: {_uraian_survei(bentuk)} di sini, "
                       f"{_uraian_survei(pertama[1])} di sana", doc, ("masukan",))


def _uraian_survei(a) -> str:
    return (f"{a.unsur} unsur, jawaban {a.skor_min}–{a.skor_maks}, "
            f"IKM {format_angka(a.nilai_min)}–{format_angka(a.nilai_maks)}")


def load_rules(folder: Path | str) -> RuleSet:
    """Load and check a whole rule folder, or raise ErrorList naming every problem."""
    folder = Path(folder)
    if not folder.is_dir():
        raise RuleError(f"folder aturan '{folder}' tidak ada")
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    errors = _Errors()
    if not files:
        raise RuleError(f"folder aturan '{folder}' tidak berisi berkas .yaml")
    built: dict[str, tuple[Any, Located]] = {}
    broken: set[str] = set()  # ids of files that failed: references to them add no further errors
    for path in files:
        rel = _rel(folder, path)
        try:
            doc = load_file(path, rel)
        except SakipError as exc:
            errors.items.append(RuleError(exc.message, file=exc.file, line=exc.line, key=exc.key))
            broken.add(path.stem)  # its id is unknown; ids are file names by convention
            continue
        if not isinstance(doc.data, dict):
            errors.add("berkas aturan harus berupa pemetaan (kunci: nilai)", doc)
            broken.add(path.stem)
            continue
        jenis = doc.data.get("jenis")
        builders = {**{k: ("sakip_rules.rules.schemas", v[0], v[1]) for k, v in _BUILDERS.items()},
                    **EXTRA_KINDS}
        if not isinstance(jenis, str) or jenis not in builders:
            # a list or mapping here is not a kind at all, and cannot even be looked up
            tertulis = f"'{jenis}'" if isinstance(jenis, str) else uraian_yaml(jenis)
            errors.add(f"jenis {tertulis} tidak dikenal; yang dikenal: {', '.join(sorted(builders))}",
                       doc, ("jenis",), key="jenis")
            broken.add(str(doc.data.get("id", path.stem)))
            continue
        package, schema_name, builder = builders[jenis]
        problems = validate(doc, load_schema(package, schema_name))
        if problems:
            errors.items.extend(RuleError(p.message, file=p.file, line=p.line, key=p.key) for p in problems)
            broken.add(str(doc.data.get("id")))
            continue
        before = len(errors.items)
        obj = builder(doc, errors, rel)
        if len(errors.items) > before:
            broken.add(obj.id)
            continue
        if obj.id in built:
            errors.add(f"id '{obj.id}' sudah dipakai di {built[obj.id][0].file}", doc, ("id",))
            continue
        built[obj.id] = (obj, doc)

    pengukuran = [o for o, _ in built.values() if isinstance(o, Pengukuran)]
    if len(pengukuran) != 1 and not errors.items:
        errors.add(f"harus ada tepat satu berkas jenis 'pengukuran'; ditemukan {len(pengukuran)}")
    perhitungan = {o.id: o for o, _ in built.values() if isinstance(o, Perhitungan)}
    skala = {o.id: o for o, _ in built.values() if isinstance(o, Skala)}
    if pengukuran:
        p = pengukuran[0]
        doc = built[p.id][1]
        for i, ind in enumerate(p.indikator):
            if ind not in broken and (ind not in perhitungan or perhitungan[ind].jenis != "indikator"):
                errors.add(f"indikator '{ind}' tidak ada", doc, ("indikator", i))
        for key, wajib in MASUKAN_RUMUS_PENGUKURAN.items():
            ref = getattr(p, key)
            if ref in broken:
                continue
            if ref not in perhitungan or perhitungan[ref].jenis != "rumus":
                errors.add(f"rumus '{ref}' tidak ada", doc, (key,))
            elif set(perhitungan[ref].masukan) != set(wajib):
                ada = ", ".join(perhitungan[ref].masukan) or "tidak ada"
                errors.add(f"rumus '{ref}' dipakai sebagai {key}, jadi masukannya harus tepat: "
                           f"{', '.join(wajib)} (yang diberikan mesin); masukannya sekarang: {ada}", doc, (key,))
        if p.skala_kategori not in skala and p.skala_kategori not in broken:
            errors.add(f"skala '{p.skala_kategori}' tidak ada", doc, ("skala_kategori",))
    for o, doc in built.values():
        if isinstance(o, Skala):  # an ambiguous scale cannot classify; gaps are left to periksa-aturan
            for kind, line, message in o.masalah_cakupan():
                if kind != "celah":
                    errors.items.append(RuleError(message, file=o.file, line=line))
        if isinstance(o, Perhitungan):
            for i, s in enumerate(o.skala_tambahan):
                if s not in skala and s not in broken:
                    errors.add(f"skala '{s}' tidak ada", doc, ("skala_tambahan", i))
    _satu_bentuk_survei(built, errors)
    pemeriksaan = {o.id: o for o, _ in built.values() if isinstance(o, Pemeriksaan)}
    for c in pemeriksaan.values():  # rules a check calls, checks it replaces: known only with the whole set
        for message, line in c.masalah(perhitungan, pemeriksaan, broken):
            errors.items.append(RuleError(f"pemeriksaan '{c.id}': {message}", file=c.file, line=line or c.line))
    if errors.items:
        raise ErrorList(errors.items)
    lainnya = {o.id: o for o, _ in built.values()
               if not isinstance(o, (Perhitungan, Skala, Pengukuran))}
    return RuleSet(folder, pengukuran[0], perhitungan, skala, lainnya, fingerprint(folder, files),
                   [_rel(folder, f) for f in files])
