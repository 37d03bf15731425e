"""Bytes to text: BOM, UTF-8, declared charset (HTML), then detection.

Russian-language pages in legacy single-byte encodings are common input for this checker and
generic detectors misjudge short ones (a 40-byte windows-1251 page comes back as cp1250 or
big5), so a small Cyrillic-specific check runs before charset-normalizer.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from checker.errors import InputError

_BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF_BYTES = 8192  # binary check window
_META_BYTES = 4096  # HTML charset declarations must appear this early
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
# Browsers treat these labels as windows-1252 (a superset that never leaves C1 controls).
_AS_1252 = {"latin-1", "iso8859-1", "ascii"}
# Control characters other than tab, newlines, form feed and escape: text files rarely have any.
# A UTF-8 file with up to this many invalid sequences, each outnumbered by valid multi-byte
# characters, is read as UTF-8 with replacement characters and a warning.
_MAX_INVALID = 64
_VALID_PER_INVALID = 4
_SHOWN_OFFSETS = 10
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")

# Candidate legacy Cyrillic encodings, most common first (ties go to the earlier one).
_CYRILLIC_SAMPLE = 32768  # enough text to judge; keeps detection cheap on big files
_CYRILLIC_CODECS = ("cp1251", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5")
_RUSSIAN_LETTER = re.compile("[А-яЁё]")
_WORD = re.compile(r"[^\W\d_]+")


def decode(data: bytes, path: str, fmt: str) -> tuple[str, tuple[str, ...]]:
    """Decode a whole file. `fmt` is html, markdown or text (only HTML reads <meta charset>).

    Returns the text and warnings: a UTF-8 file with a few invalid bytes is still an article;
    each bad sequence becomes U+FFFD and a warning gives its byte offset.
    """
    text, warnings, _ = decode_with_utf8(data, path, fmt)
    return text, warnings


def decode_with_utf8(data: bytes, path: str, fmt: str) -> tuple[str, tuple[str, ...], bytes | None]:
    """`decode`, and the text's UTF-8 when that is `data` itself (valid UTF-8 without a BOM),
    else None: the HTML parser can read it without the text being encoded again."""
    if not data.strip():
        raise InputError(path, "file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], encoding)
            if text is not None:
                return _checked(text, path), (), None
            damaged = _damaged_utf8(data, len(bom)) if encoding == "utf-8" else None
            if damaged is not None and _mostly_utf8(*damaged):
                return _checked(damaged[0], path), _warnings(damaged[1]), None
            raise InputError(path, f"cannot decode as text (invalid {encoding} after its BOM)")
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise InputError(path, "binary file (not text)")
    # Valid UTF-8 goes first, even before a <meta charset>: multi-byte sequences do not happen
    # by accident in single-byte text, while pages re-encoded to UTF-8 often keep an old meta.
    text = _strict(data, "utf-8")
    if text is not None:
        return _checked(text, path), (), data
    damaged = _damaged_utf8(data)
    if damaged is not None and _mostly_utf8(*damaged):
        return _checked(damaged[0], path), _warnings(damaged[1]), None
    if fmt == "html":
        declared = _declared_charset(data)
        if declared and declared != "utf-8":
            # Like a browser, trust the declaration; a byte it cannot map becomes U+FFFD.
            text = _replacing(data, declared)
    if text is None:
        text = _detect(data)
    if text is None and damaged is not None:
        return _checked(damaged[0], path), _warnings(damaged[1]), None
    if text is None:
        raise InputError(path, "binary file (not text)")
    return _checked(text, path), (), None


def _damaged_utf8(data: bytes, start: int = 0) -> tuple[str, list[int]] | None:
    """UTF-8 from `start` with each invalid sequence replaced, and the byte offsets of those
    sequences; None past `_MAX_INVALID` of them (then it is not UTF-8 with a few bad bytes)."""
    view = memoryview(data)  # slices without copies
    parts: list[str] = []
    offsets: list[int] = []
    while len(offsets) <= _MAX_INVALID:
        try:
            parts.append(codecs.utf_8_decode(view[start:], "strict", True)[0])
        except UnicodeDecodeError as error:
            parts.append(codecs.utf_8_decode(view[start : start + error.start], "strict", True)[0])
            parts.append("\ufffd")
            offsets.append(start + error.start)
            start += error.end
            continue
        return "".join(parts), offsets
    return None


def _mostly_utf8(text: str, invalid: list[int]) -> bool:
    """Real UTF-8 text around the bad bytes: several valid multi-byte characters for each."""
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - len(invalid)
    return multibyte >= _VALID_PER_INVALID * len(invalid)


def _warnings(offsets: list[int]) -> tuple[str, ...]:
    shown = ", ".join(str(offset) for offset in offsets[:_SHOWN_OFFSETS])
    if len(offsets) == 1:
        return (f"invalid UTF-8 at byte offset {shown}, read as U+FFFD",)
    more = ", ..." if len(offsets) > _SHOWN_OFFSETS else ""
    return (f"{len(offsets)} invalid UTF-8 sequences, read as U+FFFD, at byte offsets {shown}{more}",)


def _replacing(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding, errors="replace")
    except (UnicodeError, LookupError, ValueError, TypeError):  # codecs that refuse "replace" (idna)
        return None


def peek(data: bytes, size: int) -> str:
    """A rough decoding of the first `size` bytes, good enough to sniff the format."""
    head = data[:size]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    return head.decode("latin-1")


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _checked(text: str, path: str) -> str:
    head = text[:_SNIFF_BYTES]
    if len(_CONTROL.findall(head)) > max(len(head) // 20, 2):
        raise InputError(path, "binary file (not text)")
    if not text.strip():
        raise InputError(path, "file is empty")
    return text


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_META_BYTES])
    if not match:
        return None
    try:
        info = codecs.lookup(match.group(1).decode("ascii"))
    except LookupError:
        return None
    name = info.name
    # Only text encodings that read any byte: not hex, rot13, zlib, base64 (bytes to bytes),
    # nor idna, punycode or undefined, which refuse bytes outside their syntax.
    if not getattr(info, "_is_text_encoding", True) or _replacing(b"\xff\xfe\x80<", name) is None:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None  # a BOM-less page cannot really be UTF-16; browsers fall back to UTF-8
    return "cp1252" if name in _AS_1252 else name


def _detect(data: bytes) -> str | None:
    text = _cyrillic(data)
    if text is not None:
        return text
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    return str(best)


def _cyrillic(data: bytes) -> str | None:
    """Decode as a legacy Cyrillic encoding when the bytes clearly are Russian-like text.

    The right codec turns (nearly) every high-bit byte into a Russian letter, forming whole
    words whose letters follow Russian frequencies and whose case is lower, Title or UPPER.
    A wrong Cyrillic codec leaves symbols, favours rare letters or flips case ("лЮРЕПХЮК");
    a Western page read this way gives Latin words with stray Cyrillic letters inside.
    """
    sample = data[:_CYRILLIC_SAMPLE]  # single-byte codecs: any cut is a clean one
    high = sum(1 for b in sample if b >= 0x80)
    if high < 2:
        return None
    best: tuple[float, str] | None = None  # (score, encoding)
    for encoding in _CYRILLIC_CODECS:
        if _strict(data, encoding) is None:  # the whole file must decode, not just the sample
            continue
        text = sample.decode(encoding)
        share = len(_RUSSIAN_LETTER.findall(text)) / high  # 1.0 when every such byte is a letter
        if share < 0.7:
            continue
        pure = mixed = odd_case = 0
        frequency = 0.0
        letters = 0
        for word in _WORD.findall(text):
            russian = len(_RUSSIAN_LETTER.findall(word))
            if russian == len(word):
                pure += 1
                letters += russian
                frequency += sum(_RUSSIAN_FREQUENCY.get(c, 0.0) for c in word.lower())
                if not (word.islower() or word.isupper() or word.istitle()):
                    odd_case += 1
            elif russian:
                mixed += 1
        if pure == 0 or mixed > 0.1 * (pure + mixed):
            continue
        score = frequency / letters * (1 - odd_case / pure) * min(share, 1.0)
        if score >= _MIN_FREQUENCY_SCORE and (best is None or score > best[0]):
            best = (score, encoding)
    return data.decode(best[1]) if best else None


# Letter frequencies of Russian prose. Real text averages about 0.055 per letter; text read
# with the wrong Cyrillic codec is a permutation of the alphabet and averages about 0.03.
_RUSSIAN_FREQUENCY = {
    pair[0]: float(pair[2:])
    for pair in (
        "о=.1097 е=.0845 а=.0801 и=.0735 н=.0670 т=.0626 с=.0547 р=.0473 в=.0454 л=.0440"
        " к=.0349 м=.0321 д=.0298 п=.0281 у=.0262 я=.0201 ы=.0190 ь=.0174 г=.0170 з=.0165"
        " б=.0159 ч=.0144 й=.0121 х=.0097 ж=.0094 ш=.0073 ю=.0064 ц=.0048 щ=.0036 э=.0032"
        " ф=.0026 ъ=.0004 ё=.0004"
    ).split()
}
_MIN_FREQUENCY_SCORE = 0.04
