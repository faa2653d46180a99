"""Arabic compound names: one word on one list, two or three on another (Abdallah ≡ Abd Allah
≡ عبد الله; Shamsuddin ≡ Shams ud Din). The words come from names/arabic_compounds.json."""

from __future__ import annotations

from functools import cache, lru_cache

from pierce.names.resources import load


@cache
def _table() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], str]:
    data = load("arabic_compounds")
    return (frozenset(data["heads"]), frozenset(data["tails"]), frozenset(data["articles"]),
            frozenset(data["article_tails"]), data["sun_letters"])


@lru_cache(maxsize=100_000)
def join_compounds(tokens: tuple[str, ...], assimilate: bool = False) -> tuple[str, ...]:
    """The tokens with each compound written as one word: a head (abd, abdul, bd) joined to
    the next word and the articles between; a tail (allah, uddin, allh) and an article with
    its tail (ud din, ur rahman) joined to the word before. `assimilate`: the words were
    romanised letter by letter from Arabic script, so a joined word's article before a sun
    letter is written as that letter, as lists pronounce it (bd alrhmn → bdrrhmn, shms aldyn
    → shmsddyn)."""
    heads, tails, articles, article_tails, sun = _table()

    def joined(word: str) -> str:
        if assimilate and len(word) > 3 and word.startswith("al") and word[2] in sun:
            return word[2] + word[2:]
        return word

    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in heads:
            j = i + 1
            while j < len(tokens) - 1 and tokens[j] in articles:
                j += 1
            if j < len(tokens):
                out.append("".join(tokens[i:j]) + joined(tokens[j]))
                i = j + 1
                continue
        if out and token in tails:
            out[-1] += joined(token)
        elif (out and token in articles and i + 1 < len(tokens)
              and tokens[i + 1] in article_tails):
            out[-1] += token + tokens[i + 1]
            i += 1
        else:
            out.append(token)
        i += 1
    return tuple(out)
