"""The check kinds. Each module has `compile_check` (rule -> compiled check) and `evaluate`."""

from . import flag, mention_label, notice

KINDS = {"notice": notice, "mention-label": mention_label, "flag": flag}
