"""Edited messages that report a value.

An edited report command is a new request (:func:`bot.pesan.kunci_pesan`). When the edit names
*another* value than the message stored before (``/laba 2025-01 500000`` edited to ``/laba 2024-12
500000``, ``/ikm 2024 1 …`` to ``/ikm 2024 2 …``), the value the message stored before is withdrawn
through the store's own withdrawal, so the message counts once, for what it says now. The store
refuses what it always refuses (a value replaced since, or not the user's to change), and the
reply then says that value still counts and how to withdraw it. A value the message did not
create (it only repeated what was already stored) is never withdrawn.

Uploads carry no idempotency key, so the value an uploaded file stored is remembered per
message in ``user_data`` (for an edited caption).
"""

from __future__ import annotations

import dataclasses
import logging

from sakip_rules.errors import SakipError
from sakip_rules.store import Kiriman

from .auth import tolak
from .kiriman import hasil_sebelum_diubah
from .layanan import Layanan, ingat, layanan
from .pesan import balasan_kiriman, kunci_pesan, label_nilai
from .render import esc

log = logging.getLogger(__name__)

KUNCI_BERKAS = "hasil_berkas"  # user_data: upload message id -> (submission id, status)
DIBUAT = ("baru", "koreksi")  # results that wrote the value (a "sama" only found it stored)


def _label(lay: Layanan, pengguna, kunci_nilai: str) -> str:
    return label_nilai(lay.store, lay.store.kecamatan_dari(pengguna), kunci_nilai)


def _kapital(teks: str) -> str:
    return teks[:1].upper() + teks[1:]


def _dibuat(hasil: list[Kiriman]) -> Kiriman | None:
    """The latest of a message's results (oldest first); when it only found stored the value an
    earlier version of the same message wrote, that earlier result (the message wrote it)."""
    if not hasil:
        return None
    akhir = hasil[-1]
    if akhir.status not in DIBUAT:
        return next((h for h in reversed(hasil) if h.id == akhir.id and h.status in DIBUAT), akhir)
    return akhir


def ingat_berkas(context, message, kiriman: Kiriman) -> None:
    """Remember what the upload ``message`` stored (for an edit of its caption); an edit that
    found stored the value the upload wrote keeps what the upload wrote."""
    lama = ((context.user_data or {}).get(KUNCI_BERKAS) or {}).get(message.message_id)
    tetap = lama is not None and kiriman.status not in DIBUAT and lama[0] == kiriman.id
    ingat(context, KUNCI_BERKAS, message.message_id, lama if tetap else (kiriman.id, kiriman.status))


def sebelum_diubah(lay: Layanan, context, pengguna, message) -> Kiriman | None:
    """What ``message`` stored before its latest edit (None for a message never edited)."""
    if message.edit_date is None:
        return None
    hasil = _dibuat(hasil_sebelum_diubah(lay.store, message))
    if hasil is not None:
        return hasil
    nomor, status = ((context.user_data or {}).get(KUNCI_BERKAS) or {}).get(message.message_id, (None, None))
    ada = lay.store.kiriman_dan_kini(pengguna, nomor) if nomor is not None else None
    return dataclasses.replace(ada[0], status=status) if ada else None


def catatan_sebelum_diubah(lay: Layanan, pengguna, message, sebelum: Kiriman | None,
                           baru: Kiriman | None) -> str:
    """For an edited message whose earlier value was ``sebelum`` and now stored ``baru`` (None:
    nothing stored yet, e.g. a question came first): the line that says what happened to the
    earlier value (HTML; empty when the edit changed only the amount of the same value). A
    withdrawal is stored before this returns."""
    if sebelum is None or (baru is not None and baru.kunci_nilai == sebelum.kunci_nilai):
        return ""
    label = _label(lay, pengguna, sebelum.kunci_nilai)
    nilai = f"{_kapital(label)}: {sebelum.nilai}"
    cara = f"Bila nilai itu salah, tarik dengan /tarik {sebelum.id}."
    if sebelum.status not in DIBUAT:
        return esc(f"ℹ️ {nilai} tetap dihitung: nilai itu sudah tercatat sebelum pesan Anda, jadi tidak "
                   f"ditarik karena pesan diubah. {cara}")
    if baru is None:
        return esc(f"ℹ️ {nilai} dari pesan sebelum diubah masih dihitung. {cara}")
    alasan = f"pesan diubah: kini {_label(lay, pengguna, baru.kunci_nilai)}"
    try:
        tarik = lay.store.tarik(pengguna, kiriman_id=sebelum.id, alasan=alasan, saluran="bot",
                                kunci=kunci_pesan(message) + ":w")
    except SakipError as exc:  # replaced since, or not the user's to change: it stays, and we say so
        sebab = exc.render()
    except Exception:  # the new value is stored: say so, and that the old one still counts
        log.exception("nilai dari pesan sebelum diubah (kiriman #%s) gagal ditarik", sebelum.id)
        sebab = "gangguan sistem"
    else:
        if tarik.status != "ditarik":
            return esc(f"ℹ️ {_kapital(label)} dari pesan sebelum diubah sudah ditarik sebelumnya.")
        teks = (f"🗑️ {_kapital(label)} dari pesan sebelum diubah ditarik: {sebelum.nilai} tidak lagi "
                f"dihitung (kiriman #{tarik.id}; riwayat tetap menyimpannya).")
        if sebelum.status == "koreksi" and sebelum.nilai_lama:
            teks += (f" Nilai sebelum pesan itu ({sebelum.nilai_lama}) juga tidak dihitung lagi; "
                     "bila nilai itu benar, laporkan lagi.")
        return esc(teks)
    return esc(f"⚠️ {nilai} dari pesan sebelum diubah tidak ditarik ({sebab}); nilai {label} yang "
               f"tercatat sekarang tetap dihitung. Bila salah, tarik dengan /tarik {label}.")


def balasan_lapor(lay: Layanan, context, pengguna, message, kiriman: Kiriman) -> str:
    """The reply to a value reported in ``message`` (typed or uploaded), after it is stored; for
    an edited message that now names another value, the earlier value is withdrawn first."""
    teks = balasan_kiriman(lay.store, pengguna, kiriman)
    catatan = catatan_sebelum_diubah(lay, pengguna, message, sebelum_diubah(lay, context, pengguna, message),
                                     kiriman)
    return teks + ("\n\n" + catatan if catatan else "")


async def balas_lapor(update, context, pengguna, kiriman: Kiriman, akhir: str = "") -> None:
    """Send :func:`balasan_lapor` for the value ``update``'s message reported (``akhir``: HTML after it)."""
    lay = layanan(context)
    teks = balasan_lapor(lay, context, pengguna, update.effective_message, kiriman)
    await lay.pengirim.teks(context.bot, update.effective_chat.id, teks + akhir)


async def tolak_suntingan_admin(update, context, nama: str) -> bool:
    """True (and the edit refused) for an edited admin command: an edit of /cabut 7 to /cabut 8
    must not act on user 8 after user 7, so edits are never carried out; a new command is."""
    if update.edited_message is None:
        return False
    await tolak(update, context, f"Perubahan pesan /{nama} tidak dijalankan. Kirim perintah /{nama} "
                                 "yang baru bila perlu.")
    return True
