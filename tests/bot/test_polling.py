"""The real polling loop against the fake (bounded), and `sakip bot` itself as a process."""

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from botuji import CAMAT, SITI
from fakebot import FakeBotApi, FakeHttpServer


async def _tunggu(syarat, batas=10.0):
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        if syarat():
            return True
        await asyncio.sleep(0.02)
    return False


async def test_satu_putaran_polling_sungguhan(bot):
    app, api = bot.app, bot.api
    api.antre(api.pesan_dari(CAMAT, "/capaian 2024"), api.pesan_dari(SITI, "/laba"))
    await app.start()
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    try:
        assert await _tunggu(lambda: api.terkirim(SITI.id, "sendMessage") and api.terkirim(CAMAT.id, "sendMessage"))
        m1 = api.terkirim(SITI.id, "sendMessage")[-1]
        api.antre(api.tekan(SITI, m1, "lm:sumber_rahmat:2025-01"))
        assert await _tunggu(lambda: "Ketik jumlah" in api.pesan[(SITI.id, m1.hasil["message_id"])]["text"])
        api.antre(api.pesan_dari(SITI, "455.000"))
        assert await _tunggu(lambda: "Periksa" in api.terakhir(SITI.id).teks)
        konfirmasi = api.terakhir(SITI.id)
        api.antre(api.tekan(SITI, konfirmasi, dict(konfirmasi.tombol)["✔ Simpan"]))
        assert await _tunggu(lambda: "Tersimpan" in api.pesan[(SITI.id, konfirmasi.hasil["message_id"])]["text"])
    finally:
        await app.updater.stop()
        await app.stop()
    assert "Capaian Kinerja Kecamatan Loksado Tahun 2024" in api.terkirim(CAMAT.id, "sendMessage")[0].teks
    assert api.sisa_antrian() == 0  # every update acknowledged (offset moved past it)


def hentikan(proses) -> tuple[str, str]:
    """Stop ``sakip bot`` as an operator would (Ctrl-C); kill it if it does not stop."""
    proses.send_signal(signal.SIGINT)
    try:
        return proses.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proses.kill()
        return proses.communicate()

def test_sakip_bot_tanpa_token(monkeypatch, capsys):
    from sakip_rules.cli.main import main

    monkeypatch.delenv("SAKIP_BOT_TOKEN", raising=False)
    assert main(["bot"]) == 2
    err = capsys.readouterr().err
    assert "SAKIP_BOT_TOKEN" in err and "@BotFather" in err and "Traceback" not in err


def test_sakip_bot_token_rusak_dan_webhook_salah(monkeypatch, capsys):
    from sakip_rules.cli.main import main

    monkeypatch.setenv("SAKIP_BOT_TOKEN", "bukan token")
    assert main(["bot"]) == 2
    assert "tidak berbentuk token" in capsys.readouterr().err
    monkeypatch.setenv("SAKIP_BOT_TOKEN", "123:ABC")
    assert main(["bot", "--webhook", "http://contoh.go.id/bot"]) == 2
    assert "https://" in capsys.readouterr().err


def test_sakip_bot_berjalan_melawan_fake(db_url, tmp_path):
    """`sakip bot` (the installed console script) polls the fake over HTTP, answers, stops on SIGINT."""
    sakip = Path(sys.executable).with_name("sakip")
    assert sakip.exists()
    api = FakeBotApi()
    with FakeHttpServer(api) as server:
        api.antre(api.pesan_dari(CAMAT, "/capaian 2024"))
        env = dict(os.environ, SAKIP_BOT_TOKEN="123:TEST", SAKIP_LOG="WARNING")
        proses = subprocess.Popen(
            [str(sakip), "bot", "--db", db_url, "--api-url", server.url,
             "--persistensi", str(tmp_path / "alur.pickle")],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            akhir = time.monotonic() + 60
            while time.monotonic() < akhir and not api.terkirim(CAMAT.id, "sendMessage"):
                if proses.poll() is not None:
                    break
                time.sleep(0.1)
            assert api.terkirim(CAMAT.id, "sendMessage"), proses.stderr.read() if proses.poll() is not None else ""
        finally:
            out, err = hentikan(proses)
    assert proses.returncode == 0, err
    assert "berjalan (long polling)" in err and "berhenti" in err and "Traceback" not in err
    teks = api.terkirim(CAMAT.id, "sendMessage")[0].teks
    assert "Capaian Kinerja Kecamatan Loksado Tahun 2024" in teks
    metode = {c.metode for c in api.panggilan}
    assert {"getMe", "getUpdates", "setMyCommands", "sendMessage"} <= metode
    polls = [c for c in api.panggilan if c.metode == "getUpdates"]
    assert polls[0].param.get("allowed_updates") == ["message", "edited_message", "callback_query"]
    assert not api.pelanggaran


def _port_bebas() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_sakip_bot_mode_webhook(db_url, tmp_path):
    """`sakip bot --webhook URL`: registers the webhook with its secret and answers POSTed updates."""
    import json
    import urllib.error
    import urllib.request

    sakip = Path(sys.executable).with_name("sakip")
    api = FakeBotApi()
    port = _port_bebas()
    with FakeHttpServer(api) as server:
        env = dict(os.environ, SAKIP_BOT_TOKEN="123:TEST", SAKIP_LOG="WARNING", SAKIP_WEBHOOK_SECRET="rahasia-uji")
        proses = subprocess.Popen(
            [str(sakip), "bot", "--db", db_url, "--api-url", server.url, "--persistensi", str(tmp_path / "a.pickle"),
             "--webhook", "https://bot.contoh.go.id/sakip", "--listen", "127.0.0.1", "--port", str(port)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            akhir = time.monotonic() + 60
            while time.monotonic() < akhir and not api.terkirim(metode="setWebhook") and proses.poll() is None:
                time.sleep(0.1)
            daftar = api.terkirim(metode="setWebhook")
            assert daftar, proses.stderr.read() if proses.poll() is not None else "setWebhook tidak dipanggil"
            assert daftar[0].param["url"] == "https://bot.contoh.go.id/sakip"
            assert daftar[0].param["secret_token"] == "rahasia-uji"
            # edited messages are asked for on the webhook too (officers fix typos by editing)
            assert daftar[0].param["allowed_updates"] == ["message", "edited_message", "callback_query"]

            def kirim(update, rahasia):
                req = urllib.request.Request(f"http://127.0.0.1:{port}/sakip", data=json.dumps(update).encode(),
                                             headers={"Content-Type": "application/json",
                                                      "X-Telegram-Bot-Api-Secret-Token": rahasia})
                for _ in range(50):
                    try:
                        return urllib.request.urlopen(req, timeout=5).status
                    except urllib.error.HTTPError as exc:
                        return exc.code
                    except OSError:  # server not listening yet
                        time.sleep(0.1)
                raise AssertionError("server webhook tidak menjawab")

            assert kirim(api.pesan_dari(CAMAT, "/capaian 2023"), "salah") == 403  # wrong secret refused
            assert kirim(api.pesan_dari(CAMAT, "/capaian 2024"), "rahasia-uji") == 200
            while time.monotonic() < akhir and not api.terkirim(CAMAT.id, "sendMessage"):
                time.sleep(0.05)
        finally:
            out, err = hentikan(proses)
    assert proses.returncode == 0, err
    assert "berjalan (webhook https://bot.contoh.go.id/sakip)" in err
    balas = api.terkirim(CAMAT.id, "sendMessage")
    assert len(balas) == 1 and "Tahun 2024" in balas[0].teks
