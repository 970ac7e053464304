"""The Indeed-style XML job feed of contract §6, plain and gzip."""

from __future__ import annotations

import gzip
from xml.sax.saxutils import escape

from tap_paradox.sandbox.seed_data import ANCHOR_MICROS, rfc2822

# A job element the feed always carries without a referencenumber: clients skip and log it.
_BROKEN_JOB = "  <job><title>Seasonal Helper (no id)</title><city>Dallas</city></job>\n"


def _cdata(text: str) -> str:
    # "]]>" cannot appear inside one CDATA section, so it is split across two.
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _element(name: str, text: str, as_cdata: bool) -> str:
    if text == "":
        return f"<{name}/>" if not as_cdata else f"<{name}>{_cdata('')}</{name}>"
    body = _cdata(text) if as_cdata else escape(text)
    return f"<{name}>{body}</{name}>"


def render_feed(publisher: str, site: str, jobs: list[dict]) -> bytes:
    """The whole feed document; every third job uses escaped text instead of CDATA."""
    # Limitation: the document is built and cached whole in memory (100 000 jobs: about 90 MB
    # plain, 5 MB gzip, 4 s to build on first fetch) rather than streamed while rendering.
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<source>\n',
        f"  <publisher>{escape(publisher)}</publisher>\n",
        f"  <publisherurl>{escape(site)}</publisherurl>\n",
        f"  <lastBuildDate>{rfc2822(ANCHOR_MICROS)}</lastBuildDate>\n",
    ]
    for position, job in enumerate(jobs):
        as_cdata = position % 3 != 1
        children = "".join(
            _element(name, text, as_cdata)
            for name, text in job.items()
            if text is not None and not name.startswith("_")
        )
        parts.append(f"  <job>{children}</job>\n")
        if position == 2:
            parts.append(_BROKEN_JOB)
    parts.append("</source>\n")
    return "".join(parts).encode("utf-8")


def gzip_feed(document: bytes) -> bytes:
    """The gzip file variant of the feed (mtime fixed, so the bytes are deterministic)."""
    return gzip.compress(document, compresslevel=6, mtime=0)
