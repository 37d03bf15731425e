"""`checker fix`: insert the labels and notices an article lacks, and nothing else.

One document goes: load → check → plan a fix for each missing or malformed result of a rule
with a `fix:` block (`labels` for mention-label rules, `notices` for notice rules), or say why
it cannot be placed safely → insert the planned text into the source (`source`: the rest of the
file stays byte for byte) → check the fixed text again. A fix after which its rule still
reports the problem is dropped and reported as unfixable, so a fix never leaves an article
worse or claims what it did not do. Review and flagged results are never fixed.

The package's modules: `fixer` (one document, end to end), `labels` and `notices` (what each
kind of rule inserts), `templates` (the rules' `fix:` wording), `places` (where an insertion may
go), `source` (the file's bytes and offsets), `model` (fixes, unfixables, outcomes). Nothing here
is imported by the rule loader but `templates`, so the package itself imports nothing.
"""
