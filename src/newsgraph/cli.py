"""The `newsgraph` command: thin commands over the library.

Exit codes: 0 every input read; 1 some inputs failed (each reported on stderr, the rest processed); 2 usage.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from .export import FORMATS as EXPORT_FORMATS
from .model import EXTRACTORS as _EXTRACTORS
from .sources import FORMATS

DB_HELP = "Store: a SQLite file (created when missing) or a postgresql://user@host/dbname URL."
DB_DEFAULT = "newsgraph.db"


class Failures:
    """Counts inputs that failed, printing each as one line on stderr."""

    def __init__(self) -> None:
        self.count = 0

    def report(self, msg: str) -> None:
        self.count += 1
        click.echo(f"newsgraph: error: {msg}", err=True)


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="newsgraph: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )


@contextmanager
def _progress(enabled: bool) -> Iterator[Any]:
    """A live count of stories on a terminal; nothing when piped or quiet."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    cols = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
            TextColumn("{task.completed} stories"), TimeElapsedColumn())
    with Progress(*cols, transient=False, console=None) as p:
        yield p


def _warn(msg: str) -> None:
    click.echo(f"newsgraph: warning: {msg}", err=True)


@contextmanager
def _model_errors() -> Iterator[None]:
    """A missing or unusable model is a usage error (exit 2); the library checks it before reading input."""
    from .nlp import ModelError

    try:
        yield
    except ModelError as e:
        raise click.UsageError(str(e)) from None


def _open_store(db: str, readonly: bool = False):
    from .store import StoreError, open_store

    try:
        return open_store(db, readonly=readonly)
    except StoreError as e:
        click.echo(f"newsgraph: error: {e}", err=True)
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsgraph")
@click.option("-v", "--verbose", is_flag=True, help="Log debugging detail to stderr.")
def main(verbose: bool) -> None:
    """newsgraph: who said what, who did what to whom, where, when and how many — from raw news.

    Read plain-text scrapes, HTML pages, WARC archives, JSON Lines dumps and feeds; write one record per
    story with entities, quotes, figures, places and events, each with the span of text that is its evidence.
    """
    _setup_logging(verbose)


input_args = [
    click.argument("paths", nargs=-1, required=True),
    click.option("--from", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
                 help="Input kind; auto detects it from the content."),
    click.option("--model", default=None, help="Installed spaCy pipeline to use (default: en_core_web_sm)."),
    click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1, 10_000),
                 help="Stories per spaCy batch (worker processes share a batch of long stories among them)."),
    click.option("--workers", default=None, type=click.IntRange(1, 1024),
                 help="Processes for spaCy and the extractors [default: every core]; 1 runs in this process. "
                      "Small inputs stay in this process. The output is the same, in the same order, on any number."),
    click.option("--scheduler", default=None,
                 help="Run on an existing Dask cluster at this scheduler address (pip install \"newsgraph[dask]\")."),
    click.option("--dask-workers", "dask_workers", default=None, type=click.IntRange(1, 1024),
                 help="Run on a local Dask cluster of N processes (as a cluster would: partitions, resumable)."),
    click.option("--no-site-memory", "no_site_memory", is_flag=True,
                 help="Do not treat lines that recur across a site's pages (menus, footers, prompts) as furniture. "
                      "By default they are: across the inputs of one site or folder in this run and, for ingest, "
                      "across everything the store has seen of that site."),
    click.option("--published", default=None, metavar="DATE",
                 help="Publication date (YYYY-MM-DD, or an ISO date-time) of every story of PATHS, for scrapes that "
                      "do not say; relative dates in the text (\"on Thursday\") are read against it. A file's "
                      "sidecar FILE.json (keys published, source, url, title) wins for that file."),
    click.option("--source", "outlet", default=None, metavar="NAME",
                 help="The outlet that published every story of PATHS (\"Sky News\"): kept in each record's "
                      "source, the events export's source column and the GKG SourceCommonName."),
    click.option("--url", "page_url", default=None, metavar="URL",
                 help="The page address of every story of PATHS (exports write it as source_url and the GKG "
                      "DocumentIdentifier)."),
]


