#!/usr/bin/env python3
"""Replicate the rows that conf/sources.json describes into N raw examples (datasets-schema/raw-example.schema.json)
with new ids, as JSON lines. Reads the sources file itself (formats json, jsonl(.gz), tsv; field templates; dataset
markers), so the benchmark input is the shared data, not a copy of it. Usage: replicate.py SOURCES N OUT.jsonl"""
import glob
import gzip
import json
import os
import sys


def field(record, spec):
    if not spec.startswith("/"):
        return record.get(spec)
    node = record
    for part in spec[1:].split("/"):
        if isinstance(node, list):
            node = node[int(part)] if part.isdigit() and int(part) < len(node) else None
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


def text(record, template):
    fields = template["fields"]
    first = field(record, fields[0])
    if not isinstance(first, str):
        return None
    parts = [first] + [v for v in (field(record, f) for f in fields[1:]) if isinstance(v, str) and v]
    return template.get("separator", "\n\n").join(parts)


def records(source, path):
    fmt = source["format"]
    if fmt == "json":
        with open(path, encoding="utf-8") as f:
            yield from json.load(f)
    elif fmt == "jsonl":
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)
    elif fmt == "tsv":
        with open(path, encoding="utf-8") as f:
            for line in f:
                cells = line.rstrip("\n").split("\t")
                if len(cells) == len(source["columns"]):
                    yield dict(zip(source["columns"], cells))
    else:
        raise SystemExit(f"replicate.py: format {fmt} is not supported here")


def main():
    sources_file, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    config = json.load(open(sources_file, encoding="utf-8"))
    base = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(sources_file)), config.get("baseDir", ".")))
    rows = []
    for source in config["sources"]:
        for pattern in source["paths"]:
            for path in sorted(glob.glob(os.path.join(base, pattern))):
                for record in records(source, path):
                    prompt, completion = text(record, source["prompt"]), text(record, source["completion"])
                    if prompt is not None and completion is not None:
                        rows.append({"dataset": source["name"], "prompt": prompt, "completion": completion,
                                     "markers": source.get("markers", {})})
    if not rows:
        raise SystemExit("replicate.py: no rows found; is ../shared/datasets there?")
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            row = dict(rows[i % len(rows)])
            row["id"] = f"bench-{i:07d}"  # a new id per copy, so no two rows are the same example
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"replicate.py: {n} rows from {len(rows)} shared rows -> {out} ({os.path.getsize(out) / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
