"""Comparison with other kecamatan (Tabel 3.5, 3.8, 3.11): capaian from their stated figures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..data.model import Dataset
from ..errors import DataError
from ..rules.model import RuleSet
from .calc import HasilHitung
from .capaian import HasilCapaian, hitung_capaian


@dataclass
class BarisPembanding:
    kecamatan: str
    target: Decimal | None
    realisasi: Decimal | None
    capaian: HasilHitung | None
    sendiri: bool = False


def tabel_pembanding(rules: RuleSet, ds: Dataset, capaian: HasilCapaian) -> dict[str, list[BarisPembanding]]:
    """Per indikator id: this kecamatan's row first, then the others as stated."""
    out: dict[str, list[BarisPembanding]] = {}
    for h in capaian.indikator:
        rows = [BarisPembanding(ds.kecamatan.nama, h.target, h.nilai_realisasi, h.capaian, True)]
        for p in ds.pembanding:
            if p.tahun == capaian.tahun and p.indikator == h.rule.id:
                try:
                    c = hitung_capaian(rules, p.target, p.realisasi, h.rule.polaritas)
                except DataError as exc:
                    raise DataError(f"pembanding Kecamatan {p.kecamatan} ({h.rule.nama} {p.tahun}): "
                                    f"{exc.message}") from None
                rows.append(BarisPembanding(p.kecamatan, p.target, p.realisasi, c))
        out[h.rule.id] = rows
    return out
