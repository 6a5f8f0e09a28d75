"""Entry point of `sakip`. Every failure becomes a short Indonesian message and a non-zero exit."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from importlib.metadata import entry_points

from ..errors import ErrorList, SakipError, UsageError
from . import commands

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

_ARGPARSE_WORDS = {
    "usage: ": "pemakaian: ",
    "positional arguments": "argumen",
    "options": "pilihan",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "the following arguments are required: %s": "argumen wajib belum diberikan: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "pilihan %(value)r tidak dikenal (pilih dari %(choices)s)",
    "expected one argument": "memerlukan satu nilai",
    "expected at least one argument": "memerlukan sedikitnya satu nilai",
    "invalid %(type)s value: %(value)r": "nilai %(value)r tidak sah",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "pilihan %(option)s ambigu: bisa %(matches)s",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "one of the arguments %s is required": "salah satu argumen %s wajib diberikan",
}


def _terjemah(text: str) -> str:
    return _ARGPARSE_WORDS.get(text, text)


# argparse looks its words up through a module-level gettext function; there is no Indonesian
# catalogue on a fresh machine, so the words a user sees in --help and in errors are supplied here.
argparse._ = _terjemah


class Parser(argparse.ArgumentParser):
    """argparse with Indonesian error messages and no traceback."""

    def error(self, message):
        raise UsageError(f"{message}\nLihat: {self.prog} --help")


def build_parser() -> Parser:
    parser = Parser(prog="sakip", description="Aturan kinerja SAKIP kecamatan: hitung, jelaskan, periksa.")
    sub = parser.add_subparsers(dest="perintah", metavar="PERINTAH", parser_class=Parser)
    for module in commands.ALL:
        module.register(sub)
    for ep in entry_points(group="sakip_rules.commands"):
        ep.load()(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=os.environ.get("SAKIP_LOG", "WARNING").upper(),
                        format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = None
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "handler", None):
            parser.print_help()
            return EXIT_USAGE
        return int(args.handler(args) or 0)
    except UsageError as exc:
        print(f"sakip: {exc.render()}", file=sys.stderr)
        return EXIT_USAGE
    except ErrorList as exc:
        # a storing command (see perintah_tulis) stored nothing; any other computed nothing
        akibat = getattr(args, "akibat_gagal", "tidak ada yang dihitung")
        print(f"sakip: ditemukan {len(exc.errors)} masalah; {akibat}:", file=sys.stderr)
        for e in exc.errors:
            print(f"  {e.render()}", file=sys.stderr)
        return EXIT_USAGE
    except SakipError as exc:
        print(f"sakip: {exc.render()}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("sakip: dihentikan.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # never a traceback for a user; SAKIP_DEBUG=1 shows it
        if os.environ.get("SAKIP_DEBUG"):
            raise
        logging.getLogger("sakip").debug("internal error", exc_info=True)
        print(f"sakip: kesalahan internal ({type(exc).__name__}: {exc}). "
              "Jalankan ulang dengan SAKIP_DEBUG=1 untuk rinciannya dan laporkan.", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
