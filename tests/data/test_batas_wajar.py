"""The plausibility limits file (store/config.baca_batas): its amount obeys the same number
limits as every other amount the project reads (angka.masalah_angka)."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest

from project_paths import ROOT
from sakip_rules.angka import masalah_angka, ringkas
from sakip_rules.errors import UsageError
from sakip_rules.store.config import baca_batas


def _batas(tmp_path, bulanan_maks):
    raw = json.loads((ROOT / "src" / "sakip_rules" / "store" / "batas_wajar.json").read_text(encoding="utf-8"))
    raw["laba_bumdes"]["bulanan_maks"] = bulanan_maks
    path = tmp_path / "batas.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


@pytest.mark.parametrize("maks", ["10000000000000000", "1" + "0" * 40, "1." + "0" * 30 + "1"])
def test_a_limit_beyond_any_number_is_refused_as_numbers_are(tmp_path, maks):
    masalah = masalah_angka(D(maks))
    assert masalah  # too large, or too many digits
    with pytest.raises(UsageError) as e:
        baca_batas(_batas(tmp_path, maks))
    assert f"[laba_bumdes.bulanan_maks] angka {ringkas(maks)} {masalah}" in str(e.value), str(e.value)


def test_the_largest_number_is_a_limit(tmp_path):
    assert baca_batas(_batas(tmp_path, "9999999999999999")).laba_bulanan_maks == D("9999999999999999")
