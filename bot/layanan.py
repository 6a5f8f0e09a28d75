"""What every handler needs: the store, the rule set, the settings, the sender.

Kept in ``application.bot_data["layanan"]`` (bot_data is never persisted).
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sakip_rules.errors import SakipError
from sakip_rules.rules.model import RuleSet

KUNCI = "layanan"


def _utc_sekarang() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _zona_bawaan() -> dt.tzinfo:
    from sakip_rules.store.config import zona_waktu

    return zona_waktu()


@dataclass
class Konfigurasi:
    """Settings of one bot process (all have working defaults)."""

    rules_dir: Path | None = None
    hari_pengingat: int = 5  # day of the month the profit reminder runs (1..28)
    jam_pengingat: dt.time = dt.time(8, 0)  # local time of the reminder
    zona: dt.tzinfo | None = None  # None: $SAKIP_ZONA_WAKTU (WITA by default)
    persistensi: Path | None = None  # pickle file for guided flows; None: in memory only
    percobaan_kirim: int = 3  # attempts per Bot API call
    jeda_jaringan: float = 1.0  # seconds before retrying a timeout / network error
    tunggu_429_maks: float = 60.0  # longest retry_after we wait for
    batas_berkas: int = 5 * 1024 * 1024  # largest uploaded survey file, bytes
    banyak_bulan_tombol: int = 4  # month buttons in the /laba flow
    batas_alur_menit: int = 120  # a guided flow older than this starts over
    sekarang: Callable[[], dt.datetime] = field(default=_utc_sekarang)

    def __post_init__(self):
        if not 1 <= self.hari_pengingat <= 28:
            from sakip_rules.errors import UsageError

            raise UsageError(f"hari pengingat {self.hari_pengingat} tidak sah; pilih 1 sampai 28")
        if self.zona is None:
            self.zona = _zona_bawaan()


class Layanan:
    """The bot's services, shared by all handlers of one Application."""

    MEMORI_UPDATE = 10_000

    def __init__(self, store, rules: RuleSet, konf: Konfigurasi):
        from .send import Pengirim  # here: `sakip` reads Konfigurasi's defaults without Telegram

        self.store = store
        self.rules = rules
        self.konf = konf
        self.pengirim = Pengirim(percobaan=konf.percobaan_kirim, jeda_jaringan=konf.jeda_jaringan,
                                 tunggu_429_maks=konf.tunggu_429_maks)
        self._terproses: OrderedDict[int, None] = OrderedDict()
        self.menu_terpasang: dict[int, str] = {}  # chat id -> role whose menu is installed

    # -- time -------------------------------------------------------------
    def sekarang(self) -> dt.datetime:
        """Now, in the kecamatan's time zone."""
        return self.konf.sekarang().astimezone(self.konf.zona)

    def tahun_ini(self) -> int:
        return self.sekarang().year

    # -- data ---------------------------------------------------------------
    def dataset(self, pengguna):
        """The latest data of the user's own kecamatan."""
        return self.store.dataset(self.store.kecamatan_dari(pengguna))

    def contoh_desa(self, pengguna) -> str:
        """A desa code for the examples in help texts: the user's own desa, else the first desa
        of their kecamatan's data (never one of another kecamatan)."""
        if pengguna.desa:
            return pengguna.desa
        try:
            desa = self.dataset(pengguna).kecamatan.desa
        except SakipError:  # no data yet: help must still answer
            desa = ()
        return desa[0].kode if desa else "DESA"

    # -- redelivered updates -------------------------------------------------
    def sudah_diproses(self, update_id: int) -> bool:
        """True if this update was seen before; remembers it otherwise (bounded memory)."""
        if update_id in self._terproses:
            return True
        self._terproses[update_id] = None
        while len(self._terproses) > self.MEMORI_UPDATE:
            self._terproses.popitem(last=False)
        return False


def layanan(context) -> Layanan:
    return context.application.bot_data[KUNCI]


DIINGAT = 20  # per memory of one user: what an edit or a late button reply comes back for soon


def ingat(context, kunci: str, nomor, nilai) -> None:
    """Remember ``nilai`` under ``nomor`` in the user's memory ``kunci`` (saved user data), the
    newest ``DIINGAT`` only: answers that never come must not grow the saved data."""
    if context.user_data is None:
        return
    ingatan = context.user_data.setdefault(kunci, {})
    ingatan.pop(nomor, None)
    ingatan[nomor] = nilai
    while len(ingatan) > DIINGAT:
        ingatan.pop(next(iter(ingatan)))
