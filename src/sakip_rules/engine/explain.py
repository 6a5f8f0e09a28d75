"""Explanations in Indonesian: inputs, every step with its rounding, the rule, its basis, the scale row."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..angka import format_angka
from ..data.model import Dataset
from ..rules.model import Dasar, RuleSet
from .calc import HasilHitung, JejakLangkah
from .capaian import Golongan, HasilCapaian, HasilIndikator, evaluasi_capaian, evaluasi_indikator
from .rounding import MODE_LABEL

_MAX_PLACES = 10


def fmt(value: Any) -> str:
    """A value for a trace: exact, Indonesian, long fractions shortened with an ellipsis."""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, Decimal):
        exp = value.as_tuple().exponent
        if isinstance(exp, int) and -exp > _MAX_PLACES:
            return format_angka(value.quantize(Decimal(1).scaleb(-_MAX_PLACES), rounding="ROUND_DOWN")) + "…"
        return format_angka(value)
    if isinstance(value, int):
        return format_angka(Decimal(value))
    if isinstance(value, str):
        return f'"{value}"'
    if value is None:
        return "kosong"
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return f"(daftar {len(value)} butir)"
        if len(value) > 12:
            return "[" + "; ".join(fmt(v) for v in value[:12]) + f"; … ({len(value)} butir)]"
        return "[" + "; ".join(fmt(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {fmt(v)}" for k, v in value.items()) + "}"
    return str(value)


def baris_dasar(items: tuple[Dasar, ...], indent: str) -> list[str]:
    return [f"{indent}{d.uraian_singkat()}" for d in items]


def jejak_langkah(j: JejakLangkah, no: int, indent: str = "  ") -> list[str]:
    head = f"{indent}{no}. {j.id}" + (f" — {j.deskripsi}" if j.deskripsi else "")
    lines = [head]
    if j.diberikan:
        lines.append(f"{indent}   diberikan oleh data = {fmt(j.nilai)}" + (f" ({j.asal})" if j.asal else ""))
        return lines
    lines.append(f"{indent}   rumus: {j.rumus}")
    body = f"{indent}   = {j.terisi(fmt)} = {fmt(j.mentah)}"
    if j.tempat is not None:
        if j.mentah == j.nilai and fmt(j.mentah) == fmt(j.nilai):
            body += f" (dibulatkan {j.tempat} desimal, {MODE_LABEL[j.mode]}: tetap)"
        else:
            body += f" → dibulatkan {j.tempat} desimal, {MODE_LABEL[j.mode]} = {fmt(j.nilai)}"
    lines.append(body)
    if j.langkah is not None:
        lines.extend(baris_dasar(j.langkah.dasar, indent + "   "))
    return lines


def jelaskan_hitung(h: HasilHitung, indent: str = "  ") -> list[str]:
    lines = []
    for i, j in enumerate(h.jejak, 1):
        lines.extend(jejak_langkah(j, i, indent))
    return lines


def jelaskan_golongan(g: Golongan, judul: str) -> list[str]:
    if g.baris is None:
        return [f"{judul}: {fmt(g.nilai)} tidak masuk baris mana pun pada skala '{g.skala.id}' ({g.skala.file})"]
    b = g.baris
    kode = f" ({b.kode})" if b.kode else ""
    lines = [f"{judul}: {fmt(g.nilai)} berada pada rentang {b.rentang} → {b.label}{kode}",
             f"  skala '{g.skala.id}' baris {g.indeks + 1} ({g.skala.file}:{b.line})"
             + (f"; tertulis di sumber: {b.tertulis}" if b.tertulis else "")]
    lines.extend(baris_dasar(g.skala.dasar, "  "))
    return lines


def _masukan(h: HasilIndikator) -> list[str]:
    lines = []
    for k in h.data.keterangan:
        lines.append(f"  {k}")
    for name in h.data.masukan:
        value = h.data.untuk_dibaca(name)
        m = h.rule.masukan.get(name)
        lines.append(f"  {name}: {' '.join(m.deskripsi.split()) if m else ''}")
        origin = h.data.uraian_asal(name)
        if origin:
            lines.append(f"    sumber: {origin}")
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for rec in value[:30]:
                lines.append("    - " + ", ".join(f"{k}: {fmt(v)}" for k, v in rec.items()))
            if len(value) > 30:
                lines.append(f"    … dan {len(value) - 30} lainnya")
        else:
            lines.append(f"    = {fmt(value)}")
    return lines


def jelaskan_indikator(h: HasilIndikator, fingerprint: str) -> str:
    r = h.rule
    out = [f"{r.nama} — tahun {h.tahun}",
           f"Sasaran: {r.sasaran}",
           f"Aturan: {r.file} (id {r.id}; satuan {r.satuan}; polaritas {r.polaritas})",
           f"Rumus: {' '.join(r.deskripsi.split())}"]
    out.extend(baris_dasar(r.dasar, "  "))
    out.append(f"Periode pengukuran: {r.periode_pengukuran}. Realisasi tahunan: {r.realisasi_tahunan}.")
    out.append("")
    out.append("Data:")
    out.extend(_masukan(h) or ["  (tidak ada)"])
    if r.parameter:
        out.append("")
        out.append("Parameter:")
        for p in r.parameter.values():
            out.append(f"  {p.nama} = {fmt(p.nilai)} — {p.deskripsi}")
            out.extend(baris_dasar(p.dasar, "    "))
    out.append("")
    if h.realisasi is None:
        out.append("Realisasi: belum dapat dihitung.")
    else:
        out.append("Langkah perhitungan realisasi:")
        out.extend(jelaskan_hitung(h.realisasi))
        out.append(f"Realisasi {h.tahun}: {fmt(h.realisasi.nilai)}")
    out.append(f"Target {h.tahun}: " + (f"{fmt(h.target)} ({h.sumber_target})" if h.target is not None
                                       else "belum ada"))
    if h.capaian is not None:
        out.append("")
        out.append(f"Capaian ({h.capaian.rule.file}):")
        out.extend(jelaskan_hitung(h.capaian))
        out.extend(baris_dasar(h.capaian.rule.dasar, "  "))
    if h.kategori is not None:
        out.append("")
        out.extend(jelaskan_golongan(h.kategori, "Kategori capaian"))
    for g in h.tambahan:
        out.append("")
        out.extend(jelaskan_golongan(g, g.skala.nama))
    for c in h.catatan:
        out.append(f"Catatan: {c}")
    out.append("")
    out.append(f"Sidik jari aturan (sha256): {fingerprint}")
    return "\n".join(out)


def jelaskan_rata_rata(hasil: HasilCapaian) -> str:
    out = [f"Rata-rata capaian — {hasil.kecamatan}, tahun {hasil.tahun}"]
    if hasil.rata_rata is None:
        out.append("Belum ada indikator dengan capaian.")
    else:
        out.append(f"Aturan: {hasil.rata_rata.rule.file}")
        out.extend(jelaskan_hitung(hasil.rata_rata))
        out.extend(baris_dasar(hasil.rata_rata.rule.dasar, "  "))
        out.extend(jelaskan_golongan(hasil.kategori, "Kategori"))
    for nama, alasan in hasil.dikeluarkan:
        out.append(f"Tidak dihitung dalam rata-rata: {nama} — {alasan}")
    out.append(f"Sidik jari aturan (sha256): {hasil.fingerprint}")
    return "\n".join(out)


RATA_RATA = ("rata-rata", "rata_rata", "rata2", "ratarata")


def jelaskan(rules: RuleSet, ds: Dataset, indikator: str, tahun: int) -> str:
    """The explanation of one indicator (or of the average, 'rata-rata') for a year."""
    hasil = evaluasi_capaian(rules, ds, tahun)  # the same year checks as the table
    if indikator.lower() in RATA_RATA:
        return jelaskan_rata_rata(hasil)
    return jelaskan_indikator(evaluasi_indikator(rules, ds, indikator, tahun), rules.fingerprint)
