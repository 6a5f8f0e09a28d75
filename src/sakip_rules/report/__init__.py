"""A report's stated numbers (the transcript of an LKjIP), read strictly with their places.

Format: docs/format-laporan.md. The checks that read it live in ``rules/pemeriksaan/`` and run
through :mod:`sakip_rules.engine.periksa`.
"""

from .loader import baca_laporan, load_laporan, periksa_tempat
from .model import Baris, Kolom, Laporan, Pernyataan, Sel, Tabel
from .tercetak import AngkaTercetakTidakSah, Tercetak, baca_tercetak

__all__ = ["baca_laporan", "load_laporan", "periksa_tempat", "Baris", "Kolom", "Laporan", "Pernyataan",
           "Sel", "Tabel", "AngkaTercetakTidakSah", "Tercetak", "baca_tercetak"]
