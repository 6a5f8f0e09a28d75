"""deploy/ is checked: the unit, compose and container files parse and name real commands
and settings; backup and restore round-trip a SQLite database."""

import configparser
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from project_paths import ROOT
DEPLOY = ROOT / "deploy"


def perintah_sakip_sah(argv: list[str]) -> None:
    """argv after 'sakip' parses with the real CLI parser (nothing is run)."""
    from sakip_rules.cli.main import build_parser

    args = build_parser().parse_args(argv)
    assert getattr(args, "handler", None), argv


def perintah_dalam(teks: str) -> list[list[str]]:
    """Every `sakip ...` command in a shell line (split on && and ;)."""
    out = []
    for bagian in re.split(r"&&|;", teks):
        kata = shlex.split(bagian)
        while kata and kata[0] in ("exec",):
            kata = kata[1:]
        if kata and Path(kata[0]).name == "sakip":
            out.append(kata[1:])
    return out


def variabel_yang_dibaca() -> set[str]:
    """SAKIP_* names read somewhere by the code or the deploy scripts."""
    nama = set()
    for folder in (ROOT / "src", ROOT / "bot"):
        for f in folder.rglob("*.py"):
            nama |= set(re.findall(r"\bSAKIP_[A-Z_]+\b", f.read_text(encoding="utf-8")))
    for f in (DEPLOY / "backup.sh", DEPLOY / "restore.sh"):
        nama |= set(re.findall(r"\$\{?(SAKIP_[A-Z_]+)", f.read_text(encoding="utf-8")))
    return nama


def test_unit_systemd():
    cp = configparser.ConfigParser(strict=True, interpolation=None)
    cp.optionxform = str
    cp.read(DEPLOY / "sakip-bot.service", encoding="utf-8")
    assert {"Unit", "Service", "Install"} <= set(cp.sections())
    svc = cp["Service"]
    mulai = shlex.split(svc["ExecStart"])
    assert Path(mulai[0]).name == "sakip" and mulai[1:] == ["bot"]
    perintah_sakip_sah(mulai[1:])
    perintah_sakip_sah(shlex.split(svc["ExecStartPre"])[1:])
    assert svc["EnvironmentFile"].endswith("sakip.env")
    dibaca = variabel_yang_dibaca()
    for pasangan in shlex.split(svc["Environment"]):
        assert pasangan.split("=", 1)[0] in dibaca, pasangan
    assert svc["Restart"] == "on-failure"
    assert cp["Install"]["WantedBy"] == "multi-user.target"


def test_compose():
    data = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    layanan = data["services"]
    assert {"db", "bot"} <= set(layanan)
    assert layanan["db"]["image"].split("/")[-1].startswith("postgres:")
    bot = layanan["bot"]
    assert (ROOT / bot["build"]["dockerfile"]).exists() or (DEPLOY / bot["build"]["context"] /
                                                             bot["build"]["dockerfile"]).exists()
    baris = bot["command"][-1] if isinstance(bot["command"], list) else bot["command"]
    perintah = perintah_dalam(baris)
    assert ["bot"] in perintah
    for p in perintah:
        perintah_sakip_sah(p)
    assert bot["depends_on"]["db"]["condition"] == "service_healthy"
    dibaca = variabel_yang_dibaca()
    for nama in bot["environment"]:
        assert nama in dibaca, nama
    assert bot["environment"]["SAKIP_DB"].startswith("postgresql://")
    assert set(data["volumes"]) >= {"pgdata", "botstate"}


def test_containerfile():
    teks = (DEPLOY / "Containerfile").read_text(encoding="utf-8")
    for sumber in re.findall(r"^COPY\s+(.+?)\s+\S+$", teks, flags=re.M):
        for s in sumber.split():
            assert (ROOT / s).exists(), s
    cmd = re.search(r"^CMD\s+(\[.*\])$", teks, flags=re.M).group(1)
    import json

    baris = json.loads(cmd)[-1]
    perintah = perintah_dalam(baris)
    assert ["bot"] in perintah
    for p in perintah:
        perintah_sakip_sah(p)
    dibaca = variabel_yang_dibaca()
    for nama in re.findall(r"\b(SAKIP_[A-Z_]+)=", teks):
        assert nama in dibaca, nama


