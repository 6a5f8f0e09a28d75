"""Reading and writing a simple table as CSV or XLSX, with spreadsheet row numbers and column letters."""

from __future__ import annotations

import contextlib
import csv
import errno
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import angka
from ..errors import DataError

FORMAT = (".csv", ".xlsx")
# A recap has a dozen rows and a survey some hundreds; these bound the work a file can
# cause (a tiny XLSX may declare a sheet of a million rows by 16,384 columns).
BARIS_MAKS = 20_000
KOLOM_MAKS = 100


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


def _teks_csv(data: bytes, nama: str) -> str:
    if b"\x00" in data:
        raise DataError("berkas ini bukan CSV teks (berisi data biner); simpan tabelnya sebagai "
                        "CSV atau XLSX dari aplikasi lembar kerja", file=nama)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # older Excel on Windows
    except UnicodeDecodeError:
        raise DataError("berkas CSV tidak dapat dibaca sebagai teks (bukan UTF-8 maupun Windows-1252); "
                        "simpan ulang sebagai 'CSV UTF-8'", file=nama) from None


# Why the system refused a read or a write, in Indonesian: the OS's own text (strerror) is
# English and reaches people, also through bot uploads.
_ALASAN_OS = {
    errno.ENOENT: "folder atau berkas itu tidak ada",
    errno.ENOTDIR: "salah satu bagian jalurnya bukan folder",
    errno.EISDIR: "ini folder, bukan berkas",
    errno.EACCES: "tidak ada izin untuk tempat itu",
    errno.EPERM: "tidak ada izin untuk tempat itu",
    errno.EROFS: "tempat itu hanya dapat dibaca",
    errno.ENOSPC: "ruang disk penuh",
    errno.ENAMETOOLONG: "nama berkas atau jalurnya terlalu panjang",
}
if hasattr(errno, "EDQUOT"):  # not on every platform
    _ALASAN_OS[errno.EDQUOT] = "kuota disk habis"


def alasan_os(exc: OSError) -> str:
    return _ALASAN_OS.get(exc.errno, f"kesalahan sistem berkas (kode {exc.errno})" if exc.errno
                          else "kesalahan sistem berkas")


def _periksa_ukuran(nama: str, rows: list[tuple[int, list[Any]]]) -> None:
    if len(rows) > BARIS_MAKS:
        raise DataError(f"berkas terlalu besar: lebih dari {BARIS_MAKS} baris", file=nama)
    for no, r in rows:
        isi = [j for j, v in enumerate(r) if not kosong(v)]
        if isi and isi[-1] >= KOLOM_MAKS:
            raise DataError(f"baris {no} berisi data di kolom {huruf_kolom(isi[-1])}; berkas ini paling "
                            f"banyak {KOLOM_MAKS} kolom", file=nama)


def _baca_csv(path: Path) -> list[tuple[int, list[Any]]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"berkas tidak dapat dibaca: {alasan_os(exc)}", file=path.name) from None
    teks = _teks_csv(data, path.name)
    try:
        # newline=None: a file saved with old Mac line ends (CR only) reads as lines too
        rows = list(csv.reader(io.StringIO(teks, newline=None), delimiter=_pemisah(teks)))
    except csv.Error:  # NUL is refused above; what is left is a cell beyond the module's limit
        raise DataError(f"berkas CSV rusak atau tidak wajar: ada sel lebih panjang dari "
                        f"{angka.format_angka(csv.field_size_limit())} karakter (sering karena tanda kutip yang "
                        "tidak ditutup); simpan ulang tabelnya sebagai CSV dari aplikasi lembar kerja",
                        file=path.name) from None
    return [(i, r) for i, r in enumerate(rows, 1)]


