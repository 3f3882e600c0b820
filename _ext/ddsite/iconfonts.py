"""The theme's Font Awesome fonts cut down to the icons the built site shows.

pydata-sphinx-theme ships the whole Font Awesome set (about 300 KB of web fonts, 2,000 icons)
and every page fetches it before it is drawn; the course shows about thirty icons. After a
build, this keeps in each font only the glyphs the site can display:

- icons named in a class on any page or in a theme script (`fa-bars`, `fa-github`, ...),
  looked up in the theme's stylesheet (`.fa-bars:before{content:"\\f0c9"}`);
- every other glyph a stylesheet draws itself (the theme's `--pst-icon-*` admonition and
  link icons, any `content:` outside Font Awesome's icon classes).
"""

from __future__ import annotations

import re
from pathlib import Path

import tinycss2
from fontTools import subset

ICON_CLASS = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
# `.fa-name:before` / `.fa-name::before`: Font Awesome's definition of one icon.
ICON_SELECTOR = re.compile(r"^\.(fa-[a-z0-9-]+)::?before$")
# Font Awesome draws with the Private Use Area; text fonts never need these code points.
PRIVATE_USE = range(0xE000, 0xF900)


def _private_use_points(tokens) -> set[int]:
    points = set()
    for token in tokens:
        if token.type == "string":
            points |= {ord(c) for c in token.value if ord(c) in PRIVATE_USE}
        # Blocks ({}, (), []) and functions such as var(--x, "\\f0c9") nest further tokens.
        points |= _private_use_points(getattr(token, "content", None) or getattr(token, "arguments", None) or [])
    return points


def _rules(nodes):
    for node in nodes:
        if node.type == "qualified-rule":
            yield node
        elif node.type == "at-rule" and node.content is not None:
            yield from _rules(tinycss2.parse_rule_list(node.content, skip_whitespace=True))


def _split(stylesheets: list[str]):
    """Each rule's content, as Font Awesome icon definitions (with their icon names) or not."""
    for css in stylesheets:
        for rule in _rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)):
            selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
            icons = [ICON_SELECTOR.match(s) for s in selectors]
            yield ({m.group(1) for m in icons} if all(icons) else None), rule.content


def icon_points(stylesheets: list[str], names: set[str]) -> set[int]:
    """Code points of the Font Awesome icons called `names` (e.g. {"fa-bars"})."""
    return {
        point
        for icons, content in _split(stylesheets)
        if icons and icons & names
        for point in _private_use_points(content)
    }


def glyphs_in_use(stylesheets: list[str], pages_and_scripts: list[str]) -> set[int]:
    """Code points of every icon the site can draw: those named on pages and in scripts, and
    those stylesheets draw themselves."""
    names = set()
    for text in pages_and_scripts:
        names |= set(ICON_CLASS.findall(text))
    return {
        point
        for icons, content in _split(stylesheets)
        if icons is None or icons & names
        for point in _private_use_points(content)
    }


def subset_site(site: Path, pages_and_scripts: list[str]) -> dict[str, tuple[int, int]]:
    """Cut every Font Awesome font under `site` down to the glyphs in use, in place.
    Returns each font's size before and after."""
    static = site / "_static"
    stylesheets = [p.read_text(encoding="utf-8") for p in static.rglob("*.css")]
    points = glyphs_in_use(stylesheets, pages_and_scripts)
    sizes = {}
    for font in sorted(static.glob("vendor/fontawesome/webfonts/fa-*")):
        if font.suffix not in (".woff2", ".ttf"):
            continue
        before = font.stat().st_size
        options = subset.Options()
        options.flavor = "woff2" if font.suffix == ".woff2" else None
        options.layout_features = ["*"]
        options.notdef_outline = True
        loaded = subset.load_font(str(font), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=points)
        subsetter.subset(loaded)
        subset.save_font(loaded, str(font), options)
        sizes[font.name] = (before, font.stat().st_size)
    return sizes
