"""WARC and WARC.gz input (fastwarc): every HTML response record becomes a Document, streamed one at a time.

Other records (warcinfo, request, metadata, revisit, images, PDFs, error pages) are skipped and counted; the
counts are logged at the end and say why an archive gave nothing. A truncated archive keeps the records read
before the cut and then ends with a clear error for the rest.
"""

from __future__ import annotations

import io
import logging
from collections import Counter
from collections.abc import Iterator
from typing import BinaryIO

from .base import Document, InputError
from .decode import decode_html

log = logging.getLogger(__name__)

# One record's payload is read whole; a page larger than this is not an article.
MAX_RECORD_BYTES = 32 * 1024 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _skip_summary(skipped: Counter) -> str:
    return ", ".join(f"{n} {why}" for why, n in skipped.most_common())


def read_warc(source: bytes | str | BinaryIO, uri: str, stats: Counter | None = None) -> Iterator[Document]:
    """Documents of the HTML responses in a WARC (gzip or not): `source` is a path, an open binary stream or
    the bytes. `stats`, when given, receives the count of documents and of each kind of skipped record."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    if isinstance(source, str):
        # A Python file, not the path: fastwarc picks gzip from a path's name but from a stream's first bytes,
        # and a WARC.gz saved under another name must still be read.
        with open(source, "rb") as f:
            yield from read_warc(f, uri, stats)
        return
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    skipped: Counter = Counter()
    n_docs = 0
    try:
        it = ArchiveIterator(source, parse_http=True, auto_decode="all", fsspec_args=False)
        for rec in it:
            rid = rec.record_id
            target = rec.headers.get("WARC-Target-URI")
            if "Content-Length" not in rec.headers:
                raise InputError(_truncated(rid, target, n_docs))
            if rec.record_type != WarcRecordType.response:
                skipped[f"{rec.record_type} record(s)"] += 1
                continue
            if not rec.is_http:
                skipped["response record(s) without HTTP headers"] += 1
                continue
            status = rec.http_headers.status_code or 0
            if not 200 <= status < 300:
                skipped[f"HTTP {status} response(s)"] += 1
                continue
            ctype = (rec.http_content_type or "").lower()
            if ctype and not ctype.startswith(_HTML_TYPES):
                skipped[f"{ctype} response(s)"] += 1
                continue
            if rec.content_length > MAX_RECORD_BYTES:
                skipped[f"response(s) over {MAX_RECORD_BYTES // 2**20} MiB"] += 1
                continue
            payload = rec.reader.read()
            if len(payload) < rec.content_length:
                # The archive ends inside this record: what is there is a page cut in half.
                raise InputError(_truncated(rid, target, n_docs))
            warnings: list[str] = []
            try:
                html = decode_html(payload, target or uri, warnings, charset=rec.http_charset)
            except InputError as e:
                skipped[f"undecodable response(s) ({e})"] += 1
                continue
            if not html.strip():
                skipped["empty response(s)"] += 1
                continue
            n_docs += 1
            yield Document(uri=target or uri, format="warc", html=html, record=rid, url=target, warnings=warnings)
    except OSError as e:
        # fastwarc reports a damaged gzip member or header as OSError: the archive is cut or corrupt there.
        raise InputError(f"{_truncated(None, None, n_docs)} ({e})") from None
    except BaseException as e:
        # A panic inside fastwarc's Rust code arrives as pyo3's PanicException (a BaseException): it is about
        # this archive, not a reason to stop the run.
        if type(e).__name__ != "PanicException":
            raise
        raise InputError(f"WARC reader failed on this archive ({e}); {n_docs} document(s) were read") from None
    finally:
        if stats is not None:
            stats.update(skipped)
            stats["documents"] += n_docs
        summary = _skip_summary(skipped)
        if summary:
            log.info("%s: %d HTML document(s); skipped %s", uri, n_docs, summary)
    if n_docs == 0:
        detail = _skip_summary(skipped)
        raise InputError("no HTML response records in this WARC" + (f" (skipped {detail})" if detail else ""))


def _truncated(rid: str | None, target: str | None, n_docs: int) -> str:
    where = f" in record {rid}" + (f" ({target})" if target else "") if rid else ""
    return (f"truncated or corrupt WARC{where}: {n_docs} document(s) before it were read, the rest is lost; "
            "re-download the archive")
