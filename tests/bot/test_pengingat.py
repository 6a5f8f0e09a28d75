"""The monthly reminder: desa operators with last month's profit missing, and the pimpinan."""

import datetime as dt

import pytest
from botuji import BUDI, CAMAT, OPKEC, SITI

from bot.reminders import NAMA_JOB


def _job(bot):
    jobs = bot.app.job_queue.get_jobs_by_name(NAMA_JOB)
    assert len(jobs) == 1
    return jobs[0]


async def test_pengingat_bulanan(bot):
    job = _job(bot)
    tanda = bot.api.tanda()
    await job.run(bot.app)
    calls = bot.api.sejak(tanda)
    ke = {c.chat_id: c.teks for c in calls if c.metode == "sendMessage"}
    # 10 Feb 2025: January 2025 is last month, and nobody has reported it yet
    assert "Sumber Rahmat" in ke[SITI.id] and "Januari 2025" in ke[SITI.id] and "/laba 2025-01" in ke[SITI.id]
    assert "Siam Baralang" in ke[BUDI.id] and "Hamaendi Makmer" in ke[BUDI.id]
    assert "0 dari 6 BUMDes sudah melapor" in ke[CAMAT.id]
    assert OPKEC.id not in ke  # only desa operators are reminded, only the pimpinan gets the status

    await bot.kirim(SITI, "/laba 2025-01 0")  # reported, no profit
    tanda = bot.api.tanda()
    await job.run(bot.app)
    ke = {c.chat_id: c.teks for c in bot.api.sejak(tanda) if c.metode == "sendMessage"}
    assert SITI.id not in ke and BUDI.id in ke
    assert "1 dari 6 BUMDes sudah melapor" in ke[CAMAT.id] and "Sumber Rahmat" not in ke[CAMAT.id]


async def test_pengingat_gagal_kirim_tidak_menghentikan_yang_lain(bot):
    bot.api.suntik("sendMessage", "403", chat_id=SITI.id)
    tanda = bot.api.tanda()
    await _job(bot).run(bot.app)
    ke = {c.chat_id for c in bot.api.sejak(tanda) if c.metode == "sendMessage"}
    assert {BUDI.id, CAMAT.id} <= ke and SITI.id not in ke
    assert bot.layanan.pengirim.tak_terkirim[-1].chat_id == SITI.id


async def test_jadwal_pengingat_dapat_diatur(buat_bot):
    bot = await buat_bot(hari_pengingat=3, jam_pengingat=dt.time(7, 30))
    await bot.app.job_queue.start()
    try:
        berikut = _job(bot).next_t
        assert (berikut.day, berikut.hour, berikut.minute) == (3, 7, 30)
        assert berikut.utcoffset() == dt.timedelta(hours=8)  # WITA
    finally:
        await bot.app.job_queue.stop()


def test_hari_pengingat_tidak_sah():
    import pytest

    from bot.layanan import Konfigurasi
    from sakip_rules.errors import UsageError

    with pytest.raises(UsageError, match="1 sampai 28"):
        Konfigurasi(hari_pengingat=31)


async def test_operator_yang_dicabut_tidak_diingatkan(bot):
    """The store lists only active desa operators; the job relies on it."""
    from botuji import ADMIN

    siti = bot.store.pengguna_telegram(SITI.id)
    await bot.kirim(ADMIN, f"/cabut {siti.id}")
    tanda = bot.api.tanda()
    await _job(bot).run(bot.app)
    ke = {c.chat_id for c in bot.api.sejak(tanda) if c.metode == "sendMessage"}
    assert SITI.id not in ke and BUDI.id in ke


def test_bawaan_pengingat_hanya_di_konfigurasi(monkeypatch, capsys):
    """`sakip bot` without --hari-pengingat/--jam-pengingat (and no environment) passes nothing:
    the day and hour are Konfigurasi's defaults, which the help text also shows."""
    import dataclasses

    from sakip_rules.cli.main import build_parser

    from bot.cli import _hari, _jam
    from bot.layanan import Konfigurasi

    monkeypatch.delenv("SAKIP_HARI_PENGINGAT", raising=False)
    args = build_parser().parse_args(["bot"])
    assert _hari(args) is None and _jam(args.jam_pengingat) is None
    bawaan = {f.name: f.default for f in dataclasses.fields(Konfigurasi)}
    with pytest.raises(SystemExit):
        build_parser().parse_args(["bot", "--help"])
    bantuan = " ".join(capsys.readouterr().out.split())
    assert f"atau {bawaan['hari_pengingat']})" in bantuan and f"(bawaan {bawaan['jam_pengingat']:%H:%M})" in bantuan
    monkeypatch.setenv("SAKIP_HARI_PENGINGAT", "12")
    args = build_parser().parse_args(["bot", "--jam-pengingat", "7.30"])
    assert _hari(args) == 12 and _jam(args.jam_pengingat) == dt.time(7, 30)


def test_bot_memeriksa_kiriman_dengan_aturan_yang_dipakainya(monkeypatch, tmp_path):
    """`sakip bot --rules DIR` computes with DIR, so its store checks submissions against DIR too."""
    from sakip_rules.cli.main import build_parser
    from sakip_rules.store import Store

    from bot.cli import run

    class Berhenti(Exception):
        pass

    dibuka = {}

    def buka(url=None, **kw):
        dibuka.update(kw)
        raise Berhenti

    monkeypatch.setenv("SAKIP_BOT_TOKEN", "123:abc")
    monkeypatch.setattr(Store, "buka", buka)
    args = build_parser().parse_args(["bot", "--rules", str(tmp_path), "--persistensi", str(tmp_path / "p")])
    with pytest.raises(Berhenti):
        run(args)
    assert dibuka["aturan"] == tmp_path
