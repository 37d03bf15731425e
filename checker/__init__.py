"""checker: press-freedom legal-notice compliance checker.

Library use::

    from checker import Context, check_paths, load_rulepack
    report = check_paths(["article.html"], load_rulepack(), Context(as_of=date.today(), ...))
"""

from .context import Context
from .engine import check_document, check_paths
from .rulepack import load_rulepack

__all__ = ["Context", "check_document", "check_paths", "load_rulepack"]
