"""Report checks as rules (``jenis: pemeriksaan``): what a check reads, iterates and requires.

A check file declares, in data and in the formula language, what it iterates over (rows of
report tables, text statements, or collected data), the stated value it looks at (``sel``), the
value it computes (``dihitung``) and the condition that must hold (``syarat``). Thresholds are
``parameter`` with their ``dasar``; calculations are the rule set's own rules, called through
``fungsi`` (e.g. ``capaian`` = ``rules/rumus/capaian.yaml``). No check logic lives in Python:
this module only defines the vocabulary (sources, helper functions) and builds the objects;
:mod:`sakip_rules.engine.periksa` runs them. Reference: docs/pemeriksaan.md.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any, Callable

from ..errors import DataError, ErrorList, SakipError
from ..formula import ANY, BOOL, NUMBER, TEXT, ExternalFunction, Formula, FormulaError, ListOf, compile_formula
from ..yamlio import Located

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
    "desa": "setiap desa: kode, nama",
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


# --------------------------------------------------------------------------- records

@dataclass(frozen=True)
class AsalNilai:
    """Where a value a formula reads was printed (or which data it came from)."""

    tempat: str
    teks: str | None
    line: int | None = None
    file: str | None = None
    satuan: str | None = None
    kata: str | None = None
    penjelasan: tuple[str, ...] = ()


class Rekaman(Mapping):
    """A record a check formula sees (a table row, a statement, a data item).

    Reading a field logs where the value was printed, so that a finding can say which cells
    of the report its computed value came from.
    """

    __slots__ = ("_nilai", "_asal", "tempat", "line", "file", "isi_tabel", "sumber", "urutan")

    def __init__(self, nilai: dict[str, Any], asal: dict[str, AsalNilai] | None = None, *, tempat: str = "",
                 line: int | None = None, file: str | None = None, isi_tabel: list | None = None,
                 sumber: str = "", urutan: int = 0):
        self._nilai = nilai
        self._asal = asal or {}
        self.tempat = tempat
        self.line = line
        self.file = file
        self.isi_tabel = isi_tabel if isi_tabel is not None else []
        self.sumber = sumber
        self.urutan = urutan

    def __getitem__(self, key):
        value = self._nilai[key]
        asal = self._asal.get(key)
        if asal is not None:
            k = KONTEKS.get(None)
            if k is not None:
                k.bacaan.append(asal)
        return value

    def __iter__(self):
        return iter(self._nilai)

    def __len__(self):
        return len(self._nilai)

    def __contains__(self, key):
        return key in self._nilai

    def mentah(self, key, default=None):
        """A field's value without logging the read."""
        return self._nilai.get(key, default)

    def asal(self, key) -> AsalNilai | None:
        return self._asal.get(key)

    def __repr__(self):
        return f"Rekaman({self.tempat!r})"


@dataclass
class KonteksJalan:
    """What the engine-provided functions need while one check item is evaluated."""

    rules: Any
    bacaan: list[AsalNilai] = field(default_factory=list)
    hitungan: list[Any] = field(default_factory=list)  # HasilHitung of rule calls
    golongan: list[Any] = field(default_factory=list)  # Golongan of scale lookups


KONTEKS: contextvars.ContextVar[KonteksJalan] = contextvars.ContextVar("sakip_pemeriksaan")


def _konteks() -> KonteksJalan:
    k = KONTEKS.get(None)
    if k is None:
        raise DataError("fungsi ini hanya dapat dipakai saat pemeriksaan dijalankan")
    return k


# --------------------------------------------------------------------------- helper functions

def _presisi(x) -> int:
    if not isinstance(x, Decimal):
        raise DataError(f"presisi hanya untuk angka, bukan {x!r}")
    exp = x.as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def _bulat(x: Decimal, places: int, mode=ROUND_HALF_UP) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-places), rounding=mode)


