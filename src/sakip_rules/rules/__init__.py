"""Reading a rule set: schemas, the rule objects, scales and their coverage."""

from .loader import load_rules  # noqa: F401
from .model import RuleSet  # noqa: F401
from .paths import default_rules_dir  # noqa: F401
