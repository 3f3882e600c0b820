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
STYLESHEETS = ("styles/pydata-sphinx-theme.css", "sphinx-design.min.css")
# Class names Bootstrap assembles from parts (`bs-${name}-auto`), which no text spells out.
ASSEMBLED = ("bs-tooltip", "bs-popover", "tooltip", "popover")
WORD = re.compile(r"[A-Za-z_][\w-]*")
# Functional pseudo-classes (:not(.x), :is(...)) and attribute tests do not require a name to
# be present for the selector to match, so they are left out of the test.
NESTED = re.compile(r"\([^()]*\)|\[[^\]]*\]")
NAMES = re.compile(r"[.#](-?[A-Za-z_][\w-]*)")


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
        elif node.type == "at-rule" and node.content is not None and node.lower_at_keyword in ("media", "supports", "layer", "container"):
            inner = _kept(tinycss2.parse_rule_list(node.content, skip_whitespace=True, skip_comments=True), words)
            if inner:
                kept.append(f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}{{{''.join(map(_serialize, inner))}}}")
        elif node.type != "comment":
            kept.append(node)  # @font-face, @keyframes, @import, custom properties' rules, ...
    return kept


def trim(css: str, words: set[str]) -> str:
    """`css` without the rules that can match nothing named in `words`."""
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    return "".join(map(_serialize, _kept(rules, words)))


def trim_site(site: Path) -> dict[str, tuple[int, int]]:
    """Trim the theme's large stylesheets in a built site, in place; each one's size before and
    after."""
    static = site / "_static"
    texts = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    texts += [p.read_text(encoding="utf-8") for p in static.rglob("*.js") if p.name != "fontawesome.js"]
    words = words_in(texts)
    sizes = {}
    for name in STYLESHEETS:
        path = static / name
        if path.exists():
            before = path.read_text(encoding="utf-8")
            path.write_text(trim(before, words), encoding="utf-8")
            sizes[name] = (len(before), path.stat().st_size)
    return sizes
