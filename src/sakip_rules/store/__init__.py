"""The data store: every submission kept with its history, SQLite by default, PostgreSQL when shared.

The bot and the CLI use :class:`Store` (see ``service.py``); ``docs/penyimpanan.md`` describes
configuration, tables, history and commands.
"""

from .service import NAMA_SALURAN, SALURAN, Store
from .submissions import Kiriman
from .users import PERAN, AksesDitolak, Pengguna
from .validasi import JENIS, NilaiDitolak

__all__ = ["Store", "Kiriman", "Pengguna", "PERAN", "AksesDitolak", "NilaiDitolak", "JENIS", "SALURAN", "NAMA_SALURAN"]
