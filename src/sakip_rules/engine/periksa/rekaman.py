"""The records a check formula sees (table rows, statements, data items) and where their values came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...rules.fungsi_pemeriksaan import PELAKSANA


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
    judul: str | None = None  # how the value is named: a column's printed heading, a statement value's label


class Rekaman(Mapping):
    """A record a check formula sees (a table row, a statement, a data item).

    Reading a field logs where the value was printed (in the running check's
    :class:`~.fungsi.KonteksJalan`), so that a finding can say which cells of the report its
    computed value came from.
    """

    __slots__ = ("_nilai", "_asal", "tempat", "line", "file", "isi_tabel", "sumber", "urutan", "sumber_data")

    def __init__(self, nilai: dict[str, Any], asal: dict[str, AsalNilai] | None = None, *, tempat: str = "",
                 line: int | None = None, file: str | None = None, isi_tabel: list | None = None,
                 sumber: str = "", urutan: int = 0, sumber_data: str | None = None):
        self._nilai = nilai
        self._asal = asal or {}
        self.tempat = tempat
        self.line = line
        self.file = file
        self.isi_tabel = isi_tabel if isi_tabel is not None else []
        self.sumber = sumber
        self.urutan = urutan
        self.sumber_data = sumber_data  # the data source of an item of collected data (``data desa``)

    def __getitem__(self, key):
        value = self._nilai[key]
        asal = self._asal.get(key)
        if asal is not None:
            k = PELAKSANA.get(None)
            if k is not None:
                k.bacaan.append(asal)
        return value

    def __iter__(self):
        return iter(self._nilai)

    def __len__(self):
        return len(self._nilai)

    def __contains__(self, key):
        return key in self._nilai

    def asal(self, key) -> AsalNilai | None:
        return self._asal.get(key)

    def __repr__(self):
        return f"Rekaman({self.tempat!r})"
