"""Indonesian numbers and months: exact formatting, forgiving but never guessing parsing."""

from decimal import Decimal as D

import pytest

from sakip_rules.angka import (
    AngkaAmbigu,
    AngkaTidakSah,
    bulan_di_awal,
    format_angka,
    masalah_angka,
    tanpa_nilai,
    format_bulan,
    format_persen,
    format_rupiah,
    nama_bulan,
    parse_angka,
    parse_bulan,
)
from sakip_rules.errors import UsageError


# --- formatting -------------------------------------------------------------

@pytest.mark.parametrize("value, text", [
    ("90.43", "90,43"),
    ("3.61749", "3,61749"),
    ("346373250", "346.373.250"),
    ("92.00", "92,00"),
    ("0.27", "0,27"),
    ("32.590", "32,590"),
    ("0.111", "0,111"),
    ("1234567.5", "1.234.567,5"),
    ("-1234.5", "-1.234,5"),
    ("0", "0"),
    ("1E+3", "1.000"),
    ("0.000001", "0,000001"),
    ("12345678901234567890123456789.123", "12.345.678.901.234.567.890.123.456.789,123"),
])
def test_format_angka_keeps_exact_digits(value, text):
    assert format_angka(D(value)) == text


@pytest.mark.parametrize("value, places, text", [
    ("90.425", 2, "90,43"),  # half-up, not banker's rounding
    ("90.435", 2, "90,44"),
    ("3.61749", 3, "3,617"),
    ("0.2727", 2, "0,27"),
    ("99.915", 2, "99,92"),
    ("92", 2, "92,00"),
    ("346373250", 0, "346.373.250"),
    ("0.5", 0, "1"),
    ("2.5", 0, "3"),
    ("-0.004", 2, "0,00"),  # no negative zero
    ("-1.005", 2, "-1,01"),
])
def test_format_angka_rounds_half_up(value, places, text):
    assert format_angka(D(value), places) == text


def test_format_angka_accepts_int_refuses_float():
    assert format_angka(734400) == "734.400"
    with pytest.raises(TypeError):
        format_angka(90.43)
    with pytest.raises(TypeError):
        format_angka(True)
    with pytest.raises(ValueError):
        format_angka(D("NaN"))


def test_format_rupiah():
    assert format_rupiah(D("346373250")) == "Rp 346.373.250"
    assert format_rupiah(D("318678250.00")) == "Rp 318.678.250"
    assert format_rupiah(D("1234.5")) == "Rp 1.234,50"
    assert format_rupiah(D("1234.50")) == "Rp 1.234,50"
    assert format_rupiah(D("0")) == "Rp 0"
    assert format_rupiah(734400) == "Rp 734.400"
    assert format_rupiah(D("-5000")) == "-Rp 5.000"


def test_format_persen():
    assert format_persen(D("99.92")) == "99,92%"
    assert format_persen(D("100")) == "100%"
    assert format_persen(D("92.00")) == "92,00%"
    assert format_persen(D("99.9166"), 2) == "99,92%"


# --- parsing: accepted forms --------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("734400", "734400"),
    ("734.400", "734400"),
    ("Rp 734.400", "734400"),
    ("Rp. 734.400", "734400"),
    ("rp 734.400", "734400"),
    ("RP.734.400", "734400"),
    ("Rp734.400,00", "734400"),
    ("734.400,-", "734400"),
    ("Rp 734.400,-", "734400"),
    ("1.234.567", "1234567"),
    ("346.373.250", "346373250"),
    ("1.234,5", "1234.5"),
    ("1.234,50", "1234.50"),
    ("1234,5", "1234.5"),
    ("734rb", "734000"),
    ("734 rb", "734000"),
    ("734 ribu", "734000"),
    ("734 Ribu", "734000"),
    ("1,2 juta", "1200000"),
    ("1,2jt", "1200000"),
    ("1,25 jt", "1250000"),
    ("2 miliar", "2000000000"),
    ("1,2345 rb", "1234.5"),
    ("Rp 1,5 juta", "1500000"),
    ("  734.400  ", "734400"),
    ("0", "0"),
    ("1,5", "1.5"),
    ("0,5", "0.5"),
])
def test_parse_rupiah_accepts(text, value):
    result = parse_angka(text)
    assert isinstance(result, D)
    assert result == D(value)


def test_parse_keeps_typed_digits_exact():
    assert str(parse_angka("1.234,50")) == "1234.50"
    assert str(parse_angka("1,2 juta")) == "1200000"
    assert str(parse_angka("90,43", "nilai")) == "90.43"
    assert str(parse_angka("32,590", "nilai")) == "32.590"


@pytest.mark.parametrize("text, value", [
    ("-734.400", "-734400"),
    ("-Rp 5.000", "-5000"),
    ("Rp -5.000", "-5000"),
    (" - 1,5 juta", "-1500000"),
])
def test_parse_negative_is_returned_negative(text, value):
    assert parse_angka(text) == D(value)


