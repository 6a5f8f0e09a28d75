"""Scale boundaries and coverage proofs."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from sakip_rules.rules.interval import Interval, IntervalError, coverage


@pytest.mark.parametrize("value,label", [
    ("50", "Sangat Rendah"), ("50.01", "Rendah"), ("65", "Rendah"), ("65.01", "Sedang"),
    ("75", "Sedang"), ("75.5", "Tinggi"), ("90", "Tinggi"), ("90.01", "Sangat Tinggi"),
    ("100", "Sangat Tinggi"), ("103.2", "Sangat Tinggi"), ("-5", "Sangat Rendah"),
])
def test_kategori_capaian(rules, value, label):
    assert rules.skala["kategori_capaian"].golongkan(D(value))[1].label == label


@pytest.mark.parametrize("value,label", [
    ("0.4907", "Sangat Tertinggal"), ("0.4908", "Tertinggal"), ("0.5989", "Tertinggal"),
    ("0.599", "Berkembang"), ("0.7072", "Berkembang"), ("0.8155", "Maju"), ("0.8156", "Mandiri"),
    ("0", "Sangat Tertinggal"), ("1", "Mandiri"),
])
def test_status_idm(rules, value, label):
    assert rules.skala["status_idm"].golongkan(D(value))[1].label == label


@pytest.mark.parametrize("value,kode", [
    ("88.30", "B"), ("88.31", "A"), ("76.60", "C"), ("76.61", "B"), ("64.99", "D"), ("65.00", "C"),
    ("100.00", "A"), ("25.00", "D"), ("90.43", "A"),
])
def test_mutu_pelayanan_ikm(rules, value, kode):
    assert rules.skala["mutu_pelayanan_ikm"].golongkan(D(value))[1].kode == kode


def test_out_of_domain_value_matches_no_row(rules):
    assert rules.skala["status_idm"].golongkan(D("1.2")) is None


def test_literal_tabel_3_1_has_exact_gaps():
    rows = [Interval.parse(s) for s in ["[91, 100]", "[76, 90]", "[66, 75]", "[51, 65]", "(-inf, 50]"]]
    gaps = [(str(p.interval), p.rows) for p in coverage(Interval.parse("(-inf, inf)"), rows) if p.kind == "celah"]
    assert gaps == [("(50, 51)", (4, 3)), ("(65, 66)", (3, 2)), ("(75, 76)", (2, 1)), ("(90, 91)", (1, 0)),
                    ("(100, inf)", (0,))]


def test_overlap_is_named():
    rows = [Interval.parse("[90, inf)"), Interval.parse("(75, 90]"), Interval.parse("(-inf, 75]")]
    problems = coverage(Interval.parse("(-inf, inf)"), rows)
    assert [(p.kind, str(p.interval), p.rows) for p in problems] == [("tumpang_tindih", "[90, 90]", (0, 1))]


def test_resolution_closes_two_decimal_neighbours():
    rows = [Interval.parse(s) for s in ["[88.31, 100.00]", "[76.61, 88.30]", "[65.00, 76.60]", "[25.00, 64.99]"]]
    assert coverage(Interval.parse("[25, 100]"), rows, D("0.01")) == []
    rows[1] = Interval.parse("[76.62, 88.30]")
    (p,) = coverage(Interval.parse("[25, 100]"), rows, D("0.01"))
    assert (p.kind, str(p.interval)) == ("celah", "[76.61, 76.61]")


@pytest.mark.parametrize("text", ["90, 100", "[100, 90]", "(5, 5)", "[-inf, 0]", "[a, 1]", ""])
def test_bad_interval_text(text):
    with pytest.raises(IntervalError):
        Interval.parse(text)
