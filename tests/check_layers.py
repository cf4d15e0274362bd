#!/usr/bin/env python3
"""The library's layers, held against its object code (issue 15).

    util (alloc, buf, text, date, sha256, error, ...) -> store (all SQL)
      -> domain modules -> interchange, report

Each file of lib/ calls only downward: into a lower layer, or into a file
of its own layer as long as no files of one layer call each other in a
circle.  The references are read from the static library with nm: each
member is one source file, each undefined global symbol is matched to the
member that defines it.  Besides:
  - every lib/*.c file (and every generated member) is placed in LAYERS,
    and every file LAYERS names exists, so a new file must be placed;
  - only the files marked SQLITE may include <sqlite3.h>, directly or
    through a header of lib/;
  - each entry of EXCEPTIONS must still be needed (a mended reference is
    taken out of the table, so it cannot come back unnoticed).

Usage: check_layers.py LIBR57_A LIB_DIR [NM]
Prints every fault as "file -> file: symbol (why)" and exits 1 on any.
"""
import os
import re
import subprocess
import sys

DATA, UTIL, STORE, DOMAIN, OUTPUT = 0, 1, 2, 3, 4
LAYER_NAMES = {DATA: "data", UTIL: "util", STORE: "store", DOMAIN: "domain",
               OUTPUT: "interchange/report"}

LAYERS = {
    # Built from data/ by lib/embed.py: constant tables, no code.
    "units_vn_data.c": DATA,
    "words_data.c": DATA,
    "unit_groups_data.c": DATA,
    # util: no knowledge of the database.
    "error.c": UTIL,
    "alloc.c": UTIL,
    "text.c": UTIL,
    "buf.c": UTIL,
    "date.c": UTIL,
    "sha256.c": UTIL,
    "jsonpos.c": UTIL,
    "journal_hash.c": UTIL,
    "callback.c": UTIL,
    # store: all SQL, and the handle.
    "store.c": STORE,
    "store_sql.c": STORE,
    "store_schema.c": STORE,
    "store_db.c": STORE,
    "store_journal.c": STORE,
    "store_unit.c": STORE,
    "store_document.c": STORE,
    "store_task.c": STORE,
    "store_actor.c": STORE,
    "store_evidence.c": STORE,
    "store_kpi.c": STORE,
    "store_group.c": STORE,
    "db.c": STORE,
    # domain modules.
    "period.c": DOMAIN,
    "formula.c": DOMAIN,
    "deadline.c": DOMAIN,
    "deadline_scan.c": DOMAIN,
    "deadline_forms.c": DOMAIN,
    "access.c": DOMAIN,
    "actor.c": DOMAIN,
    "journal.c": DOMAIN,
    "unit.c": DOMAIN,
    "group.c": DOMAIN,
    "document.c": DOMAIN,
    "resolve.c": DOMAIN,
    "resolve_words.c": DOMAIN,
    "resolve_snapshot.c": DOMAIN,
    "resolve_judge.c": DOMAIN,
    "resolution.c": DOMAIN,
    "lint.c": DOMAIN,
    "task.c": DOMAIN,
    "task_write.c": DOMAIN,
    "task_query.c": DOMAIN,
    "task_resolve.c": DOMAIN,
    "task_assign.c": DOMAIN,
    "evidence_rule.c": DOMAIN,
    "evidence.c": DOMAIN,
    "kpi.c": DOMAIN,
    "kpi_cache.c": DOMAIN,
    "kpi_eval.c": DOMAIN,
    "kpi_indicator.c": DOMAIN,
    "kpi_table.c": DOMAIN,
    "kpi_target.c": DOMAIN,
    "kpi_value.c": DOMAIN,
    "catalogue.c": DOMAIN,
    "scorecard.c": DOMAIN,
    # interchange and report: read and write whole databases.
    "interchange.c": OUTPUT,
    "import.c": OUTPUT,
    "import_ndjson.c": OUTPUT,
    "csv.c": OUTPUT,
    "report.c": OUTPUT,
}

# Files that may see SQLite's API: the store's, and alloc.c, which routes
# SQLite's allocations through the library's allocator (sqlite3_config).
SQLITE = {name for name, layer in LAYERS.items() if layer == STORE} | {"alloc.c"}
SQLITE.discard("db.c")

# References that break the rules and are known, each with who mends it.
# (caller, callee): why.  Drop an entry when the reference is gone.
EXCEPTIONS = {
}


def source_name(member):
    """lib/<name> of an archive member ('store.c.o', or
    'meson-generated_.._words_data.c.o' for a generated file)."""
    name = member[:-2] if member.endswith(".o") else member
    if name.startswith("meson-generated_"):
        name = name[len("meson-generated_"):]
        while name.startswith(".._"):
            name = name[3:]
    return os.path.basename(name)


