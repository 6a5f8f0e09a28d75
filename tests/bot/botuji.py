"""What the bot tests share: the clock, the people, and :class:`Uji` (a running bot to talk to).

(Not in conftest.py: every test folder has a conftest module, so importing names from one is
ambiguous.)"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal

from fakebot import FakeBotApi, Orang
from telegram import Update

#: The tests' clock (store and bot): 10 February 2025, 09:00 WITA.
JAM = dt.datetime(2025, 2, 10, 1, 0, tzinfo=dt.timezone.utc)

ADMIN = Orang(101, "Admin", "Kecamatan")
CAMAT = Orang(102, "Camat")
OPKEC = Orang(103, "Operator", "Kecamatan")
SITI = Orang(104, "Siti")  # operator desa Halunuk: one BUMDes (Sumber Rahmat)
BUDI = Orang(105, "Budi")  # operator desa Loksado: two BUMDes
AUDITOR = Orang(106, "Auditor")
ASING = Orang(999, "Orang", "Asing")

PENGGUNA = [
    (ADMIN, "Admin Kecamatan", "admin", None),
    (CAMAT, "Camat Loksado", "pimpinan", None),
    (OPKEC, "Operator Kecamatan", "operator_kecamatan", None),
    (SITI, "Siti", "operator_desa", "halunuk"),
    (BUDI, "Budi", "operator_desa", "loksado"),
    (AUDITOR, "Auditor Inspektorat", "auditor", None),
]


def jumlah_kiriman(store) -> int:
    """How many submissions the store holds (all kinds)."""
    admin = store.pengguna_telegram(ADMIN.id)
    return len(store.riwayat(admin, batas=100_000))


@contextmanager
def tanpa_kiriman_baru(store):
    """Whatever happens inside stores nothing: the store holds as many submissions after as before."""
    sebelum = jumlah_kiriman(store)
    yield
    assert jumlah_kiriman(store) == sebelum, "ada kiriman yang tersimpan"


def laba_tersimpan(store, bumdes: str, tahun: int, bulan: int) -> Decimal | None:
    """The monthly profit of BUMDes ``bumdes`` (code) the store holds now; None: not reported."""
    return next(per.get(bulan) for b, per in store.rekap_laba("loksado", tahun)["bumdes"] if b.kode == bumdes)


async def ditolak_semua(uji: "Uji", orang: Orang, kasus: list[tuple[str, str]]) -> None:
    """Every message of ``kasus`` (text, a piece of the answer) from ``orang`` is refused: a
    warning containing the piece, no traceback, and nothing stored."""
    with tanpa_kiriman_baru(uji.store):
        for perintah, potongan in kasus:
            teks = uji.teks(await uji.kirim(orang, perintah))
            assert "⚠️" in teks and potongan in teks, (perintah, teks)
            assert "Traceback" not in teks, (perintah, teks)


def jam():
    return JAM


class Uji:
    """One running bot: feed it updates, read what it sent."""

    def __init__(self, app, api: FakeBotApi, store):
        self.app = app
        self.api = api
        self.store = store

    @property
    def layanan(self):
        from bot.app import layanan_dari

        return layanan_dari(self.app)

    async def proses(self, update: dict):
        tanda = self.api.tanda()
        await self.app.process_update(Update.de_json(update, self.app.bot))
        return self.api.sejak(tanda)

    async def kirim(self, orang: Orang, teks: str | None = None, **kw):
        """``orang`` sends a message; returns the Bot API calls it caused."""
        return await self.proses(self.api.pesan_dari(orang, teks, **kw))

    async def tekan(self, orang: Orang, pesan, data: str):
        return await self.proses(self.api.tekan(orang, pesan, data))

    @staticmethod
    def pesan(panggilan, metode=("sendMessage", "editMessageText")):
        if isinstance(metode, str):
            metode = (metode,)
        return [p for p in panggilan if p.metode in metode]

    def teks(self, panggilan) -> str:
        """Everything the user sees from these calls, joined."""
        return "\n".join(p.teks for p in self.pesan(panggilan, ("sendMessage", "editMessageText",
                                                                 "sendPhoto", "sendDocument")))
