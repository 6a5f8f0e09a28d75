"""A report transcript in memory: tables, rows, cells and text statements, each with its place.

Every stated value remembers where it is printed (``Tabel 3.11, baris Loksado, kolom Capaian (%)``
or ``BAB IV paragraf 3``), the text exactly as printed, and the transcript line it was read from,
so that a finding can point at both the report and the transcript.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .tercetak import Tercetak

#: The word a check appends to a table's name to read its summary rows ("Tabel 3.16 ringkasan");
#: reserved, so that no table name can contain it and "Lampiran PK ringkasan" has one reading.
KATA_RINGKASAN = "ringkasan"

#: A table (or figure, or appendix) name: "Tabel 3.11", "Gambar 3.6", "Tabel 3.14 (program)", "Lampiran PK",
#: "Lampiran PK (program)". The one pattern both the transcript reader and the checks' places use.
NAMA_TABEL = (rf"(?:(?:Tabel|Gambar) [0-9]+\.[0-9]+|Lampiran [A-Z][A-Za-z0-9]*(?: (?!{KATA_RINGKASAN}\b)[A-Za-z0-9]+)*)"
              rf"(?: \((?!{KATA_RINGKASAN}\))[a-z][a-z ]*\))?")
RE_TABEL = re.compile(rf"^{NAMA_TABEL}$")
BENTUK_TABEL = ("'Tabel 3.11', 'Gambar 3.6', 'Tabel 3.14 (program)', 'Lampiran PK' atau 'Lampiran PK (program)' "
                f"(kata '{KATA_RINGKASAN}' dicadangkan untuk baris ringkasan)")

#: How the place of a statement's value names some values (``angka``/``teks`` keys of the transcript);
#: any other key is shown with spaces for underscores ("sub_kegiatan" -> "sub kegiatan").
LABEL_NILAI = {
    "nilai_lalu": "nilai tahun lalu",
    "persen_realisasi": "persentase realisasi anggaran",
}


def label_nilai(nama: str) -> str:
    """The words a place or message uses for a statement's value or a column id without a heading."""
    return LABEL_NILAI.get(nama, nama.replace("_", " "))

#: What a row or a statement may be linked to (codes of the data folder, or a table of the report).
JENIS_TAUTAN = ("indikator", "program", "kegiatan", "sub_kegiatan", "bumdes", "desa", "tabel", "tahun")

#: Field names a row record always has besides its columns.
KUNCI_BARIS = ("tautan", "label", "tabel", "nomor")
#: Field names a statement record always has besides its values.
KUNCI_PERNYATAAN = ("tautan", "jenis", "tempat", "kutipan")


@dataclass
class Sel:
    """One printed value: a number (``tercetak`` set) or a text."""

    teks: str | None  # as printed; None when the cell is empty
    tercetak: Tercetak | None  # for number cells
    line: int | None

    @property
    def nilai(self) -> Any:
        """The value a formula sees: Decimal or None for numbers, the text for text cells."""
        if self.tercetak is not None:
            return self.tercetak.nilai
        return self.teks


@dataclass
class Kolom:
    id: str
    judul: str
    jenis: str  # "teks" | "angka"


@dataclass
class Baris:
    """A row of a table (``ringkasan``: a summary row such as Jumlah, TOTAL, Rata-Rata)."""

    tabel: str
    nomor: int  # 1-based, among body rows or among summary rows
    label: str
    sel: dict[str, Sel | list[Sel]]
    tautan: dict[str, Any]
    ringkasan: bool
    line: int | None
    catatan: str | None = None

    def tempat(self, kolom: Kolom | str | None = None) -> str:
        base = f"{self.tabel}, baris {self.label}"
        if kolom is None:
            return base
        judul = kolom.judul if isinstance(kolom, Kolom) else kolom
        return f"{base}, kolom {judul}"


@dataclass
class Tabel:
    id: str
    judul: str
    kolom: list[Kolom]
    kunci: tuple[str, ...]
    baris: list[Baris]
    ringkasan: list[Baris]
    tautan: dict[str, Any]
    line: int | None
    letak: str | None = None
    catatan: str | None = None

    def cari_kolom(self, id_: str) -> Kolom | None:
        return next((k for k in self.kolom if k.id == id_), None)


@dataclass
class Pernyataan:
    """A number (or claim) stated in the text, with its place and the sentence quoted."""

    jenis: str
    tempat_teks: str  # e.g. "BAB III A.1.c paragraf 1"
    kutipan: str
    sel: dict[str, Sel | list[Sel]]
    tautan: dict[str, Any]
    line: int | None
    nomor: int  # 1-based position in the transcript's list
    catatan: str | None = None

    def tempat(self, nama: str | None = None) -> str:
        return self.tempat_teks if nama is None else f"{self.tempat_teks} ({label_nilai(nama)})"


@dataclass
class Laporan:
    file: str
    judul: str | None
    kecamatan: str | None
    tahun: int | None
    bab: dict[str, str]
    tabel: dict[str, Tabel]
    pernyataan: list[Pernyataan]
    meta: dict[str, Any] = field(default_factory=dict)

    def pernyataan_jenis(self, jenis: str) -> list[Pernyataan]:
        return [p for p in self.pernyataan if p.jenis == jenis]


def nilai_sel(sel: Sel | list[Sel] | None) -> Any:
    if sel is None:
        return None
    if isinstance(sel, list):
        return [s.nilai for s in sel]
    return sel.nilai


def teks_sel(sel: Sel | list[Sel] | None) -> str | None:
    if sel is None:
        return None
    if isinstance(sel, list):
        return "; ".join(s.teks or "" for s in sel)
    return sel.teks


def satuan_sel(sel: Sel | list[Sel] | None) -> tuple[str | None, str | None]:
    """(satuan, kata) of a number cell, for showing a computed value the same way."""
    if isinstance(sel, Sel) and sel.tercetak is not None:
        return sel.tercetak.satuan, sel.tercetak.kata
    return None, None

