"""`checker serve`: the checker as an HTTP service and a web page (see `checker.serve`)."""

from __future__ import annotations

import ipaddress
import os
from datetime import date

import click

from checker.commands.common import DateType, fail, open_session
from checker.report import SEVERITIES

TOKEN_VARIABLE = "CHECKER_SERVE_TOKEN"


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach `host` (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--token", metavar="TOKEN", envvar=TOKEN_VARIABLE, show_envvar=True,
              help="Require `Authorization: Bearer TOKEN` on every request but the pages and /health.")
@click.option("--workers", "-j", type=click.IntRange(1, 64), default=None,
              help="Processes that check articles (default: one per core).")
@click.option("--publisher", metavar="NAME", help="Default publisher of the articles (a request may name another).")
@click.option("--region", "regions", multiple=True, metavar="CODE", help="Default audience region (repeatable).")
@click.option("--jurisdiction", "jurisdictions", multiple=True, metavar="CODE",
              help="Default laws binding the publisher (repeatable).")
@click.option("--as-of", type=DateType(), help="Check every article on this date (default: the day of each request).")
@click.option("--rules", "rule_paths", multiple=True, metavar="PATH", help="Extra rule files or folders (repeatable).")
@click.option("--no-default-rules", is_flag=True, help="Do not load the bundled rule pack.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that fails (exit_code 1).")
@click.option("--config", "config_path", metavar="FILE", help="Configuration file (default: found from here upward).")
def serve(
    host: str, port: int, token: str | None, workers: int | None, publisher: str | None, regions: tuple[str, ...],
    jurisdictions: tuple[str, ...], as_of: date | None, rule_paths: tuple[str, ...], no_default_rules: bool,
    fail_on: str | None, config_path: str | None,
) -> None:
    """Serve the checker over HTTP: POST /check and /fix for CMSes, a web page at / for editors,
    the rules at /ui/rules for legal staff. Configured like `checker check` (checker.yaml or
    [tool.checker], its limits included); listens on 127.0.0.1 unless --host says otherwise."""
    try:
        import uvicorn

        from checker.serve import create_app
        from checker.serve.workers import WorkerPool
    except ImportError as error:
        fail([f"checker serve needs {error.name}: pip install 'designation-notice-checker[serve]'"])
    session = open_session(
        rule_paths, no_default_rules, config_path, publisher=publisher, regions=regions,
        jurisdictions=jurisdictions, as_of=as_of, fail_on=fail_on,
    )
    token = token or None
    if not is_loopback(host) and token is None:
        click.echo(
            f"warning: listening on {host} without a token: anyone who can reach this port can use the "
            f"service; set --token or {TOKEN_VARIABLE}", err=True,
        )
    pool = WorkerPool(session, workers or os.cpu_count() or 1)
    pool.start()  # forked now, before the server opens its socket and starts threads
    app = create_app(session, token=token, workers=pool, follow_today=as_of is None)
    for warning in session.stale_list_warnings():
        click.echo(f"warning: {warning}", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"checker serve: http://{shown}:{port}/ ({len(pool.workers)} worker(s); Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
