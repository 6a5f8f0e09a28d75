"""Angka dan bulan gaya Indonesia: menulis (Babel, locale ``id``) dan membaca.

Writing goes through Babel so that grouping, the decimal comma and the month
names follow CLDR for Indonesian; the digits themselves are always the exact
``Decimal`` (never a float), quantized half-up only when the caller asks for a
number of places.

Reading is ours, because officers type numbers in many ways (``734400``,
``734.400``, ``Rp. 734.400,-``, ``734rb``, ``1,2 juta``) and because a number
that can be read two ways must be *asked about*, never guessed:
``1.5`` as an amount could be 1,5 or 1.500. :class:`AngkaAmbigu` carries the
question (and the possible readings in ``pilihan``); :class:`AngkaTidakSah`
says precisely what is wrong with the text.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

from babel.dates import get_month_names
from babel.numbers import format_decimal

from .errors import UsageError

LOCALE = "id"

#: The kinds of number :func:`parse_angka` reads.
JENIS_ANGKA = ("rupiah", "nilai")

TAHUN_MIN = 2000
TAHUN_MAKS = 2100


class AngkaTidakSah(UsageError):
    """The text is not a number in any accepted form."""


class AngkaAmbigu(UsageError):
    """The text can be read as more than one number; the message is a question.

    ``pilihan`` holds the possible readings (already signed and multiplied), so
    that a bot can offer them as buttons.
    """

    def __init__(self, message: str, *, pilihan: tuple[Decimal, ...] = (), **kw):
        self.pilihan = tuple(pilihan)
        super().__init__(message, **kw)


# ---------------------------------------------------------------------------
# Formatting
# ---------------------------------------------------------------------------

# Numbers the project accepts anywhere (rule and data files, stored submissions): no budget,
# score or threshold comes near 10^16, and the formula context holds 28 digits exactly;
# anything beyond is a typing mistake (or an attack that would print megabytes).
BATAS_BESARAN = 15  # largest power of ten of a number's leading digit
BATAS_DIGIT = 28


def masalah_angka(value: Decimal) -> str | None:
    """Why ``value`` cannot be a number here, or None. Trailing zeros count as written (a
    caller judging a value, not its writing, passes it normalised)."""
    if not value.is_finite():
        return "bukan angka berhingga"
    if value and value.adjusted() > BATAS_BESARAN:
        # written as officers write numbers (the message reaches chat and CLI), not as 10^16
        return f"terlalu besar (paling besar di bawah {format_angka(Decimal(10) ** (BATAS_BESARAN + 1))})"
    t = value.as_tuple()
    if len(t.digits) > BATAS_DIGIT or t.exponent < -BATAS_DIGIT:
        return f"terlalu panjang (paling banyak {BATAS_DIGIT} digit)"
    return None


def _as_decimal(d) -> Decimal:
    if isinstance(d, bool):
        raise TypeError("nilai true/false bukan angka")
    if isinstance(d, Decimal):
        value = d
    elif isinstance(d, int):
        value = Decimal(d)
    else:
        # A float would already have lost the exact digits; refuse it loudly.
        raise TypeError(f"format_angka membutuhkan Decimal atau int, bukan {type(d).__name__}")
    if not value.is_finite():
        raise ValueError(f"angka tidak terhingga tidak dapat ditulis: {value}")
    return value


def presisi(value: Decimal) -> int:
    """Decimal places as written: 0.27 -> 2, 90.5 -> 1, 100 -> 0 (the precision of a target or
    of a printed number)."""
    exp = value.as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def format_angka(d: Decimal, places: int | None = None) -> str:
    """Indonesian grouping and decimal comma: ``Decimal("346373250.5")`` -> ``346.373.250,5``.

    With ``places=None`` exactly the Decimal's own digits are written (``92.00`` stays
    ``92,00``); with ``places`` the value is first rounded half-up to that many places.
    """
    value = _as_decimal(d)
    exponent = value.as_tuple().exponent
    if places is None:
        places = max(0, -exponent)
    if places < 0:
        raise ValueError("jumlah angka desimal tidak boleh negatif")
    digits = len(value.as_tuple().digits)
    with localcontext() as ctx:
        # Enough precision that neither our quantize nor Babel's ever rounds or fails.
        ctx.prec = max(28, digits + abs(exponent) + places + 2)
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if value.is_zero():
            value = abs(value)  # no "-0,00"
        pattern = "#,##0" + ("." + "0" * places if places else "")
        return format_decimal(value, format=pattern, locale=LOCALE)


def format_rupiah(d: Decimal) -> str:
    """``Rp 346.373.250``; sen are shown (at least two places) only when not zero."""
    value = _as_decimal(d)
    if value == value.to_integral_value():
        places = 0
    else:
        places = max(2, -value.as_tuple().exponent)
    text = "Rp " + format_angka(abs(value), places)
    return "-" + text if value < 0 else text


def format_persen(d: Decimal, places: int | None = None) -> str:
    """A percent number (``99.92``, not ``0.9992``) as ``99,92%``."""
    return format_angka(d, places) + "%"


# ---------------------------------------------------------------------------
# Parsing numbers
# ---------------------------------------------------------------------------

_PENGALI = {
    "rb": 3, "ribu": 3,
    "jt": 6, "juta": 6,
    "miliar": 9, "milyar": 9,
}
_NAMA_PENGALI = {3: "ribu", 6: "juta", 9: "miliar"}

_RE_PENGALI = re.compile(r"^(?P<angka>.*?)\s*(?P<pengali>ribu|rb|juta|jt|miliar|milyar)\.?$",
                         re.IGNORECASE)
_RE_RP = re.compile(r"^rp\.?\s*", re.IGNORECASE)
_RE_STRIP_AKHIR = re.compile(r"[.,]-+$")  # "734.400,-"
_RE_GRUP_TITIK = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$")  # 1.234.567
_RE_GRUP_KOMA = re.compile(r"^[1-9]\d{0,2}(,\d{3})+$")  # 1,234,567 (English)
_RE_ID_DESIMAL = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+,\d+$")  # 1.234,5
_RE_EN_DESIMAL = re.compile(r"^[1-9]\d{0,2}(,\d{3})+\.\d+$")  # 1,234.56
_RE_KEPALA_GRUP = re.compile(r"^[1-9]\d{0,2}$")

_CONTOH = {
    "rupiah": "734400, 734.400, Rp 734.400, 734.400,-, 1.234,50, 734rb, 1,2 juta",
    "nilai": "90,43, 90.43, 91, 3,617",
}

_PENJELASAN_ID = ("Dalam penulisan Indonesia titik memisahkan ribuan dan koma menandai "
                  "desimal.")


# How printed tables and recaps write "no value": a dash of any width, a bare "Rp", or a dash
# with "Rp" or "%" ("-", "–", "Rp.", "Rp. -", "-%"). Missing is never zero.
_RE_TANPA_NILAI = re.compile(r"(rp\.?[-–—]?|[-–—]%?)", re.IGNORECASE)


def tanpa_nilai(teks: str) -> bool:
    """Whether a printed or typed cell says "no value" (an empty text is for the caller to judge)."""
    return bool(_RE_TANPA_NILAI.fullmatch(re.sub(r"\s+", "", teks)))


def daftar_kata(kata: list[str], sambung: str = "dan") -> str:
    """Texts as an Indonesian enumeration (PUEBI): 'a', 'a dan b', 'a, b, dan c'."""
    if len(kata) <= 2:
        return f" {sambung} ".join(kata)
    return ", ".join(kata[:-1]) + f", {sambung} {kata[-1]}"


def ringkas(teks: str, batas: int = 40) -> str:
    """User text quoted back in a message: long input is cut, so a reply stays readable."""
    return teks if len(teks) <= batas else teks[:batas] + "…"


class _Ambigu(Exception):
    def __init__(self, bacaan: list[Decimal], alasan: str):
        self.bacaan = bacaan
        self.alasan = alasan


class _TidakSah(Exception):
    def __init__(self, alasan: str):
        self.alasan = alasan


def _cukup_presisi(d: Decimal, tambah: int = 0) -> int:
    """A context precision that holds every digit of ``d`` (times 10**tambah) exactly.

    The default 28 digits would silently round a long typed number, and an officer's
    number must stay exactly what was typed (the checks then say what is wrong with it)."""
    t = d.as_tuple()
    return max(28, len(t.digits) + max(0, t.exponent) + tambah + 2)


def _rapi(d: Decimal) -> Decimal:
    """Drop trailing zeros of a fraction, never write an exponent."""
    with localcontext() as ctx:
        ctx.prec = _cukup_presisi(d)
        n = d.normalize()
        if n.as_tuple().exponent > 0:
            n = n.quantize(Decimal(1))
    return n


def _inti(s: str, jenis: str) -> Decimal:
    """The number itself: digits with dots and commas only, no sign, no Rp."""
    for ch in s:
        if ch.isspace():
            raise _TidakSah("ada spasi di tengah angka; tulis ribuan dengan titik, mis. 734.400")
        if not (ch.isdigit() and ch.isascii()) and ch not in ".,":
            raise _TidakSah(f"karakter '{ch}' tidak dikenal dalam angka")
    if not any(ch.isdigit() for ch in s):
        raise _TidakSah("tidak ada angkanya")
    if re.search(r"[.,]{2}", s):
        raise _TidakSah("ada dua tanda pemisah berurutan")
    if s[0] in ".,":
        raise _TidakSah(f"angka tidak boleh diawali '{s[0]}'; tulis mis. 0,5")
    if s[-1] in ".,":
        raise _TidakSah(f"angka tidak boleh diakhiri '{s[-1]}'")

    titik, koma = s.count("."), s.count(",")
    if not titik and not koma:
        return Decimal(s)

    if titik and koma:
        if _RE_ID_DESIMAL.match(s):
            bulat, pecahan = s.split(",")
            return Decimal(bulat.replace(".", "") + "." + pecahan)
        if _RE_EN_DESIMAL.match(s):
            bulat, pecahan = s.split(".")
            raise _Ambigu([Decimal(bulat.replace(",", "") + "." + pecahan)],
                          "Tampaknya ditulis gaya Inggris (koma ribuan, titik desimal). "
                          + _PENJELASAN_ID)
        if s.rfind(",") > s.rfind(".") and koma == 1:
            raise _TidakSah("pengelompokan ribuan tidak sah: setiap kelompok sesudah titik "
                            "harus tiga angka (mis. 1.234.567,5)")
        raise _TidakSah("titik dan koma bercampur tidak beraturan; tulis mis. 1.234.567,5")

    if koma:
        if koma > 1:
            if _RE_GRUP_KOMA.match(s):
                raise _Ambigu([Decimal(s.replace(",", ""))],
                              "Koma dipakai sebagai pemisah ribuan (gaya Inggris). "
                              + _PENJELASAN_ID)
            raise _TidakSah("lebih dari satu koma; koma hanya untuk desimal")
        bulat, pecahan = s.split(",")
        if jenis == "rupiah" and len(pecahan) == 3 and _RE_KEPALA_GRUP.match(bulat):
            raise _Ambigu([_rapi(Decimal(bulat + "." + pecahan)), Decimal(bulat + pecahan)],
                          _PENJELASAN_ID + f" Jika maksudnya ribuan, tulis {bulat}.{pecahan}.")
        return Decimal(bulat + "." + pecahan)

    # dots only
    if titik > 1:
        if _RE_GRUP_TITIK.match(s):
            return Decimal(s.replace(".", ""))
        raise _TidakSah("pengelompokan ribuan tidak sah: setiap kelompok sesudah titik harus "
                        "tiga angka (mis. 1.234.567)")
    bulat, pecahan = s.split(".")
    grup_sah = len(pecahan) == 3 and bool(_RE_KEPALA_GRUP.match(bulat))
    if jenis == "nilai":
        if grup_sah:
            raise _Ambigu([_rapi(Decimal(bulat + "." + pecahan)), Decimal(bulat + pecahan)],
                          _PENJELASAN_ID + " Untuk nilai desimal tulis dengan koma, mis. "
                          f"{bulat},{pecahan.rstrip('0') or '0'}.")
        return Decimal(bulat + "." + pecahan)
    # rupiah: a dot is a thousands separator, so only a proper group is unambiguous
    if grup_sah:
        return Decimal(bulat + pecahan)
    bacaan = [_rapi(Decimal(bulat + "." + pecahan))]
    if len(pecahan) <= 3 and bulat.lstrip("0"):
        bacaan.append(Decimal(bulat + pecahan.ljust(3, "0")))
    raise _Ambigu(bacaan, _PENJELASAN_ID)


def parse_angka(text: str, jenis: str = "rupiah") -> Decimal:
    """Read a number as an officer types it; ``jenis`` is ``"rupiah"`` or ``"nilai"``.

    Returns the exact Decimal (negative if the text starts with ``-``; callers that
    need a non-negative amount refuse it). Raises :class:`AngkaAmbigu` with a question
    when the text can be read two ways, :class:`AngkaTidakSah` when it is no number.
    """
    if jenis not in JENIS_ANGKA:
        raise ValueError(f"jenis angka tidak dikenal: {jenis!r}")
    if not isinstance(text, str):
        raise AngkaTidakSah(f"angka harus berupa teks, bukan {type(text).__name__}")
    kutip = f"'{ringkas(text.strip())}'"

    def tidak_sah(alasan: str) -> AngkaTidakSah:
        contoh = _CONTOH[jenis]
        return AngkaTidakSah(f"{kutip} bukan angka yang sah: {alasan}. "
                             f"Contoh yang diterima: {contoh}.")

    s = text.strip()
    if not s:
        raise AngkaTidakSah("angka kosong; tulis angkanya, mis. "
                            + ("734.400" if jenis == "rupiah" else "90,43"))

    negatif = False
    if s[0] in "-\u2212":
        negatif = True
        s = s[1:].lstrip()

    pakai_rp = False
    m = _RE_RP.match(s)
    if m:
        if jenis == "nilai":
            raise tidak_sah("nilai tidak ditulis dengan 'Rp'")
        pakai_rp = True
        s = s[m.end():]
        if not s:
            raise tidak_sah("hanya 'Rp', angkanya tidak ada")
        if s[0] in "-\u2212":
            if negatif:
                raise tidak_sah("tanda minus ditulis dua kali")
            negatif = True
            s = s[1:].lstrip()

    if _RE_STRIP_AKHIR.search(s):
        if jenis == "nilai":
            raise tidak_sah("akhiran ',-' hanya untuk rupiah")
        s = _RE_STRIP_AKHIR.sub("", s)

    pangkat = 0
    m = _RE_PENGALI.match(s)
    if m:
        if jenis == "nilai":
            raise tidak_sah(f"satuan '{m.group('pengali')}' tidak dipakai untuk nilai")
        pangkat = _PENGALI[m.group("pengali").lower()]
        s = m.group("angka").strip()

    if not s:
        raise tidak_sah("tidak ada angkanya" if not pakai_rp else "hanya 'Rp', angkanya tidak ada")
    if s[0] in "-\u2212":
        raise tidak_sah("tanda minus harus di depan" if not negatif else "tanda minus ditulis dua kali")

    def jadi(d: Decimal) -> Decimal:
        if pangkat:
            with localcontext() as ctx:
                ctx.prec = _cukup_presisi(d, pangkat)
                d = _rapi(d.scaleb(pangkat))
        return -d if negatif else d

    try:
        nilai = _inti(s, jenis)
    except _TidakSah as exc:
        raise tidak_sah(exc.alasan) from None
    except _Ambigu as exc:
        pilihan = tuple(jadi(b) for b in exc.bacaan)
        akhiran = f" {_NAMA_PENGALI[pangkat]}" if pangkat else ""
        minus = "-" if negatif else ""
        tulisan = [f"{minus}{format_angka(b)}{akhiran}" for b in exc.bacaan]
        if len(tulisan) == 1:
            pembuka = f"{kutip} tidak ditulis gaya Indonesia."
            tanya = f"Maksud Anda {tulisan[0]}?"
        else:
            pembuka = f"{kutip} dapat dibaca lebih dari satu cara."
            tanya = "Maksud Anda " + ", ".join(tulisan[:-1]) + f" atau {tulisan[-1]}?"
        raise AngkaAmbigu(f"{pembuka} {tanya} {exc.alasan} "
                          "Mohon tulis ulang angkanya dengan jelas.", pilihan=pilihan) from None
    return jadi(nilai)


# ---------------------------------------------------------------------------
# Months
# ---------------------------------------------------------------------------

_BULAN_PENUH = dict(get_month_names("wide", locale=LOCALE))
_BULAN_SINGKAT = dict(get_month_names("abbreviated", locale=LOCALE))


def _kamus_bulan() -> dict[str, int]:
    kamus: dict[str, int] = {}
    for n, nama in _BULAN_PENUH.items():
        kamus[nama.lower()] = n
    for n, nama in _BULAN_SINGKAT.items():
        kamus[nama.lower()] = n
    # Older Indonesian spellings and common abbreviations officers use.
    kamus.update({"pebruari": 2, "peb": 2, "agt": 8, "ags": 8, "agust": 8, "sept": 9,
                  "nopember": 11, "nop": 11, "des": 12})
    # English names, unambiguous with the Indonesian ones.
    for n, nama in enumerate(("january", "february", "march", "april", "may", "june", "july",
                              "august", "september", "october", "november", "december"), 1):
        kamus.setdefault(nama, n)
    kamus.update({"aug": 8, "oct": 10, "dec": 12})
    return kamus


_KAMUS_BULAN = _kamus_bulan()

_BENTUK_BULAN = "2024-11, 11/2024, 11-2024, November 2024, Nov 2024, Nopember 2024"

_RE_TAHUN_BULAN = re.compile(r"^(\d{4})\s*[-/]\s*(\d{1,2})$")
_RE_BULAN_TAHUN = re.compile(r"^(\d{1,2})\s*[-/]\s*(\d{4})$")
_RE_NAMA_TAHUN = re.compile(r"^([a-z]+)\.?[\s,/-]*(\d{4})$")


def nama_bulan(bulan: int) -> str:
    """``11`` -> ``November`` (CLDR Indonesian month name)."""
    if isinstance(bulan, bool) or not isinstance(bulan, int) or not 1 <= bulan <= 12:
        raise ValueError(f"bulan harus 1..12, bukan {bulan!r}")
    return _BULAN_PENUH[bulan]


def nama_bulan_singkat(bulan: int) -> str:
    """``11`` -> ``Nov``, ``8`` -> ``Agu`` (CLDR Indonesian abbreviated month name): table
    columns, chart axes and buttons."""
    nama_bulan(bulan)  # the same check
    return _BULAN_SINGKAT[bulan]


def format_bulan(tahun: int, bulan: int) -> str:
    """``(2024, 11)`` -> ``November 2024``."""
    return f"{nama_bulan(bulan)} {tahun}"


def parse_bulan(text: str) -> tuple[int, int]:
    """Read a month as typed: returns ``(tahun, bulan)``; raises UsageError listing the forms."""
    asli = text.strip() if isinstance(text, str) else str(text)
    s = asli.lower()
    asli = ringkas(asli)

    def salah(alasan: str) -> UsageError:
        return UsageError(f"bulan '{asli}' tidak dikenali: {alasan}. "
                          f"Bentuk yang diterima: {_BENTUK_BULAN}.")

    if not s:
        raise salah("kosong")
    m = _RE_TAHUN_BULAN.match(s)
    if m:
        tahun, bulan = int(m.group(1)), int(m.group(2))
    else:
        m = _RE_BULAN_TAHUN.match(s)
        if m:
            bulan, tahun = int(m.group(1)), int(m.group(2))
        else:
            m = _RE_NAMA_TAHUN.match(s)
            if not m:
                raise salah("bentuknya tidak sesuai")
            if m.group(1) not in _KAMUS_BULAN:
                raise salah(f"'{m.group(1)}' bukan nama bulan")
            bulan, tahun = _KAMUS_BULAN[m.group(1)], int(m.group(2))
    if not 1 <= bulan <= 12:
        raise salah(f"bulan {bulan} tidak ada (harus 1 sampai 12)")
    if not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise salah(f"tahun {tahun} di luar rentang {TAHUN_MIN}–{TAHUN_MAKS}")
    return tahun, bulan


def bulan_di_awal(kata: list[str], *, sisakan: int = 0) -> tuple[tuple[int, int], int]:
    """The month a list of typed words starts with, written in one word (``2024-11``) or two
    (``November 2024``), and how many words it took: ``['Nov', '2024', '734.400']`` ->
    ``((2024, 11), 2)``. Two words are tried when ``sisakan`` words remain after them (the
    amount that must follow), or when the second is a year: ``Maret 2024`` with nothing after it
    is that month, and the caller says the amount is missing. No month: the refusal of the two
    words when the second is a year (``Novem 2024``: 'novem' is no month name), else of the
    first word (``serat 100``: the amount is not part of the month)."""
    if not kata:
        parse_bulan("")  # raises: the month is empty
    galat = []
    tahun_kedua = len(kata) > 1 and re.fullmatch(r"\d{4}", kata[1]) is not None
    for n in (1, 2):
        if len(kata) < n or (n > 1 and len(kata) < n + sisakan and not tahun_kedua):
            break
        try:
            return parse_bulan(" ".join(kata[:n])), n
        except UsageError as exc:
            galat.append(exc)
    raise galat[-1] if len(galat) > 1 and tahun_kedua else galat[0]


def bulan_sebelumnya(tahun: int, bulan: int) -> tuple[int, int]:
    """The month before (tahun, bulan): (2025, 1) -> (2024, 12)."""
    return (tahun, bulan - 1) if bulan > 1 else (tahun - 1, 12)


SEMESTER_ROMAWI = {1: "I", 2: "II"}  # how reports name the two semesters


def parse_semester(text: str) -> int:
    """A semester as typed: 1, 2, I or II."""
    t = text.strip().upper()
    for nomor, romawi in SEMESTER_ROMAWI.items():
        if t in (str(nomor), romawi):
            return nomor
    raise UsageError(f"semester '{ringkas(text)}' tidak dikenal; tulis 1 atau 2 (atau I / II)")


def parse_tahun(text: str) -> int:
    """A year as typed (TAHUN_MIN–TAHUN_MAKS); anything else is a clear Indonesian message."""
    teks = text.strip()
    if not (teks.isascii() and teks.isdecimal()):
        raise UsageError(f"tahun '{ringkas(text)}' bukan bilangan, contoh: 2024")
    value = int(teks)
    if not TAHUN_MIN <= value <= TAHUN_MAKS:
        raise UsageError(f"tahun {value} di luar rentang {TAHUN_MIN}–{TAHUN_MAKS}")
    return value
