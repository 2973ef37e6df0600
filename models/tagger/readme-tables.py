#!/usr/bin/env python3
"""Prints the evaluation tables of models/tagger/README.md from a model folder's eval.json, so the README says
exactly what the training command measured. Usage: models/tagger/readme-tables.py models/tagger/v2/eval.json"""
import json
import sys

def f2(x):
    return f"{x:.2f}"

def section(marker, e):
    loso = e["leave_one_source_out"]
    avg, pooled = loso["average_over_sources"], loso["pooled"]
    print(f"### {marker}\n")
    print(f"Threshold {e['threshold']:.2f} (the highest at which leave-one-source-out coverage, averaged over sources, "
          f"stays at or above 0.99). At it, the pooled leave-one-source-out rows ({pooled['rows']}) have precision "
          f"{pooled['precision']:.3f}, coverage {pooled['coverage']:.3f}, macro-F1 {pooled['macro_f1']:.3f}.\n")
    print("| source left out | rows | accuracy | coverage | majority class | rules alone |")
    print("|---|---:|---:|---:|---:|---:|")
    for source, s in sorted(loso["per_source"].items()):
        print(f"| {source} | {s['rows']} | {f2(s['accuracy'])} | {f2(s['coverage'])} | "
              f"{f2(s['majority_accuracy'])} | {f2(s['rules_accuracy'])} |")
    print(f"| **average over {avg['sources']} sources** | | **{avg['accuracy']:.3f}** | {avg['coverage']:.3f} | "
          f"{avg['majority_accuracy']:.3f} | {avg['rules_accuracy']:.3f} |\n")
    held = e["held_out_rows"]
    t, rules = held["tagger"], held["rules"]
    print(f"Held-out tenth of the rows (split by group; in-distribution, so not what a user should expect): accuracy "
          f"{t['accuracy']:.3f} (8-bit file: {held['tagger_8bit']['accuracy']:.3f}), macro-F1 {t['macro_f1']:.3f}, "
          f"coverage {t['coverage']:.3f}; majority class {held['majority']['accuracy']:.3f}; rules alone "
          f"{rules['accuracy']:.3f} (precision {rules['precision']:.3f} on the {100 * rules['coverage']:.1f}% they tag).\n")
    print("Per class, pooled leave-one-source-out (precision / recall / F1, rows):\n")
    print("| class | rows | precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|")
    for c, s in sorted(pooled["per_class"].items()):
        print(f"| {c} | {s['rows']} | {f2(s['precision'])} | {f2(s['recall'])} | {f2(s['f1'])} |")
    print()

evaluation = json.load(open(sys.argv[1]))
for marker in ("task", "domain"):
    section(marker, evaluation[marker])
