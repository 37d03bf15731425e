"""A deterministic corpus of realistic news pages (50–100 KB, English and Russian) for the benchmark.

Each page carries what real pages carry around an article: a head with inline CSS and JS,
JSON-LD, a cookie banner, a navigation menu, share buttons, related teasers, a footer with
columns and scripts; the article mentions designated names in several grammatical cases, some
with labels, some with notices.
"""

from __future__ import annotations

import random

_RU_WORDS = (
    "власти заявили что переговоры продолжатся несмотря на разногласия по ключевым вопросам "
    "эксперты считают экономика регион бюджет рост цен доклад суд решение журналисты издание "
    "расследование источник министерство правительство граница санкции выборы депутаты закон"
).split()
_EN_WORDS = (
    "officials said the talks would continue despite disagreements over key issues analysts "
    "believe economy region budget prices report court ruling journalists outlet investigation "
    "source ministry government border sanctions elections lawmakers law"
).split()
_RU_NAMES = (
    "Максима Галкина (признан иноагентом)", "Екатерине Шульман", "Алексеем Пивоваровым",
    "Фонда борьбы с коррупцией (запрещен в РФ)", "«Медузы»", "Исламского государства*",
    "Азовского моря", "Ивана Петрова", "Сергею Смирнову",
)
_EN_NAMES = ("Meduza", "the Islamic State (IS)", "Meta", "a meta-analysis", "the Sea of Azov", "John Smith")


def _sentence(rng: random.Random, words: list[str], names: tuple[str, ...], share: float = 0.0) -> str:
    chosen = rng.sample(words, rng.randint(8, 16))
    if names and rng.random() < share:
        chosen.insert(rng.randint(0, len(chosen)), rng.choice(names))
    return " ".join(chosen).capitalize() + "."


def _paragraph(rng: random.Random, ru: bool, share: float) -> str:
    words, names = (_RU_WORDS, _RU_NAMES) if ru else (_EN_WORDS, _EN_NAMES)
    text = " ".join(_sentence(rng, words, names, share) for _ in range(rng.randint(3, 7)))
    words = text.split(" ")
    for _ in range(rng.randint(1, 4)):  # inline markup, as editors leave it
        i = rng.randrange(len(words))
        tag = rng.choice(("em", "strong", "a"))
        words[i] = f'<a href="https://example.org/{i}">{words[i]}</a>' if tag == "a" else f"<{tag}>{words[i]}</{tag}>"
    return f"<p>{' '.join(words).replace(' ', '&nbsp;', 1)}</p>"


def _furniture(rng: random.Random, size: int) -> str:
    css = "".join(f".c{i}{{margin:{i}px;color:#{rng.randrange(16**6):06x}}}" for i in range(size))
    js = "".join(f"window.d{i}=function(a){{return a*{i}+{rng.randrange(99)};}};" for i in range(size))
    return f"<style>{css}</style><script>{js}</script>"


def page(n: int, seed: int = 20261127, names_share: float = 0.1) -> bytes:
    """Page n; `names_share` of the article's sentences name someone (about half of them
    designated): 0.1 gives ~7 designated mentions a page, 0.35 a dense ~28."""
    rng = random.Random(seed + n)
    ru = n % 2 == 0
    title = ("Переговоры в Москве" if ru else "Talks in Moscow") + f" #{n}"
    nav = "".join(
        f'<li class="menu-item"><a href="/section/{i}"><span class="icon"></span>'
        f'<span>{"Раздел" if ru else "Section"} {i}</span></a></li>'
        for i in range(60)
    )
    body = "".join(_paragraph(rng, ru, names_share) for _ in range(rng.randint(30, 48)))
    body += '<figure><img src="/photo.jpg" alt=""><figcaption>Photo</figcaption></figure>'
    share = "".join(
        f'<button class="share-{i}"><svg viewBox="0 0 24 24"><path d="M{i} 0L10 10Z"/></svg></button>' for i in range(6)
    )
    if n % 3 == 0:
        body = "<p>НАСТОЯЩИЙ МАТЕРИАЛ (ИНФОРМАЦИЯ) ПРОИЗВЕДЕН И РАСПРОСТРАНЕН ИНОСТРАННЫМ АГЕНТОМ</p>" + body
    teasers = "".join(
        f'<div class="teaser"><a href="/news/{i}"><figure><img src="/i/{i}.jpg" alt=""></figure>'
        f'<h3>{_sentence(rng, _RU_WORDS if ru else _EN_WORDS, ())}</h3></a><time datetime="2026-11-{i % 28 + 1:02d}">'
        f"{i % 28 + 1}.11</time></div>"
        for i in range(30)
    )
    footer = "".join(
        f"<div class='col'><h4>{'Колонка' if ru else 'Column'} {c}</h4><ul>"
        + "".join(f'<li><a href="/f/{c}/{i}">link {i}</a></li>' for i in range(15))
        + "</ul></div>"
        for c in range(6)
    )
    html = f"""<!doctype html><html lang="{'ru' if ru else 'en'}"><head><meta charset="utf-8">
<title>{title}</title><meta property="og:site_name" content="Example News">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{title}",
"publisher":{{"name":"Example News"}}}}</script>
{_furniture(rng, rng.randint(100, 160))}</head><body>
<div class="cookie" style="display:none">We use cookies.</div>
<header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{title}</h1><div class="share">{share}</div>
{body}</article><aside>{teasers}</aside></main>
<footer>{footer}<p>© Example News</p></footer>
{_furniture(rng, rng.randint(40, 80))}</body></html>"""
    return html.encode("utf-8")


def corpus(count: int, names_share: float = 0.1) -> list[bytes]:
    return [page(n, names_share=names_share) for n in range(count)]
