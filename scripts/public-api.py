#!/usr/bin/env python3
"""ChurnKit's public API surface, read from the compiler's symbol graph.

Prints the number of public symbols of the ChurnKit library (and of ChurnLinearAlgebra) by kind,
and lists public symbols without a doc comment. `--check` exits 1 when any public symbol of
ChurnKit lacks one (synthesized members, e.g. Equatable's `!=`, are not counted: the compiler
writes them, there is nothing to document). `--by-folder` counts undocumented symbols per folder.

    scripts/public-api.py [--check] [--by-folder] [--list]

Runs `swift package dump-symbol-graph` through the build lock the test scripts share.
"""
import collections, glob, json, os, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODULES = ("ChurnKit", "ChurnLinearAlgebra")


def symbol_graphs():
    started = time.time()
    swift = os.environ.get("SWIFT", "swift")
    subprocess.run(["flock", "/tmp/churnkit-swift.lock", swift, "package", "dump-symbol-graph",
                    "--minimum-access-level", "public", "--skip-synthesized-members"],
                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # (It exits non-zero because the test modules have no symbol graph; the library's are written.)
    graphs = {}
    for module in MODULES:
        paths = glob.glob(os.path.join(ROOT, ".build", "*", "symbolgraph", f"{module}.symbols.json"))
        fresh = [p for p in paths if os.path.getmtime(p) >= started - 1]
        if not fresh:
            # A stale or missing graph would count nothing and pass: fail instead.
            sys.exit(f"public-api: no fresh symbol graph for {module} (swift package dump-symbol-graph failed?)")
        graphs[module] = json.load(open(max(fresh, key=os.path.getmtime)))
    return graphs


def main():
    args = set(sys.argv[1:])
    undocumented = []
    for module, graph in symbol_graphs().items():
        public = [s for s in graph["symbols"] if s["accessLevel"] == "public"]
        kinds = collections.Counter(s["kind"]["identifier"].removeprefix("swift.") for s in public)
        print(f"{module}: {len(public)} public symbols ("
              + ", ".join(f"{k} {n}" for k, n in kinds.most_common()) + ")")
        for s in public:
            if not s.get("docComment"):
                location = s.get("location", {}).get("uri", "").split(f"/Sources/", 1)[-1]
                undocumented.append((module, location, ".".join(s["pathComponents"])))
    print(f"without a doc comment: {len(undocumented)}")
    if "--by-folder" in args:
        folders = collections.Counter("/".join(loc.split("/")[:2]) for _, loc, _ in undocumented)
        for folder, n in folders.most_common():
            print(f"  {n:5d}  {folder}")
    if "--list" in args or "--check" in args:
        for module, location, name in sorted(undocumented):
            print(f"  {location}: {name}")
    if "--check" in args and undocumented:
        sys.exit(1)


if __name__ == "__main__":
    main()
