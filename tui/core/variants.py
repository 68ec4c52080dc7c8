"""Word-level differences inside one claim, N-way: what each member says that the others do not.

Each member is aligned word by word (normalised words, so "U.N."/"UN" or curly quotes never
count as differences) against the other members. A word run of one member that no other
member says in the same place is a variant: `changed` when the closest member says something
else there ("growing" / "mounting"), `number` when that something is a differing number,
`added` when the closest member says nothing there. A word a member drops shows up as the
`added` run of the members that keep it.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.core.models import Variant, VariantKind
from tui.core.normalizing import Token

# Each member is compared with at most this many others: enough to tell a member's own
# wording from a shared one, and it keeps a 100-source claim linear instead of quadratic.
MAX_PARTNERS = 4


def _marks(
    mine: Sequence[Token],
    theirs: Sequence[Token],
    my_words: Sequence[str] | None = None,
    their_words: Sequence[str] | None = None,
) -> tuple[list[VariantKind | None], int]:
    """Per word of `mine`: None when `theirs` says it at that place, else its variant kind.

    `my_words` / `their_words` are the tokens' normal forms when the caller has them already.
    """
    from rapidfuzz.distance import Levenshtein

    opcodes = Levenshtein.opcodes(
        [t.norm for t in mine] if my_words is None else my_words,
        [t.norm for t in theirs] if their_words is None else their_words,
    )
    marks: list[VariantKind | None] = ["added"] * len(mine)
    matched = 0
    for opcode in opcodes:
        op, i1, i2 = opcode.tag, opcode.src_start, opcode.src_end
        j1, j2 = opcode.dest_start, opcode.dest_end
        if op == "equal":
            for i in range(i1, i2):
                marks[i] = None
            matched += i2 - i1
        elif op == "replace":
            their_numbers = any(t.number for t in theirs[j1:j2])
            for i in range(i1, i2):
                marks[i] = "number" if mine[i].number and their_numbers else "changed"
    return marks, matched


def find_variants(members: Sequence[tuple[str, tuple[Token, ...]]]) -> tuple[Variant, ...]:
    """Variants of every member (sentence id, its tokens) against the other members.

    Each member is aligned with its closest partner (most shared words) among up to
    MAX_PARTNERS others; a word any partner also says is not a variant.
    """
    variants: list[Variant] = []
    words = [[t.norm for t in tokens] for _, tokens in members]
    norms = [frozenset(w) for w in words]
    for m, (sentence_id, tokens) in enumerate(members):
        partners = [n for n in range(min(len(members), MAX_PARTNERS + 1)) if n != m][:MAX_PARTNERS]
        if not tokens or not partners:
            continue
        said = frozenset().union(*(norms[n] for n in partners))
        if norms[m] <= said:
            continue  # every word is said by a partner (a copy, say): no variant
        closest = max(partners, key=lambda n: (len(norms[m] & norms[n]), -n))
        marks, _ = _marks(tokens, members[closest][1], words[m], words[closest])
        final = [None if t.norm in said else mark for t, mark in zip(tokens, marks, strict=True)]
        # "more than" against "Over" is one changed run, not a changed word and an added one:
        # spread "changed" over the added words next to it, both ways.
        for indices in (range(1, len(final)), range(len(final) - 2, -1, -1)):
            step = 1 if indices.step > 0 else -1
            for i in indices:
                if final[i] == "added" and final[i - step] == "changed":
                    final[i] = "changed"
        run_start = None
        for i in range(len(tokens) + 1):
            kind = final[i] if i < len(tokens) else None
            if run_start is not None and (kind is None or kind != final[run_start]):
                run_kind = final[run_start]
                assert run_kind is not None
                variants.append(
                    Variant(sentence_id, tokens[run_start].start, tokens[i - 1].end, run_kind)
                )
                run_start = None
            if kind is not None and run_start is None:
                run_start = i
    return tuple(variants)
