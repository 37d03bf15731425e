"""The HTML report as an editor sees it: in headless Chromium, the article text with each result
highlighted in place, a side list that takes you there, and nothing from an article executing."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

CONTEXT = ("--publisher", "RFE/RL", "--region", "RU", "--as-of", "2026-11-27")
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1280,900",
)
HOSTILE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Election Night</title>
  <meta property="og:site_name" content="RFE/RL">
  <script>window.pwned = "head script"; document.title = "pwned";</script>
</head>
<body>
  <article>
    <h1>Election Night &lt;/textarea&gt;&lt;script&gt;window.pwned = "headline"&lt;/script&gt;</h1>
    <p>Observers counted ballots <img src="x" onerror="window.pwned = 'img'"> late into the night.</p>
    <p>A reader wrote: &lt;img src=x onerror="window.pwned='quoted img'"&gt; and
    &lt;/style&gt;&lt;/title&gt;&lt;script&gt;window.pwned = "quoted script"&lt;/script&gt;.</p>
    <p onmouseover="window.pwned = 'hover'">Help us:
    <a href="javascript:window.pwned='link';//donate">Donate now</a></p>
  </article>
</body>
</html>
"""
HOSTILE_TEXT = """Notes </textarea><script>window.pwned = "plain text"</script>

A line with <img src=x onerror="document.title='pwned'"> and "quotes" & ampersands, then javascript:alert(1).
"""


def long_article() -> str:
    paragraphs = "\n".join(
        f"    <p>Paragraph {i}: the regional court heard witnesses about the flooded villages and the "
        f"repairs promised by the authorities for the coming spring.</p>"
        for i in range(1, 61)
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n  <title>Long</title>\n'
        '  <meta property="og:site_name" content="RFE/RL">\n</head>\n<body>\n  <article>\n'
        "    <h1>A Very Long Report From the Flooded Villages</h1>\n"
        f"{paragraphs}\n"
        '    <p>Independent journalism needs you. <a href="https://www.rferl.org/donate">Donate now</a></p>\n'
        "  </article>\n</body>\n</html>\n"
    )


