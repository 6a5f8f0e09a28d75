"""Reading rule and data YAML: aliases and absurd numbers are refused with file:line."""

import pytest

from sakip_rules.errors import SakipError
from sakip_rules.rules.interval import Interval, IntervalError
from sakip_rules.yamlio import load_text

BOM = "\n".join(["a: &a [x, x, x, x, x, x, x, x, x]"]
                + [f"{c}: &{c} [{', '.join(['*' + p] * 9)}]" for p, c in zip("abcdefg", "bcdefgh")])


def test_an_alias_is_refused_before_it_can_expand():
    with pytest.raises(SakipError) as exc:
        load_text(BOM, "bom.yaml")
    assert "alias YAML" in exc.value.message and exc.value.line == 1 and exc.value.file == "bom.yaml"


@pytest.mark.parametrize("teks,masalah", [
    ("1.0e+999999", "terlalu besar"),
    ("10000000000000000", "terlalu besar"),
    ("0.270000000000000000000000000000000001", "terlalu panjang"),
])
def test_absurd_numbers_are_refused(teks, masalah):
    with pytest.raises(SakipError) as exc:
        load_text(f"target:\n  x: {teks}\n", "pk.yaml")
    assert masalah in exc.value.message and exc.value.line == 2


def test_ordinary_numbers_stay_exact():
    data = load_text("a: 346373250.00\nb: 0.111\nc: 999999999999999\n", "ok.yaml").data
    assert [str(v) for v in data.values()] == ["346373250.00", "0.111", "999999999999999"]


def test_scale_bounds_have_the_same_limits():
    with pytest.raises(IntervalError) as exc:
        Interval.parse("(90, 1e99999)")
    assert "terlalu besar" in str(exc.value) and len(str(exc.value)) < 200


def test_a_long_absurd_number_is_quoted_shortened_as_user_text_is():
    from decimal import Decimal

    from sakip_rules.angka import masalah_angka, ringkas

    teks = "1" * 60
    masalah = masalah_angka(Decimal(teks))
    with pytest.raises(SakipError) as exc:
        load_text(f"x: {teks}\n", "pk.yaml")
    assert exc.value.message == f"angka '{ringkas(teks)}' {masalah}"
    with pytest.raises(IntervalError) as exc:
        Interval.parse(f"(0, {teks}]")
    assert str(exc.value) == f"batas '{ringkas(teks)}' {masalah}"


def test_value_descriptions_name_dates():
    import datetime as dt

    from sakip_rules.yamlio import jenis_yaml, uraian_yaml

    assert jenis_yaml(dt.date(2024, 1, 31)) == "tanggal" and uraian_yaml(dt.date(2024, 1, 31)) == "tanggal 2024-01-31"
