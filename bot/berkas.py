"""Files the bot sends: the BUMDes profit recap as an Excel workbook (Gambar 3.6)."""

from __future__ import annotations

import io

from sakip_rules.angka import nama_bulan


def xlsx_rekap_laba(ds, rekap: dict, tahun: int) -> bytes:
    """One row per BUMDes, one column per month; an empty cell = not reported."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = f"Laba BUMDes {tahun}"
    ws.append([f"Rekap keuntungan BUMDes Kecamatan {ds.kecamatan.nama} tahun {tahun}"])
    ws.append(["Sel kosong = belum dilaporkan; 0 = dilaporkan tanpa keuntungan."])
    ws.append(["No", "Desa", "BUMDes"] + [nama_bulan(m) for m in range(1, 13)])
    for sel in ws[3]:
        sel.font = Font(bold=True)
    for i, (b, per_bulan) in enumerate(rekap["bumdes"], 1):
        desa = ds.kecamatan.cari_desa(b.desa)
        ws.append([i, desa.nama if desa else b.desa, b.nama] + [per_bulan.get(m) for m in range(1, 13)])
        for sel in ws[ws.max_row][3:]:
            sel.number_format = "#,##0"
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 24
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