def test_contoh_env_hanya_berisi_variabel_yang_dipakai():
    dibaca = variabel_yang_dibaca() | {"POSTGRES_PASSWORD"}
    nama = re.findall(r"^#?\s*([A-Z][A-Z_]+)=", (DEPLOY / "sakip.env.example").read_text(encoding="utf-8"),
                      flags=re.M)
    assert "SAKIP_BOT_TOKEN" in nama and "SAKIP_DB" in nama
    for n in nama:
        assert n in dibaca, n
    compose = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    assert "POSTGRES_PASSWORD" in compose


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell scripts")
def test_cadangan_dan_pemulihan_sqlite(db_induk, tmp_path):
    from sakip_rules.store import Store

    from botuji import ADMIN, jam, jumlah_kiriman

    db = tmp_path / "data" / "sakip.sqlite3"
    db.parent.mkdir()
    db.write_bytes(db_induk.read_bytes())
    url = f"sqlite:///{db}"
    env = dict(os.environ, SAKIP_DB=url, SAKIP_CADANGAN=str(tmp_path / "cadangan"), SAKIP_SIMPAN_CADANGAN="2",
               PYTHON=sys.executable, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    hasil = subprocess.run(["sh", str(DEPLOY / "backup.sh")], env=env, capture_output=True, text=True, check=True)
    cadangan = Path(hasil.stdout.strip())
    assert cadangan.exists() and cadangan.parent == tmp_path / "cadangan"

    store = Store.buka(url, jam=jam)
    n = jumlah_kiriman(store)
    from decimal import Decimal

    store.lapor_laba(store.pengguna_telegram(ADMIN.id), "serati", 2024, 5, Decimal(1000), saluran="cli")
    assert jumlah_kiriman(store) == n + 1
    store.tutup()

    subprocess.run(["sh", str(DEPLOY / "restore.sh"), str(cadangan)], env=env, capture_output=True, text=True,
                   check=True)
    store = Store.buka(url, jam=jam)
    assert jumlah_kiriman(store) == n  # back to the backup's state
    store.tutup()
    assert list(db.parent.glob("sakip.sqlite3.sebelum-pemulihan-*"))  # the replaced file is kept

    # retention: only the newest SAKIP_SIMPAN_CADANGAN backups stay
    for _ in range(3):
        subprocess.run(["sh", str(DEPLOY / "backup.sh")], env=env, capture_output=True, check=True)
        import time

        time.sleep(1.1)
    assert len(list((tmp_path / "cadangan").glob("sakip-*.sqlite3"))) == 2


def test_skrip_menolak_alamat_kosong(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SAKIP_DB"}
    hasil = subprocess.run(["sh", str(DEPLOY / "backup.sh")], env=env, capture_output=True, text=True)
    assert hasil.returncode == 2 and "SAKIP_DB" in hasil.stderr
    hasil = subprocess.run(["sh", str(DEPLOY / "restore.sh"), str(tmp_path / "tidak-ada")], env=env,
                           capture_output=True, text=True)
    assert hasil.returncode == 2


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell scripts")
def test_salinan_pengaman_pemulihan_memuat_data_di_wal(db_induk, tmp_path):
    """A value committed but still only in sakip.sqlite3-wal (the bot stopped hard, no checkpoint)
    is in the safety copy restore.sh keeps of the database it replaces."""
    import shutil

    from sakip_rules.store import Store

    from botuji import jam, jumlah_kiriman

    db = tmp_path / "data" / "sakip.sqlite3"
    db.parent.mkdir()
    db.write_bytes(db_induk.read_bytes())
    url = f"sqlite:///{db}"
    env = dict(os.environ, SAKIP_DB=url, SAKIP_CADANGAN=str(tmp_path / "cadangan"), PYTHON=sys.executable,
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    cadangan = Path(subprocess.run(["sh", str(DEPLOY / "backup.sh")], env=env, capture_output=True, text=True,
                                   check=True).stdout.strip())
    store = Store.buka(url, jam=jam)
    n = jumlah_kiriman(store)
    store.tutup()
    # a process commits one value and dies without closing (no checkpoint): the value is in -wal only
    tulis = ("import os, sys; from decimal import Decimal; from sakip_rules.store import Store; "
             "from sakip_rules.store.users import admin_lokal; s = Store.buka(sys.argv[1]); "
             "s.lapor_laba(admin_lokal('uji', 'loksado'), 'serati', 2024, 5, Decimal(1000), saluran='cli'); "
             "os._exit(0)")
    subprocess.run([sys.executable, "-c", tulis, url], check=True, env=env)
    wal = db.with_name(db.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    tanpa_wal = tmp_path / "tanpa-wal" / "sakip.sqlite3"
    tanpa_wal.parent.mkdir()
    shutil.copy(db, tanpa_wal)  # the main file alone (what a plain `mv` keeps) lacks the value
    s = Store.buka(f"sqlite:///{tanpa_wal}", jam=jam, seed=False)
    assert jumlah_kiriman(s) == n
    s.tutup()

    subprocess.run(["sh", str(DEPLOY / "restore.sh"), str(cadangan)], env=env, capture_output=True, text=True,
                   check=True)
    lama, = db.parent.glob("sakip.sqlite3.sebelum-pemulihan-*")
    assert not wal.exists() or wal.stat().st_size == 0
    salinan = tmp_path / "salinan" / "sakip.sqlite3"  # the safety copy on its own, as an admin would move it
    salinan.parent.mkdir()
    shutil.copy(lama, salinan)
    s = Store.buka(f"sqlite:///{salinan}", jam=jam, seed=False)
    assert jumlah_kiriman(s) == n + 1  # the value that was only in -wal is kept
    s.tutup()
    s = Store.buka(url, jam=jam)
    assert jumlah_kiriman(s) == n  # and the database is the backup's
    s.tutup()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell scripts")
def test_pemulihan_atas_basis_data_yang_rusak(db_induk, tmp_path):
    """A damaged database, the usual reason to restore, cannot be copied: it is moved aside as it
    is, and the backup takes its place."""
    from sakip_rules.store import Store

    from botuji import jam, jumlah_kiriman

    db = tmp_path / "data" / "sakip.sqlite3"
    db.parent.mkdir()
    db.write_bytes(db_induk.read_bytes())
    url = f"sqlite:///{db}"
    env = dict(os.environ, SAKIP_DB=url, SAKIP_CADANGAN=str(tmp_path / "cadangan"), PYTHON=sys.executable,
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    cadangan = Path(subprocess.run(["sh", str(DEPLOY / "backup.sh")], env=env, capture_output=True, text=True,
                                   check=True).stdout.strip())
    rusak = bytes(range(256)) * 64
    db.write_bytes(rusak)
    hasil = subprocess.run(["sh", str(DEPLOY / "restore.sh"), str(cadangan)], env=env, capture_output=True,
                           text=True)
    assert hasil.returncode == 0 and "dipindah apa adanya" in hasil.stderr, hasil.stderr
    lama, = db.parent.glob("sakip.sqlite3.sebelum-pemulihan-*")
    assert lama.read_bytes() == rusak
    s = Store.buka(url, jam=jam, seed=False)
    assert jumlah_kiriman(s) > 0
    s.tutup()
