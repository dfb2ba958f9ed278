#!/usr/bin/env python3
"""Fails when the folders of Sources/ChurnKit depend on each other in a cycle.

Targets make the compiler check the arrows between ChurnLinearAlgebra, ChurnKit and ChurnCLI; inside
ChurnKit the folders are only a convention, so this script checks them. For every folder it
collects the top-level types declared there (struct, enum, class, actor, protocol, typealias; a
nested type is reached through its outer type's name) and the top-level functions, then reads every other folder's Swift files,
comments and string literals stripped, for those names. A file in folder A that names a type
declared in folder B makes the edge A → B (an `extension B.Type` counts too: it needs the type).
Any strongly connected component of two or more folders is a cycle: it is printed with the names
that make each of its edges, and the script exits 1.

    scripts/check-layers.py            check; print cycles, if any
    scripts/check-layers.py --print    also print the folder graph, lowest layer first
    scripts/check-layers.py --why A B  print the names that make the edge A → B

What it cannot see: a member added by an extension in one folder and called from another without
naming any type of the extending folder (the type named is then the extended one). Extensions of
that kind are kept in the folder of the code that calls them.
"""
import os
import re
import sys
from collections import defaultdict

SOURCES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources")
ROOT = os.path.join(SOURCES, "ChurnKit")
# Targets below ChurnKit: their declarations are shown as edges to the target (never a cycle:
# the compiler already forbids those targets to see ChurnKit).
LOWER_TARGETS = ["ChurnLinearAlgebra"]

DECLARATION = re.compile(
    r"^(?:@\w+(?:\([^)]*\))?\s+)*"
    r"(?:(?:public|package|internal|fileprivate|private|final|indirect|nonisolated)\s+)*"
    r"(?:struct|enum|class|actor|protocol|typealias)\s+([A-Z]\w*)",
    re.MULTILINE,
)
FUNCTION = re.compile(
    r"^(?:(?:public|package|internal|fileprivate|private)\s+)?func\s+([A-Za-z_]\w*)", re.MULTILINE
)
NESTED = re.compile(r"\b(?:struct|enum|class|actor|protocol|typealias)\s+([A-Z]\w*)")
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


def strip(source):
    """The source without comments and without the text of string literals (interpolations kept)."""
    out, i, n = [], 0, len(source)
    while i < n:
        if source.startswith("//", i):
            j = source.find("\n", i)
            i = n if j < 0 else j
        elif source.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if source.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif source.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
        elif source[i] == '"':
            i = skip_string(source, i, out)
        else:
            out.append(source[i])
            i += 1
    return "".join(out)


def skip_string(source, i, out):
    """Skips a string literal starting at i; the code of its interpolations goes to out."""
    hashes = 0
    while i - hashes - 1 >= 0 and source[i - hashes - 1] == "#":
        hashes += 1
    multiline = source.startswith('"""', i)
    quote = '"""' if multiline else '"'
    i += len(quote)
    closing = quote + "#" * hashes
    escape = "\\" + "#" * hashes
    n = len(source)
    while i < n:
        if source.startswith(closing, i):
            return i + len(closing)
        if source.startswith(escape + "(", i):
            i += len(escape) + 1
            depth = 1
            start = i
            while i < n and depth:
                if source[i] == "(":
                    depth += 1
                elif source[i] == ")":
                    depth -= 1
                elif source[i] == '"':
                    i = skip_string(source, i, out) - 1
                i += 1
            out.append(" " + source[start:i - 1] + " ")
            continue
        if source.startswith(escape, i):
            i += len(escape) + 1
            continue
        i += 1
    return i


def folder_of(path):
    for target in LOWER_TARGETS:
        if os.path.realpath(path).startswith(os.path.realpath(os.path.join(SOURCES, target)) + os.sep):
            return target + " (target)"
    relative = os.path.relpath(path, ROOT)
    parts = relative.split(os.sep)
    return parts[0] if len(parts) > 1 else "."


def read_sources(root=ROOT):
    files = {}
    for directory, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(".swift"):
                path = os.path.join(directory, name)
                with open(path, encoding="utf-8") as handle:
                    files[path] = strip(handle.read())
    return files


