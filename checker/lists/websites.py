"""The websites among a register row's resources: what link and embed checks match.

The foreign-agent register lists an entry's "information resources": home pages, Telegram
channels, YouTube and VK accounts, pages on other sites. Only the entry's own websites are
domains (a link anywhere under them is the entry's); an account on a platform or an author page
on a newspaper's site is not, or every link to that platform would be flagged.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from checker import lexicon

# Platforms where an account is not the entry's own website: any host under these.
_PLATFORMS = lexicon.words("platforms")
# Hosting where a subdomain is the owner's own site (name.substack.com, name.livejournal.com).
_USER_SUBDOMAINS = lexicon.words("user_subdomains")
_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")


def website_domains(resources: tuple[str, ...]) -> list[str]:
    """The entry's own websites among its resources: home pages (no path), not social accounts,
    not pages on someone else's site (an author page on a newspaper's site is not a website)."""
    out: list[str] = []
    for url in resources:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().removeprefix("www.").rstrip(".")
        if not _HOST.match(host) or parts.path.strip("/") or parts.query:
            continue
        under_platform = any(host == p or host.endswith("." + p) for p in _PLATFORMS)
        own_subdomain = any(host.endswith("." + p) and host.count(".") >= 2 for p in _USER_SUBDOMAINS)
        if under_platform and not own_subdomain:
            continue
        if host not in out:
            out.append(host)
    return out
