"""Redelivered updates, and the error handler: log everything, show the user a polite line.

A :class:`SakipError` (bad input, refused access, a data problem) is expected: its
Indonesian message is what the user needs to read. Anything else is a bug or an outage:
it is logged with its traceback and the user gets an apology, never the traceback.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from sakip_rules.errors import ErrorList, SakipError

from ..layanan import layanan
from ..render import esc

log = logging.getLogger(__name__)

MAAF = ("Maaf, terjadi kesalahan pada sistem dan permintaan Anda belum dapat diproses. "
        "Data yang sudah tersimpan tidak hilang. Silakan coba lagi beberapa saat lagi; "
        "jika masih gagal, hubungi admin kecamatan.")


async def saring_ulangan(update: object, context) -> None:
    """Stop an update that was already processed (Telegram may deliver one twice)."""
    if isinstance(update, Update) and layanan(context).sudah_diproses(update.update_id):
        log.info("update %s sudah diproses; diabaikan", update.update_id)
        raise ApplicationHandlerStop


def pesan_galat(exc: BaseException) -> str:
    if isinstance(exc, ErrorList):
        return "\n".join(f"• {e.render()}" for e in exc.errors)
    if isinstance(exc, SakipError):
        return exc.render()
    return MAAF


async def tangani(update: object, context) -> None:
    exc = context.error
    if isinstance(exc, SakipError):
        log.info("ditolak: %s", exc.render())
    else:
        log.error("kesalahan saat memproses update", exc_info=exc)
    if not isinstance(update, Update):
        return
    lay = layanan(context)
    teks = pesan_galat(exc)
    if update.callback_query is not None:
        await lay.pengirim.jawab_tombol(update.callback_query)
    if update.effective_chat is not None:
        awalan = "⚠️ " if isinstance(exc, SakipError) else ""
        await lay.pengirim.teks(context.bot, update.effective_chat.id, awalan + esc(teks))