def graph(files):
    """edges[A][B] = {name: [files of A that name it]} for names declared in B."""
    declared_in = defaultdict(set)
    lower = {}
    for target in LOWER_TARGETS:
        lower.update(read_sources(os.path.join(SOURCES, target)))
    for path, text in list(files.items()) + list(lower.items()):
        for name in DECLARATION.findall(text) + FUNCTION.findall(text):
            declared_in[name].add(folder_of(path))
    edges = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    folders = {folder_of(path) for path in files}
    for path, text in files.items():
        here = folder_of(path)
        local = set(NESTED.findall(text))  # a file's own (nested) types shadow other folders' names
        for name in set(IDENTIFIER.findall(text)) - local:
            homes = declared_in.get(name, set())
            if here in homes:
                continue  # declared here too (a name used in several folders): the local one wins
            for home in homes:
                edges[here][home][name].append(os.path.relpath(path, ROOT))
    return folders, edges


def components(folders, edges):
    """Tarjan's strongly connected components."""
    index, low, stack, on_stack, result, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            result.append(sorted(component))

    for v in sorted(folders):
        if v not in index:
            visit(v)
    return result


def layers(folders, edges):
    """Folders by layer: a folder's layer is one more than the highest layer it depends on."""
    level = {f"{target} (target)": -1 for target in LOWER_TARGETS}

    def depth(v, seen=()):
        if v in level:
            return level[v]
        below = [depth(w, seen + (v,)) for w in edges[v] if w not in seen]
        level[v] = 1 + max(below, default=-1)
        return level[v]

    for v in folders:
        depth(v)
    return level


def shortest_cycle(component, edges):
    """The shortest cycle inside a strongly connected component, by breadth-first search."""
    members, best = set(component), None
    for start in sorted(component):
        parent, queue = {start: None}, [start]
        while queue:
            v = queue.pop(0)
            for w in sorted(edges[v]):
                if w == start:
                    path = [v]
                    while parent[path[-1]] is not None:
                        path.append(parent[path[-1]])
                    path.reverse()
                    if best is None or len(path) < len(best):
                        best = path
                    queue = []
                    break
                if w in members and w not in parent:
                    parent[w] = v
                    queue.append(w)
    return best


def describe(edges, a, b):
    return ", ".join(f"{name} ({', '.join(sorted(set(paths))[:2])})" for name, paths in sorted(edges[a][b].items()))


def main(arguments):
    files = read_sources()
    folders, edges = graph(files)
    if arguments[:1] == ["--why"] and len(arguments) == 3:
        print(describe(edges, arguments[1], arguments[2]) or "no edge")
        return 0
    cycles = [c for c in components(folders, edges) if len(c) > 1]
    if "--print" in arguments:
        if cycles:
            print("(the graph has cycles; layers are approximate)")
        level = layers(folders, edges)
        print("Folder graph of Sources/ChurnKit (lowest layer first; A → B: A uses B):")
        for v in sorted(folders, key=lambda f: (level[f], f)):
            if v == "." and not edges[v]:
                continue  # files at the top of Sources/ChurnKit that name no folder's types
            targets = sorted(edges[v], key=lambda f: (level[f], f))
            print(f"  {level[v]}  {v:<15} → {', '.join(targets) if targets else '(nothing)'}")
        print("  (ChurnLinearAlgebra (target): DenseMatrix, BLAS; a separate target below ChurnKit)")
    for component in cycles:
        cycle = shortest_cycle(component, edges)
        print(f"cycle between folders: {' → '.join(cycle + cycle[:1])}", file=sys.stderr)
        for a, b in zip(cycle, cycle[1:] + cycle[:1]):
            print(f"  {a} → {b}: {describe(edges, a, b)}", file=sys.stderr)
        if len(component) > len(cycle):
            print(f"  (the cycle is part of a tangle of {', '.join(component)}; `--why A B` names any edge)", file=sys.stderr)
    if cycles:
        return 1
    if "--print" not in arguments:
        print(f"check-layers: {len(folders - {'.'})} folders of Sources/ChurnKit, no cycles")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
