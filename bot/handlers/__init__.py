"""Handlers, one module per job; :func:`pasang` registers them all on an Application."""

from __future__ import annotations

from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, TypeHandler, filters

from . import admin, baca, galat, laba, lapor, periksa, tarik, umum

PRIBADI = filters.ChatType.PRIVATE


def pasang(app: Application) -> None:
    # group -1: a redelivered update stops here
    app.add_handler(TypeHandler(object, galat.saring_ulangan), group=-1)

    app.add_handler(laba.alur(PRIBADI, persisten=app.persistence is not None))
    app.add_handler(CommandHandler("start", umum.start, filters=PRIBADI))
    app.add_handler(CommandHandler("bantuan", umum.bantuan, filters=PRIBADI))
    app.add_handler(CommandHandler("help", umum.bantuan, filters=PRIBADI))
    app.add_handler(CommandHandler("batal", laba.batal, filters=PRIBADI))  # the flow's own /batal too
    app.add_handler(CommandHandler("capaian", baca.capaian, filters=PRIBADI))
    app.add_handler(CommandHandler("jelaskan", baca.jelaskan, filters=PRIBADI))
    app.add_handler(CallbackQueryHandler(baca.tombol_jelaskan, pattern=r"^j:"))
    app.add_handler(CommandHandler("rekap_bumdes", baca.rekap_bumdes, filters=PRIBADI))
    app.add_handler(CommandHandler("grafik", baca.grafik, filters=PRIBADI))
    app.add_handler(CommandHandler("riwayat", baca.riwayat, filters=PRIBADI))
    app.add_handler(CommandHandler("periksa", periksa.periksa, filters=PRIBADI))
    app.add_handler(CommandHandler("ikm", lapor.ikm, filters=PRIBADI))
    app.add_handler(MessageHandler(PRIBADI & filters.Document.ALL, lapor.berkas_ikm))
    app.add_handler(CommandHandler("status_desa", lapor.status_desa, filters=PRIBADI))
    app.add_handler(CommandHandler("anggaran", lapor.anggaran, filters=PRIBADI))
    app.add_handler(CommandHandler("tarik", tarik.tarik, filters=PRIBADI))
    app.add_handler(CallbackQueryHandler(tarik.tombol_pilih, pattern=r"^t:"))
    app.add_handler(CallbackQueryHandler(tarik.tombol_ya, pattern=r"^ty:"))
    app.add_handler(CallbackQueryHandler(tarik.tombol_batal, pattern=r"^tb:"))
    app.add_handler(CommandHandler("undang", admin.undang, filters=PRIBADI))
    app.add_handler(CommandHandler("pengguna", admin.daftar, filters=PRIBADI))
    app.add_handler(CommandHandler("cabut", admin.cabut, filters=PRIBADI))
    app.add_handler(CallbackQueryHandler(umum.tombol_lama))
    app.add_handler(MessageHandler(PRIBADI & filters.COMMAND, umum.tak_dikenal))
    app.add_handler(MessageHandler(PRIBADI & ~filters.COMMAND, umum.pesan_lain))

    app.add_error_handler(galat.tangani)
