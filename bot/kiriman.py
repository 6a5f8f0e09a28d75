"""What a chat message and its edits stored (through the store's read API)."""

from __future__ import annotations

import re

from sakip_rules.store import Kiriman

from .pesan import kunci_dasar, kunci_pesan


def _waktu_suntingan(kunci: str, dasar: str) -> int | None:
    """-1 for the message's own key, the edit time for an edit's key (with the hash of its text,
    or without, as keys were written before), None for any other key (e.g. the key of a
    withdrawal made because of an edit)."""
    if kunci == dasar:
        return -1
    m = re.fullmatch(re.escape(dasar) + r":e(\d+)(?::[0-9a-f]+)?", kunci)
    return int(m.group(1)) if m else None


def hasil_sebelum_diubah(store, message) -> list[Kiriman]:
    """What ``message`` (an edited message) stored before this edit, oldest first: the results
    recorded under its own key and under the keys of its earlier edits (empty when it stored
    nothing: it failed, asked a question first, or was never seen)."""
    if message.edit_date is None:
        return []
    dasar = kunci_dasar(message.chat_id, message.message_id)
    kini, sendiri = int(message.edit_date.timestamp()), kunci_pesan(message)
    hasil = store.hasil_kunci(dasar)
    waktu = {k: w for k in hasil if (w := _waktu_suntingan(k, dasar)) is not None and w <= kini}
    # in the order they were made: edit time, then (edits within one second) the order stored
    urut = sorted(waktu, key=lambda k: (waktu[k], hasil[k].id if hasil[k] else 0))
    if sendiri in urut:  # this edit seen before (a redelivery): only what came before it
        urut = urut[:urut.index(sendiri)]
    return [hasil[k] for k in urut]

