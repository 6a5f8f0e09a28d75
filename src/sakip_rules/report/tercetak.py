"""Numbers exactly as a report prints them: ``99,92%``, ``Rp 346.373.250``, ``0,27``, ``12 Laporan``, ``-``.

A transcript keeps every stated number as the text printed in the report. This module reads
that text strictly, by the Indonesian printing convention (a dot groups thousands in threes,
a comma marks decimals), and remembers what a check needs besides the value: the unit sign
(``%`` or ``Rp``), a trailing unit word (``Laporan``), and the printed precision, which the
exact ``Decimal`` keeps in its exponent (``Decimal("99.92")`` has two places, ``Decimal("100")``
none, ``Decimal("92.00")`` two).

A printed dash (``-``, ``–``, ``-%``) or an empty rupiah cell (``Rp.``) is a value *not known*:
it is read as ``None``, never as zero.

Unlike :func:`sakip_rules.angka.parse_angka`, which reads what officers type and asks when in
doubt, this reader never guesses: a form that is not the printed convention is refused with a
message saying what is wrong (``90.43`` is refused: a dot only groups thousands).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..angka import presisi, tanpa_nilai
from ..errors import DataError


_RE = re.compile(
    r"""^(?P<minus>[-−])?
        (?P<rp>Rp\.?\s*)?
        (?P<angka>[0-9][0-9.,]*)
        (?P<strip>,-)?
        (?P<persen>\s?%)?
        (?:\s+(?P<kata>[^\W\d_][^\n]*))?$""",
    re.VERBOSE)
_RE_GRUP = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")

CONTOH_BENTUK = "'99,92%', '0,27', 'Rp 346.373.250', '346.373.250', 'Rp346.373.250,00', '12 Laporan', '-'"


@dataclass(frozen=True)
class Tercetak:
    """One printed number: the text as printed and what it means."""

    teks: str
    nilai: Decimal | None  # None: printed as unknown ("-")
    satuan: str | None = None  # "persen", "rupiah" or None
    kata: str | None = None  # a unit word printed after the number ("Laporan")

    @property
    def tempat_desimal(self) -> int | None:
        return None if self.nilai is None else presisi(self.nilai)


class AngkaTercetakTidakSah(DataError):
    """A stated number is not in a printed form this reader knows."""


def _salah(teks: str, alasan: str) -> AngkaTercetakTidakSah:
    return AngkaTercetakTidakSah(
        f"angka tercetak '{teks}' tidak dikenali: {alasan}. Bentuk yang dikenal: {CONTOH_BENTUK}")


def baca_tercetak(teks: str) -> Tercetak:
    """Read one printed number; raise :class:`AngkaTercetakTidakSah` with the reason."""
    if not isinstance(teks, str):
        raise AngkaTercetakTidakSah(f"angka tercetak harus ditulis sebagai teks dalam tanda kutip, bukan {teks}")
    s = " ".join(teks.split())
    if not s:
        raise _salah(teks, "kosong; tulis '-' bila laporan mencetak tanda hubung, atau hapus selnya")
    if tanpa_nilai(s):
        satuan = "persen" if s.endswith("%") else ("rupiah" if s.lower().startswith("rp") else None)
        return Tercetak(teks, None, satuan)
    m = _RE.match(s)
    if not m:
        if re.search(r"[0-9]\s+[0-9]", s):
            raise _salah(teks, "ada spasi di tengah angka")
        if "%" in s and not s.rstrip().endswith("%"):
            raise _salah(teks, "tanda % harus di akhir angka")
        if s.lower().startswith("rp") and not s.startswith("Rp"):
            raise _salah(teks, "tulis 'Rp' seperti tercetak (R besar, p kecil)")
        raise _salah(teks, "bukan angka")
    rp, persen, angka = bool(m.group("rp")), bool(m.group("persen")), m.group("angka")
    if rp and persen:
        raise _salah(teks, "rupiah dan persen sekaligus")
    if m.group("strip") and not rp:
        raise _salah(teks, "akhiran ',-' hanya untuk rupiah")
    if m.group("kata") and (rp or persen):
        raise _salah(teks, "kata satuan tidak dapat digabung dengan Rp atau %")
    if angka.count(",") > 1:
        raise _salah(teks, "lebih dari satu koma; koma hanya menandai desimal")
    bulat, _, pecahan = angka.partition(",")
    if "," in angka and not pecahan:
        raise _salah(teks, "tidak ada angka sesudah koma")
    if "." in pecahan:
        raise _salah(teks, "titik sesudah koma; titik hanya memisahkan ribuan sebelum koma")
    if "." in bulat:
        if not _RE_GRUP.match(bulat):
            grup = bulat.split(".")
            if len(grup) == 2 and len(grup[1]) != 3:
                raise _salah(teks, f"titik hanya memisahkan ribuan (kelompok tiga angka); untuk "
                                   f"desimal laporan mencetak koma, mis. '{grup[0]},{grup[1]}'")
            raise _salah(teks, "pengelompokan ribuan tidak sah: setiap kelompok sesudah titik harus "
                               "tiga angka, mis. '346.373.250'")
        bulat = bulat.replace(".", "")
    if len(bulat) > 1 and bulat.startswith("0"):
        raise _salah(teks, "angka bulat tidak diawali nol")
    nilai = Decimal(bulat + ("." + pecahan if pecahan else ""))
    if m.group("minus"):
        nilai = -nilai
    satuan = "rupiah" if rp else ("persen" if persen else None)
    kata = m.group("kata").strip() if m.group("kata") else None
    return Tercetak(teks, nilai, satuan, kata)
