"""Which sources in references.bib a university library would not accept, and each chapter's share.

A source is weak when its address is an encyclopedia or a mirror of one, a document-sharing
or bookmarking site, a forum or social network, a blog platform, a content farm, an aggregator
or a syndicated repost of someone else's story (cite the original publisher, and say in the
note where you read it); when its title is a bracketed description instead of the work's own
title; or when a reviewer has marked it `quality = {weak: why}`.

    python tools/source_quality.py          each chapter's share, then every weak source it cites
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from pybtex.database import parse_file

ROOT = Path(__file__).resolve().parent.parent
MAX_WEAK_SHARE = 1 / 20
CITE = re.compile(r"\{(?:foot)?cite(?::[a-z]+)?\}`([^`]+)`")

# Hosts (and their subdomains) whose pages are not the original publication of what they carry.
WEAK_HOSTS = {
    # encyclopedias and their mirrors
    "wikipedia.org": "encyclopedia",
    "wikimili.com": "encyclopedia mirror",
    "wikiwand.com": "encyclopedia mirror",
    "wiki.outremer.quest": "encyclopedia mirror",
    "kiwix.org": "encyclopedia mirror",
    "tickerdossier.com": "encyclopedia mirror",
    "wikisum.com": "encyclopedia summary",
    "britannica.com": "encyclopedia",
    "globalsecurity.org": "reference compilation",
    # document sharing, bookmarking, extracts
    "docslib.org": "document-sharing copy",
    "scribd.com": "document-sharing copy",
    "fdocuments.us": "document-sharing copy",
    "vdocument.in": "document-sharing copy",
    "questia.com": "extracts",
    "pinboard.in": "bookmark excerpt",
    "share.snipd.com": "podcast snippet",
    "law-journals-books.vlex.com": "summary service",
    "congressionalresearch.com": "CRS mirror",
    "everycrsreport.com": "CRS mirror",
    # forums, social networks, blog platforms
    "defence.pk": "forum",
    "facebook.com": "social network",
    "reddit.com": "forum",
    "quora.com": "forum",
    "soylentnews.org": "forum",
    "gopbriefingroom.com": "forum",
    "blogspot.com": "blog",
    "medium.com": "blog",
    "hotair.com": "partisan blog",
    "israelandstuff.com": "blog",
    "worldpeacefoundation.org": "anonymous blog post",
    # content farms, aggregators and syndicated reposts
    "exbulletin.com": "content farm",
    "devdiscourse.com": "aggregator",
    "menafn.com": "aggregator",
    "urdupoint.com": "aggregator",
    "pakistanpoint.com": "aggregator",
    "spacewar.com": "aggregator",
    "webjosh.com": "content farm",
    "coron.tech": "aggregator",
    "staging.briefly.co": "aggregator",
    "fvbb.com": "repost",
    "axumawian.com": "repost",
    "armenianclub.com": "repost",
    "breaknlinks.com": "content farm",
    "tricksfast.com": "content farm",
    "pledgetimes.com": "content farm",
    "archyde.com": "content farm",
    "news24-7live.com": "content farm",
    "latestworldnews.live": "content farm",
    "thebreakingnews.today": "content farm",
    "thenewstrace.com": "content farm",
    "einpresswire.com": "press-release wire",
    "ieu-monitoring.com": "aggregator",
    "todaytimeslive.com": "content farm",
    "theindiadaily.com": "content farm",
    "newzintel.com": "content farm",
    "worldstockmarket.net": "content farm",
    "tellerreport.com": "aggregator",
    "onvista.de": "aggregator",
    "marketbeat.com": "aggregator",
    "4-traders.com": "aggregator",
    "iheart.com": "repost",
    "news.mixedtimes.com": "content farm",
    "globaldefense.online": "content farm",
    "techrider.ro": "content farm",
    "theguidenews.ng": "content farm",
    "bunatimes.com": "content farm",
    "deultimominuto.net": "content farm",
    "mejorinformado.com": "content farm",
    "moroccolatestnews.com": "content farm",
    "ksaplayers.com": "content farm",
    "bazaartimes.com": "content farm",
    "sinarpost.com": "repost",
    "myind.net": "repost",
    "hyetert.org": "repost",
    "outlookseries.com": "content farm",
    "tgme.org": "content farm",
    "theenergyrepublic.com": "content farm",
    "monroehelpcpc.net": "content farm",
    "rakbeisrael.buzz": "content farm",
    "thegunpage.com": "content farm",
    "news.yahoo.com": "syndicated repost",
    "whbl.com": "syndicated repost",
    "keyt.com": "syndicated repost",
    "click2houston.com": "syndicated repost",
    "thisistucson.com": "syndicated repost",
    "arkansasonline.com": "syndicated repost",
    "daytondailynews.com": "syndicated repost",
    "gvwire.com": "syndicated repost",
    "pacbiztimes.com": "syndicated repost",
    "archives.lincolndailynews.com": "syndicated repost",
    "business.financialpost.com": "syndicated repost",
    "msn.com": "syndicated repost",
    "mail.europe-arabs.com": "repost",
    "silkway.news": "content farm",
    "moovly.ru": "repost",
    "klamm.de": "syndicated repost",
    "kt10.khaleejtimes.ae": "mirror",
    "core-varnish-new.prod.aop.cambridge.org": "mirror host",
    "sage.cnpereading.com": "mirror",
    "prod-appfeeds.intoday.in": "feed copy",
    "freechinapost.com": "content farm",
    "iafrica.com": "syndicated repost",
    "euroweeklynews.com": "aggregator",
    "newsgram.com": "content farm",
    "latestly.com": "aggregator",
    "hirek.oldal.info": "aggregator",
    "hirlistazo.hu": "aggregator",
    "eturbonews.com": "press-release wire",
    "miragenews.com": "press-release aggregator",
    "uasvision.com": "aggregator of others' reports",
}


def weak_reason(entry) -> str | None:
    """Why a bibliography entry is weak, or None when a library would accept it."""
    fields = {k.lower(): v for k, v in entry.fields.items()}
    if "quality" in fields and fields["quality"].lower().startswith("weak"):
        return fields["quality"]
    if fields.get("title", "").lstrip("{").startswith("["):
        return "bracketed description instead of a title"
    host = (urlsplit(fields.get("url", "")).hostname or "").lower()
    for weak_host, kind in WEAK_HOSTS.items():
        if host == weak_host or host.endswith("." + weak_host):
            return f"{kind} ({host})"
    return None


def chapter_citations(root: Path = ROOT) -> dict[str, set[str]]:
    """Each chapter's file name -> the keys it cites."""
    cited = {}
    for chapter in sorted((root / "chapters").glob("*.md")):
        keys = set()
        for match in CITE.finditer(chapter.read_text(encoding="utf-8")):
            keys |= {k.strip() for k in match.group(1).split(",") if k.strip()}
        cited[chapter.stem] = keys
    return cited


def weak_sources_by_chapter(root: Path = ROOT) -> dict[str, tuple[set[str], dict[str, str]]]:
    """Each chapter -> (the keys it cites, {weak key: why})."""
    entries = parse_file(root / "references.bib").entries
    report = {}
    for chapter, keys in chapter_citations(root).items():
        weak = {k: reason for k in keys if k in entries and (reason := weak_reason(entries[k]))}
        report[chapter] = (keys, weak)
    return report


def main() -> int:
    worst = 0.0
    for chapter, (keys, weak) in weak_sources_by_chapter().items():
        share = len(weak) / len(keys) if keys else 0.0
        worst = max(worst, share)
        print(f"{chapter}: {len(weak)} weak of {len(keys)} sources ({share:.0%})")
        for key, reason in sorted(weak.items()):
            print(f"    {key}: {reason}")
    return 0 if worst <= MAX_WEAK_SHARE else 1


if __name__ == "__main__":
    sys.exit(main())
