"""How a stored submission (Kiriman) reads in a chat."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Callable

from sakip_rules.errors import SakipError
from sakip_rules.store import NAMA_SALURAN

from .render import esc

STATUS = {
    "baru": "✅ Tersimpan.",
    "sama": "ℹ️ Nilai yang sama sudah tercatat sebelumnya; tidak ada yang berubah.",
    "koreksi": "✏️ Tersimpan sebagai koreksi. Nilai lama tetap ada di riwayat.",
    "ditarik": "🗑️ Ditarik: nilai ini tidak lagi dihitung. Nilai lama tetap ada di riwayat.",
}


def kunci_dasar(chat_id: int, message_id: int) -> str:
    """The key of a message as first sent (an edit adds its edit time, :func:`kunci_pesan`)."""
    return f"tg:{chat_id}:{message_id}"


def kunci_tombol(query) -> str:
    """The idempotency key of a submission caused by pressing a button (``query``, a callback
    query): the message the button is on (a message the *bot* sent) and a short hash of the
    button's data. A double tap of the same button, or a redelivered tap, is the same request and
    stores nothing twice; a different button on the same message (a second choice, e.g. after
    the bot's edit that removes the buttons failed) is a new request, a correction. The message's
    edit time is not part of the key: the bot edits that message once the value is stored, and a
    tap already on its way arrives with the edited message."""
    sidik = hashlib.sha256((query.data or "").encode("utf-8")).hexdigest()[:12]
    return f"{kunci_dasar(query.message.chat.id, query.message.message_id)}:t{sidik}"


def kunci_pesan(message) -> str:
    """The idempotency key of a submission caused by ``message`` (a message the *user* sent):
    chat and message id, so a redelivered update stores nothing twice; an *edited* message is a
    new request (the officer corrected the command), so its edit time is part of the key, and a
    short hash of its text: two edits within one second (Telegram's edit time has whole seconds)
    are two requests. What the message stored before is found by these keys (:mod:`bot.kiriman`)."""
    kunci = kunci_dasar(message.chat_id, message.message_id)
    if message.edit_date is not None:
        teks = message.text or message.caption or ""
        kunci += f":e{int(message.edit_date.timestamp())}:{hashlib.sha256(teks.encode('utf-8')).hexdigest()[:12]}"
    return kunci


def pesan_batal(dibatalkan: list[str]) -> str:
    """The reply to /batal: what it cancelled, or that nothing was running (plain text)."""
    if not dibatalkan:
        return "Tidak ada isian yang sedang berjalan."
    return "Dibatalkan: " + "; ".join(dibatalkan) + ". Tidak ada yang disimpan."


def pesan_kiriman(kiriman, uraian: str) -> str:
    """The reply after a submission: what was stored and whether it was new, equal or a correction."""
    status = STATUS.get(kiriman.status, f"Tersimpan ({esc(kiriman.status)}).")
    if kiriman.status == "sama" and kiriman.ditarik:
        status = "ℹ️ Nilai ini sudah ditarik sebelumnya; tidak ada yang berubah."
    baris = [status, esc(uraian)]
    if kiriman.status in ("koreksi", "ditarik") and getattr(kiriman, "nilai_lama", None):
        baris.append(f"Nilai sebelumnya: {esc(kiriman.nilai_lama)}"
                     + (f" (kiriman #{kiriman.menggantikan})" if kiriman.menggantikan else ""))
    baris.append(f"Kiriman #{kiriman.id}. Lihat /riwayat.")
    return "\n".join(baris)


def label_nilai(store, kecamatan: str, kunci_nilai: str) -> str:
    """'laba Sumber Rahmat November 2024' (the store names the value; the key itself if it cannot,
    e.g. a BUMDes since removed: a label is a nicety, the key is always readable)."""
    try:
        return store.label_kunci(kecamatan, kunci_nilai)
    except SakipError:
        return kunci_nilai


def uraian_kiriman(store, kecamatan: str, kiriman) -> str:
    """'Laba Sumber Rahmat November 2024: Rp 734.400'."""
    label = label_nilai(store, kecamatan, kiriman.kunci_nilai)
    return f"{label[:1].upper()}{label[1:]}: {kiriman.nilai}"


def balasan_kiriman(store, pengguna, kiriman) -> str:
    return pesan_kiriman(kiriman, uraian_kiriman(store, store.kecamatan_dari(pengguna), kiriman))


def waktu_lokal(waktu: dt.datetime | None, zona: dt.tzinfo) -> str:
    if waktu is None:
        return "–"
    if waktu.tzinfo is None:
        waktu = waktu.replace(tzinfo=dt.timezone.utc)
    return waktu.astimezone(zona).strftime("%d-%m-%Y %H:%M")


def nama_saluran(saluran: str) -> str:
    return NAMA_SALURAN.get(saluran, saluran)


def baris_riwayat(k, zona: dt.tzinfo, label: Callable[[str], str] = str) -> str:
    """One history entry (HTML)."""
    status = {"baru": "baru", "sama": "sama dengan sebelumnya", "koreksi": "koreksi"}.get(k.status, k.status)
    if k.status in ("koreksi", "ditarik") and k.menggantikan:
        status += f" atas #{k.menggantikan}"
    if k.ditarik and k.keterangan:
        status += f", alasan: {k.keterangan}"
    return (f"<b>#{k.id}</b> {esc(waktu_lokal(k.dicatat_pada, zona))} — {esc(label(k.kunci_nilai))}: "
            f"<b>{esc(k.nilai)}</b>\n   {esc(status)}; oleh {esc(k.dicatat_oleh)} "
            f"melalui {esc(nama_saluran(k.saluran))}")
