"""Readers and format detection on hand-made inputs: HTML, WARC, RSS/Atom, gzip, folders, stdin, bad input."""

from __future__ import annotations

import gzip
import io
import sys
import uuid
from collections import Counter
from pathlib import Path

import pytest

from newsgraph.sources import Document, Reject, detect_format, read, read_one
from newsgraph.sources.base import InputError
from newsgraph.sources.decode import decode, decode_html
from newsgraph.sources.html import MAX_DEPTH, Block, extract_html, filter_blocks, html_to_text, nesting_depth
from newsgraph.sources.warc import read_warc

PARA1 = ("The river burst its banks early on Sunday, flooding the low streets of the market town and forcing "
         "dozens of families to leave their homes before dawn.")
PARA2 = ("Volunteers filled sandbags outside the library while the fire brigade pumped water from cellars, and the "
         "council opened the sports hall as a shelter for the night.")
PARA3 = ("Engineers said the old flood wall had been due for repair for years, and that the money promised after "
         "the last flood had never arrived.")

PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>River floods market town | The Valley Courier</title>
<meta property="article:published_time" content="2024-02-11T07:30:00Z">
<link rel="canonical" href="https://courier.example/news/river-floods-town">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>River floods market town</h1>
<p>{PARA1}</p>
<figure><img src="flood.jpg" alt=""><figcaption>Water covers the square in front of the town hall.</figcaption></figure>
<p>{PARA2}</p>
<h2>Why was the wall not repaired?</h2>
<p>{PARA3}</p>
<ul class="related">
<li><a href="/a">Bridge closed after lorry crash on the bypass</a></li>
<li><a href="/b">School wins national chess final in the capital</a></li>
<li><a href="/c">New bakery opens on the high street this spring</a></li>
</ul>
</article>
<footer><p>All rights reserved.</p></footer>
</body></html>"""


# --- format detection: content first, the name only as a tie-breaker


@pytest.mark.parametrize(
    ("head", "name", "fmt"),
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "crawl.txt", "warc"),
        (b"<!DOCTYPE html><html><head>", "page.txt", "html"),
        (b"\n\n  <!-- saved page -->\n<html lang='en'><body>", "x", "html"),
        (b"<div class='story'><p>Hello</p></div>", "x.dat", "html"),
        (b'<?xml version="1.0"?>\n<!-- a comment -->\n<?xml-stylesheet href="s.xsl"?>\n<rss version="2.0">', "f", "feed"),
        (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">', "f", "feed"),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', "f", "feed"),
        (b'{"id": "1", "text": "hello"}\n{"id": "2", "text": "again"}\n', "dump.txt", "jsonl"),
        (b"Plain words of a story.\nAnother line.\n", "story.html", "text"),
        (b"Plain words of a story.\n", "notes", "text"),
        ("<html><body><p>wide</p></body></html>".encode("utf-16-le"), "x", "html"),
        ('<?xml version="1.0"?><rss>'.encode("utf-16"), "x", "feed"),
    ],
)
def test_detect_format_from_content(head: bytes, name: str, fmt: str) -> None:
    assert detect_format(head, name) == fmt


def test_detect_format_name_breaks_ties() -> None:
    assert detect_format(b"", "archive.warc.gz") == "warc"
    assert detect_format(b"", "x.jsonl") == "jsonl"


# --- HTML


def test_html_keeps_headings_as_lines_and_drops_title_and_link_lists() -> None:
    page = extract_html(PAGE, "https://courier.example/x")
    lines = page.text.splitlines()
    assert lines[0] == PARA1  # the <h1> repeats the title, which is metadata already
    assert "Why was the wall not repaired?" in lines
    assert page.headings == ["Why was the wall not repaired?"]
    assert PARA2 in lines and PARA3 in lines
    assert not any("chess" in ln for ln in lines)
    assert page.captions == ["Water covers the square in front of the town hall."]
    assert page.title and page.title.startswith("River floods market town")
    assert page.date == "2024-02-11"
    assert page.url == "https://courier.example/news/river-floods-town"


def test_filter_blocks_drops_link_lists_teasers_and_leaked_metadata() -> None:
    blocks = [
        Block("River floods market town", "head"),
        Block(PARA1, "p"),
        Block("https://cdn.courier.example/img/flood-1200.jpg", "p"),
        Block("2024-02-11T07:30:00+00:00", "p"),
        Block("Bridge closed after lorry crash", "head", link_chars=27),
        Block(PARA2, "p", link_chars=12),
        Block("School wins chess final", "item", link_chars=20, group=1),
        Block("New bakery opens", "item", link_chars=14, group=1),
        Block("Sports hall stays open", "item", link_chars=19, group=1),
        Block("First step: fill the sandbags", "item", group=2),
        Block("Second step: block the doors", "item", group=2),
        Block("https://www.environment.example/flood-report-2023", "p", link_chars=45),
    ]
    kept, dropped = filter_blocks(blocks, "River floods market town - The Valley Courier")
    assert [b.text for b in kept] == [PARA1, PARA2, "First step: fill the sandbags", "Second step: block the doors",
                                      "https://www.environment.example/flood-report-2023"]
    kinds = dict(dropped)
    assert kinds["School wins chess final"] == "navigation"
    assert kinds["Bridge closed after lorry crash"] == "teaser"
    assert "River floods market town" in kinds


def test_filter_blocks_drops_a_widget_after_the_story_but_not_a_long_list() -> None:
    tail = [Block("More from the Courier", "head"), Block("Bridge reopens", "p", 14, 0),
            Block("Chess final tonight", "p", 19, 0), Block("Stay in touch", "head")]
    kept, dropped = filter_blocks([Block(PARA1, "p"), Block(PARA2, "p"), *tail], None)
    assert [b.text for b in kept] == [PARA1, PARA2]
    assert {t for t, _ in dropped} == {b.text for b in tail}
    results = [Block(f"Heat {n}: lane {n} won in {50 + n}.{n}0 seconds", "item", group=1) for n in range(1, 10)]
    kept, _ = filter_blocks([Block(PARA1, "p"), Block("Results", "head"), *results], None)
    assert len(kept) == 11


def test_filter_blocks_drops_byline_and_dateline_above_the_story_only() -> None:
    blocks = [Block("By Mara Quill", "p"), Block("Updated: 12 February 2024, 9:40 am", "p"),
              Block("6 min read", "p"), Block("The day the water came", "head"), Block(PARA1, "p"),
              Block("Mara Quill", "p"), Block(PARA2, "p")]
    kept, dropped = filter_blocks(blocks, None, author="Mara Quill")
    assert [b.text for b in kept] == ["The day the water came", PARA1, "Mara Quill", PARA2]
    assert all(kind == "credit" for _, kind in dropped) and len(dropped) == 3


def test_filter_blocks_drops_the_pages_own_address_and_repeated_title() -> None:
    title = "Flood defences to be rebuilt"
    blocks = [Block("https://courier.example/news/flood/", "p"), Block(title, "head"), Block(PARA1, "p"),
              Block(title, "p"), Block(PARA2, "p")]
    kept, _ = filter_blocks(blocks, title, urls=("https://courier.example/news/flood",))
    assert [b.text for b in kept] == [PARA1, PARA2]


def test_widgets_named_by_class_inside_the_article_are_pruned() -> None:
    page = f"""<html><body><div class="site has-popup"><article><h1>Flood</h1><p>{PARA1}</p>
    <div class="post-cta"><h4>Worried about floods?</h4><p>Book a call with our advisers today.</p></div>
    <div class="mc4wp-form"><p>Get our weekly letter in your inbox.</p></div>
    <p>{PARA2}</p><nav class="toc"><p>Contents</p></nav></article></div></body></html>"""
    # the wrapper's class says "popup" but it holds the story: it stays
    assert extract_html(page).text.splitlines() == [PARA1, PARA2]


def test_a_container_named_like_a_widget_keeps_its_story_behind_script_text() -> None:
    # Kilobytes of script made the wrapper look small beside the "page"; four paragraphs say it is the story.
    script = "<script>var config = {" + "'key': 'value', " * 3000 + "};</script>"
    paras = [PARA1, PARA2, PARA3, PARA1.replace("Sunday", "Monday")]
    page = (f"<html><head><title>Flood</title></head><body>{script}<div class=\"sticky-table-of-content\">"
            + "".join(f"<p>{p}</p>" for p in paras)
            + "</div><div class=\"newsletter-signup\"><p>Get our weekly letter in your inbox.</p></div></body></html>")
    lines = extract_html(page).text.splitlines()
    assert lines[:4] == paras
    assert "Get our weekly letter in your inbox." not in lines


def test_html_to_text_keeps_its_contract() -> None:
    text, title, date = html_to_text(PAGE)
    assert PARA3 in text.splitlines()
    assert title is not None and date == "2024-02-11"


def test_html_fragment_from_a_feed_is_read() -> None:
    assert extract_html("<p>The mayor resigned on Friday.</p>").text == "The mayor resigned on Friday."


def test_deeply_nested_html_is_refused_clearly() -> None:
    deep = "<html><body>" + "<div>" * 20000 + "<p>deep</p>" + "</div>" * 20000 + "</body></html>"
    assert nesting_depth(deep) > MAX_DEPTH
    assert nesting_depth(PAGE) < 20
    with pytest.raises(InputError, match="nested deeper"):
        extract_html(deep)


def test_deep_html_is_a_reject_and_the_run_goes_on(tmp_path: Path) -> None:
    from newsgraph.pipeline import Pipeline

    (tmp_path / "a_deep.html").write_text("<html><body>" + "<span>" * 5000 + "x" + "</span>" * 5000 + "</body></html>")
    (tmp_path / "b_good.html").write_text(PAGE)
    out = list(Pipeline().stories(read([str(tmp_path)])))
    assert isinstance(out[0], Reject) and "nested deeper" in out[0].reason
    assert any(not isinstance(s, Reject) and PARA1 in s.text for s in out[1:])


def test_html_bytes_follow_the_declared_charset() -> None:
    raw = '<html><head><meta charset="windows-1252"></head><body><p>Café “quoted”</p></body></html>'
    html = decode_html(raw.encode("cp1252"), "x")
    assert "Café “quoted”" in html


# --- WARC, written by hand so the test needs no network and no archive files


def _warc_record(wtype: str, uri: str | None, block: bytes, ctype: str) -> tuple[bytes, str]:
    rid = f"<urn:uuid:{uuid.uuid4()}>"
    head = f"WARC/1.0\r\nWARC-Type: {wtype}\r\nWARC-Record-ID: {rid}\r\nWARC-Date: 2024-02-11T08:00:00Z\r\n"
    if uri:
        head += f"WARC-Target-URI: {uri}\r\n"
    head += f"Content-Type: {ctype}\r\nContent-Length: {len(block)}\r\n\r\n"
    return head.encode() + block + b"\r\n\r\n", rid


def _http(body: bytes, ctype: str = "text/html; charset=utf-8", status: str = "200 OK") -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body


def _archive() -> tuple[list[bytes], list[str]]:
    resp = "application/http; msgtype=response"
    recs = [
        _warc_record("warcinfo", None, b"software: hand-made\r\n", "application/warc-fields"),
        _warc_record("request", "https://courier.example/a", b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n",
                     "application/http; msgtype=request"),
        _warc_record("response", "https://courier.example/a", _http(PAGE.encode()), resp),
        _warc_record("response", "https://courier.example/logo.png", _http(b"\x89PNG\r\n", "image/png"), resp),
        _warc_record("response", "https://courier.example/gone", _http(b"<html>gone</html>", status="404 Not Found"),
                     resp),
        _warc_record("response", "https://courier.example/b", _http(PAGE.replace("river", "canal").encode()), resp),
    ]
    return [r for r, _ in recs], [rid for _, rid in recs]


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_become_documents(tmp_path: Path, gz: bool) -> None:
    recs, ids = _archive()
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(b"".join(gzip.compress(r) for r in recs) if gz else b"".join(recs))
    stats: Counter = Counter()
    docs = list(read_warc(str(path), str(path), stats))
    assert [d.record for d in docs] == [ids[2], ids[5]]
    assert [d.uri for d in docs] == ["https://courier.example/a", "https://courier.example/b"]
    assert all(d.format == "warc" and d.html and PARA3.split()[0] in d.html for d in docs)
    assert stats["documents"] == 2
    assert stats["warcinfo record(s)"] == 1 and stats["request record(s)"] == 1
    assert stats["image/png response(s)"] == 1 and stats["HTTP 404 response(s)"] == 1
    # through the generic reader, detected from content although named .txt
    renamed = tmp_path / "crawl.txt"
    renamed.write_bytes(path.read_bytes())
    assert [d.record for d in read([str(renamed)])] == [ids[2], ids[5]]


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_keeps_what_was_read(tmp_path: Path, gz: bool) -> None:
    recs, ids = _archive()
    data = b"".join(gzip.compress(r) for r in recs) if gz else b"".join(recs)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(data[: len(data) - 200])
    (tmp_path / "next.txt").write_text(PARA1 + "\n")
    out = list(read([str(path), str(tmp_path / "next.txt")]))
    assert isinstance(out[0], Document) and out[0].record == ids[2]
    assert isinstance(out[1], Reject) and "truncated" in out[1].reason and "1 document(s)" in out[1].reason
    assert isinstance(out[2], Document) and out[2].text.strip() == PARA1


def test_warc_without_html_is_a_clear_reject(tmp_path: Path) -> None:
    rec, _ = _warc_record("warcinfo", None, b"software: x\r\n", "application/warc-fields")
    path = tmp_path / "empty.warc"
    path.write_bytes(rec)
    [rej] = list(read([str(path)]))
    assert isinstance(rej, Reject) and "no HTML response records" in rej.reason and "warcinfo" in rej.reason


# --- feeds

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Courier</title><link>https://courier.example/</link>
<item><title>River floods market town</title><link>https://courier.example/news/1</link>
<guid>courier-1</guid><pubDate>Sun, 11 Feb 2024 07:30:00 GMT</pubDate>
<description><![CDATA[<p>{PARA1}</p><p>{PARA2}</p>]]></description></item>
<item><title>Council meets</title><link>https://courier.example/news/2</link>
<description>The council meets on Tuesday to discuss the repairs.</description></item>
<item><title>Nothing here</title><link>https://courier.example/news/3</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title><id>urn:courier</id>
<updated>2024-02-12T10:00:00Z</updated>
<entry><title>Wall repairs start</title><id>urn:courier:9</id>
<link href="https://courier.example/news/9"/><published>2024-02-12T09:15:00+01:00</published>
<updated>2024-02-12T10:00:00Z</updated><summary>Short summary.</summary>
<content type="html">&lt;p&gt;{PARA3}&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_entries_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(RSS, encoding="utf-8")
    out = list(read([str(path)]))
    first, second, third = out
    assert isinstance(first, Document) and first.format == "feed"
    assert first.uri == first.url == "https://courier.example/news/1" and first.record == "courier-1"
    assert first.title == "River floods market town" and first.published == "2024-02-11T07:30:00Z"
    assert first.html is not None and first.text is None
    assert extract_html(first.html).text.splitlines() == [PARA1, PARA2]
    assert isinstance(second, Document) and second.html is None
    assert second.text == "The council meets on Tuesday to discuss the repairs."
    assert isinstance(third, Reject) and "neither content nor summary" in third.reason


def test_atom_content_wins_over_summary(tmp_path: Path) -> None:
    path = tmp_path / "atom"
    path.write_text(ATOM, encoding="utf-8")
    [doc] = list(read([str(path)]))
    assert isinstance(doc, Document) and doc.record == "urn:courier:9"
    assert doc.published == "2024-02-12T08:15:00Z"
    assert doc.html is not None and PARA3 in doc.html


def test_not_a_feed_is_a_reject(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>nothing", encoding="utf-8")
    [rej] = list(read([str(path)], fmt="feed"))
    assert isinstance(rej, Reject) and "no feed entries" in rej.reason


# --- gzip, folders, globs, stdin


def test_gzip_folders_and_globs(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt.gz").write_bytes(gzip.compress((PARA1 + "\n").encode()))
    (tmp_path / "sub" / "b.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sub" / ".hidden").write_text("skip me")
    docs = list(read([str(tmp_path)]))
    assert [d.format for d in docs] == ["text", "html"]
    assert docs[0].text.strip() == PARA1
    globbed = list(read([str(tmp_path / "sub" / "*.html")]))
    assert len(globbed) == 1 and globbed[0].format == "html"


def test_gzipped_html_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "page.gz"
    path.write_bytes(gzip.compress(PAGE.encode()))
    [doc] = list(read([str(path)]))
    assert isinstance(doc, Document) and doc.format == "html"


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(RSS.encode()))))
    out = list(read(["-"]))
    assert isinstance(out[0], Document) and out[0].format == "feed" and out[0].uri == "https://courier.example/news/1"


def test_stdin_warc_gz_is_streamed_from_a_peek(monkeypatch: pytest.MonkeyPatch) -> None:
    recs, ids = _archive()
    data = b"".join(gzip.compress(r) for r in recs)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    assert [d.record for d in read(["-"])] == [ids[2], ids[5]]


# --- bad input: a clear Reject for that input, and the next one is still read


def test_truncated_gzip_is_rejected_and_run_goes_on(tmp_path: Path) -> None:
    data = gzip.compress(("\n".join([PARA1, PARA2, PARA3]) * 50).encode())
    (tmp_path / "a.txt.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "b.txt").write_text(PARA2 + "\n")
    a, b = list(read([str(tmp_path)]))
    assert isinstance(a, Reject) and "gzip" in a.reason
    assert isinstance(b, Document) and b.text.strip() == PARA2


def test_binary_txt_empty_file_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text(PARA3 + "\n")
    out = list(read([str(tmp_path), str(tmp_path / "nope.txt")]))
    assert isinstance(out[0], Reject) and "binary" in out[0].reason
    assert isinstance(out[1], Reject) and "empty" in out[1].reason
    assert isinstance(out[2], Document)
    assert isinstance(out[3], Reject) and "no such file" in out[3].reason


def test_invalid_utf8_is_replaced_and_said(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"The mayor said caf\xe9 prices rose.\nSecond line.\n")
    [doc] = list(read([str(path)]))
    assert isinstance(doc, Document) and "\ufffd" in doc.text
    assert any("invalid UTF-8" in w for w in doc.warnings)


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path: Path, enc: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes((PARA1 + "\n" + PARA2 + "\n").encode(enc))
    [doc] = list(read([str(path)]))
    assert isinstance(doc, Document) and doc.text.splitlines() == [PARA1, PARA2]
    assert decode((PARA3).encode(enc), "x") == PARA3


def test_fifty_megabytes_without_newline(tmp_path: Path) -> None:
    path = tmp_path / "one_line.txt"
    chunk = b"word " * 1000
    with path.open("wb") as f:
        for _ in range(50 * 1024 * 1024 // len(chunk)):
            f.write(chunk)
    (tmp_path / "z.txt").write_text(PARA1 + "\n")
    big, nxt = list(read([str(tmp_path)]))
    assert isinstance(big, Reject) and "no line break" in big.reason
    assert isinstance(nxt, Document)


def test_a_json_document_is_not_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text('{\n  "items": [\n    {"text": "hello"}\n  ]\n}\n', encoding="utf-8")
    [rej] = list(read([str(path)]))
    assert isinstance(rej, Reject) and "not JSON Lines" in rej.reason


def test_jsonl_bad_line_is_its_own_reject(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": "k", "text": "A line of text."}\nnot json\n', encoding="utf-8")
    out = list(read_one(str(path)))
    assert isinstance(out[0], Document) and out[0].record == "k"
    assert isinstance(out[1], Reject) and "not valid JSON" in out[1].reason


def test_a_saved_page_keeps_its_own_url_beside_the_file_path(tmp_path: Path) -> None:
    from newsgraph.clean import document_stories
    from newsgraph.model import Article, Source

    p = tmp_path / "saved.html"
    p.write_text(PAGE)
    doc = next(d for d in read_one(str(p)) if isinstance(d, Document))
    (story,) = document_stories(doc)
    assert story.uri == str(p) and story.url == "https://courier.example/news/river-floods-town"
    art = Article("x", Source(story.uri, story.format, url=story.url), story.text)
    assert Article.from_dict(art.to_dict()).source.url == story.url
    assert "url" not in Article("y", Source("a.txt"), "text").to_dict()["source"]  # no url: the key stays out