@pytest.fixture
def report_file(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(SAMPLES / "rferl-article.html", content / "a-compliant.html")
    (content / "b-hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (content / "c-hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (content / "d-long.html").write_text(long_article(), encoding="utf-8")
    shutil.copy(SAMPLES / "pivovarov-episode.md", content / "e-labels.md")
    run = cli("check", *CONTEXT, "--format", "html:report.html", "content")
    assert run.exit_code == 1, run.stderr
    return tmp_path / "report.html"


def parse_tags(html: str) -> list[tuple[str, dict[str, str]]]:
    """Every element the report's markup makes, as a browser's parser sees it."""
    from html.parser import HTMLParser

    found: list[tuple[str, dict[str, str]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, {k: v or "" for k, v in attrs}))

    Collect().feed(html)
    return found


# --- without a browser: what the file holds ----------------------------------------------------


def test_report_is_self_contained_and_escapes_the_articles(report_file):
    html = report_file.read_text(encoding="utf-8")
    assert html.count("<script") == 1  # ours, at the end
    assert "Content-Security-Policy" in html and "script-src 'sha256-" in html
    # Nothing is fetched on opening it: no src, no stylesheet link, no url(); links out are the
    # law's, opened only when clicked.
    tags = parse_tags(html)
    assert [t for t, _ in tags if t in ("img", "iframe", "link", "object", "embed", "base", "form")] == []
    assert [t for t, _ in tags].count("script") == 1
    assert not [(t, a) for t, attrs in tags for a in attrs if a == "src" or a.startswith("on")]
    assert "@import" not in html and "url(" not in html
    for tag, attrs in tags:
        if tag == "a":
            href = attrs["href"]
            assert href.startswith("#") or (href.startswith("https://") and attrs["rel"] == "noopener noreferrer")
    assert "&lt;/textarea&gt;&lt;script&gt;window.pwned = &quot;plain text&quot;&lt;/script&gt;" in html
    assert "onerror=" not in html.replace("onerror=&quot;", "")
    assert 'href="javascript:' not in html


def test_report_without_documents_still_lists_results(pack):
    from checker import Context, check_paths
    from checker.formats import html as html_format

    report = check_paths([str(SAMPLES / "rferl-no-warning.html")], pack,
                         Context(as_of=__import__("datetime").date(2026, 11, 27), publisher="RFE/RL", regions=("RU",)))
    out = html_format.render(report)
    assert "The text of this document is not available in this report." in out
    assert out.count('class="item s-flagged"') == 1  # the call and its link: one


# --- in Chromium -------------------------------------------------------------------------------


def _browser_paths() -> tuple[str | None, str | None]:
    browser = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
    driver = shutil.which("chromedriver") or next(
        (p for p in ("/usr/lib/chromium/chromedriver", "/usr/bin/chromedriver") if Path(p).exists()), None
    )
    return browser, driver


def _unavailable(reason: str) -> None:
    """Skip only where no browser can be had; on CI, where .ci/run installs one, fail instead."""
    told = os.environ.get("CHECKER_BROWSER_UNAVAILABLE")
    if told:
        pytest.skip(f"no headless browser: {told}")
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: on CI .ci/run installs Debian's chromium and chromium-driver; it did not")
    pytest.skip(f"{reason} (apt-get install chromium chromium-driver)")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed")
    binary, driver_path = _browser_paths()
    if not binary or not driver_path:
        _unavailable("chromium or chromedriver not found")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def colour(element, prop: str) -> tuple[int, ...]:
    return tuple(int(float(v)) for v in re.findall(r"[\d.]+", element.value_of_css_property(prop))[:3])


def in_view(driver, element) -> bool:
    return driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;",
        element,
    )


def test_the_report_in_a_browser(browser, report_file, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(report_file.as_uri())
    js = browser.execute_script

    # Nothing from an article ran, and nothing of theirs became markup.
    assert browser.title == "checker report: 5 document(s)"
    assert js("return typeof window.pwned") == "undefined"
    assert js("return document.scripts.length") == 1
    assert js("return document.images.length") == 0
    assert js("return document.querySelectorAll('[onerror],[onmouseover],iframe,object,embed').length") == 0
    assert js("return document.querySelectorAll('a[href^=\"javascript:\"]').length") == 0
    text = browser.find_element(By.TAG_NAME, "body").text
    assert '</textarea><script>window.pwned = "plain text"</script>' in text
    assert 'Election Night </textarea><script>window.pwned = "headline"</script>' in text
    assert "found: Help us: Donate now" in text

    # Each result is highlighted in place, in its status's colour.
    present = browser.find_element(By.CSS_SELECTOR, "#doc-0 mark.hl.s-present")
    assert present.text.startswith("If you are in Russia")  # the footer paragraph holding most of the warning
    assert colour(present, "background-color") == (213, 242, 220)
    flagged = browser.find_elements(By.CSS_SELECTOR, "#doc-1 mark.hl.s-flagged")
    # One flag for the call and its link, on the words of the call.
    assert [m.text for m in flagged] == ["Donate now"]
    assert colour(flagged[0], "background-color") == (243, 220, 247)
    pin = browser.find_element(By.CSS_SELECTOR, "#doc-1 .pin.s-missing")
    assert pin.text == "missing: ru.undesirable.reader-warning"
    assert colour(pin, "color") == (198, 40, 40)
    malformed = browser.find_element(By.CSS_SELECTOR, "#doc-4 mark.hl.s-malformed")
    assert malformed.text.startswith("НАСТОЯЩИЙ МАТЕРИАЛ")
    # A labelled mention inside the malformed label shows both: nested, present inside.
    inner = browser.find_elements(By.CSS_SELECTOR, "#doc-4 mark.hl.s-malformed > mark.hl.s-present")
    assert inner and inner[0].text.startswith("ПИВОВАРОВЫМ")

    # Clicking a result takes you to its place in the article.
    section = browser.find_element(By.ID, "doc-3")
    js("arguments[0].scrollIntoView({block: 'start'})", section)
    [item] = section.find_elements(By.CSS_SELECTOR, ".item.s-flagged a.goto")[:1]
    target_id = item.get_attribute("data-target")
    [target] = section.find_elements(By.CSS_SELECTOR, f"mark[data-r='{target_id}']")[:1]
    assert target.text == "Donate now"
    assert not in_view(browser, target)
    item.click()
    assert js("return document.activeElement.id") == target_id
    assert in_view(browser, target)
    assert "current" in target.get_attribute("class")
    assert "selected" in browser.find_element(By.CSS_SELECTOR, f"[data-item='{target_id}']").get_attribute("class")
    # The law is there for each result, as links.
    laws = section.find_elements(By.CSS_SELECTOR, f"[data-item='{target_id}'] ul.law a")
    assert laws and laws[0].text.startswith("Criminal Code art. 284.1 part 2")
    assert laws[0].get_attribute("href").startswith("https://")

    # Clicking a highlight selects its entry in the list; hiding present results hides them.
    js("arguments[0].scrollIntoView({block: 'center'})", present)
    present.click()
    present_id = present.get_attribute("data-r")
    assert "selected" in browser.find_element(By.CSS_SELECTOR, f"[data-item='{present_id}']").get_attribute("class")
    js("window.scrollTo(0, 0)")
    browser.find_element(By.CSS_SELECTOR, "input[data-hide='present']").click()
    assert not browser.find_element(By.CSS_SELECTOR, f"[data-item='{present_id}']").is_displayed()
    assert js("return typeof window.pwned") == "undefined"

    js("window.scrollTo(0, 0)")
    browser.find_element(By.CSS_SELECTOR, "input[data-hide='present']").click()
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    keep = os.environ.get("CHECKER_SCREENSHOT")  # set to docs/html-report.png to refresh the docs
    if keep:
        browser.get((report_file.parent / "report.html").as_uri())
        browser.save_screenshot(str(ROOT / keep) if not os.path.isabs(keep) else keep)
