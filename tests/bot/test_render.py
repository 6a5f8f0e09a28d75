"""Splitting, escaping and button data: every chunk is valid HTML within Telegram's limits."""

import pytest
from fakebot import Ditolak, panjang_utf16, periksa_html, teks_tampak

from bot.render import BATAS_PESAN, data_tombol, esc, potong, pre


def _sah(bagian, batas=BATAS_PESAN):
    for b in bagian:
        periksa_html(b)
        assert panjang_utf16(b) <= batas
        assert teks_tampak(b).strip()


def test_pendek_tidak_dipotong():
    assert potong("<b>halo</b>\napa kabar") == ["<b>halo</b>\napa kabar"]


def test_pre_panjang_dipotong_di_akhir_baris_dan_tetap_seimbang():
    tabel = "\n".join(f"{i:4d} | Sumber Rahmat | Rp 734.400 | {'x' * 40}" for i in range(400))
    teks = "<b>Judul</b>\n" + pre(tabel) + "\nCatatan akhir"
    bagian = potong(teks)
    assert len(bagian) >= 5
    _sah(bagian)
    for b in bagian[1:]:
        assert b.startswith("<pre>") or b == bagian[-1]
    # nothing lost: the visible text, joined, is the original
    gabung = "\n".join(teks_tampak(b) for b in bagian)
    assert gabung.replace("\n", "") == teks_tampak(teks).replace("\n", "")
    # every break is at a line end
    for b in bagian[:-1]:
        assert teks_tampak(b).endswith("x" * 40)


def test_satu_baris_sangat_panjang_dipotong_tanpa_merusak_entitas():
    teks = "<b>" + ("a &amp; b &lt;c&gt; " * 1500) + "</b>"
    bagian = potong(teks)
    assert len(bagian) > 1
    _sah(bagian)
    assert "".join(teks_tampak(b) for b in bagian).replace(" ", "") == teks_tampak(teks).replace(" ", "")


def test_batas_kecil_dan_emoji_dihitung_utf16():
    teks = "😀" * 3000  # 6000 UTF-16 units
    bagian = potong(teks)
    assert len(bagian) == 2
    _sah(bagian)


def test_pesan_kosong_tidak_dikirim():
    assert potong("<pre></pre>\n\n") == []


def test_esc_dan_pre_lolos_pemeriksa_html():
    jahat = "<script>alert('x')</script> & <b>tebal?</b> 1 < 2 > 0"
    periksa_html(esc(jahat))
    periksa_html(pre(jahat))
    with pytest.raises(Ditolak):
        periksa_html(jahat)


def test_data_tombol_maksimal_64_byte():
    assert data_tombol("lk", "sumber_rahmat", "202411", "734400") == "lk:sumber_rahmat:202411:734400"
    with pytest.raises(ValueError):
        data_tombol("x" * 65)


def test_bulan_singkat_dari_inti():
    """Short month names (recap columns, chart axis, month buttons) are the core's CLDR ones."""
    from sakip_rules.angka import nama_bulan_singkat

    assert [nama_bulan_singkat(m) for m in range(1, 13)] == [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    with pytest.raises(ValueError):
        nama_bulan_singkat(13)
