"""The two matchings the scoring rules use.

- :func:`max_matching`: each gold item matched at most once, as many matches as possible
  (entities; gold parties found among predicted parties). Order-independent in its size.
- :func:`greedy_matching`: one-to-one, greedy by overlap (agreements and events).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence


def max_matching(n_pred: int, n_gold: int, edge: Callable[[int, int], bool]) -> dict[int, int]:
    """A maximum bipartite matching {pred index: gold index} (Kuhn's augmenting paths).

    ``edge(p, g)`` says whether prediction ``p`` may match gold item ``g``. Predictions are tried
    in order, gold items in order, so the result is deterministic.
    """
    adjacency = [[g for g in range(n_gold) if edge(p, g)] for p in range(n_pred)]
    gold_to_pred: dict[int, int] = {}

    def augment(p: int, seen: set[int]) -> bool:
        for g in adjacency[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in gold_to_pred or augment(gold_to_pred[g], seen):
                gold_to_pred[g] = p
                return True
        return False

    for p in range(n_pred):
        if adjacency[p]:
            augment(p, set())
    return {p: g for g, p in gold_to_pred.items()}


def greedy_matching(overlaps: Sequence[tuple[int, int, int]]) -> dict[int, int]:
    """One-to-one matching {pred index: gold index}, greedy by overlap.

    ``overlaps`` lists the admissible (pred, gold, overlap) pairs. Pairs are taken by overlap,
    largest first; ties go to the earlier gold item, then the earlier prediction.
    """
    matched: dict[int, int] = {}
    used_gold: set[int] = set()
    for p, g, _ in sorted(overlaps, key=lambda t: (-t[2], t[1], t[0])):
        if p not in matched and g not in used_gold:
            matched[p] = g
            used_gold.add(g)
    return matched
