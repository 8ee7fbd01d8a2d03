"""The `watch` and `alerts` commands (registered on the `newsgraph` group by cli.py's last lines).

`watch` is the only command that uses the network, and only for the sources it is given (docs/watch.md).
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

import click

DB_HELP = "Store: a SQLite file (created when missing) or a postgresql://user@host/dbname URL."
DB_DEFAULT = "newsgraph.db"
log = logging.getLogger("newsgraph.watch")


def _open(db: str, readonly: bool = False) -> Any:
    from .store import StoreError, open_store

    try:
        return open_store(db, readonly=readonly)
    except StoreError as e:
        click.echo(f"newsgraph: error: {e}", err=True)
        sys.exit(1)


def _config(sources: tuple[str, ...], sources_file: str | None, rules_file: str | None, alert_stdout: bool,
            alert_file: tuple[str, ...], webhook: tuple[str, ...], alert_command: tuple[str, ...]) -> Any:
    """Sources, rules and sinks, checked before anything is fetched; a usage error names what is wrong."""
    from .watch import RuleError, SourceError, WatchConfig, gather, load_rules, make_sinks
    from .watch.sinks import SinkError

    try:
        found = gather(sources, sources_file)
        rules, output = load_rules(rules_file) if rules_file else ([], {})
        sinks = make_sinks(stdout=alert_stdout, files=alert_file, webhooks=webhook, commands=alert_command,
                           output=output)
    except (SourceError, RuleError, SinkError) as e:
        raise click.UsageError(str(e)) from None
    if rules and not sinks:
        sinks = make_sinks(stdout=True)  # alerts must go somewhere: standard output, one JSON object a line
    return WatchConfig(found, rules, sinks)


@click.command()
@click.argument("sources", nargs=-1)
@click.option("--sources", "sources_file", default=None, type=click.Path(dir_okay=False),
              help="A file of sources, one a line: LOCATION [name=NAME] [lang=CODE] [kind=feed|sitemap|list|page|folder].")
@click.option("--db", default=DB_DEFAULT, show_default=True, help=DB_HELP)
@click.option("--every", default="15m", show_default=True, help="Time between polls: 30s, 15m, 2h, 1h30m.")
@click.option("--once", is_flag=True, help="Poll once and exit (for cron): 0 when all went well, 1 when something failed.")
@click.option("--rules", "rules_file", default=None, type=click.Path(dir_okay=False),
              help="Alert rules (TOML, docs/watch.md); alerts go to standard output unless told otherwise.")
@click.option("--alert-stdout", is_flag=True, help="Alerts to standard output as JSON lines.")
@click.option("--alert-file", multiple=True, help="Append alerts to this file as JSON lines.")
@click.option("--webhook", multiple=True, help="POST each alert as JSON to this URL.")
@click.option("--alert-command", multiple=True, help="Run this command with each alert as JSON on its standard input.")
@click.option("--delay", default=1.0, show_default=True, type=click.FloatRange(0, 3600),
              help="Seconds between two requests to one host (a longer robots.txt Crawl-delay wins).")
@click.option("--concurrency", default=4, show_default=True, type=click.IntRange(1, 64), help="Requests in flight at most.")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds per connection and read.")
@click.option("--retries", default=2, show_default=True, type=click.IntRange(0, 10), help="Retries of a transient failure.")
@click.option("--max-size", default=10.0, show_default=True, type=click.FloatRange(0.01, 512), help="Largest page in MiB.")
@click.option("--contact", default=None, help="An address or URL for site owners, added to the User-Agent.")
@click.option("--settle", default=2.0, show_default=True, type=click.FloatRange(0, 3600),
              help="Seconds a dropped file must be unchanged before it is read.")
@click.option("--chunk", default=16, show_default=True, type=click.IntRange(1, 10_000),
              help="Items fetched, then stored and marked done, together (a crash loses at most one chunk's fetches).")
@click.option("--model", default=None, help="Installed spaCy pipeline to use (default: en_core_web_sm).")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1, 10_000), help="Stories per spaCy batch.")
@click.option("--no-site-memory", is_flag=True, help="Do not learn lines that recur across a site's pages.")
def watch(sources: tuple[str, ...], sources_file: str | None, db: str, every: str, once: bool, rules_file: str | None,
          alert_stdout: bool, alert_file: tuple[str, ...], webhook: tuple[str, ...], alert_command: tuple[str, ...],
          delay: float, concurrency: int, timeout: float, retries: int, max_size: float, contact: str | None,
          settle: float, chunk: int, model: str | None, batch_size: int, no_site_memory: bool) -> None:
    """Watch feeds, sitemaps, lists of URLs, pages and folders; store each new story; fire alert rules.

    One line per poll on stderr. Stopped (Ctrl-C, SIGTERM, even SIGKILL) and started again, it goes on where it
    stood: nothing is fetched twice, nothing is lost.

    \b
    Examples:
      newsgraph watch https://example.org/rss.xml --db news.db --every 15m
      newsgraph watch --sources sources.txt --rules rules.toml --webhook https://hooks.example/x --once
      newsgraph watch /data/scrapes/ --db news.db --every 1m
    """
    from .nlp import ModelError
    from .watch import Extractor, Fetcher, FetchOptions, SourceError, Watcher, parse_every, user_agent
    from .watch.cycle import stop_on_signals

    config = _config(sources, sources_file, rules_file, alert_stdout, alert_file, webhook, alert_command)
    try:
        interval = None if once else parse_every(every)
    except SourceError as e:
        raise click.UsageError(str(e)) from None
    config.settle, config.chunk = settle, chunk
    extractor = Extractor(model, batch_size, not no_site_memory,
                          warn=lambda msg: log.info("warning: %s", msg))
    try:
        extractor.load()
    except ModelError as e:
        raise click.UsageError(str(e)) from None
    fetcher = Fetcher(FetchOptions(user_agent=user_agent(contact), timeout=timeout, retries=retries, delay=delay,
                                   concurrency=concurrency, max_bytes=int(max_size * 2**20)))
    store = _open(db)
    with store:
        watcher = Watcher(store, config, extractor, fetcher)
        stop_on_signals(watcher.stop)

        def report(rep: Any) -> None:
            for e in rep.errors:
                log.info("%s", e)
            click.echo(rep.line() + (" (-v lists them)" if rep.errors and not log.isEnabledFor(logging.INFO) else ""),
                       err=True)

        status = watcher.run(interval, report)
    sys.exit(status)


@click.command()
@click.option("--db", default=DB_DEFAULT, show_default=True, help=DB_HELP)
@click.option("--rule", default=None, help="Only this rule's alerts.")
@click.option("--since", default=None, help="Only alerts fired or updated since this date (YYYY-MM-DD or ISO time).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per alert (its last payload included).")
def alerts(db: str, rule: str | None, since: str | None, limit: int, as_json: bool) -> None:
    """Alerts fired by `newsgraph watch`, the most recently fired or updated first.

    \b
    Example:
      newsgraph alerts --db news.db --rule "bombings in Colombia"
    """
    from .store.watch_state import read_alerts

    with _open(db, readonly=True) as store:
        rows = read_alerts(store.query, rule=rule, since=since, limit=limit)
    for a in rows:
        if as_json:
            click.echo(json.dumps(a, ensure_ascii=False))
            continue
        where = ", ".join(x for x in (a["place"], a["country"]) if x) or "-"
        killed = "-" if a["killed"] is None else str(a["killed"])
        click.echo(f"{a['updated_at']}  {a['rule']}  {a['type'] or 'story'}  {where}  killed {killed}"
                   f"  fired {a['fires']}x, {a['stories']} stor{'y' if a['stories'] == 1 else 'ies'}\n"
                   f"    {a['id']}  {a['title'] or ''}  {a['url'] or ''}")
    if not as_json:
        click.echo(f"{len(rows)} alert(s)", err=True)


def register(group: click.Group) -> None:
    """Add `watch` and `alerts` to the `newsgraph` command group."""
    group.add_command(watch)
    group.add_command(alerts)
