"""The bibliography's entry style: pybtex's "alpha", with titles as their publishers wrote them.

pybtex lowers every word of a title after the first ("israel-azerbaijan arms trade", "general
warnt vor riesigen drohnenschwärmen"), which mangles proper nouns and German nouns; protecting
each with braces in references.bib would be easy to forget. Registered as "course" and chosen
by bibtex_default_style in _config.yml.
"""

from pybtex.plugin import register_plugin
from pybtex.style.formatting.alpha import Style as AlphaStyle
from pybtex.style.template import field, sentence


class CourseStyle(AlphaStyle):
    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)
        return sentence[title] if as_sentence else title


def register() -> None:
    register_plugin("pybtex.style.formatting", "course", CourseStyle)
