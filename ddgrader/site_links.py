"""Links in a student notebook point at the course website, not at files beside the master.

An exercise master links the course's pages as files of the source repository
(`[Python for this course](../practice/python-toolkit.md)`), which the book build turns into
links between pages of the website. A released notebook travels alone: to Colab, to a
learning platform, to a student's downloads folder, where such a link leads nowhere. So the
release writes each link to a page of the book as that page's address on the published site
(`html.baseurl` in `_config.yml`).
"""

from __future__ import annotations

import posixpath
import re

import nbformat
import yaml

from . import ROOT

CONFIG = ROOT / "_config.yml"
# A Markdown link whose target is a relative path to a book page: [text](../practice/page.md#part)
PAGE_LINK = re.compile(r"\]\((?P<path>(?![a-z][a-z0-9+.-]*:|/|#)[^)\s#]+\.(?:md|ipynb))(?P<anchor>#[^)\s]*)?\)")


class SiteLinkError(ValueError):
    pass


def site_url() -> str:
    """The published site's address, ending in a slash."""
    url = (yaml.safe_load(CONFIG.read_text(encoding="utf-8")).get("html") or {}).get("baseurl") or ""
    if not url.startswith("https://"):
        raise SiteLinkError(f"{CONFIG}: html.baseurl should be the published site's https:// address, not {url!r}")
    return url.rstrip("/") + "/"


def page_address(target: str, folder: str, site: str) -> str:
    """The site address of the page at `target`, a path relative to `folder` of the repository."""
    path = posixpath.normpath(posixpath.join(folder, target))
    if path.startswith("../"):
        raise SiteLinkError(f"the link {target!r} in {folder}/ points outside the course repository")
    return site + posixpath.splitext(path)[0] + ".html"


def with_site_links(notebook: nbformat.NotebookNode, folder: str, site: str | None = None) -> nbformat.NotebookNode:
    """The notebook, its Markdown cells' links to book pages made absolute. `folder` is where
    the master lives in the repository (e.g. "exercises")."""
    site = site or site_url()
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = PAGE_LINK.sub(
                lambda m: f"]({page_address(m['path'], folder, site)}{m['anchor'] or ''})", cell.source
            )
    return notebook
