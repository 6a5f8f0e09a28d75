"""Sending replies that survive a bad connection, and never undo a stored submission.

Every call to the Bot API goes through :meth:`Pengirim._coba`:
* 429 (RetryAfter): wait ``retry_after`` and try again (bounded);
* timeout / network error: wait a moment and try again (bounded). A response lost after
  Telegram delivered the message means the user may see the reply twice; that is
  preferred to never seeing it. Edits are idempotent ("message is not modified" = done);
* 403 (the user blocked the bot) and 400 are not retried.
When all attempts fail the reply is logged and kept in :attr:`Pengirim.tak_terkirim`;
nothing is raised, so a handler that stored a submission before replying keeps it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import warnings
from collections import deque
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

from telegram import InlineKeyboardMarkup, InputFile, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from .render import potong, potong_keterangan

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TakTerkirim:
    """A reply that could not be delivered."""

    chat_id: int
    metode: str
    ringkas: str
    alasan: str
    waktu: dt.datetime


def _detik_tunggu(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns about int vs timedelta; either is fine
        warnings.simplefilter("ignore")
        nilai = exc.retry_after
    return nilai.total_seconds() if isinstance(nilai, dt.timedelta) else float(nilai)


class Pengirim:
    def __init__(self, *, percobaan: int = 3, jeda_jaringan: float = 1.0,
                 tunggu_429_maks: float = 60.0, simpan: int = 1000):
        self.percobaan = max(1, percobaan)
        self.jeda_jaringan = jeda_jaringan
        self.tunggu_429_maks = tunggu_429_maks
        self.tak_terkirim: deque[TakTerkirim] = deque(maxlen=simpan)

    def _catat_gagal(self, chat_id: int, metode: str, ringkas: str, alasan: str) -> None:
        log.warning("balasan tidak terkirim ke chat %s (%s): %s", chat_id, metode, alasan)
        self.tak_terkirim.append(TakTerkirim(chat_id, metode, ringkas[:200], alasan,
                                             dt.datetime.now(dt.timezone.utc)))

    async def _coba(self, panggil: Callable[[], Awaitable[Any]], *, chat_id: int, metode: str,
                    ringkas: str, edit: bool = False, catat: bool = True) -> Any:
        """Run one Bot API call with the retry policy; None on final failure."""
        alasan = ""
        for ke in range(1, self.percobaan + 1):
            try:
                return await panggil()
            except RetryAfter as exc:
                tunggu = _detik_tunggu(exc)
                alasan = f"429: coba lagi setelah {tunggu:g} detik"
                if tunggu > self.tunggu_429_maks or ke == self.percobaan:
                    break
                log.info("429 dari Telegram (%s), menunggu %s detik", metode, tunggu)
                await asyncio.sleep(tunggu)
            except Forbidden as exc:
                alasan = f"403: {exc.message}"
                break
            except BadRequest as exc:
                if edit and "not modified" in exc.message.lower():
                    return True  # the edit was already applied (e.g. a retried call)
                alasan = f"400: {exc.message}"
                log.error("Telegram menolak %s ke chat %s: %s", metode, chat_id, exc.message)
                break
            except (TimedOut, NetworkError) as exc:
                alasan = f"jaringan: {exc.message}"
                if ke == self.percobaan:
                    break
                log.info("gagal jaringan (%s, percobaan %s): %s", metode, ke, exc.message)
                await asyncio.sleep(self.jeda_jaringan * ke)
            except TelegramError as exc:
                alasan = f"telegram: {exc.message}"
                break
        if catat:
            self._catat_gagal(chat_id, metode, ringkas, alasan)
        else:
            log.warning("%s gagal (chat %s): %s", metode, chat_id, alasan)
        return None

    async def teks(self, bot, chat_id: int, html: str, *,
                   tombol: InlineKeyboardMarkup | None = None) -> list[Message]:
        """Send HTML text, split into several messages when longer than Telegram allows.

        Buttons go with the last part. Stops at the first part that cannot be delivered.
        """
        bagian = potong(html) or ["–"]
        terkirim: list[Message] = []
        for i, isi in enumerate(bagian):
            markup = tombol if i == len(bagian) - 1 else None

            async def panggil(isi=isi, markup=markup):
                return await bot.send_message(chat_id=chat_id, text=isi, parse_mode=ParseMode.HTML,
                                              reply_markup=markup, disable_web_page_preview=True)

            pesan = await self._coba(panggil, chat_id=chat_id, metode="sendMessage", ringkas=isi)
            if pesan is None:
                if i + 1 < len(bagian):
                    self._catat_gagal(chat_id, "sendMessage", bagian[i + 1],
                                      f"{len(bagian) - i - 1} bagian berikutnya tidak dikirim")
                break
            terkirim.append(pesan)
        return terkirim

    async def edit(self, bot, chat_id: int, message_id: int, html: str, *,
                   tombol: InlineKeyboardMarkup | None = None) -> bool:
        """Replace a message's text (e.g. a confirmation); falls back to a new message if long."""
        bagian = potong(html) or ["–"]

        async def panggil():
            return await bot.edit_message_text(chat_id=chat_id, message_id=message_id, text=bagian[0],
                                               parse_mode=ParseMode.HTML, reply_markup=tombol,
                                               disable_web_page_preview=True)

        hasil = await self._coba(panggil, chat_id=chat_id, metode="editMessageText", ringkas=bagian[0],
                                 edit=True)
        if hasil is not None and len(bagian) > 1:
            await self.teks(bot, chat_id, "\n".join(bagian[1:]))
        return hasil is not None

    async def jawab_tombol(self, query, teks: str | None = None, *, peringatan: bool = False) -> None:
        """Answer a callback query (stops the button's spinner); failures only logged."""
        async def panggil():
            return await query.answer(text=teks[:200] if teks else None, show_alert=peringatan)

        try:
            await panggil()
        except TelegramError as exc:  # an expired query cannot be answered; harmless
            log.info("answerCallbackQuery gagal: %s", exc)

    async def foto(self, bot, chat_id: int, png: bytes, nama: str, keterangan: str = "") -> Message | None:
        return await self._lampiran(bot.send_photo, "photo", "sendPhoto", "foto", chat_id, png, nama, keterangan)

    async def dokumen(self, bot, chat_id: int, isi: bytes, nama: str, keterangan: str = "") -> Message | None:
        return await self._lampiran(bot.send_document, "document", "sendDocument", "berkas", chat_id, isi, nama,
                                    keterangan)

    async def _lampiran(self, kirim, kolom: str, metode: str, jenis: str, chat_id: int, isi: bytes, nama: str,
                        keterangan: str) -> Message | None:
        """A photo or a document with an HTML caption, under the same retry policy as text."""
        async def panggil():
            return await kirim(chat_id=chat_id, **{kolom: InputFile(isi, filename=nama)},
                               caption=potong_keterangan(keterangan) or None, parse_mode=ParseMode.HTML)

        return await self._coba(panggil, chat_id=chat_id, metode=metode, ringkas=f"[{jenis} {nama}]")

    async def menu(self, panggil: Callable[[], Awaitable[Any]], chat_id: int) -> bool:
        """setMyCommands / deleteMyCommands with the same policy."""
        return await self._coba(panggil, chat_id=chat_id, metode="setMyCommands", ringkas="[menu]") is not None

    async def unduh(self, bot, file_id: str, *, chat_id: int) -> bytes | None:
        """A file a user sent (getFile + download), with the same retry policy."""
        async def panggil():
            berkas = await bot.get_file(file_id)
            return bytes(await berkas.download_as_bytearray())

        return await self._coba(panggil, chat_id=chat_id, metode="getFile", ringkas="[unduh]", catat=False)
