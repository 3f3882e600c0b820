"""The theme's largest stylesheets without the rules no page of the site can use.

Every page must fetch its stylesheets before it can be drawn. pydata-sphinx-theme's
stylesheet carries all of Bootstrap and Font Awesome (65 KB gzipped, most of it carousels,
modals, grid utilities and 2,000 icon classes the course never shows), and sphinx-design's
carries every component of that extension. After a build, this drops each rule whose every
selector names a class or id that appears nowhere in the built pages or in any of the site's
scripts (which is how the theme's scripts name the classes they add, such as `show`), the
usual test of tools like PurgeCSS. Bootstrap builds the class names of tooltips and popovers
from parts at run time, so those rules always stay.

Sphinx copies the theme's original files into the build whenever it writes a page, so trimming
starts afresh from them; a rebuild that writes no page copies nothing, and the files stay as the
last build trimmed them (trimming them again changes nothing).
"""

from __future__ import annotations

import re
from pathlib import Path

import tinycss2

# Relative to the built site's _static/: the stylesheets worth trimming (the rest are small).
# theme.css holds only `@import "../basic.css"`, a second round trip before the first paint:
# the import is replaced by the (trimmed) file it names.
STYLESHEETS = ("styles/theme.css", "styles/pydata-sphinx-theme.css", "sphinx-design.min.css", "mystnb.*.css")
# Class names Bootstrap assembles from parts (`bs-${name}-auto`), which no text spells out.
ASSEMBLED = ("bs-tooltip", "bs-popover", "tooltip", "popover")
WORD = re.compile(r"[A-Za-z_][\w-]*")
# Functional pseudo-classes (:not(.x), :is(...)) and attribute tests do not require a name to
# be present for the selector to match, so they are left out of the test.
NESTED = re.compile(r"\([^()]*\)|\[[^\]]*\]")
NAMES = re.compile(r"[.#](-?[A-Za-z_][\w-]*)")
LICENCE = re.compile(r"copyright|licen[cs]e", re.IGNORECASE)


def words_in(texts: list[str]) -> set[str]:
    words = set()
    for text in texts:
        words |= set(WORD.findall(text))
    return words


def selector_can_match(selector: str, words: set[str]) -> bool:
    while NESTED.search(selector):
        selector = NESTED.sub("", selector)
    return all(name in words or name.startswith(ASSEMBLED) for name in NAMES.findall(selector))


def _serialize(rule) -> str:
    return rule if isinstance(rule, str) else tinycss2.serialize([rule])


def _kept(nodes, words: set[str]) -> list:
    kept = []
    for node in nodes:
        if node.type == "qualified-rule":
            selectors = tinycss2.serialize(node.prelude).split(",")
            if any(selector_can_match(s, words) for s in selectors):
                kept.append(node)
        elif (
            node.type == "at-rule"
            and node.content is not None
            and node.lower_at_keyword in ("media", "supports", "layer", "container")
        ):
            inner = _kept(tinycss2.parse_rule_list(node.content, skip_whitespace=True), words)
            if inner:
                kept.append(
                    f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}{{{''.join(map(_serialize, inner))}}}"
                )
        elif node.type == "comment":
            if node.value.startswith("!") or LICENCE.search(node.value):
                kept.append(node)  # a licence or copyright notice stays with the code it covers
        elif node.type != "whitespace":
            kept.append(node)  # @font-face, @keyframes, @charset, ...
    return kept


def _imported(node, folder: Path | None) -> Path | None:
    """The local file an @import rule names, if it has one."""
    if folder is None or node.type != "at-rule" or node.lower_at_keyword != "import":
        return None
    target = next((t for t in node.prelude if t.type in ("string", "url")), None)
    path = folder / target.value if target is not None else None
    return path if path is not None and path.is_file() else None


def trim(css: str, words: set[str], folder: Path | None = None) -> str:
    """`css` without the rules that can match nothing named in `words`; an @import of a file
    in `folder` is replaced by that file, trimmed."""
    kept = []
    for node in tinycss2.parse_stylesheet(css, skip_whitespace=True):
        imported = _imported(node, folder)
        if imported is not None:
            kept.append(trim(imported.read_text(encoding="utf-8"), words, imported.parent))
        else:
            kept += _kept([node], words)
    return "".join(map(_serialize, kept))


def trim_site(site: Path, pages_and_scripts: list[str]) -> dict[str, tuple[int, int]]:
    """Trim the theme's large stylesheets in a built site, in place, keeping what the pages and
    scripts given can use; each one's size before and after."""
    static = site / "_static"
    words = words_in(pages_and_scripts)
    sizes = {}
    for pattern in STYLESHEETS:
        for path in sorted(static.glob(pattern)):
            before = path.read_text(encoding="utf-8")
            path.write_text(trim(before, words, path.parent), encoding="utf-8")
            sizes[path.relative_to(static).as_posix()] = (len(before), path.stat().st_size)
    return sizes