def read_archive(archive, nm):
    """{file: (defined symbols, undefined symbols)} from nm."""
    out = subprocess.run([nm, archive], check=True, capture_output=True, text=True).stdout
    members, current = {}, None
    for line in out.splitlines():
        if not line.strip():
            continue
        if line.endswith(":") and not line.startswith(" "):
            current = source_name(line[:-1])
            members[current] = (set(), set())
            continue
        parts = line.split()
        kind, symbol = parts[-2], parts[-1]
        if kind == "U":
            members[current][1].add(symbol)
        elif kind in "TDBRCVWG":  # upper case: global
            members[current][0].add(symbol)
    return members


def references(members):
    """{(caller, callee): sorted symbols} between files of the library."""
    owner = {}
    for name, (defined, _) in members.items():
        for symbol in defined:
            owner[symbol] = name
    edges = {}
    for name, (_, undefined) in members.items():
        for symbol in undefined:
            callee = owner.get(symbol)
            if callee and callee != name:
                edges.setdefault((name, callee), set()).add(symbol)
    return {edge: sorted(symbols) for edge, symbols in edges.items()}


def circles(nodes, edges):
    """Strongly connected components of more than one file (Tarjan)."""
    succ = {n: sorted(b for (a, b) in edges if a == n) for n in nodes}
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in succ[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for n in sorted(nodes):
        if n not in index:
            visit(n)
    return found


def sqlite_includers(lib_dir):
    """Files of lib/ that include <sqlite3.h>, directly or through a
    header of lib/: {file: the chain of includes}."""
    include = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
    parsed = {}

    def includes(name):
        if name not in parsed:
            path = os.path.join(lib_dir, name)
            with open(path, encoding="utf-8") as f:
                parsed[name] = include.findall(f.read())
        return parsed[name]

    def chain(name, seen):
        for quote, target in includes(name):
            if target == "sqlite3.h":
                return [name, "<sqlite3.h>"]
            if quote == '"' and os.path.exists(os.path.join(lib_dir, target)) \
                    and target not in seen:
                seen.add(target)
                rest = chain(target, seen)
                if rest:
                    return [name] + rest
        return None

    found = {}
    for name in sorted(os.listdir(lib_dir)):
        if name.endswith(".c"):
            c = chain(name, {name})
            if c:
                found[name] = c
    return found


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    archive, lib_dir = argv[1], argv[2]
    nm = argv[3] if len(argv) > 3 else "nm"
    faults = []

    members = read_archive(archive, nm)
    sources = {n for n in os.listdir(lib_dir) if n.endswith(".c")}
    for name in sorted((sources | set(members)) - set(LAYERS)):
        faults.append(f"{name}: not placed in a layer (add it to LAYERS in {argv[0]})")
    for name in sorted(set(LAYERS) - sources - set(members)):
        faults.append(f"{name}: placed in LAYERS but no such file")

    edges = references(members)
    used = set()
    for (a, b), symbols in sorted(edges.items()):
        if a not in LAYERS or b not in LAYERS:
            continue
        la, lb = LAYERS[a], LAYERS[b]
        if lb > la:
            if (a, b) in EXCEPTIONS:
                used.add((a, b))
                continue
            faults.append(f"{a} -> {b}: {', '.join(symbols)} ({LAYER_NAMES[la]} may not "
                          f"call up into {LAYER_NAMES[lb]})")
    for layer in sorted(LAYER_NAMES):
        nodes = {n for n in members if LAYERS.get(n) == layer}
        inside = {}
        for (a, b), symbols in edges.items():
            if a in nodes and b in nodes:
                if (a, b) in EXCEPTIONS:
                    used.add((a, b))
                    continue
                inside[(a, b)] = symbols
        for comp in circles(nodes, inside):
            ties = [f"{a} -> {b}: {', '.join(inside[(a, b)])}"
                    for (a, b) in sorted(inside) if a in comp and b in comp]
            faults.append(f"circle in {LAYER_NAMES[layer]}: {', '.join(comp)}\n    "
                          + "\n    ".join(ties))
    for edge in sorted(set(EXCEPTIONS) - used):
        faults.append(f"{edge[0]} -> {edge[1]}: listed in EXCEPTIONS but no longer "
                      "referenced; take it out")

    for name, chain in sqlite_includers(lib_dir).items():
        if name not in SQLITE:
            faults.append(f"{name}: includes sqlite3.h ({' -> '.join(chain)}); only the "
                          "store's files may")

    for fault in faults:
        print("layers: " + fault)
    counts = {LAYER_NAMES[l]: sum(1 for n in members if LAYERS.get(n) == l)
              for l in sorted(LAYER_NAMES)}
    print(f"layers: {len(members)} files ({', '.join(f'{k} {v}' for k, v in counts.items())}), "
          f"{len(edges)} references between files, {len(faults)} fault(s)")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
