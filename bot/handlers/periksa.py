"""/periksa [tahun]: the report checks on the collected data — early warnings for managers.

The core (``sakip_rules.engine.periksa.periksa``) runs the checks and sorts the findings; the
bot passes no transcript (a database has none, and the core does not look for one), so only
the data checks run, as ``sakip periksa TAHUN --tanpa-laporan`` does. Here we only render; the
reply points to chat commands only (/jelaskan), never to the command line.
"""

from __future__ import annotations

from telegram import Update

from sakip_rules.engine.periksa import HasilPeriksa, periksa as periksa_inti
from sakip_rules.rules.pemeriksaan import LABEL_TINGKAT

from ..auth import perintah
from ..layanan import Layanan, layanan
from ..render import esc
from .baca import tahun_dari

IKON = {"galat": "⛔", "peringatan": "⚠️", "info": "ℹ️"}


def hasil_periksa(lay: Layanan, pengguna, tahun: int) -> HasilPeriksa:
    ds = lay.dataset(pengguna)
    return periksa_inti(lay.rules, ds, tahun)


def teks_periksa(h: HasilPeriksa) -> str:
    """The findings as a short chat message (HTML), in the core's order (severity first)."""
    baris = [f"<b>Pemeriksaan data Kecamatan {esc(h.kecamatan)} tahun {h.tahun}</b>",
             f"Data yang terkumpul saja, tanpa transkrip laporan: {len(h.diperiksa)} pemeriksaan "
             f"atas {sum(h.tempat_diperiksa.values())} tempat.",
             "Temuan: " + ", ".join(f"<b>{h.jumlah(t)}</b> {t}" for t in LABEL_TINGKAT) + "."]
    if not h.temuan:
        baris += ["", "✅ Tidak ada temuan pada data yang terkumpul."]
    for i, t in enumerate(h.temuan, 1):
        baris.append("")
        baris.append(f"{i}. {IKON.get(t.tingkat, '')} <b>{esc(LABEL_TINGKAT.get(t.tingkat, t.tingkat))}</b> — "
                     f"{esc(t.tempat)}")
        if t.dinyatakan is not None or t.dihitung is not None:
            baris.append(f"   dinyatakan: {esc(t.dinyatakan if t.dinyatakan is not None else '–')}"
                         f"   dihitung: {esc(t.dihitung if t.dihitung is not None else '–')}")
        baris.append(f"   {esc(t.pesan)}")
    baris += ["", f"Asal-usul angka tiap indikator: /jelaskan, mis. <code>/jelaskan ikm {h.tahun}</code>."]
    return "\n".join(baris)


@perintah("periksa")
async def periksa(update: Update, context, pengguna) -> None:
    lay = layanan(context)
    h = hasil_periksa(lay, pengguna, tahun_dari(context.args, lay, "periksa"))
    await lay.pengirim.teks(context.bot, update.effective_chat.id, teks_periksa(h))
