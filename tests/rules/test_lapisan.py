"""The loading layer (``rules/``) never imports the evaluation layer (``engine/``), not even lazily."""

import ast
from pathlib import Path

import sakip_rules
from sakip_rules.engine.periksa.fungsi import PELAKSANAAN
from sakip_rules.rules.fungsi_pemeriksaan import TANDA_FUNGSI

RULES_PKG = Path(sakip_rules.__file__).parent / "rules"


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            yield "." * node.level + (node.module or "")
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names)


def test_rules_tidak_mengimpor_engine():
    bad = [(p.name, m) for p in sorted(RULES_PKG.glob("*.py")) for m in _imports(p)
           if "engine" in m.split(".") or m.startswith("sakip_rules.engine")]
    assert bad == []


def test_setiap_tanda_fungsi_punya_pelaksanaan():
    assert set(TANDA_FUNGSI) == set(PELAKSANAAN)
