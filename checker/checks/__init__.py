"""The check kinds, one module each, all with the same two functions:

- `compile_check(rule, known_lists)`: the rule's check, compiled once per run (raises RuleError);
- `evaluate(rule, check, page, subject)`: its results on one page; `subject` is the publisher's
  list entry that made the rule apply, or None.
"""

from . import flag, mention_label, notice

KINDS = {"notice": notice, "mention-label": mention_label, "flag": flag}