@pytest.mark.parametrize("text, value", [
    ("90,43", "90.43"),
    ("90.43", "90.43"),
    ("90.5", "90.5"),
    ("91", "91"),
    ("3,617", "3.617"),
    ("0.111", "0.111"),  # leading zero: cannot be a thousands group
    ("32,590", "32.590"),
    ("1.234.567", "1234567"),
    ("-0,5", "-0.5"),
    (" 89,9 ", "89.9"),
])
def test_parse_nilai_accepts(text, value):
    assert parse_angka(text, "nilai") == D(value)


# --- parsing: ambiguous -------------------------------------------------------

@pytest.mark.parametrize("text, jenis, pilihan, shown", [
    ("1.5", "rupiah", ("1.5", "1500"), ("1,5", "1.500")),
    ("1,500", "rupiah", ("1.5", "1500"), ("1,5", "1.500")),
    ("734,400", "rupiah", ("734.4", "734400"), ("734,4", "734.400")),
    ("1.25", "rupiah", ("1.25", "1250"), ("1,25", "1.250")),
    ("1,234.56", "rupiah", ("1234.56",), ("1.234,56",)),
    ("1,234,567", "rupiah", ("1234567",), ("1.234.567",)),
    ("0.5", "rupiah", ("0.5",), ("0,5",)),
    ("1.500", "nilai", ("1.5", "1500"), ("1,5", "1.500")),
    ("90.430", "nilai", ("90.43", "90430"), ("90,43", "90.430")),
    ("1,234.56", "nilai", ("1234.56",), ("1.234,56",)),
    ("1.5 juta", "rupiah", ("1500000", "1500000000"), ("1,5 juta", "1.500 juta")),
    ("-1.5", "rupiah", ("-1.5", "-1500"), ("-1,5", "-1.500")),
])
def test_parse_ambiguous_asks_a_question(text, jenis, pilihan, shown):
    with pytest.raises(AngkaAmbigu) as info:
        parse_angka(text, jenis)
    err = info.value
    assert isinstance(err, UsageError)
    assert "?" in err.message
    assert "Maksud Anda" in err.message
    assert f"'{text.strip()}'" in err.message
    for reading in shown:
        assert reading in err.message
    assert err.pilihan == tuple(D(p) for p in pilihan)


def test_ambiguous_message_offers_both_readings_in_order():
    with pytest.raises(AngkaAmbigu) as info:
        parse_angka("1.5")
    assert "Maksud Anda 1,5 atau 1.500?" in info.value.message
    with pytest.raises(AngkaAmbigu) as info:
        parse_angka("1,500")
    assert "1,5 atau 1.500?" in info.value.message


# --- parsing: malformed -------------------------------------------------------

@pytest.mark.parametrize("text, jenis, fragment", [
    ("12a", "rupiah", "karakter 'a'"),
    ("Rp", "rupiah", "angkanya tidak ada"),
    ("Rp.", "rupiah", "angkanya tidak ada"),
    ("", "rupiah", "kosong"),
    ("   ", "rupiah", "kosong"),
    ("", "nilai", "kosong"),
    ("1..2", "rupiah", "dua tanda pemisah berurutan"),
    ("1,,2", "nilai", "dua tanda pemisah berurutan"),
    ("1.23.4", "rupiah", "tiga angka"),
    ("1.23.4", "nilai", "tiga angka"),
    ("1.2345.678", "rupiah", "tiga angka"),
    ("1.23,4", "rupiah", "tiga angka"),
    ("1,2,3", "rupiah", "lebih dari satu koma"),
    ("1,2.3,4", "rupiah", "bercampur"),
    (",5", "rupiah", "diawali"),
    ("5,", "rupiah", "diakhiri"),
    ("734 400", "rupiah", "spasi"),
    ("-", "rupiah", "tidak ada angkanya"),
    ("--5", "rupiah", "dua kali"),
    ("-Rp -5", "rupiah", "dua kali"),
    ("5-", "rupiah", "karakter '-'"),
    ("rb", "rupiah", "tidak ada angkanya"),
    ("Rp 90,43", "nilai", "Rp"),
    ("90 ribu", "nilai", "ribu"),
    ("90,-", "nilai", ",-"),
    ("sembilan", "nilai", "karakter 's'"),
    ("１２", "rupiah", "karakter"),  # full-width digits
])
def test_parse_malformed_is_refused_precisely(text, jenis, fragment):
    with pytest.raises(AngkaTidakSah) as info:
        parse_angka(text, jenis)
    err = info.value
    assert isinstance(err, UsageError)
    assert fragment in err.message
    if text.strip():
        assert f"'{text.strip()}'" in err.message


def test_parse_rejects_unknown_jenis():
    with pytest.raises(ValueError):
        parse_angka("1", "dolar")


# --- months -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "2024-11", "2024/11", "11/2024", "11-2024", "November 2024", "november 2024",
    "NOVEMBER 2024", "Nov 2024", "Nov. 2024", "Nopember 2024", "nopember 2024", "Nop 2024",
    " 11/2024 ", "Nov-2024",
])
def test_parse_bulan_november(text):
    assert parse_bulan(text) == (2024, 11)