def _perlu_angka(x, apa: str) -> Decimal:
    if x is None:
        raise DataError(f"{apa} tidak diketahui (tercetak '-' atau kosong)")
    if isinstance(x, bool) or not isinstance(x, Decimal):
        raise DataError(f"{apa} harus angka, bukan {x!r}")
    return x


def f_ada(nilai) -> bool:
    return nilai is not None and not (isinstance(nilai, str) and not nilai.strip())


def f_sama_presisi(dinyatakan, dihitung) -> bool:
    d = _perlu_angka(dinyatakan, "nilai yang dinyatakan")
    h = _perlu_angka(dihitung, "nilai hasil hitung")
    return _bulat(h, _presisi(d)) == d


def f_sama_dipotong(dinyatakan, dihitung) -> bool:
    d = _perlu_angka(dinyatakan, "nilai yang dinyatakan")
    h = _perlu_angka(dihitung, "nilai hasil hitung")
    return _bulat(h, _presisi(d), ROUND_DOWN) == d


def f_sama_tercetak(a, b) -> bool:
    a = _perlu_angka(a, "nilai pertama")
    b = _perlu_angka(b, "nilai kedua")
    p = min(_presisi(a), _presisi(b))
    return _bulat(a, p) == _bulat(b, p)


def f_presisi(nilai) -> Decimal:
    return Decimal(_presisi(_perlu_angka(nilai, "nilai")))


def f_bulatkan_seperti(nilai, contoh) -> Decimal:
    return _bulat(_perlu_angka(nilai, "nilai"), _presisi(_perlu_angka(contoh, "contoh")))


def normal_teks(t: str) -> str:
    return " ".join(t.casefold().split()).strip(" .,;:")


