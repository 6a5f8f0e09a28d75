"""Reading and writing a simple table as CSV or XLSX, with spreadsheet row numbers and column letters."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataError

FORMAT = (".csv", ".xlsx")


@dataclass
class Tabel:
    nama: str
    baris: list[tuple[int, list[Any]]]  # (row number from 1, cells)


def huruf_kolom(j: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    s = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return s


def kosong(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _format(path: Path) -> str:
    suf = path.suffix.lower()
    if suf not in FORMAT:
        raise DataError(f"format '{suf or '(tanpa akhiran)'}' tidak didukung; gunakan .csv atau .xlsx",
                        file=path.name)
    return suf


def _pemisah(teks: str) -> str:
    """The delimiter that splits the first lines into the most columns (',' ';' or tab).

    Spreadsheets in an Indonesian locale save CSV with ';' because ',' is the decimal mark."""
    awal = "\n".join(teks.splitlines()[:30])
    terbaik, lebar = ",", 0
    for d in (",", ";", "\t"):
        try:
            n = max((len(r) for r in csv.reader(io.StringIO(awal), delimiter=d)), default=0)
        except csv.Error:
            continue
        if n > lebar:
            terbaik, lebar = d, n
    return terbaik


def baca(path: Path | str) -> Tabel:
    path = Path(path)
    suf = _format(path)
    if not path.is_file():
        raise DataError("berkas tidak ada", file=str(path))
    if suf == ".csv":
        data = path.read_bytes()
        try:
            teks = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            teks = data.decode("cp1252")
        rows = list(csv.reader(io.StringIO(teks), delimiter=_pemisah(teks)))
        return Tabel(path.name, [(i, r) for i, r in enumerate(rows, 1)])
    try:
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException ...
        raise DataError(f"berkas XLSX tidak dapat dibaca ({type(exc).__name__}: {exc})", file=path.name) from None
    try:
        ws = wb.worksheets[0]
        rows = [(i, list(r)) for i, r in enumerate(ws.iter_rows(values_only=True), 1)]
    finally:
        wb.close()
    return Tabel(path.name, rows)


def tulis(path: Path | str, baris: list[list[Any]], *, judul: str | None = None,
          format_angka: dict[int, str] | None = None, lebar: dict[int, int] | None = None) -> Path:
    """Write rows (the first is the header) to .csv or .xlsx; XLSX gets an optional title row."""
    path = Path(path)
    suf = _format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sementara = path.with_name(path.name + ".sementara")
    if suf == ".csv":
        with open(sementara, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            for r in baris:
                w.writerow(["" if v is None else v for v in r])
    else:
        import openpyxl
        from openpyxl.styles import Font

        wb = openpyxl.Workbook()
        ws = wb.active
        if judul:
            ws.append([judul])
            ws.cell(row=1, column=1).font = Font(bold=True)
        for i, r in enumerate(baris):
            ws.append(list(r))
            if i == 0:
                for c in ws[ws.max_row]:
                    c.font = Font(bold=True)
            elif format_angka:
                for j, fmt in format_angka.items():
                    c = ws.cell(row=ws.max_row, column=j + 1)
                    if isinstance(c.value, (int, float)):
                        c.number_format = fmt
        for j, w in (lebar or {}).items():
            ws.column_dimensions[huruf_kolom(j)].width = w
        wb.save(sementara)
    sementara.replace(path)  # a reader never sees a half-written file
    return path