@pytest.mark.parametrize("text, expected", [
    ("2024-1", (2024, 1)),
    ("01/2024", (2024, 1)),
    ("Januari 2024", (2024, 1)),
    ("Pebruari 2024", (2024, 2)),
    ("Februari 2024", (2024, 2)),
    ("Mei 2024", (2024, 5)),
    ("Agustus 2024", (2024, 8)),
    ("Agu 2024", (2024, 8)),
    ("Agt 2024", (2024, 8)),
    ("Okt 2024", (2024, 10)),
    ("Desember 2023", (2023, 12)),
    ("Des 2023", (2023, 12)),
])
def test_parse_bulan_other_months(text, expected):
    assert parse_bulan(text) == expected


@pytest.mark.parametrize("text, fragment", [
    ("13/2024", "bulan 13 tidak ada"),
    ("2024-00", "bulan 0 tidak ada"),
    ("Novembre 2024", "bukan nama bulan"),
    ("November", "bentuknya tidak sesuai"),
    ("2024", "bentuknya tidak sesuai"),
    ("", "kosong"),
    ("11/1999", "rentang"),
    ("11/24", "bentuknya tidak sesuai"),
])
def test_parse_bulan_invalid_lists_accepted_forms(text, fragment):
    with pytest.raises(UsageError) as info:
        parse_bulan(text)
    msg = info.value.message
    assert fragment in msg
    for form in ("2024-11", "11/2024", "11-2024", "November 2024", "Nov 2024", "Nopember 2024"):
        assert form in msg


def test_format_bulan_and_nama_bulan():
    assert format_bulan(2024, 11) == "November 2024"
    assert format_bulan(2024, 2) == "Februari 2024"
    assert nama_bulan(11) == "November"
    assert [nama_bulan(m) for m in range(1, 13)] == [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
        "September", "Oktober", "November", "Desember"]
    with pytest.raises(ValueError):
        nama_bulan(13)
    with pytest.raises(ValueError):
        nama_bulan(0)


def test_parse_and_format_bulan_round_trip():
    for m in range(1, 13):
        assert parse_bulan(format_bulan(2024, m)) == (2024, m)


@pytest.mark.parametrize("teks,nomor", [("1", 1), ("I", 1), (" ii ", 2), ("2", 2)])
def test_parse_semester(teks, nomor):
    from sakip_rules.angka import parse_semester

    assert parse_semester(teks) == nomor


@pytest.mark.parametrize("teks", ["3", "III", "satu", ""])
def test_parse_semester_refuses(teks):
    from sakip_rules.angka import parse_semester

    with pytest.raises(UsageError, match="tulis 1 atau 2"):
        parse_semester(teks)


@pytest.mark.parametrize("teks", ["-", "–", "—", "-%", "– %", "Rp", "Rp.", "rp", "Rp -", "Rp. -", "Rp.-", " Rp . - "])
def test_tanpa_nilai(teks):
    assert tanpa_nilai(teks)


@pytest.mark.parametrize("teks", ["", "%", "0", "Rp 0", "-5", "Rp -5", "--", "nihil"])
def test_bukan_tanpa_nilai(teks):
    assert not tanpa_nilai(teks)


# --- a month at the start of typed words -------------------------------------------

@pytest.mark.parametrize("kata, sisakan, hasil", [
    (["2024-11", "734.400"], 0, ((2024, 11), 1)),
    (["Nov", "2024", "Rp", "150.000"], 0, ((2024, 11), 2)),
    (["November", "2024"], 0, ((2024, 11), 2)),
    (["11/2024", "1.000"], 1, ((2024, 11), 1)),
    (["Maret", "2024", "1.000"], 1, ((2024, 3), 2)),
    (["Maret", "2024"], 1, ((2024, 3), 2)),  # the month; the caller says the amount is missing
])
def test_bulan_di_awal(kata, sisakan, hasil):
    assert bulan_di_awal(kata, sisakan=sisakan) == hasil


@pytest.mark.parametrize("kata, sisakan, potongan", [
    (["serat", "100"], 0, "bulan 'serat' tidak dikenali"),  # the amount is not part of the month
    (["Novem", "2024", "1.000"], 0, "'novem' bukan nama bulan"),  # a misspelt month name, with its year
    (["Novem", "2024"], 1, "'novem' bukan nama bulan"),  # no amount after it, but a year: read as a month
    ([], 0, "kosong"),
])
def test_bulan_di_awal_menolak(kata, sisakan, potongan):
    with pytest.raises(UsageError) as exc:
        bulan_di_awal(kata, sisakan=sisakan)
    assert potongan in exc.value.message


def test_masalah_angka_menulis_batas_seperti_petugas():
    """The largest number is written the Indonesian way in the message officers read."""
    pesan = masalah_angka(D("1E+16"))
    assert pesan == "terlalu besar (paling besar di bawah 10.000.000.000.000.000)"
    assert "^" not in pesan
    assert masalah_angka(D("9999999999999999")) is None