def f_sama_teks(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if not isinstance(a, str) or not isinstance(b, str):
        raise DataError(f"sama_teks membandingkan teks, bukan {a!r} dan {b!r}")
    return normal_teks(a) == normal_teks(b)


def f_satu(daftar):
    if not isinstance(daftar, (list, tuple)):
        raise DataError(f"satu() memerlukan daftar, bukan {daftar!r}")
    if len(daftar) != 1:
        raise DataError("tidak ada yang cocok" if not daftar else
                        f"ada {len(daftar)} yang cocok, padahal harus tepat satu")
    return daftar[0]


def f_atau_kosong(daftar):
    if not isinstance(daftar, (list, tuple)):
        raise DataError(f"atau_kosong() memerlukan daftar, bukan {daftar!r}")
    if len(daftar) > 1:
        raise DataError(f"ada {len(daftar)} yang cocok, padahal paling banyak satu")
    return daftar[0] if daftar else None


def f_unik(daftar) -> list:
    if not isinstance(daftar, (list, tuple)):
        raise DataError(f"unik() memerlukan daftar, bukan {daftar!r}")
    out, seen = [], set()
    for x in daftar:
        key = normal_teks(x) if isinstance(x, str) else x
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out


def f_sel(rekaman, nama):
    if not isinstance(rekaman, Mapping):
        raise DataError(f"sel() memerlukan rekaman, bukan {rekaman!r}")
    try:
        return rekaman[nama]
    except KeyError:
        raise DataError(f"kolom '{nama}' tidak ada pada {getattr(rekaman, 'tempat', 'rekaman ini')}") from None


def f_ada_kolom(rekaman, nama) -> bool:
    if not isinstance(rekaman, Mapping):
        raise DataError(f"ada_kolom() memerlukan rekaman, bukan {rekaman!r}")
    return nama in rekaman


def f_isi(rekaman, nama):
    if not isinstance(rekaman, Mapping):
        raise DataError(f"isi() memerlukan rekaman, bukan {rekaman!r}")
    return rekaman[nama] if nama in rekaman else None


def f_kosong():
    return None


def f_sambung(daftar) -> str:
    return "".join(tampil(x) for x in daftar or [])


def f_deret(awal, akhir) -> list:
    a = _perlu_angka(awal, "awal deret")
    b = _perlu_angka(akhir, "akhir deret")
    if a != a.to_integral_value() or b != b.to_integral_value() or b - a > 1000:
        raise DataError(f"deret memerlukan dua bilangan bulat yang berdekatan, bukan {a} dan {b}")
    return [Decimal(k) for k in range(int(a), int(b) + 1)]


def f_sel_tahun(rekaman, awalan, tahun):
    t = _perlu_angka(tahun, "tahun")
    return f_sel(rekaman, f"{awalan}_{int(t)}")


def f_pembilang_persen(persen, penyebut):
    p = _perlu_angka(persen, "persentase")
    n = _perlu_angka(penyebut, "penyebut")
    if n != n.to_integral_value() or n <= 0:
        raise DataError(f"penyebut harus bilangan bulat positif, bukan {n}")
    places = _presisi(p)
    for k in range(int(n) + 1):
        if _bulat(Decimal(k) / n * 100, places) == p:
            return Decimal(k)
    return None


def f_nomor_bulan(nama) -> Decimal:
    from ..angka import _KAMUS_BULAN
    if not isinstance(nama, str) or nama.casefold() not in _KAMUS_BULAN:
        raise DataError(f"'{nama}' bukan nama bulan")
    return Decimal(_KAMUS_BULAN[nama.casefold()])


def f_rentang_bulan(daftar) -> str:
    from ..angka import nama_bulan
    nomor = sorted({int(x) for x in daftar or []})
    if not nomor:
        return "tidak ada bulan"
    runs: list[list[int]] = []
    for n in nomor:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [nama_bulan(r[0]) if len(r) == 1 else f"{nama_bulan(r[0])}–{nama_bulan(r[-1])}" for r in runs]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " dan " + parts[-1]


def tampil(value) -> str:
    """A value in a message: Indonesian numbers, texts as they are, '–' for unknown."""
    from ..engine.explain import fmt
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return f_gabung(list(value))
    if isinstance(value, Mapping):
        return getattr(value, "tempat", None) or "rekaman"
    return fmt(value)


def f_gabung(daftar) -> str:
    items = [tampil(x) for x in daftar or []]
    if not items:
        return "–"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " dan " + items[-1]


def f_kategori(nilai):
    from ..engine.capaian import golongkan
    k = _konteks()
    skala = k.rules.skala[k.rules.pengukuran.skala_kategori]
    g = golongkan(skala, _perlu_angka(nilai, "capaian"))
    k.golongan.append(g)
    if g.baris is None:
        raise DataError(f"nilai {tampil(nilai)} tidak masuk baris mana pun pada skala '{skala.id}'")
    return g.label


def _indikator(kode):
    rule = _konteks().rules.indikator(kode) if isinstance(kode, str) else None
    if rule is None:
        raise DataError(f"indikator '{kode}' tidak ada dalam set aturan")
    return rule


def f_polaritas(indikator) -> str:
    return _indikator(indikator).polaritas


def f_satuan(indikator) -> str:
    return _indikator(indikator).satuan


def f_nama_indikator(indikator) -> str:
    return _indikator(indikator).nama


def f_parameter_aturan(aturan, nama):
    rule = _konteks().rules.perhitungan.get(aturan)
    if rule is None or nama not in rule.parameter:
        raise DataError(f"parameter '{nama}' tidak ada pada aturan '{aturan}'")
    return rule.parameter[nama].nilai


#: Functions every check may call: name -> (parameters, implementation, result type, description).
FUNGSI_BAWAAN: dict[str, tuple[tuple[str, ...], Callable, Any, str]] = {
    "ada": (("nilai",), f_ada, BOOL, "benar bila nilainya diketahui (tidak tercetak '-' dan tidak kosong)"),
    "sama_presisi": (("dinyatakan", "dihitung"), f_sama_presisi, BOOL,
                     "hasil hitung, dibulatkan setengah ke atas ke banyak desimal yang tercetak, sama dengan "
                     "nilai yang dinyatakan"),
    "sama_dipotong": (("dinyatakan", "dihitung"), f_sama_dipotong, BOOL,
                      "hasil hitung, dipotong (bukan dibulatkan) ke banyak desimal yang tercetak, sama dengan "
                      "nilai yang dinyatakan"),
    "sama_tercetak": (("a", "b"), f_sama_tercetak, BOOL,
                      "dua nilai tercetak sama pada presisi yang lebih rendah di antara keduanya"),
    "presisi": (("nilai",), f_presisi, NUMBER, "banyak desimal yang tercetak"),
    "bulatkan_seperti": (("nilai", "contoh"), f_bulatkan_seperti, NUMBER,
                         "nilai dibulatkan setengah ke atas ke banyak desimal contoh"),
    "sama_teks": (("a", "b"), f_sama_teks, BOOL,
                  "dua teks sama tanpa membedakan huruf besar-kecil dan spasi berlebih"),
    "satu": (("daftar",), f_satu, ANY, "satu-satunya anggota daftar; selain itu tidak dapat diperiksa"),
    "atau_kosong": (("daftar",), f_atau_kosong, ANY, "satu-satunya anggota daftar, atau kosong bila daftar kosong"),
    "unik": (("daftar",), f_unik, ListOf(ANY), "anggota daftar tanpa ulangan (teks dibandingkan dengan sama_teks)"),
    "sel": (("rekaman", "nama"), f_sel, ANY, "nilai kolom bernama 'nama' pada rekaman"),
    "ada_kolom": (("rekaman", "nama"), f_ada_kolom, BOOL, "benar bila rekaman memiliki kolom bernama 'nama'"),
    "sel_tahun": (("rekaman", "awalan", "tahun"), f_sel_tahun, ANY,
                  "nilai kolom '<awalan>_<tahun>' pada rekaman, mis. sel_tahun(r, \"target\", 2024) = r.target_2024"),
    "isi": (("rekaman", "nama"), f_isi, ANY,
            "nilai kolom bernama 'nama', atau kosong bila rekaman tidak memiliki kolom itu"),
    "kosong": ((), f_kosong, ANY, "nilai yang belum diketahui"),
    "sambung": (("daftar",), f_sambung, TEXT, "isi daftar disambung menjadi satu teks (angka gaya Indonesia)"),
    "deret": (("awal", "akhir"), f_deret, ListOf(NUMBER), "bilangan bulat dari awal sampai akhir"),
    "pembilang_persen": (("persen", "penyebut"), f_pembilang_persen, ANY,
                         "bilangan bulat k sehingga k / penyebut × 100, dibulatkan ke presisi persen, sama "
                         "dengan persen; kosong bila tidak ada"),
    "nomor_bulan": (("nama",), f_nomor_bulan, NUMBER, "nomor bulan dari namanya (januari = 1)"),
    "rentang_bulan": (("daftar",), f_rentang_bulan, TEXT, "nomor bulan sebagai teks, mis. 'Januari–Februari'"),
    "gabung": (("daftar",), f_gabung, TEXT, "daftar sebagai teks: 'a, b dan c'"),
    "kategori": (("nilai",), f_kategori, TEXT, "label kategori capaian menurut skala pengukuran"),
    "polaritas": (("indikator",), f_polaritas, TEXT, "polaritas indikator menurut aturannya"),
    "satuan": (("indikator",), f_satuan, TEXT, "satuan indikator menurut aturannya"),
    "nama_indikator": (("indikator",), f_nama_indikator, TEXT, "nama indikator menurut aturannya"),
    "parameter_aturan": (("aturan", "nama"), f_parameter_aturan, ANY, "nilai parameter sebuah aturan"),
}


def _fungsi_bawaan() -> dict[str, ExternalFunction]:
    return {n: ExternalFunction(p, impl, desc, ret) for n, (p, impl, ret, desc) in FUNGSI_BAWAAN.items()}


@dataclass(frozen=True)
class FungsiAturan:
    """A rule of the rule set called as a function from a check (``fungsi:``)."""

    nama: str
    aturan: str
    parameter: tuple[str, ...]
    mentah: bool  # return the result before its final rounding
    line: int | None

    def panggil(self, *args):
        from ..engine.calc import hitung
        k = _konteks()
        rule = k.rules.perhitungan.get(self.aturan)
        if rule is None:
            raise DataError(f"aturan '{self.aturan}' tidak ada")
        masukan, diberikan, target = {}, {}, None
        for name, value in zip(self.parameter, args):
            if name == "target" and name not in rule.masukan:
                target = value
            elif name in rule.masukan:
                masukan[name] = value
            else:
                diberikan[name] = value
        h = hitung(rule, masukan, diberikan=diberikan, target=target)
        k.hitungan.append(h)
        return h.mentah if self.mentah else h.nilai


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

FORMAT_PESAN = ("polos", "persen", "rupiah")


def tampil_format(value, format_: str | None) -> str:
    """A value in a message with an optional display format (``polos``: digits without grouping,
    for years; ``persen``: with %; ``rupiah``: with Rp)."""
    if format_ is None or not isinstance(value, Decimal):
        return tampil(value)
    if format_ == "polos":
        return format(value, "f").replace(".", ",")
    if format_ == "persen":
        return tampil(value) + "%"
    return "Rp " + tampil(value)


@dataclass(frozen=True)
class Templat:
    """A message with ``{rumus}`` or ``{rumus|format}`` placeholders (``{{`` and ``}}`` for braces)."""

    bagian: tuple[str | tuple[Formula, str | None], ...]

    def isi(self, env: dict, dinyatakan_teks: str | None = None) -> str:
        out = []
        for b in self.bagian:
            if isinstance(b, str):
                out.append(b)
                continue
            formula, format_ = b
            if formula.source.strip() == "dinyatakan" and dinyatakan_teks is not None and format_ is None:
                out.append(dinyatakan_teks)
            else:
                out.append(tampil_format(formula.evaluate(env), format_))
        return "".join(out)


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

    def periksa_contoh(self, rules):
        """Run the worked examples (for `sakip periksa-aturan`): (problems, examples passed)."""
        from ..engine.periksa import jalankan_contoh
        from ..engine.periksa_aturan import Temuan as TemuanAturan
        problems = self.masalah(rules)
        if problems:
            return [TemuanAturan(self.file, self.line, f"pemeriksaan '{self.id}': {m}") for m in problems], 0
        out, passed = [], 0
        for c in self.contoh:
            try:
                temuan = jalankan_contoh(self, rules, c)
            except SakipError as exc:
                out.append(TemuanAturan(self.file, c.line, f"contoh '{c.nama}' gagal dijalankan: {exc.message}"))
                continue
            problem = cocokkan_harapan(c.harapan, temuan)
            if problem:
                out.append(TemuanAturan(self.file, c.line, f"contoh '{c.nama}': {problem}"))
            else:
                passed += 1
        return out, passed


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

def ke_nilai(value):
    """YAML example data: ints become Decimal, recursively."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, list):
        return [ke_nilai(v) for v in value]
    if isinstance(value, dict):
        return {k: ke_nilai(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class _Rusak:
    """What the builder returns for a check file with errors (only its id is used)."""

    id: str


def build_pemeriksaan(doc: Located, errors, rel: str) -> Pemeriksaan:
    """Builder for the rule loader (``jenis: pemeriksaan``)."""
    from . import loader as L
    from .model import Parameter

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
    functions = _fungsi_bawaan()
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
            from ..report import baca_laporan
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


__all__ = ["Pemeriksaan", "build_pemeriksaan", "Rekaman", "AsalNilai", "KonteksJalan", "KONTEKS", "Sumber",
           "baca_sumber", "FUNGSI_BAWAAN", "SUMBER_DATA", "KELUARGA", "TINGKAT", "LABEL_TINGKAT", "tampil",
           "cocokkan_harapan", "Harapan", "ContohPemeriksaan", "FungsiAturan", "normal_teks"]

