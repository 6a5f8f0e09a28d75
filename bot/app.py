"""Build the bot's Application: request seam, rate limiter, persistence, handlers, reminders."""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from telegram import Update
from telegram.ext import AIORateLimiter, Application, PersistenceInput, PicklePersistence
from telegram.request import BaseRequest

from sakip_rules.rules.paths import default_rules_dir
from sakip_rules.rules import load_rules

from . import handlers, reminders
from .auth import pasang_menu_umum
from .layanan import KUNCI, Konfigurasi, Layanan
from .processor import UrutanPerChat

log = logging.getLogger(__name__)

# Opt in to PTB's future behaviour (durations as timedelta; send.py handles both) instead of
# a deprecation warning on every 429.
os.environ.setdefault("PTB_TIMEDELTA", "1")

#: The update types the bot handles (asked for explicitly in getUpdates / setWebhook). Edited
#: messages are asked for: officers fix typos by editing, and an edited command is a new request
#: (a correction; see bot.pesan.kunci_pesan; one that names another value withdraws the value
#: the message stored before, bot.suntingan), an edited month or amount in the /laba flow is read
#: again, an edited admin command is refused, and any other edit is answered that it changed nothing.
JENIS_UPDATE = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY]


class PersistensiAlur(PicklePersistence):
    """PicklePersistence that survives a damaged state file (a crash mid-write, a full disk):
    the file is set aside and flows start over, instead of the bot refusing to start."""

    def _load_singlefile(self) -> None:
        try:
            super()._load_singlefile()
        except TypeError as exc:
            rusak = self.filepath.with_name(f"{self.filepath.name}.rusak-{dt.datetime.now():%Y%m%d%H%M%S}")
            self.filepath.rename(rusak)
            log.warning("berkas keadaan isian %s tidak terbaca (%s); dipindah ke %s, isian yang "
                        "sedang berjalan dimulai dari awal", self.filepath, exc, rusak)
            super()._load_singlefile()


def buat_aplikasi(store, token: str, konf: Konfigurasi | None = None, *, request: BaseRequest | None = None,
                  base_url: str | None = None, rules=None, rate_limiter: bool = True) -> Application:
    """The bot over ``store``.

    ``request`` replaces the HTTP layer (the tests' fake Bot API plugs in here);
    ``base_url`` points at a local Bot API server instead of api.telegram.org.
    """
    konf = konf or Konfigurasi()
    if rules is None:
        rules = load_rules(konf.rules_dir or default_rules_dir())
    lay = Layanan(store, rules, konf)

    builder = Application.builder().token(token).concurrent_updates(UrutanPerChat())
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    if base_url:
        base = base_url.rstrip("/")
        builder = builder.base_url(base + "/bot").base_file_url(base + "/file/bot")
    if rate_limiter:
        # Telegram's flood limits (30 messages/s overall); 429 retries are ours (send.py).
        builder = builder.rate_limiter(AIORateLimiter(max_retries=0))
    if konf.persistensi is not None:
        Path(konf.persistensi).parent.mkdir(parents=True, exist_ok=True)
        builder = builder.persistence(PersistensiAlur(
            konf.persistensi, update_interval=5,
            store_data=PersistenceInput(bot_data=False, chat_data=False, user_data=True, callback_data=False)))

    async def saat_mulai(app: Application) -> None:
        await pasang_menu_umum(app.bot, lay)

    builder = builder.post_init(saat_mulai)
    app = builder.build()
    app.bot_data[KUNCI] = lay
    handlers.pasang(app)
    reminders.jadwalkan(app, konf)
    return app


def layanan_dari(app: Application) -> Layanan:
    return app.bot_data[KUNCI]
