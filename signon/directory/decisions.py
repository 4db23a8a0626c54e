"""Which spellings the directory holds as one organisation beyond the name key and country.

A letter's organisers merge spellings ("Amnesty Intl" into "Amnesty International") or mark
two entries as different organisations; on the directory those decisions are offered, never
forced (`suggestions`). An administrator's answer is a `DirectoryDecision`: "merge" joins the
two, "apart" keeps them apart even when other merges would join them.
"""

from collections.abc import Iterable

import sqlalchemy as sa

from signon.directory.models import DirectoryDecision
from signon.storage.extensions import db

# An organisation of one letter's list, across letters: (country, name key).
Node = tuple[str, str]
Pair = tuple[Node, Node]


def pair(a: Node, b: Node) -> Pair:
    """Two nodes in the order the table keeps them."""
    return (a, b) if a <= b else (b, a)


class Unions:
    """Nodes joined by accepted merges, never joining two nodes kept apart (union-find)."""

    def __init__(self, merges: Iterable[Pair] = (), apart: Iterable[Pair] = ()) -> None:
        self.parent: dict[Node, Node] = {}
        self.apart = list(apart)
        for a, b in merges:
            self.join(a, b)

    def find(self, node: Node) -> Node:
        """The node that stands for `node`'s organisation."""
        parent = self.parent
        root = node
        while (up := parent.get(root, root)) != root:
            root = up
        while node != root:  # path compression: the next find is one step
            parent[node], node = root, parent.get(node, node)
        return root

    def join(self, a: Node, b: Node) -> bool:
        """Join two nodes' organisations unless that would join two kept apart."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        for x, y in self.apart:
            rx, ry = self.find(x), self.find(y)
            if {rx, ry} == {ra, rb}:
                return False
        root, child = min(ra, rb), max(ra, rb)
        self.parent[child] = root
        return True


def decided() -> dict[Pair, DirectoryDecision]:
    """Every decision taken on the directory, by its pair."""
    rows = db.session.scalars(sa.select(DirectoryDecision).order_by(DirectoryDecision.id))
    return {((d.first_country, d.first_key), (d.second_country, d.second_key)): d for d in rows}


def unions(decisions: dict[Pair, DirectoryDecision]) -> Unions:
    """The directory's organisations as the decisions shape them, in the order they were taken."""
    merges = [p for p, d in decisions.items() if d.decision == "merge"]
    apart = [p for p, d in decisions.items() if d.decision == "apart"]
    return Unions(merges, apart)
