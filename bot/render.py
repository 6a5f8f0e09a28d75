"""Telegram HTML: escaping, <pre> blocks, splitting at 4096 characters, button data.

Telegram counts a message's length after parsing the entities, in UTF-16 code units.
We measure the raw HTML instead (never shorter than what Telegram counts), so a chunk
that fits here fits there.
"""

from __future__ import annotations

import html
import re
from typing import Any

BATAS_PESAN = 4096
BATAS_KETERANGAN = 1024  # photo/document captions
BATAS_DATA_TOMBOL = 64  # callback_data, bytes

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")
_ENTITAS = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def esc(teks: Any) -> str:
    """Escape text for Telegram's HTML mode."""
    return html.escape(str(teks), quote=False)


def pre(teks: str) -> str:
    """A fixed-width block: the text escaped inside <pre>."""
    return f"<pre>{esc(teks)}</pre>"


def panjang(teks: str) -> int:
    """Length in UTF-16 code units, as Telegram counts."""
    return len(teks.encode("utf-16-le")) // 2


def _token(baris: str) -> list[str]:
    """A line split into tags and text runs."""
    out, pos = [], 0
    for m in _TAG.finditer(baris):
        if m.start() > pos:
            out.append(baris[pos:m.start()])
        out.append(m.group(0))
        pos = m.end()
    if pos < len(baris):
        out.append(baris[pos:])
    return out


def _nama_tag(tag: str) -> str:
    return _TAG.fullmatch(tag).group(2).lower()


def _ubah_tumpukan(tumpukan: list[str], token: str) -> None:
    """Track the open tags after ``token``."""
    m = _TAG.fullmatch(token)
    if not m:
        return
    if m.group(1):  # a closing tag closes up to its opening tag
        nama = m.group(2).lower()
        if any(_nama_tag(t) == nama for t in tumpukan):
            while tumpukan and _nama_tag(tumpukan.pop()) != nama:
                pass
    else:
        tumpukan.append(token)


def _penutup(tumpukan: list[str]) -> str:
    return "".join(f"</{_nama_tag(t)}>" for t in reversed(tumpukan))


def _potong_teks(teks: str, muat: int) -> tuple[str, str]:
    """Cut a text run so the head fits ``muat`` units: at a space if one is near, never
    inside an HTML entity."""
    n, dipakai = 0, 0
    for ch in teks:
        lebar = 2 if ord(ch) > 0xFFFF else 1
        if dipakai + lebar > muat:
            break
        dipakai += lebar
        n += 1
    kepala = teks[:n]
    if n < len(teks):
        amp = kepala.rfind("&")
        if amp != -1 and ";" not in kepala[amp:] and _ENTITAS.match(teks, amp):
            kepala = kepala[:amp]
        spasi = kepala.rfind(" ")
        if spasi > len(kepala) - 80 and spasi > 0:
            kepala = kepala[:spasi + 1]
    return kepala, teks[len(kepala):]


def potong(teks: str, batas: int = BATAS_PESAN) -> list[str]:
    """Split HTML into messages of at most ``batas`` units.

    Breaks at line ends where possible (inside a very long line: at a space, never in a
    tag or an entity). Every tag open at a break, a <pre> in particular, is closed at the
    end of one chunk and opened again at the start of the next, so each chunk is valid
    HTML on its own. Chunks without visible text are dropped.
    """
    hasil: list[str] = []
    kepala: list[str] = []  # tags open at the start of the current chunk
    tumpukan: list[str] = []  # tags open at the end of the current chunk
    isi = ""

    def ukur(isi_baru: str, tumpukan_baru: list[str]) -> int:
        return panjang("".join(kepala) + isi_baru + _penutup(tumpukan_baru))

    def keluarkan() -> None:
        nonlocal isi, kepala
        badan = "".join(kepala) + isi.rstrip("\n") + _penutup(tumpukan)
        if html.unescape(_TAG.sub("", badan)).strip():
            hasil.append(badan)
        kepala = list(tumpukan)
        isi = ""

    def coba(unit: str) -> bool:
        nonlocal isi
        baru = list(tumpukan)
        for tok in _token(unit):
            _ubah_tumpukan(baru, tok)
        if ukur(isi + unit, baru) <= batas:
            isi += unit
            tumpukan[:] = baru
            return True
        return False

    baris_baris = teks.split("\n")
    for i, baris in enumerate(baris_baris):
        unit = baris + ("\n" if i < len(baris_baris) - 1 else "")
        if coba(unit):
            continue
        if isi:
            keluarkan()
            if coba(unit):
                continue
        for tok in _token(unit):  # one line longer than a message
            if coba(tok):
                continue
            if _TAG.fullmatch(tok):
                keluarkan()
                if not coba(tok):
                    raise ValueError("tag HTML lebih panjang dari satu pesan")
                continue
            sisa = tok
            while sisa and not coba(sisa):
                kepala_teks, sisa = _potong_teks(sisa, batas - ukur(isi, tumpukan))
                isi += kepala_teks
                if not isi:
                    raise ValueError(f"batas {batas} terlalu kecil untuk tag yang terbuka")
                keluarkan()
    if isi:
        keluarkan()
    return hasil


def potong_keterangan(teks: str) -> str:
    """A caption that fits: cut at BATAS_KETERANGAN (first chunk)."""
    bagian = potong(teks, BATAS_KETERANGAN)
    return bagian[0] if bagian else ""


def data_tombol(*bagian: Any) -> str:
    """callback_data from parts joined by ':'; a programming error if over 64 bytes."""
    data = ":".join(str(b) for b in bagian)
    if len(data.encode("utf-8")) > BATAS_DATA_TOMBOL:
        raise ValueError(f"data tombol melebihi {BATAS_DATA_TOMBOL} byte: {data!r}")
    return data

