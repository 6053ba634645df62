"""Finding a solution as staff type: "flyt", "gult kort", "boligstotte", "maal"...

Case-insensitive; æ, ø, å match ae, oe, aa and also a, o, a (and é matches e); every word
typed must be the start of a word of the title, a keyword, the provider or the area's name.
Ranking: a match in the title beats one in a keyword, which beats the area; among equals the
solution handed out more often comes first, then the shorter title.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from skranke.catalog import Catalog, Solution
from skranke.vocabulary import Vocabulary

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ü": "u", "ö": "oe", "ä": "ae"})
# Also how people type on a keyboard without æøå: "boligstotte", "lagevalg".
_PLAIN = str.maketrans({"æ": "a", "ø": "o", "å": "a"})
_WORD = re.compile(r"[a-z0-9]+")

# Weights per kind of field a word matched in: title > keyword > provider/area.
_TITLE, _KEYWORD, _OTHER = 100, 40, 10


def fold(text: str) -> str:
    """Lower case, Danish letters spelled out, other accents dropped: "Børne-ydelse" →
    "boerne-ydelse"."""
    text = text.lower().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def index_words(text: str) -> list[str]:
    """The words of ``text`` in both spellings: "støtte" → ["stoette", "stotte"]."""
    spelled = words(text)
    plain = _WORD.findall(fold(text.lower().translate(_PLAIN)))
    return spelled + [w for w in plain if w not in spelled]


@dataclass(frozen=True, slots=True)
class _Entry:
    solution: Solution
    title_words: tuple[str, ...]
    title: str  # folded, for "starts with the whole query"
    keyword_words: tuple[str, ...]
    keyword_phrases: tuple[str, ...]
    other_words: tuple[str, ...]


class SolutionIndex:
    """Built once per catalogue; ``search`` is called on every keystroke."""

    def __init__(self, catalog: Catalog, vocabulary: Vocabulary, language: str = "da") -> None:
        self._language = language
        entries = []
        for solution in catalog.solutions:
            title = solution.title(language)
            others = [solution.provider]
            for area_id in solution.areas:
                area = vocabulary.area(area_id)
                others += [area.da, area.en]
            keyword_words = [w for k in solution.keywords for w in index_words(k)]
            entries.append(
                _Entry(
                    solution=solution,
                    title_words=tuple(index_words(title) + index_words(solution.title_da)),
                    title=" ".join(words(title)),
                    keyword_words=tuple(keyword_words),
                    keyword_phrases=tuple(" ".join(words(k)) for k in solution.keywords),
                    other_words=tuple(w for o in others for w in index_words(o)),
                )
            )
        self._entries = tuple(entries)

    def search(
        self, query: str, *, usage: Mapping[str, int] | None = None, limit: int = 20
    ) -> list[Solution]:
        """Solutions matching every word of ``query``, best first."""
        terms = words(query)
        if not terms:
            return []
        phrase = " ".join(terms)
        usage = usage or {}
        scored: list[tuple[int, int, int, str, Solution]] = []
        for entry in self._entries:
            score = 0
            for term in terms:
                best = _best(term, entry)
                if best == 0:
                    break
                score += best
            else:
                if entry.title.startswith(phrase):
                    score += _TITLE
                if any(p.startswith(phrase) for p in entry.keyword_phrases):
                    score += _KEYWORD // 2
                solution = entry.solution
                scored.append(
                    (-score, -usage.get(solution.id, 0), len(entry.title), solution.id, solution)
                )
        scored.sort(key=lambda item: item[:4])
        return [item[4] for item in scored[:limit]]


def _best(term: str, entry: _Entry) -> int:
    """The weight of the best field in which a word starts with ``term``; 0 for none."""
    if any(w.startswith(term) for w in entry.title_words):
        exact = term in entry.title_words
        return _TITLE + (10 if exact else 0)
    if any(w.startswith(term) for w in entry.keyword_words):
        return _KEYWORD + (5 if term in entry.keyword_words else 0)
    if any(w.startswith(term) for w in entry.other_words):
        return _OTHER
    return 0