def with_inputs(f):
    for dec in reversed(input_args):
        f = dec(f)
    return f


def _dask_args(paths: tuple[str, ...], workers: int | None, scheduler: str | None, dask_workers: int | None) -> bool:
    """True for a Dask run, checked before anything starts; --workers (the local pool) does not go with one."""
    if scheduler and dask_workers:
        raise click.UsageError("--scheduler runs on an existing cluster; --dask-workers starts a local one: give one")
    if not (scheduler or dask_workers):
        return False
    if workers:
        raise click.UsageError("--workers sizes the local process pool; a Dask run's workers are the cluster's "
                               "(--dask-workers N for a local one)")
    if "-" in paths:
        raise click.UsageError("distributed runs read files, not standard input; save the input to a file first")
    import importlib.util

    if importlib.util.find_spec("dask") is None or importlib.util.find_spec("distributed") is None:
        raise click.UsageError('distributed runs need Dask: pip install "newsgraph[dask]"')
    return True


def _check_model(model: str | None, workers: int | None) -> None:
    """A missing model is a usage error before any input is read or store created."""
    from .pipeline import Options, Pipeline

    with _model_errors():
        Pipeline(Options(model=model, workers=workers)).check_model()


def _meta(published: str | None, page_url: str | None, dask: bool, outlet: str | None = None) -> Any:
    """The metadata given for every input, checked; None when none was given."""
    import datetime as dt

    from .sources import Meta

    if published is None and page_url is None and not outlet:
        return None
    if dask:
        raise click.UsageError("--published, --source and --url are for local runs; on Dask give each file a "
                               "sidecar FILE.json with keys published, source, url, title")
    if published is not None:
        try:
            published = dt.datetime.fromisoformat(published.strip().replace("Z", "+00:00")).isoformat() \
                if "T" in published else dt.date.fromisoformat(published.strip()).isoformat()
        except ValueError:
            raise click.BadParameter(f"{published!r} is not a date; write YYYY-MM-DD (or an ISO date-time), "
                                     "e.g. 2025-08-21", param_hint="--published") from None
    if page_url is not None and not page_url.startswith(("http://", "https://")):
        raise click.BadParameter(f"{page_url!r} is not a web address; give one starting with https://",
                                 param_hint="--url")
    return Meta(published=published, url=page_url, source=outlet.strip() if outlet else None)


def _partitions_said(res: Any) -> None:
    click.echo(f"{res.partitions} partition(s) done, {res.skipped_partitions} already finished, "
               f"{res.failed_partitions} failed", err=True)


@main.command()
@with_inputs
@click.option("--pretty", is_flag=True, help="Indent the JSON (one record then spans several lines).")
def extract(paths: tuple[str, ...], fmt: str, model: str | None, batch_size: int, workers: int | None,
            scheduler: str | None, dask_workers: int | None, no_site_memory: bool, published: str | None,
            outlet: str | None, page_url: str | None, pretty: bool) -> None:
    """Extract stories from PATHS (files, folders, globs, or - for stdin) as JSON Lines on stdout.

    \b
    Examples:
      newsgraph extract scrape.txt
      newsgraph extract --from jsonl dump.jsonl.gz > records.jsonl
      cat page.html | newsgraph extract --from html -
    """
    from .ingest import IngestResult, extract_records
    from .sources import Reject

    dask = _dask_args(paths, workers, scheduler, dask_workers)
    meta = _meta(published, page_url, dask, outlet)
    fails = Failures()
    res = IngestResult()
    out = sys.stdout
    with _model_errors():
        for item in extract_records(paths, fmt=fmt, model=model, workers=workers, batch_size=batch_size,
                                    site_memory=not no_site_memory, scheduler=scheduler, dask_workers=dask_workers,
                                    warn=_warn, result=res, meta=meta):
            if isinstance(item, Reject):
                fails.report(str(item))
                continue
            out.write(json.dumps(item.to_dict(), ensure_ascii=False, indent=2 if pretty else None) + "\n")
    out.flush()
    if dask:
        _partitions_said(res)
    sys.exit(1 if fails.count else 0)


