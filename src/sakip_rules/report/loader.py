"""Read a report transcript (``data/<kecamatan>/laporan/<tahun>.yaml``; format: docs/format-laporan.md).

Everything wrong with a transcript is reported at once, each problem with file, line and key:
a malformed or unknown place, a number in a form the printed convention does not allow, a row
that names a column the table does not have, a link to a table that is not transcribed.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from ..errors import DataError, ErrorList, SakipError
from ..schema import load_schema, validate
from ..yamlio import Located, jenis_yaml, load_file, uraian_yaml
from .model import (BENTUK_TABEL, KUNCI_BARIS, KUNCI_PERNYATAAN, RE_TABEL, Baris, Kolom, Laporan, Pernyataan,
                    Sel, Tabel, JENIS_TAUTAN)
from .tercetak import AngkaTercetakTidakSah, baca_tercetak

_ROMAWI = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")

#: Text places: "BAB III A.1.c paragraf 2", "BAB III A.1.b.2) paragraf 1", "BAB IV butir 3".
RE_TEMPAT = re.compile(
    r"^BAB (?P<bab>[IVX]+)(?: (?P<bagian>(?:[A-Z]|[0-9]+\)?|[a-z])(?:\.(?:[A-Z]|[0-9]+\)?|[a-z]))*))?"
    r" (?P<satuan>paragraf|butir) (?P<nomor>[1-9][0-9]*)$")
BENTUK_TEMPAT = ("'BAB III A.1.c paragraf 2' (BAB dengan angka Romawi, bagian opsional seperti A.1.c "
                 "atau A.1.b.2), lalu 'paragraf N' atau 'butir N')")

_JUMLAH_PERLU_KUTIP = ("tulis angka persis seperti tercetak, sebagai teks dalam tanda kutip "
                       "(mis. \"99,92%\" atau \"0,27\")")


class _Kumpul:
    def __init__(self, doc: Located, base: tuple):
        self.doc = doc
        self.base = tuple(base)
        self.items: list[SakipError] = []

    def add(self, message: str, path=(), key: str | None = None):
        full = self.base + tuple(path)
        self.items.append(DataError(message, file=self.doc.file, line=self.doc.line(full),
                                    key=key or ".".join(str(p) for p in full) or None))

    def line(self, path) -> int | None:
        return self.doc.line(self.base + tuple(path))


def periksa_tempat(teks: str, bab: dict[str, str] | None) -> str | None:
    """The problem with a text place, or None when it is well-formed (and its BAB exists)."""
    m = RE_TEMPAT.match(teks)
    if not m or m.group("bab") not in _ROMAWI:
        return f"tempat '{teks}' tidak sah; bentuknya {BENTUK_TEMPAT}"
    if bab is not None and m.group("bab") not in bab:
        ada = ", ".join(bab) or "tidak ada"
        return f"tempat '{teks}': BAB {m.group('bab')} tidak ada dalam laporan ini (BAB yang ada: {ada})"
    return None


def _sel_angka(value, k: _Kumpul, path) -> Sel | list[Sel] | None:
    if value is None:
        return Sel(None, None, k.line(path))
    if isinstance(value, list):
        out = []
        for i, v in enumerate(value):
            s = _sel_angka(v, k, tuple(path) + (i,))
            if isinstance(s, list):
                k.add("daftar di dalam daftar tidak didukung", tuple(path) + (i,))
            elif s is not None:
                out.append(s)
        return out
    if isinstance(value, bool) or not isinstance(value, str):
        what = f"angka {value} ditulis sebagai bilangan YAML" if jenis_yaml(value) == "angka" else \
            f"kolom angka berisi {_uraian(value)}"
        k.add(f"{what}; {_JUMLAH_PERLU_KUTIP}", path)
        return None
    try:
        return Sel(value, baca_tercetak(value), k.line(path))
    except AngkaTercetakTidakSah as exc:
        k.add(exc.message, path)
        return None


def _uraian(value) -> str:
    """A YAML value as the transcriber wrote it, with how to write a printed value instead."""
    if isinstance(value, bool):
        return "true/false (tulis dalam tanda kutip bila itu teks)"
    if jenis_yaml(value) == "angka":
        return f"angka {value} (tulis dalam tanda kutip, persis seperti tercetak)"
    return uraian_yaml(value)


def _sel_teks(value, k: _Kumpul, path) -> Sel | None:
    if value is None:
        return Sel(None, None, k.line(path))
    if isinstance(value, bool):
        k.add("teks tidak boleh true/false; tulis seperti tercetak dalam tanda kutip", path)
        return None
    if isinstance(value, int):
        return Sel(str(value), None, k.line(path))
    if not isinstance(value, str):
        k.add(f"kolom teks harus berisi teks seperti tercetak, bukan {_uraian(value)}", path)
        return None
    return Sel(value, None, k.line(path))


def _tautan(raw: dict | None) -> dict[str, Any]:
    out = {j: None for j in JENIS_TAUTAN}
    out.update(raw or {})
    return out


def _tabel(tid: str, t: dict, k: _Kumpul) -> Tabel | None:
    path = ("tabel", tid)
    if not RE_TABEL.match(tid):
        k.add(f"nama tabel '{tid}' tidak sah; bentuknya {BENTUK_TABEL}", path)
        return None
    kolom: list[Kolom] = []
    seen = set()
    for i, c in enumerate(t["kolom"]):
        if c["id"] in seen:
            k.add(f"id kolom '{c['id']}' ditulis dua kali", path + ("kolom", i, "id"))
            continue
        if c["id"] in KUNCI_BARIS:
            k.add(f"id kolom '{c['id']}' dicadangkan; pakai nama lain", path + ("kolom", i, "id"))
            continue
        seen.add(c["id"])
        kolom.append(Kolom(c["id"], c["judul"], c.get("jenis", "teks")))
    by_id = {c.id: c for c in kolom}
    kunci = (t["kunci"],) if isinstance(t["kunci"], str) else tuple(t["kunci"])
    for c in kunci:
        if c not in by_id:
            k.add(f"kunci '{c}' bukan kolom tabel ini; kolom yang ada: {', '.join(by_id)}", path + ("kunci",))
    table_tautan = t.get("tautan") or {}

    def rows(key: str, ringkasan: bool) -> list[Baris]:
        out: list[Baris] = []
        labels: dict[str, int] = {}
        for i, r in enumerate(t.get(key) or []):
            rp = path + (key, i)
            cells: dict[str, Any] = {}
            extra = {"tautan", "catatan"} | ({"label"} if ringkasan else set())
            for name, value in r.items():
                if name in extra:
                    continue
                if name not in by_id:
                    hint = " ('label' hanya untuk baris ringkasan)" if name == "label" else ""
                    k.add(f"kolom '{name}' tidak ada di {tid}{hint}; kolom yang ada: {', '.join(by_id)}",
                          rp + (name,))
                    continue
                col = by_id[name]
                cell = _sel_angka(value, k, rp + (name,)) if col.jenis == "angka" \
                    else _sel_teks(value, k, rp + (name,))
                if cell is not None:
                    cells[name] = cell
            for c in kolom:
                cells.setdefault(c.id, Sel(None, None, None))
            raw_tautan = r.get("tautan")  # its shape is the schema's ($defs/tautan)
            if ringkasan:
                label = r.get("label")
                if not isinstance(label, str) or not label.strip():
                    k.add("baris ringkasan memerlukan 'label' (mis. Jumlah, TOTAL, Rata-Rata)", rp)
                    label = f"ringkasan ke-{i + 1}"
            else:
                parts = [cells[c].teks for c in kunci if c in cells and isinstance(cells[c], Sel) and cells[c].teks]
                label = " — ".join(parts) if parts else f"ke-{i + 1}"
            if label in labels:
                k.add(f"baris '{label}' sudah ada (baris ke-{labels[label]}); tempat harus unik, "
                      f"tambahkan kolom pada 'kunci'", rp)
            labels[label] = i + 1
            out.append(Baris(tid, i + 1, label, cells, _tautan({**table_tautan, **(raw_tautan or {})}),
                             ringkasan, k.line(rp), r.get("catatan")))
        return out

    return Tabel(tid, t["judul"], kolom, kunci, rows("baris", False), rows("ringkasan", True),
                 _tautan(table_tautan), k.line(path), t.get("letak"), t.get("catatan"))


def _pernyataan(i: int, p: dict, k: _Kumpul, bab: dict | None) -> Pernyataan | None:
    path = ("pernyataan", i)
    problem = periksa_tempat(p["tempat"], bab)
    if problem:
        k.add(problem, path + ("tempat",))
    cells: dict[str, Any] = {}
    for name, value in (p.get("angka") or {}).items():
        if name in KUNCI_PERNYATAAN:
            k.add(f"nama '{name}' dicadangkan; pakai nama lain", path + ("angka", name))
            continue
        cell = _sel_angka(value, k, path + ("angka", name))
        if cell is not None:
            cells[name] = cell
    for name, value in (p.get("teks") or {}).items():
        if name in KUNCI_PERNYATAAN:
            k.add(f"nama '{name}' dicadangkan; pakai nama lain", path + ("teks", name))
            continue
        if name in (p.get("angka") or {}):
            k.add(f"'{name}' sudah ada di 'angka'", path + ("teks", name))
            continue
        cells[name] = Sel(value, None, k.line(path + ("teks", name)))
    if not cells:
        k.add("pernyataan memerlukan sedikitnya satu nilai di 'angka' atau 'teks'", path)
    return Pernyataan(p["jenis"], p["tempat"], " ".join(p["kutipan"].split()), cells,
                      _tautan(p.get("tautan")), k.line(path), i + 1, p.get("catatan"))


def baca_laporan(doc: Located, base: tuple = (), *, sebagian: bool = False) -> Laporan:
    """Build a transcript from the document ``doc`` (or its subtree at ``base``).

    ``sebagian`` reads a partial transcript (a check's worked example): ``laporan`` and ``bab``
    may be left out. Raises :class:`ErrorList` naming every problem.
    """
    k = _Kumpul(doc, base)
    data = doc.data
    for p in base:
        data = data[p]
    schema = load_schema("sakip_rules.report.schemas", "laporan.json")
    if sebagian:
        schema = copy.deepcopy(schema)
        schema["required"] = []
    sub = Located(data, {tuple(path[len(k.base):]): line for path, line in doc.lines.items()
                         if tuple(path[:len(k.base)]) == k.base}, doc.file)
    problems = validate(sub, schema)
    if problems:
        prefix = ".".join(str(p) for p in base)
        raise ErrorList([DataError(p.message, file=p.file, line=p.line,
                                   key=(prefix + "." + p.key if prefix and p.key else (p.key or prefix or None)))
                         for p in problems])
    meta = data.get("laporan") or {}
    bab = data.get("bab")
    tabel: dict[str, Tabel] = {}
    for tid, t in (data.get("tabel") or {}).items():
        built = _tabel(tid, t, k)
        if built is not None:
            tabel[tid] = built
    pernyataan = [_pernyataan(i, p, k, bab) for i, p in enumerate(data.get("pernyataan") or [])]
    # links to tables must name a transcribed table
    for t in tabel.values():
        for rows in (t.baris, t.ringkasan):
            for r in rows:
                ref = r.tautan.get("tabel")
                if ref is not None and ref not in tabel:
                    k.items.append(DataError(_tabel_tidak_ada(ref, tabel), file=doc.file, line=r.line,
                                             key=f"tabel.{t.id}.tautan.tabel"))
    for i, p in enumerate(pernyataan):
        ref = p.tautan.get("tabel")
        if ref is not None and ref not in tabel:
            k.add(_tabel_tidak_ada(ref, tabel), ("pernyataan", i, "tautan", "tabel"))
    if k.items:
        raise ErrorList(k.items)
    return Laporan(doc.file, meta.get("judul"), meta.get("kecamatan"), meta.get("tahun"), dict(bab or {}),
                   tabel, pernyataan, dict(meta))


def _tabel_tidak_ada(ref: str, tabel: dict) -> str:
    if not RE_TABEL.match(ref):
        return f"tautan tabel '{ref}' tidak sah; bentuknya {BENTUK_TABEL}"
    return f"tautan ke '{ref}', padahal tabel itu tidak ada dalam transkrip (yang ada: {', '.join(tabel) or 'tidak ada'})"


def load_laporan(path: Path | str, display: str | None = None) -> Laporan:
    """Read a transcript file; raise SakipError/ErrorList with file and line on any problem."""
    doc = load_file(path, display)
    if not isinstance(doc.data, dict):
        raise DataError("berkas laporan harus berupa pemetaan (kunci: nilai)", file=doc.file)
    return baca_laporan(doc)
