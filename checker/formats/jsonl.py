"""JSON Lines: one JSON object per document, one line each, written as each document is
checked, with the same fields as a document of the JSON report. For archives: the run holds no
report, a reader can follow it (`tail -f`) and a line is a whole document."""

from __future__ import annotations

from checker.formats import common
from checker.formats.common import RunInfo
from checker.formats.json import document_dict
from checker.printable import json_line
from checker.report import DocumentReport, Report


class Writer(common.Writer):
    def document(self, doc: DocumentReport) -> str:
        return json_line(document_dict(doc)) + "\n"


def render(report: Report, color: bool = False, info: RunInfo | None = None) -> str:
    return common.render_whole(Writer, report, color, info)
