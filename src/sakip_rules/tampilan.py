"""Plain text for people: Indonesian numbers, tables, Tabel 3.2. Shared by the CLI and the bot.

JSON output keeps decimals as plain '.' strings exactly as rounded.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from tabulate import tabulate

from .angka import format_angka, format_persen, format_rupiah
from .engine.capaian import HasilCapaian


def angka(value: Decimal | None) -> str:
    return "–" if value is None else format_angka(value)


def persen(value: Decimal | None) -> str:
    return "–" if value is None else format_persen(value)


def rupiah(value: Decimal | None) -> str:
    return "–" if value is None else format_rupiah(value)


def table(rows: list[list[Any]], headers: list[str], align: tuple[str, ...] | None = None,
          widths: tuple[int | None, ...] | None = None) -> str:
    """A plain-text table; long text columns wrap at ``widths``."""
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True,
                    colalign=align, maxcolwidths=list(widths) if widths else None)


def plain(value: Any) -> Any:
    """JSON-ready: Decimals as strings in plain '.' notation exactly as rounded."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def dump_json(data: Any) -> str:
    return json.dumps(plain(data), ensure_ascii=False, indent=2)


def nilai_satuan(value, satuan: str | None) -> str:
    return persen(value) if satuan == "persen" and value is not None else angka(value)


def tabel_capaian(hasil: HasilCapaian) -> str:
    rows = []
    for i, h in enumerate(hasil.indikator, 1):
        rows.append([f"{i}.", h.rule.sasaran, h.rule.nama, nilai_satuan(h.target, h.rule.satuan),
                     nilai_satuan(h.nilai_realisasi, h.rule.satuan), persen(h.nilai_capaian),
                     h.kategori.label if h.kategori and h.kategori.baris else "–"])
    lines = [f"Capaian Kinerja Kecamatan {hasil.kecamatan} Tahun {hasil.tahun}", "",
             table(rows, ["No.", "Sasaran", "Indikator", "Target", "Realisasi", "Capaian", "Kategori"],
                   ("left", "left", "left", "right", "right", "right", "left"),
                   (None, 28, 34, None, None, None, None)), ""]
    if hasil.rata_rata is not None:
        lines.append(f"Rata-rata capaian: {persen(hasil.rata_rata.nilai)} — "
                     f"{hasil.kategori.label if hasil.kategori else '–'}")
    for nama, alasan in hasil.dikeluarkan:
        lines.append(f"Tidak dihitung dalam rata-rata: {nama} ({alasan})")
    for h in hasil.indikator:
        for c in h.catatan:
            if h.capaian is not None:
                lines.append(f"Catatan {h.rule.nama}: {c}")
    lines.append(f"Sidik jari aturan: {hasil.fingerprint[:16]}…")
    return "\n".join(lines)