@main.command()
@with_inputs
@click.option("--db", default=DB_DEFAULT, show_default=True, help=DB_HELP)
@click.option("--replace", is_flag=True, help="Re-extract stories already stored and overwrite their records.")
@click.option("--commit-every", default=64, show_default=True, type=click.IntRange(1, 100_000),
              help="Stories per transaction.")
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
@click.option("--out", "out_dir", default=None,
              help="With --scheduler/--dask-workers: each partition writes Parquet tables into this folder instead "
                   "of a store.")
def ingest(paths: tuple[str, ...], fmt: str, model: str | None, batch_size: int, workers: int | None,
           scheduler: str | None, dask_workers: int | None, no_site_memory: bool, published: str | None,
           outlet: str | None, page_url: str | None, db: str, replace: bool, commit_every: int, quiet: bool,
           out_dir: str | None) -> None:
    """Extract stories from PATHS into a SQLite store (idempotent: re-ingesting adds nothing).

    \b
    Examples:
      newsgraph ingest scrapes/ --db news.db
      newsgraph ingest --from warc crawl.warc.gz --db news.db
    """
    from .ingest import IngestError, write_partitions
    from .ingest import ingest as run_ingest

    dask = _dask_args(paths, workers, scheduler, dask_workers)
    meta = _meta(published, page_url, dask, outlet)
    fails = Failures()
    kw: dict[str, Any] = dict(fmt=fmt, model=model, batch_size=batch_size, site_memory=not no_site_memory,
                              scheduler=scheduler, dask_workers=dask_workers, on_reject=fails.report)
    if out_dir:
        if not dask:
            raise click.UsageError("--out writes partitions of a Dask run; add --scheduler ADDRESS or --dask-workers N")
        res = write_partitions(paths, out_dir, **kw)
        _partitions_said(res)
        sys.exit(1 if fails.count else 0)
    if not dask:
        _check_model(model, workers)
    store = _open_store(db)
    with store, _model_errors(), _progress(not quiet and sys.stderr.isatty()) as prog:
        task = prog.add_task("ingesting", total=None) if prog else None
        try:
            res = run_ingest(paths, store, workers=workers, replace=replace, commit_every=commit_every, warn=_warn,
                             meta=meta,
                             progress=(lambda n: prog.update(task, completed=n)) if prog else None, **kw)
        except IngestError as e:
            click.echo(f"newsgraph: error: {e.cause}", err=True)
            click.echo(f"stored before the error: {e.result.added} new stories, {e.result.seen} already stored",
                       err=True)
            sys.exit(1)
    if dask:
        _partitions_said(res)
    click.echo(f"ingested into {db}: {res.added} new stories, {res.seen} already stored, {fails.count} inputs failed",
               err=True)
    sys.exit(1 if fails.count else 0)


@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("words", nargs=-1, required=True)
@click.option("--db", default=DB_DEFAULT, show_default=True, help=DB_HELP)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit.")
@click.option("--read-by", default=None, type=click.Choice(_EXTRACTORS), metavar="EXTRACTOR",
              help="Only stories this extractor read, as their record's `extractors` says: entities, quotes, "
                   "figures, places, dates, events (a language newsgraph reads), figures:digits, places:gazetteer "
                   "(read language-neutrally). --read-by entities: stories whose names were understood.")
@click.option("--not-read-by", default=None, type=click.Choice(_EXTRACTORS), metavar="EXTRACTOR",
              help="Only stories this extractor did not read. --not-read-by entities: stories in a language "
                   "newsgraph cannot read (or whose model was missing): only digits and gazetteer places were taken.")
