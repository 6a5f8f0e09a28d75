"""Terminal rendering: Indonesian number format in tables, plain decimal strings in JSON."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from tabulate import tabulate

from ..angka import format_angka, format_persen, format_rupiah


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
