"""A fake Telegram Bot API owned by the tests.

* :class:`FakeBotApi` is the server side: it serves queued updates, answers the Bot API
  methods the bot uses, records every call, enforces Telegram's limits (4096 characters
  after entity parsing, valid HTML, callback_data <= 64 bytes, keyboard shape, caption
  length, PNG photos, known message ids for edits) and can inject errors per method:
  ``"429"``, ``"403"``, ``"400"``, ``"timeout"`` (TimedOut, nothing applied),
  ``"jaringan"`` (NetworkError, nothing applied) and ``"hilang"`` (the call IS applied,
  then the response is lost: NetworkError).
* :class:`FakeRequest` plugs it into PTB through the request seam (``BaseRequest``), so
  the real ``Application`` and ``Bot`` run unchanged.
* :class:`FakeHttpServer` serves the same API over HTTP on 127.0.0.1, for a ``sakip bot``
  subprocess started with ``--api-url``.

Nothing here opens a connection to the internet.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
BATAS_TEKS = 4096
BATAS_KETERANGAN = 1024
BATAS_DATA_TOMBOL = 64
TAG_SAH = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code",
           "pre", "blockquote", "tg-emoji", "tg-time"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*)?)>")
_ENTITAS = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);")


class Ditolak(Exception):
    """The fake refuses a call as Telegram would (HTTP 400 and a description)."""

    def __init__(self, deskripsi: str, kode: int = 400):
        super().__init__(deskripsi)
        self.deskripsi = deskripsi
        self.kode = kode


@dataclass
class Panggilan:
    metode: str
    param: dict[str, Any]
    berkas: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)
    waktu: float = 0.0
    hasil: Any = None
    galat: str | None = None  # injected error or refusal

    @property
    def chat_id(self) -> int | None:
        c = self.param.get("chat_id")
        return int(c) if c is not None else None

    @property
    def teks(self) -> str:
        return self.param.get("text") or self.param.get("caption") or ""

    @property
    def tombol(self) -> list[tuple[str, str]]:
        markup = self.param.get("reply_markup") or {}
        return [(b["text"], b.get("callback_data", "")) for baris in markup.get("inline_keyboard", [])
                for b in baris]


@dataclass(frozen=True)
class Orang:
    """A Telegram user of the tests (private chat id == user id)."""

    id: int
    nama: str
    nama_belakang: str | None = None

    def sebagai_user(self) -> dict:
        u = {"id": self.id, "is_bot": False, "first_name": self.nama, "language_code": "id"}
        if self.nama_belakang:
            u["last_name"] = self.nama_belakang
        return u


def teks_tampak(teks_html: str) -> str:
    """The text a user sees: tags removed, entities decoded (what Telegram's limit counts)."""
    return html.unescape(_TAG.sub("", teks_html))


def panjang_utf16(teks: str) -> int:
    return len(teks.encode("utf-16-le")) // 2


def periksa_html(teks: str) -> None:
    """Telegram's HTML parse mode, strictly: known tags, properly nested, every <, > and &
    that is not markup escaped."""
    tumpukan: list[str] = []
    pos = 0
    for m in _TAG.finditer(teks):
        _periksa_teks_polos(teks[pos:m.start()])
        pos = m.end()
        nama = m.group(2).lower()
        if nama not in TAG_SAH:
            raise Ditolak(f"Bad Request: can't parse entities: unsupported start tag \"{nama}\"")
        if m.group(1):
            if not tumpukan or tumpukan[-1] != nama:
                raise Ditolak(f"Bad Request: can't parse entities: unexpected end tag \"{nama}\"")
            tumpukan.pop()
        else:
            tumpukan.append(nama)
    _periksa_teks_polos(teks[pos:])
    if tumpukan:
        raise Ditolak(f"Bad Request: can't parse entities: can't find end tag corresponding to start tag "
                      f"\"{tumpukan[-1]}\"")


def _periksa_teks_polos(potongan: str) -> None:
    if "<" in potongan or ">" in potongan:
        raise Ditolak("Bad Request: can't parse entities: unescaped '<' or '>' in text")
    for m in re.finditer("&", potongan):
        if not _ENTITAS.match(potongan, m.start()):
            raise Ditolak("Bad Request: can't parse entities: unescaped '&' in text")


def periksa_markup(markup: Any) -> None:
    if markup is None:
        return
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        raise Ditolak("Bad Request: reply markup is not an inline keyboard")
    papan = markup["inline_keyboard"]
    if not isinstance(papan, list) or any(not isinstance(b, list) for b in papan):
        raise Ditolak("Bad Request: inline keyboard must be an array of arrays")
    for baris in papan:
        for tombol in baris:
            if not tombol.get("text"):
                raise Ditolak("Bad Request: inline keyboard button text is empty")
            jenis = [k for k in ("callback_data", "url") if k in tombol]
            if len(jenis) != 1:
                raise Ditolak("Bad Request: inline keyboard button must have exactly one action")
            data = tombol.get("callback_data")
            if data is not None and not 1 <= len(data.encode("utf-8")) <= BATAS_DATA_TOMBOL:
                raise Ditolak("Bad Request: BUTTON_DATA_INVALID")


class FakeBotApi:
    """The server side of the fake (thread-safe, synchronous)."""

    def __init__(self, *, bot_id: int = 990001, username: str = "sakip_uji_bot"):
        self.bot_id = bot_id
        self.username = username
        self._kunci = threading.RLock()
        self.panggilan: list[Panggilan] = []
        self.pelanggaran: list[Panggilan] = []  # calls the fake refused as Telegram would
        self._antrian: list[dict] = []
        self._update_id = 5000
        self._pesan_id: dict[int, int] = defaultdict(int)
        self._suntingan: dict[tuple[int, int], int] = {}  # (chat, message) -> edit_date of its last edit
        self._query_id = 0
        self.query: set[str] = set()
        self.pesan: dict[tuple[int, int], dict] = {}  # the bot's messages, latest version
        self.berkas: dict[str, bytes] = {}
        self.injeksi: dict[tuple[str, int | None], deque[str]] = defaultdict(deque)
        self.jeda: dict[str, float] = {}  # artificial latency per method, seconds
        self.menu: dict[str, list[dict]] = {}
        self.retry_after = 1
        self.offset_terakhir = 0

    # -- the users' side ----------------------------------------------------------------
    def _id_update(self) -> int:
        self._update_id += 1
        return self._update_id

    def _id_pesan(self, chat_id: int) -> int:
        self._pesan_id[chat_id] += 1
        return self._pesan_id[chat_id]

    def pesan_dari(self, orang: Orang, teks: str | None = None, *, dokumen: tuple[str, bytes] | None = None,
                   keterangan: str | None = None, foto: bool = False) -> dict:
        """An update: ``orang`` writes ``teks`` (or sends a document / photo) in its private chat."""
        with self._kunci:
            msg: dict[str, Any] = {
                "message_id": self._id_pesan(orang.id), "date": int(time.time()),
                "chat": {"id": orang.id, "type": "private", "first_name": orang.nama},
                "from": orang.sebagai_user(),
            }
            if teks is not None:
                msg["text"] = teks
                if teks.startswith("/"):
                    perintah = teks.split()[0]
                    msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(perintah)}]
            if dokumen is not None:
                nama, isi = dokumen
                fid = f"DOC{len(self.berkas) + 1:04d}"
                self.berkas[fid] = isi
                msg["document"] = {"file_id": fid, "file_unique_id": f"U{fid}", "file_name": nama,
                                   "file_size": len(isi)}
            if foto:
                msg["photo"] = [{"file_id": "PHOTO1", "file_unique_id": "UPHOTO1", "width": 90, "height": 90}]
            if keterangan is not None:
                msg["caption"] = keterangan
                if keterangan.startswith("/"):
                    msg["caption_entities"] = [{"type": "bot_command", "offset": 0,
                                                "length": len(keterangan.split()[0])}]
            return {"update_id": self._id_update(), "message": msg}

    def tekan(self, orang: Orang, pesan: Panggilan | dict, data: str) -> dict:
        """An update: ``orang`` presses the button with ``data`` on a message the bot sent."""
        with self._kunci:
            if isinstance(pesan, Panggilan):
                pesan = pesan.hasil
            kini = self.pesan.get((pesan["chat"]["id"], pesan["message_id"]), pesan)
            self._query_id += 1
            qid = f"Q{self._query_id}"
            self.query.add(qid)
            return {"update_id": self._id_update(),
                    "callback_query": {"id": qid, "from": orang.sebagai_user(), "chat_instance": f"ci{orang.id}",
                                       "data": data, "message": kini}}

    def sunting(self, update: dict, teks: str, *, detik_sama: bool = False) -> dict:
        """An update: the user edits the message of ``update`` (a ``message`` update) to ``teks``
        (its caption, for a document). Each edit of a message is a second after the previous
        one, or, with ``detik_sama``, within the same second (Telegram's edit_date has whole
        seconds)."""
        with self._kunci:
            asli = update["message"]
            bagian, entitas = ("caption", "caption_entities") if "document" in asli else ("text", "entities")
            pesan = {k: v for k, v in asli.items() if k != entitas}
            kunci = (asli["chat"]["id"], asli["message_id"])
            sebelumnya = self._suntingan.get(kunci, 0)
            waktu = sebelumnya if detik_sama and sebelumnya else max(int(time.time()) + 5, sebelumnya + 1)
            self._suntingan[kunci] = waktu
            pesan.update({bagian: teks, "edit_date": waktu})
            if teks.startswith("/"):
                pesan[entitas] = [{"type": "bot_command", "offset": 0, "length": len(teks.split()[0])}]
            return {"update_id": self._id_update(), "edited_message": pesan}

    def antre(self, *updates: dict) -> None:
        """Queue updates for getUpdates."""
        with self._kunci:
            self._antrian.extend(updates)

    def suntik(self, metode: str, *jenis: str, chat_id: int | None = None) -> None:
        """The next calls of ``metode`` (to ``chat_id``, if given) fail with these kinds of error, in order."""
        with self._kunci:
            self.injeksi[(metode, chat_id)].extend(jenis)

    # -- what tests read ------------------------------------------------------------------
    def terkirim(self, chat_id: int | None = None, metode: tuple[str, ...] | str | None = None) -> list[Panggilan]:
        """Successful calls (optionally to one chat / of some methods)."""
        if isinstance(metode, str):
            metode = (metode,)
        with self._kunci:
            return [p for p in self.panggilan if p.galat is None
                    and (chat_id is None or p.chat_id == chat_id)
                    and (metode is None or p.metode in metode)]

    def teks_ke(self, chat_id: int) -> list[str]:
        """Texts the user sees in the chat, in order (sent messages and edits)."""
        return [p.teks for p in self.terkirim(chat_id, ("sendMessage", "editMessageText"))]

    def terakhir(self, chat_id: int, metode: str | tuple[str, ...] = ("sendMessage", "editMessageText")) -> Panggilan:
        hasil = self.terkirim(chat_id, metode)
        assert hasil, f"tidak ada {metode} ke chat {chat_id}"
        return hasil[-1]

    def tanda(self) -> int:
        return len(self.panggilan)

    def sejak(self, tanda: int) -> list[Panggilan]:
        with self._kunci:
            return [p for p in self.panggilan[tanda:] if p.galat is None]

    def sisa_antrian(self) -> int:
        with self._kunci:
            return sum(1 for u in self._antrian if u["update_id"] >= self.offset_terakhir)

    # -- the server ----------------------------------------------------------------------------
    def ambil_injeksi(self, metode: str, chat_id: Any = None) -> str | None:
        with self._kunci:
            for kunci in ((metode, int(chat_id)) if chat_id is not None else None, (metode, None)):
                q = self.injeksi.get(kunci) if kunci else None
                if q:
                    return q.popleft()
            return None

    def ambil_update(self, offset: int | None, limit: int = 100) -> list[dict]:
        with self._kunci:
            if offset is not None:
                self.offset_terakhir = max(self.offset_terakhir, int(offset))
                self._antrian = [u for u in self._antrian if u["update_id"] >= self.offset_terakhir]
            return self._antrian[:limit]

    def catat(self, metode: str, param: dict, berkas: dict, *, hasil: Any = None, galat: str | None = None) -> Panggilan:
        p = Panggilan(metode, param, berkas, time.monotonic(), hasil, galat)
        with self._kunci:
            self.panggilan.append(p)
        return p

    def galat_disuntik(self, jenis: str, metode: str, param: dict, berkas: dict) -> tuple[int, dict]:
        self.catat(metode, param, berkas, galat=jenis)
        if jenis == "429":
            return 429, {"ok": False, "error_code": 429,
                         "description": f"Too Many Requests: retry after {self.retry_after}",
                         "parameters": {"retry_after": self.retry_after}}
        if jenis == "403":
            return 403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}
        return 400, {"ok": False, "error_code": 400, "description": "Bad Request: injected"}

    def jawab(self, metode: str, param: dict, berkas: dict) -> tuple[int, dict]:
        """Apply one Bot API call; (HTTP status, JSON body)."""
        with self._kunci:
            fungsi = getattr(self, f"_m_{metode}", None)
            if fungsi is None:
                p = self.catat(metode, param, berkas, galat="404")
                self.pelanggaran.append(p)
                return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
            try:
                hasil = fungsi(param, berkas)
            except Ditolak as exc:
                p = self.catat(metode, param, berkas, galat=exc.deskripsi)
                if exc.kode == 400 and "not modified" not in exc.deskripsi:
                    self.pelanggaran.append(p)
                return exc.kode, {"ok": False, "error_code": exc.kode, "description": exc.deskripsi}
            self.catat(metode, param, berkas, hasil=hasil)
            return 200, {"ok": True, "result": hasil}

    def unduh(self, path: str) -> tuple[int, bytes]:
        fid = path.rsplit("/", 1)[-1]
        with self._kunci:
            self.catat("download", {"path": path}, {})
            if fid not in self.berkas:
                return 404, b'{"ok":false,"error_code":404,"description":"Not Found"}'
            return 200, self.berkas[fid]

    # -- methods ---------------------------------------------------------------------------------
    def _user_bot(self) -> dict:
        return {"id": self.bot_id, "is_bot": True, "first_name": "SAKIP Uji", "username": self.username,
                "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False}

    def _pesan_bot(self, chat_id: int, **isi) -> dict:
        msg = {"message_id": self._id_pesan(chat_id), "date": int(time.time()),
               "chat": {"id": chat_id, "type": "private"}, "from": self._user_bot(), **isi}
        self.pesan[(chat_id, msg["message_id"])] = msg
        return msg

    @staticmethod
    def _chat(param: dict) -> int:
        if "chat_id" not in param:
            raise Ditolak("Bad Request: chat_id is empty")
        try:
            return int(param["chat_id"])
        except (TypeError, ValueError):
            raise Ditolak("Bad Request: chat not found") from None

    @staticmethod
    def _periksa_teks(teks: Any, batas: int, param: dict, nama: str = "message text") -> str:
        if not isinstance(teks, str) or not teks.strip():
            raise Ditolak(f"Bad Request: {nama} is empty")
        mode = param.get("parse_mode")
        if mode not in (None, "HTML"):
            raise Ditolak(f"Bad Request: the fake expects HTML, not {mode}")
        if mode == "HTML":
            periksa_html(teks)
            tampak = teks_tampak(teks)
        else:
            tampak = teks
        if not tampak.strip():
            raise Ditolak(f"Bad Request: {nama} is empty")
        if panjang_utf16(tampak) > batas:
            raise Ditolak(f"Bad Request: {nama} is too long")
        return tampak

    def _m_getMe(self, param, berkas):
        return self._user_bot()

    def _m_deleteWebhook(self, param, berkas):
        return True

    def _m_setWebhook(self, param, berkas):
        return True

    def _m_close(self, param, berkas):
        return True

    def _m_setMyCommands(self, param, berkas):
        perintah = param.get("commands")
        if not isinstance(perintah, list) or len(perintah) > 100:
            raise Ditolak("Bad Request: commands must be a list of at most 100")
        for p in perintah:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", p.get("command", "")):
                raise Ditolak(f"Bad Request: BOT_COMMAND_INVALID {p.get('command')!r}")
            if not 1 <= len(p.get("description", "")) <= 256:
                raise Ditolak("Bad Request: command description must be 1-256 characters")
        self.menu[json.dumps(param.get("scope") or {"type": "default"}, sort_keys=True)] = perintah
        return True

    def _m_deleteMyCommands(self, param, berkas):
        self.menu.pop(json.dumps(param.get("scope") or {"type": "default"}, sort_keys=True), None)
        return True

    def menu_chat(self, chat_id: int) -> list[str] | None:
        perintah = self.menu.get(json.dumps({"type": "chat", "chat_id": chat_id}, sort_keys=True))
        return None if perintah is None else [p["command"] for p in perintah]

    def _m_sendMessage(self, param, berkas):
        chat_id = self._chat(param)
        self._periksa_teks(param.get("text"), BATAS_TEKS, param)
        periksa_markup(param.get("reply_markup"))
        isi = {"text": teks_tampak(param["text"]) if param.get("parse_mode") == "HTML" else param["text"]}
        if param.get("reply_markup"):
            isi["reply_markup"] = param["reply_markup"]
        return self._pesan_bot(chat_id, **isi)

    def _m_editMessageText(self, param, berkas):
        chat_id = self._chat(param)
        kunci = (chat_id, int(param.get("message_id", 0)))
        if kunci not in self.pesan:
            raise Ditolak("Bad Request: message to edit not found")
        self._periksa_teks(param.get("text"), BATAS_TEKS, param)
        periksa_markup(param.get("reply_markup"))
        lama = self.pesan[kunci]
        teks = teks_tampak(param["text"]) if param.get("parse_mode") == "HTML" else param["text"]
        if lama.get("text") == teks and lama.get("reply_markup") == param.get("reply_markup"):
            raise Ditolak("Bad Request: message is not modified: specified new message content and reply "
                          "markup are exactly the same as a current content and reply markup of the message")
        baru = dict(lama, text=teks, edit_date=int(time.time()))
        baru.pop("reply_markup", None)
        if param.get("reply_markup"):
            baru["reply_markup"] = param["reply_markup"]
        self.pesan[kunci] = baru
        return baru

    def _m_answerCallbackQuery(self, param, berkas):
        qid = param.get("callback_query_id")
        if qid not in self.query:
            raise Ditolak("Bad Request: query is too old and response timeout expired or query ID is invalid")
        if len(param.get("text") or "") > 200:
            raise Ditolak("Bad Request: callback answer text is too long")
        return True

    def _berkas(self, nama: str, param: dict, berkas: dict) -> tuple[str, bytes]:
        if nama not in berkas:
            raise Ditolak(f"Bad Request: there is no {nama} in the request")
        fname, isi, _mime = berkas[nama]
        if param.get("caption") is not None:
            self._periksa_teks(param["caption"], BATAS_KETERANGAN, param, "caption")
        return fname, isi

    def _m_sendPhoto(self, param, berkas):
        chat_id = self._chat(param)
        _fname, isi = self._berkas("photo", param, berkas)
        if not isi.startswith(PNG_MAGIC):
            raise Ditolak("Bad Request: IMAGE_PROCESS_FAILED (not a PNG)")
        fid = f"PH{len(self.berkas) + 1:04d}"
        self.berkas[fid] = isi
        return self._pesan_bot(chat_id, photo=[{"file_id": fid, "file_unique_id": "U" + fid, "width": 800,
                                                "height": 600, "file_size": len(isi)}],
                               **({"caption": teks_tampak(param["caption"])} if param.get("caption") else {}))

    def _m_sendDocument(self, param, berkas):
        chat_id = self._chat(param)
        fname, isi = self._berkas("document", param, berkas)
        fid = f"DC{len(self.berkas) + 1:04d}"
        self.berkas[fid] = isi
        return self._pesan_bot(chat_id, document={"file_id": fid, "file_unique_id": "U" + fid, "file_name": fname,
                                                  "file_size": len(isi)},
                               **({"caption": teks_tampak(param["caption"])} if param.get("caption") else {}))

    def _m_getFile(self, param, berkas):
        fid = param.get("file_id")
        if fid not in self.berkas:
            raise Ditolak("Bad Request: invalid file_id")
        return {"file_id": fid, "file_unique_id": "U" + fid, "file_size": len(self.berkas[fid]),
                "file_path": f"documents/{fid}"}


def _isi_berkas(berkas: dict) -> dict[str, tuple[str, bytes, str]]:
    out = {}
    for nama, (fname, isi, mime) in berkas.items():
        if hasattr(isi, "read"):
            isi = isi.read()
        out[nama] = (fname, bytes(isi), mime)
    return out


class FakeRequest(BaseRequest):
    """PTB's request seam, answered by a :class:`FakeBotApi`."""

    def __init__(self, api: FakeBotApi, *, jeda_poll: float = 0.01):
        self.api = api
        self.jeda_poll = jeda_poll
        self.saat_kosong = None  # called (sync) when getUpdates finds nothing to serve

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(self, url, method, request_data=None, read_timeout=None, write_timeout=None,
                         connect_timeout=None, pool_timeout=None) -> tuple[int, bytes]:
        assert url.startswith("https://api.telegram.org/"), url  # and it never leaves this process
        if "/file/bot" in url:
            return self.api.unduh(url)
        metode = url.rsplit("/", 1)[-1]
        param = dict(request_data.parameters) if request_data is not None else {}
        berkas = _isi_berkas(request_data.multipart_data) if request_data is not None and \
            request_data.contains_files else {}
        if metode == "getUpdates":
            return await self._get_updates(param)
        jenis = self.api.ambil_injeksi(metode, param.get("chat_id"))
        if self.api.jeda.get(metode):
            await asyncio.sleep(self.api.jeda[metode])
        if jenis == "timeout":
            self.api.catat(metode, param, berkas, galat="timeout")
            raise TimedOut("waktu habis (disuntik)")
        if jenis == "jaringan":
            self.api.catat(metode, param, berkas, galat="jaringan")
            raise NetworkError("koneksi terputus (disuntik)")
        if jenis in ("429", "403", "400"):
            status, isi = self.api.galat_disuntik(jenis, metode, param, berkas)
            return status, json.dumps(isi).encode()
        await asyncio.sleep(0)  # a real request yields to the event loop
        status, isi = self.api.jawab(metode, param, berkas)
        if jenis == "hilang" and status == 200:
            raise NetworkError("respons hilang setelah terkirim (disuntik)")
        return status, json.dumps(isi).encode()

    async def _get_updates(self, param: dict) -> tuple[int, bytes]:
        self.api.catat("getUpdates", param, {})
        updates = self.api.ambil_update(param.get("offset"), int(param.get("limit", 100)))
        if not updates:
            if self.saat_kosong is not None:
                self.saat_kosong()
            await asyncio.sleep(self.jeda_poll)
        return 200, json.dumps({"ok": True, "result": updates}).encode()


# -- over HTTP, for a `sakip bot` subprocess ---------------------------------------------------------

_JSON_FIELDS = {"chat_id", "message_id", "reply_markup", "commands", "scope", "offset", "limit", "timeout",
                "allowed_updates", "show_alert", "disable_web_page_preview", "link_preview_options",
                "drop_pending_updates", "max_connections"}


class FakeHttpServer:
    """The fake Bot API on http://127.0.0.1:PORT (form-encoded requests, as PTB's httpx sends them)."""

    def __init__(self, api: FakeBotApi):
        self.api = api
        api_ = api

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):  # quiet
                pass

            def do_POST(self):
                panjang = int(self.headers.get("Content-Length") or 0)
                badan = self.rfile.read(panjang)
                metode = self.path.rsplit("/", 1)[-1]
                param: dict[str, Any] = {}
                if "multipart" not in (self.headers.get("Content-Type") or ""):
                    for k, v in parse_qs(badan.decode("utf-8"), keep_blank_values=True).items():
                        param[k] = json.loads(v[0]) if k in _JSON_FIELDS else v[0]
                if metode == "getUpdates":
                    api_.catat("getUpdates", param, {})
                    updates = api_.ambil_update(param.get("offset"), int(param.get("limit", 100)))
                    if not updates:
                        time.sleep(0.05)
                    status, isi = 200, {"ok": True, "result": updates}
                else:
                    status, isi = api_.jawab(metode, param, {})
                data = json.dumps(isi).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