def search(words: tuple[str, ...], db: str, limit: int, as_json: bool, read_by: str | None,
           not_read_by: str | None) -> None:
    """Full-text search over titles and text: words as typed (Russia's, U.S., C++), "exact phrases", OR,
    -word or NOT word to leave one out, prefix*. Several arguments are one query.

    \b
    Examples:
      newsgraph search '"car bomb" Colombia' --db news.db
      newsgraph search Russia -Ukraine --db news.db
      newsgraph search Lisboa --not-read-by entities --db news.db   # stories only searched, not understood
    """
    from .store import SearchError

    query = " ".join(words)

    store = _open_store(db, readonly=True)
    try:
        with store:
            hits = store.search(query, limit=limit, read_by=read_by, not_read_by=not_read_by)
    except SearchError as e:
        click.echo(f"newsgraph: error: {e}", err=True)
        sys.exit(2)
    for h in hits:
        if as_json:
            click.echo(json.dumps(h.__dict__, ensure_ascii=False))
        else:
            click.echo(f"{h.id}  {h.published or '-':10.10}  {h.title or '(untitled)'}\n    {h.snippet}")
    if not as_json:
        click.echo(f"{len(hits)} hit(s)", err=True)


@main.command()
@click.argument("article_id")
@click.option("--db", default=DB_DEFAULT, show_default=True, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="The whole record as JSON.")
def show(article_id: str, db: str, as_json: bool) -> None:
    """Show one stored story by its id (or a unique prefix of it)."""
    from .extract.quotes import display_text

    store = _open_store(db, readonly=True)
    art = store.get(article_id)
    if art is None:
        click.echo(f"newsgraph: error: no story with id {article_id!r}; `newsgraph search` finds ids", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(art.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"id:        {art.id}\ntitle:     {art.title or '(untitled)'}\npublished: {art.published or '-'}")
    for s in store.sources(art.id):
        click.echo(f"source:    {s['uri']}" + (f"#{s['record']}" if s["record"] else "") + (f" {s['span']}" if s["span"] else ""))
    click.echo("\n" + art.text + "\n")
    if art.entities:
        click.echo("entities:  " + "; ".join(f"{e.name} ({e.type}, {len(e.mentions)})" for e in art.entities))
    for q in art.quotes:
        click.echo(f"quote:     {q.speaker or q.speaker_text or '?'}: {display_text(q)}")
    for f in art.figures:
        click.echo(f"figure:    {f.category} {f.qualifier} {f.value if f.value is not None else f'{f.low}-{f.high}'}: {f.text}")
    for p in art.places:
        click.echo(f"place:     {p.name} ({p.country}, {p.lat}, {p.lon})")
    for ev in art.events:
        click.echo(f"event:     {ev.type} {ev.acled_subtype or ''} {art.text[ev.span[0]:ev.span[1]][:100]}")
    if art.removed:
        click.echo(f"removed:   {len(art.removed)} line(s): " + ", ".join(sorted({r.kind for r in art.removed})))


@main.command()
@click.option("--db", default=DB_DEFAULT, show_default=True, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Counts as one JSON object.")
def stats(db: str, as_json: bool) -> None:
    """Counts of stories, sources, entities, quotes, figures, places and events in a store."""
    store = _open_store(db, readonly=True)
    counts = store.stats()
    if as_json:
        click.echo(json.dumps(counts))
        return
    for k, v in counts.items():
        click.echo(f"{k:16} {v:>10,}")
    top = store.top_entities(8)
    if top:
        click.echo("most mentioned:  " + ", ".join(f"{n} ({t}, {c})" for n, t, c in top))


@main.command()
@click.option("--db", default=DB_DEFAULT, show_default=True, help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="jsonl: the records; csv/parquet: a folder of tables; gkg: GDELT GKG 2.1; events: ACLED-like CSV.")
@click.option("--out", required=True, help="Output file ('-' for stdout; .gz compresses), or folder for csv/parquet.")
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
def export(db: str, fmt: str, out: str, quiet: bool) -> None:
    """Export a store for analysis, streaming (memory stays flat on any store size).

    \b
    Examples:
      newsgraph export --db news.db --format parquet --out tables/
      newsgraph export --db news.db --format events --out events.csv
      newsgraph export --db news.db --format jsonl --out - | gzip > records.jsonl.gz
      newsgraph export --db news.db --format gkg --out news.gkg.csv
    """
    from .export import export as run_export

    store = _open_store(db, readonly=True)
    show = not quiet and sys.stderr.isatty() and out != "-"
    with store, _progress(show) as prog:
        task = prog.add_task(f"exporting {fmt}", total=store.stats()["articles"]) if prog else None

        def stream():
            for a in store.iter_articles():
                yield a
                if prog is not None:
                    prog.advance(task)

        try:
            counts = run_export(stream(), fmt, out, store.entity_link_ids)
        except (ValueError, RuntimeError, OSError) as e:
            click.echo(f"newsgraph: error: {e}", err=True)
            sys.exit(1)
    click.echo("exported " + ", ".join(f"{v:,} {k}" for k, v in counts.items()) + f" to {out}", err=True)


@main.command()
@click.option("--speaker", default=None, help="Part of the speaker's name (case-insensitive).")
@click.option("--words", default=None, help="Words the quote must contain (case-insensitive).")
@click.option("--db", default=DB_DEFAULT, show_default=True, help=DB_HELP)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per quote.")
def quotes(speaker: str | None, words: str | None, db: str, limit: int, as_json: bool) -> None:
    """Who said what: quotes across the store, newest first, filtered by speaker and words.

    \b
    Example:
      newsgraph quotes --speaker Lavrov --db news.db
    """
    from .store.web_filters import QuoteFilter

    # A speaker is matched by its own name and by its store entity's (store/entity_links.py): "Putin" finds the
    # quotes of stories that name "Vladimir Putin", and the full name finds the stories that only say "Putin".
    with _open_store(db, readonly=True) as store:
        rows = store.quote_rows(QuoteFilter(speaker=speaker, words=words), limit)
    for sp, text, kind, cue, aid, title, pub, sid, sname in rows:
        if as_json:
            click.echo(json.dumps({"speaker": sp, "text": text, "kind": kind, "cue": cue, "article": aid,
                                   "title": title, "published": pub, "entity": sid, "entity_name": sname},
                                  ensure_ascii=False))
        else:
            who = sp or "(unknown)"
            if sname and sp and sname.casefold() != sp.casefold():
                who += f" ({sname})"
            shown = text if kind == "indirect" else f"“{text}”"  # reported speech is not quoted words
            click.echo(f"{who} [{kind}, {cue or '-'}] {shown}\n    {pub or '-'}  {aid}  {title or ''}")
    if not as_json:
        click.echo(f"{len(rows)} quote(s)", err=True)


@main.command()
@click.option("--type", "etype", default=None, help="PERSON, ORG, GPE, LOC, NORP, FAC, EVENT or OTHER.")
@click.option("--name", default=None, help="Part of the name, or of any name a story used for it (case-insensitive).")
@click.option("--links", "show_links", default=None, metavar="ID",
              help="One store entity: each story entity linked to it, with the rule, the reason and the evidence.")
@click.option("--db", default=DB_DEFAULT, show_default=True, help=DB_HELP)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per entity (or per link with --links).")
def entities(etype: str | None, name: str | None, show_links: str | None, db: str, limit: int,
             as_json: bool) -> None:
    """Entities across the store, most stories first: one row per person, organisation, place or country,
    whatever each story called them ("Putin", "Vladimir Putin"; "U.S.", "United States").

    \b
    Examples:
      newsgraph entities --type PERSON --db news.db
      newsgraph entities --links 3f2a9c0d1e2b4a5c --db news.db
    """
    with _open_store(db, readonly=True) as store:
        if show_links:
            _entity_links(store, show_links, limit, as_json)
            return
        rows = store.store_entity_rows(etype, name, limit)
        for sid, sname, stype, kind, key, n in rows:
            names = store.entity_forms(sid)
            if as_json:
                click.echo(json.dumps({"id": sid, "name": sname, "type": stype, "key_kind": kind, "key": key,
                                       "stories": n, "forms": names}, ensure_ascii=False))
            else:
                also = [f for f in names if f != sname]
                click.echo(f"{sid}  {sname:30.30} {stype:6} {n:>6} stories" + (f"  also: {', '.join(also[:6])}"
                                                                                  if also else ""))
    if not as_json:
        click.echo(f"{len(rows)} entit{'y' if len(rows) == 1 else 'ies'}", err=True)


def _entity_links(store: Any, sid: str, limit: int, as_json: bool) -> None:
    rows = store.entity_link_rows(sid, limit)
    for aid, ename, etype, rule, reason, ev_art, ev_s, ev_e, title in rows:
        if as_json:
            click.echo(json.dumps({"article": aid, "entity": ename, "type": etype, "rule": rule, "reason": reason,
                                   "evidence": {"article": ev_art, "span": [ev_s, ev_e]} if ev_art else None},
                                  ensure_ascii=False))
        else:
            ev = f"  evidence {ev_art}[{ev_s}:{ev_e}]" if ev_art else ""
            click.echo(f"{aid}  {ename} ({etype}) -- {rule}: {reason}{ev}\n    {title or ''}")
    if not as_json:
        click.echo(f"{len(rows)} link(s)", err=True)



# -- query options: dates and countries read forgivingly, wrong ones named with what is valid ----------------
def _iso_day(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A YYYY-MM-DD option, checked: '2019-13-45' is a usage error that says what a date looks like."""
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD with a real month (01-12) and day, "
                                 "e.g. 2025-01-31") from None


_COUNTRY_ALIASES = {"uk": "GB", "britain": "GB", "great britain": "GB", "england": "GB", "usa": "US",
                    "america": "US", "united states of america": "US", "u.s.": "US", "u.s.a.": "US", "u.k.": "GB",
                    "russia": "RU", "south korea": "KR", "north korea": "KP", "iran": "IR", "syria": "SY",
                    "vietnam": "VN", "laos": "LA", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ",
                    "drc": "CD", "dr congo": "CD", "congo": "CG", "ivory coast": "CI", "czechia": "CZ",
                    "palestine": "PS", "taiwan": "TW", "moldova": "MD", "turkey": "TR"}


def _country_names() -> dict[str, str]:
    """Country names (pycountry's name, common and official names, and everyday ones) to ISO alpha-2 codes."""
    import pycountry

    names = dict(_COUNTRY_ALIASES)
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                names.setdefault(" ".join(v.split()).casefold(), c.alpha_2)
    return names


def _country(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An ISO 3166-1 alpha-2 code or a country's name ('Colombia' is CO); an unknown one suggests names."""
    import difflib

    import pycountry

    if value is None or not value.strip():
        return None
    v = " ".join(value.split())
    if len(v) == 2 and v.isalpha() and pycountry.countries.get(alpha_2=v.upper()) is not None:
        return v.upper()
    names = _country_names()
    code = names.get(v.casefold())
    if code:
        return code
    close = difflib.get_close_matches(v.casefold(), list(names), n=4, cutoff=0.6)
    hint = ("; did you mean " + ", ".join(f"{n.title()} ({names[n]})" for n in close) + "?") if close else \
        "; give a country's English name or its ISO 3166-1 alpha-2 code, e.g. Colombia or CO"
    raise click.BadParameter(f"{value!r} is not a country known to newsgraph{hint}")


@main.command()
@click.option("--country", default=None, callback=_country,
              help="A country's name or ISO 3166-1 alpha-2 code, e.g. Colombia or CO.")
@click.option("--db", default=DB_DEFAULT, show_default=True, help=DB_HELP)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per place.")
def places(country: str | None, db: str, limit: int, as_json: bool) -> None:
    """Places named in the store, with coordinates and how many stories mention them."""
    with _open_store(db, readonly=True) as store:
        rows = store.place_rows(country, limit)
    for pid, name, cc, adm1, feat, lat, lon, n, m in rows:
        if as_json:
            click.echo(json.dumps({"id": pid, "name": name, "country": cc, "admin1": adm1, "feature": feat, "lat": lat,
                                   "lon": lon, "stories": n, "mentions": m}, ensure_ascii=False))
        else:
            where = f"{lat:.3f}, {lon:.3f}" if lat is not None and lon is not None else "-"
            click.echo(f"{name:30.30} {cc or '--':2} {feat or '':8} {where:>20}  {n} stories, {m} mentions")


def _event_types() -> tuple[str, ...]:
    """The event types a record can carry: PLOVER's of the schema enum, and the types beyond PLOVER."""
    from importlib import resources

    from .extract.events import EXTRA_TYPES

    schema = json.loads(resources.files("newsgraph").joinpath("schema/article.schema.json").read_text("utf-8"))
    return tuple(dict.fromkeys([*schema["properties"]["events"]["items"]["properties"]["type"]["enum"],
                                "MIGRATE", *EXTRA_TYPES]))


class _AnyCase(click.Choice):
    """A choice matched in any case, whose error names the valid values as they are written."""

    def __init__(self, choices: tuple[str, ...]) -> None:
        super().__init__(choices, case_sensitive=False)

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        return f"{value!r} is not one of: " + ", ".join(map(repr, self.choices)) + " (any case)."


def _say_undated(n: int) -> None:
    """A date filter leaves out events with neither an event date nor a publication date: say how many."""
    if n:
        click.echo(f"newsgraph: note: {n} undated event(s) left out by --since/--until (neither the event nor its "
                   "story has a date; ingest with --published DATE to give scrapes one)", err=True)


def _sub_types() -> tuple[str, ...]:
    from .extract.events import LABELS

    return LABELS


@main.command()
@click.option("--type", "etype", default=None, type=_AnyCase(_event_types()), metavar="TYPE",
              help="PLOVER event type (any case), e.g. ASSAULT, PROTEST, MIGRATE; a wrong one lists them all.")
@click.option("--sub-type", "sub_type", default=None, type=_AnyCase(_sub_types()), metavar="TEXT",
              help="ACLED sub-event type, e.g. \"Air/drone strike\", \"Peaceful protest\", or a label beyond ACLED"
                   " (\"Natural disaster\", \"Man-made disaster\", \"Organised crime\", \"Claim of responsibility\","
                   " \"Diplomatic event\"); any case; a wrong one lists them all.")
@click.option("--min-confidence", "min_confidence", default=None, type=click.FloatRange(0, 1), metavar="FLOAT",
              help="Only events at least this confident (0 to 1; default: all). Planned, claimed and denied events"
                   " fall below 0.5.")
@click.option("--country", default=None, callback=_country,
              help="The event place's country: a name or ISO 3166-1 alpha-2 code, e.g. Colombia or CO.")
@click.option("--since", default=None, callback=_iso_day,
              help="Earliest date, YYYY-MM-DD (event date, else publication date). Undated events are left out"
                   " (their count is said on stderr).")
@click.option("--until", default=None, callback=_iso_day, help="Latest date, YYYY-MM-DD.")
@click.option("--db", default=DB_DEFAULT, show_default=True, help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="csv gives the ACLED-like columns of `export --format events`.")
@click.option("--limit", default=1000, show_default=True, type=click.IntRange(1, 10_000_000))
def events(etype: str | None, sub_type: str | None, min_confidence: float | None, country: str | None,
           since: str | None, until: str | None, db: str, fmt: str, limit: int) -> None:
    """Who did what to whom, where and when: coded events, filtered.

    \b
    Example:
      newsgraph events --type ASSAULT --country CO --since 2025-01-01 --format csv --db news.db > events.csv
      newsgraph events --sub-type "air/drone strike" --min-confidence 0.5 --db news.db
    """
    import csv

    from .export.events_out import COLUMNS, event_rows
    from .store.web_filters import EventFilter

    # The events command's dates: the event's, failing that its story's publication day (the web's are the
    # event's only); --until includes date-times of that day.
    flt = EventFilter(type=etype, date_from=since, date_to=until, min_confidence=min_confidence, sub_type=sub_type,
                      country=country, date_fallback_published=True)
    with _open_store(db, readonly=True) as store:
        reads = store.web_reads()
        try:
            hits = reads.event_keys(flt, limit)
            if since or until:
                _say_undated(reads.undated_events(flt))
        finally:
            reads.close()
        wanted: dict[str, set[str]] = {}
        for aid, eid in hits:
            wanted.setdefault(aid, set()).add(eid)
        rows = []
        for aid, eids in wanted.items():
            art = store.get(aid)
            if art is not None:
                rows.extend(r for r in event_rows(art) if r[0] in eids)
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(COLUMNS)
        w.writerows(rows)
    elif fmt == "json":
        for r in rows:
            click.echo(json.dumps(dict(zip(COLUMNS, r, strict=True)), ensure_ascii=False))
    else:
        for r in rows:
            d = dict(zip(COLUMNS, r, strict=True))
            click.echo(f"{d['event_date'] or '-':10} {d['plover_type']:9} {d['sub_event_type'] or '':28.28} "
                       f"{d['location'] or '-':20.20} killed={d['fatalities'] or '-'} {d['notes'][:70]}")
        click.echo(f"{len(rows)} event(s)", err=True)


@main.command()
@click.option("--type", "etype", default=None, type=_AnyCase(_event_types()), metavar="TYPE",
              help="Only incidents of this PLOVER type, e.g. ASSAULT; a wrong one lists them all.")
@click.option("--since", default=None, callback=_iso_day, help="Earliest date, YYYY-MM-DD.")
@click.option("--db", default=DB_DEFAULT, show_default=True, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per disputed incident.")
def disputes(etype: str | None, since: str | None, db: str, as_json: bool) -> None:
    """Where sources disagree: one incident reported by several stories with casualty figures that cannot all
    be true ("at least 17 killed" against "15 killed"). Syndicated copies count as one source."""
    from .crosssource import disputes as find
    from .crosssource import stored_disputes

    with _open_store(db, readonly=True) as store:
        # the incidents tables when ingest left them up to date; --since changes the clustering, so it computes
        found = None if since else stored_disputes(store, etype)
        if found is None:
            found = find(store, since, etype)
    for inc in found:
        claims = [{"article": c.article_id, "title": c.title, "source": c.uri, "killed": c.killed,
                   "killed_text": c.killed_text, "injured": c.injured, "evidence": c.evidence} for c in inc.claims]
        if as_json:
            click.echo(json.dumps({"type": inc.type, "place": inc.place, "country": inc.country,
                                   "first": inc.first.isoformat() if inc.first else None,
                                   "last": inc.last.isoformat() if inc.last else None, "claims": claims},
                                  ensure_ascii=False))
            continue
        click.echo(f"{inc.type} in {inc.place or inc.country or '?'} {inc.first or ''}: {inc.sources} sources disagree")
        for c in claims:
            click.echo(f"    killed {c['killed_text'] or c['killed'] or '-'}, injured {c['injured'] or '-'}  "
                       f"{c['title'] or c['article']}  ({c['source']})\n        {c['evidence'][:150]}")
    if not as_json:
        click.echo(f"{len(found)} disputed incident(s)", err=True)


@main.command()
@click.option("--db", default=DB_DEFAULT, show_default=True,
              help="Store to serve, opened read-only: a SQLite file or a postgresql:// URL.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Keep the default: anything else shares the archive with the network (no login).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve(db: str, host: str, port: int) -> None:
    """A local web app over a store: search, stories with their evidence highlighted, people, quotes,
    events on a map and a timeline, figures across stories; a JSON API under /api with docs at /api/docs.

    \b
    Example:
      newsgraph serve --db news.db     # then open http://127.0.0.1:8000/
      newsgraph serve --db postgresql://user@host/news
    """
    with _open_store(db, readonly=True) as store:  # a missing store or an old schema: a message and exit 1
        try:
            from .web.serve import serve_command
        except ImportError:
            raise click.UsageError('the web app needs its extras: pip install "newsgraph[web]"') from None
        serve_command(store, host, port)


@main.command("config")
@click.option("--json", "as_json", is_flag=True, help="The settings as one JSON object.")
def config_command(as_json: bool) -> None:
    """The settings read from the environment (NEWSGRAPH_CACHE, NEWSGRAPH_GAZETTEER, NEWSGRAPH_EVENTS_MODEL),
    each with where it came from.

    \b
    Example:
      NEWSGRAPH_CACHE=/data/cache newsgraph config
    """
    from .config import settings

    rows = settings().describe()
    if as_json:
        click.echo(json.dumps({name: value or None for name, value, _ in rows}))
        return
    for name, value, came in rows:
        click.echo(f"{name:13s} {value or '-'}  ({came})")


from .cli_watch import register; register(main)  # noqa: E402, E702, I001 - `watch` and `alerts` (cli_watch.py)

if __name__ == "__main__":  # pragma: no cover
    main()
