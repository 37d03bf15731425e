"""The site's own tests: the article template must carry the reader warning."""

FOOTER = (
    "<footer><p>Meduza has been declared an “undesirable organization” by the Russian authorities. "
    "If you are in Russia, sharing, reposting or commenting on our articles may expose you to "
    "fines or imprisonment.</p></footer>"
)


def render(title: str, body: str) -> str:
    return f"<html><body><article><h1>{title}</h1><p>{body}</p>{FOOTER}</article></body></html>"


def test_the_article_template_carries_the_reader_warning(checker):
    report = checker.check_html(render("A title", "Some text."), publisher="Meduza", regions=["RU"])
    assert not checker.problems(report), checker.describe(report)
    assert [r.status for r in report.results if r.rule == "ru.undesirable.reader-warning"] == ["present"]
