"""`checker serve`: the checker as an HTTP service for CMSes and a web page for editors and legal
staff. `create_app(session)` is the application (`app`); `workers` runs the checks in forked
processes; `jobs` is what one request asks; `reference` the rules and lists as JSON."""

from __future__ import annotations

from checker.serve.app import ServeLimits, create_app

__all__ = ["ServeLimits", "create_app"]
