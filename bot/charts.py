"""PNG charts (matplotlib, Agg, in memory): target vs realisasi, year against year, BUMDes profit.

Bar heights are drawn from the exact Decimals converted for plotting only; every number
written on a chart is the Decimal itself in Indonesian notation.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from sakip_rules.angka import format_angka, nama_bulan_singkat
from sakip_rules.tampilan import nilai_satuan

WARNA_TARGET = "#9bb7d4"
WARNA_REALISASI = "#1f5f99"
WARNA_LABA = "#2e8b57"


@dataclass(frozen=True)
class Indikator:
    nama: str
    satuan: str
    target: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None
    per_tahun: tuple[tuple[int, Decimal | None, Decimal | None], ...]  # (tahun, realisasi, target)


def _pendek(teks: str, n: int = 42) -> str:
    kata, baris, kini = teks.split(), [], ""
    for k in kata:
        if len(kini) + len(k) + 1 > n and kini:
            baris.append(kini)
            kini = k
        else:
            kini = f"{kini} {k}".strip()
    baris.append(kini)
    return "\n".join(baris[:3])


def _angka_sumbu(v: float, _pos=None) -> str:
    """An axis tick in Indonesian notation (ticks are plot positions, not reported numbers)."""
    return format_angka(Decimal(repr(round(float(v), 6))).normalize())


def _sumbu(ax) -> None:
    ax.yaxis.set_major_formatter(_angka_sumbu)
    ax.tick_params(axis="y", labelsize=7)


def _png(fig) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=110)
    return out.getvalue()


def _batang(ax, x, nilai, warna, satuan, lebar=0.38):
    tinggi = [float(v) if v is not None else 0.0 for v in nilai]
    bars = ax.bar(x, tinggi, lebar, color=warna)
    for bar, v in zip(bars, nilai):
        ax.annotate(nilai_satuan(v, satuan), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    ha="center", va="bottom", fontsize=8, xytext=(0, 2), textcoords="offset points")
    return bars


def target_realisasi(kecamatan: str, tahun: int, indikator: list[Indikator]) -> bytes:
    from matplotlib.figure import Figure

    n = max(1, len(indikator))
    fig = Figure(figsize=(4.2 * n, 4.4))
    fig.suptitle(f"Target dan realisasi IKU Kecamatan {kecamatan} {tahun}", fontsize=11)
    for i, ind in enumerate(indikator):
        ax = fig.add_subplot(1, n, i + 1)
        _batang(ax, [0], [ind.target], WARNA_TARGET, ind.satuan, 0.6)
        _batang(ax, [1], [ind.realisasi], WARNA_REALISASI, ind.satuan, 0.6)
        ax.set_xticks([0, 1], ["Target", "Realisasi"])
        judul = _pendek(ind.nama)
        if ind.capaian is not None:
            judul += f"\ncapaian {format_angka(ind.capaian)}%"
        ax.set_title(judul, fontsize=8)
        ax.margins(y=0.18)
        _sumbu(ax)
    fig.tight_layout()
    return _png(fig)


def antar_tahun(kecamatan: str, indikator: list[Indikator]) -> bytes:
    from matplotlib.figure import Figure

    n = max(1, len(indikator))
    fig = Figure(figsize=(4.2 * n, 4.4))
    fig.suptitle(f"Realisasi IKU Kecamatan {kecamatan} dari tahun ke tahun", fontsize=11)
    for i, ind in enumerate(indikator):
        ax = fig.add_subplot(1, n, i + 1)
        tahun = [t for t, _, _ in ind.per_tahun]
        x = list(range(len(tahun)))
        _batang(ax, [k - 0.2 for k in x], [tg for _, _, tg in ind.per_tahun], WARNA_TARGET, ind.satuan)
        _batang(ax, [k + 0.2 for k in x], [r for _, r, _ in ind.per_tahun], WARNA_REALISASI, ind.satuan)
        ax.set_xticks(x, [str(t) for t in tahun])
        ax.set_title(_pendek(ind.nama), fontsize=8)
        ax.margins(y=0.18)
        _sumbu(ax)
    fig.legend(["Target", "Realisasi"], loc="lower center", ncol=2, fontsize=8)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return _png(fig)


def laba_bumdes(kecamatan: str, tahun: int, laba: list[tuple[str, dict[int, Decimal]]]) -> bytes:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(9, 4.6))
    ax = fig.add_subplot(1, 1, 1)
    bulan = list(range(1, 13))
    for nama, per_bulan in laba:
        titik = [(m, per_bulan[m]) for m in bulan if m in per_bulan]
        if titik:
            ax.plot([m for m, _ in titik], [float(v) for _, v in titik], marker="o", label=nama)
    ax.set_xticks(bulan, [nama_bulan_singkat(m) for m in bulan])
    ax.set_title(f"Keuntungan BUMDes per bulan, Kecamatan {kecamatan} {tahun} (Rp)", fontsize=11)
    _sumbu(ax)
    ax.tick_params(axis="x", labelsize=8)
    if laba:
        ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    return _png(fig)


def semua(kecamatan: str, tahun: int, indikator: list[Indikator],
          laba: list[tuple[str, dict[int, Decimal]]]) -> list[tuple[str, bytes, str]]:
    """(file name, PNG, caption) of every chart."""
    return [
        (f"target_realisasi_{tahun}.png", target_realisasi(kecamatan, tahun, indikator),
         f"Target dan realisasi {tahun} (seperti Gambar 3.3, 3.8, 3.12)"),
        (f"antar_tahun_{tahun}.png", antar_tahun(kecamatan, indikator),
         "Realisasi dan target dari tahun ke tahun"),
        (f"laba_bumdes_{tahun}.png", laba_bumdes(kecamatan, tahun, laba),
         f"Keuntungan BUMDes per bulan {tahun} (seperti Gambar 3.6)"),
    ]
