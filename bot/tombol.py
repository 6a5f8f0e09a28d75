"""What every button that stores something shares: a tap that arrives after its message was
already answered (a late or second tap) does nothing, and the result replaces the buttons."""

from __future__ import annotations

from typing import Callable

from .layanan import Layanan


def tanpa_tombol(message) -> bool:
    """The message a button was on shows no buttons any more: the bot already replaced the
    choice with its result (or the message is no longer accessible)."""
    markup = getattr(message, "reply_markup", None)
    return markup is None or not markup.inline_keyboard


def sudah_diproses(lanjut: str) -> str:
    """The answer to a late tap (an alert: at most 200 characters), then what to do instead."""
    return f"Pesan ini sudah diproses; tombolnya tidak berlaku lagi. {lanjut}"


async def tombol_terlambat(lay: Layanan, q, teks: str | Callable[[], str]) -> bool:
    """True, with the tap answered by ``teks`` (called only then, when a callable), when ``q``'s
    message no longer shows buttons: the tap came after the choice was carried out or cancelled
    (a tap already on its way, a double tap), and must change nothing. Checked before acting."""
    if not tanpa_tombol(q.message):
        return False
    await lay.pengirim.jawab_tombol(q, teks() if callable(teks) else teks, peringatan=True)
    return True


async def ganti_pesan(lay: Layanan, context, chat_id: int, message_id: int, teks: str) -> None:
    """Show ``teks`` in place of the buttons' message; in a new message if that edit fails
    (what was stored or withdrawn is done already: the user must see what happened)."""
    if not await lay.pengirim.edit(context.bot, chat_id, message_id, teks):
        await lay.pengirim.teks(context.bot, chat_id, teks)