def _baca_xlsx(path: Path) -> list[tuple[int, list[Any]]]:
    try:
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # zipfile.BadZipFile, KeyError, InvalidFileException ...: texts for programmers
        raise DataError("berkas XLSX tidak dapat dibaca: bukan berkas XLSX yang utuh; simpan ulang dari "
                        "aplikasi lembar kerja", file=path.name) from None
    try:
        if not wb.worksheets:
            raise DataError("berkas XLSX tidak berisi lembar kerja", file=path.name)
        ws = wb.worksheets[0]
        # the declared size first, so that a sheet claiming a million rows is never walked
        for ukuran, maks, apa in ((ws.max_row, BARIS_MAKS, "baris"), (ws.max_column, KOLOM_MAKS, "kolom")):
            if ukuran is not None and ukuran > maks:
                raise DataError(f"lembar kerja pertama mencakup {ukuran} {apa} (paling banyak {maks}); "
                                "salin tabelnya saja ke lembar kerja baru", file=path.name)
        try:
            rows = [(i, list(r)) for i, r in enumerate(
                ws.iter_rows(max_row=BARIS_MAKS + 1, max_col=KOLOM_MAKS + 1, values_only=True), 1)]
        except Exception:  # a malformed sheet inside a valid zip
            raise DataError("berkas XLSX tidak dapat dibaca: lembar kerja pertamanya rusak; simpan ulang dari "
                            "aplikasi lembar kerja", file=path.name) from None
    finally:
        wb.close()
    _periksa_rumus(path, rows)
    return rows


def _periksa_rumus(path: Path, rows: list[tuple[int, list[Any]]]) -> None:
    """A formula whose result the file does not store (written by a program, never opened in a
    spreadsheet) reads as an empty cell; an empty cell means "not reported", so such a file
    would silently lose figures. Refuse it, naming the cell."""
    import openpyxl

    kosong_sel = {(i, j) for i, r in rows for j, v in enumerate(r) if v is None}
    if not kosong_sel:
        return
    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        rumus = wb.worksheets[0].iter_rows(max_row=BARIS_MAKS + 1, max_col=KOLOM_MAKS + 1, values_only=True)
        for i, r in enumerate(rumus, 1):
            for j, v in enumerate(r):
                if (i, j) in kosong_sel and isinstance(v, str) and v.startswith("="):
                    raise DataError(f"sel {huruf_kolom(j)}{i} berisi rumus {v[:40]} tanpa hasil tersimpan; buka "
                                    "berkas di aplikasi lembar kerja, simpan ulang, lalu kirim lagi",
                                    file=path.name)
    finally:
        wb.close()


def baca(path: Path | str) -> Tabel:
    path = Path(path)
    suf = _format(path)
    if not path.is_file():
        raise DataError("berkas tidak ada", file=str(path))
    rows = _baca_csv(path) if suf == ".csv" else _baca_xlsx(path)
    _periksa_ukuran(path.name, rows)
    return Tabel(path.name, rows)


def tulis(path: Path | str, baris: list[list[Any]], *, judul: str | None = None,
          format_angka: dict[int, str] | None = None, lebar: dict[int, int] | None = None) -> Path:
    """Write rows (the first is the header) to .csv or .xlsx; XLSX gets an optional title row."""
    path = Path(path)
    suf = _format(path)
    if path.is_dir():
        raise DataError("ini folder; tulis nama berkas keluaran, mis. rekap.xlsx", file=str(path))
    # a mistyped folder is refused, never made: the file would land where nobody looks for it
    folder = path.parent
    if not folder.is_dir():
        alasan = "bukan folder" if folder.exists() else "tidak ada"
        raise DataError(f"berkas tidak dapat ditulis: folder {folder} {alasan}; periksa ketikan jalurnya "
                        "atau buat foldernya dulu", file=str(path))
    try:
        _tulis(path, suf, baris, judul=judul, format_angka=format_angka, lebar=lebar)
    except OSError as exc:  # no permission, disk full ...
        with contextlib.suppress(OSError):  # the half-written file, if one could be made
            path.with_name(path.name + ".sementara").unlink(missing_ok=True)
        raise DataError(f"berkas tidak dapat ditulis: {alasan_os(exc)}", file=str(path)) from None
    return path


def _tulis(path: Path, suf: str, baris: list[list[Any]], *, judul: str | None,
           format_angka: dict[int, str] | None, lebar: dict[int, int] | None) -> None:
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
