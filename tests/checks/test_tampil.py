"""How numbers read inside findings and explanations."""

from decimal import Decimal as D

from sakip_rules.engine.explain import fmt
from sakip_rules.engine.periksa.tampil import gabung, tampil_format


def test_rupiah_in_a_message_reads_like_everywhere_else():
    assert tampil_format(D("-1500000"), "rupiah") == "-Rp 1.500.000"
    assert tampil_format(D("1234.5"), "rupiah") == "Rp 1.234,50"
    assert tampil_format(D("318678250.00"), "rupiah") == "Rp 318.678.250"


def test_number_lists_are_not_ambiguous_with_the_decimal_comma():
    assert gabung([D("3.6"), D("1.5"), D(2)]) == "3,6; 1,5; 2"
    assert gabung(["Serati", "Sarantas Berenar", "Halunuk"]) == "Serati, Sarantas Berenar, dan Halunuk"
    assert fmt([D("3.6")] * 13).startswith("[3,6; 3,6; ") and fmt([D("3.6")] * 13).endswith("; … (13 butir)]")


def test_seperti_shows_a_list_with_the_stated_values_unit():
    from sakip_rules.engine.periksa.rekaman import AsalNilai
    from sakip_rules.engine.periksa.tampil import tampil_seperti

    persen = AsalNilai("Tabel 3.2", "99,97%", satuan="persen")
    assert tampil_seperti([D("99.97"), D("100")], persen) == "99,97%; 100%"
    assert tampil_seperti(D("99.97"), persen) == "99,97%"
    assert tampil_seperti(D("3"), AsalNilai("x", "3 desa", kata="desa")) == "3 desa"
