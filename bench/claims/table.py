"""Reads OUT/model-dropout-*/eval.json and writes OUT/results.json and OUT/results.md beside the paper's numbers.

Usage: table.py OUT WALL_SECONDS SMOKE(true|false)
"""
import json
import os
import subprocess
import sys

out, wall, smoke = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "true"
# Paper (arXiv 2506.14702): Table 7 marker inference accuracy, 50% vs 0% dataset-level dropout;
# AlpacaEval-LI length-constraint violations.
PAPER = {"inference": {"0.5": {"domain": 74.9, "task": 53.6, "format": 47.4, "lang": 99.2},
                       "0": {"domain": 3.3, "task": 1.9, "format": 7.3, "lang": 1.2}},
         "length_violation": {"no markers": 36.6, "inferred markers": 24.7, "fixed length marker": 1.3}}
commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
dirty = subprocess.run(["git", "status", "--porcelain"], capture_output=True, text=True).stdout.strip() != ""
timings = dict(line.split("\t") for line in open(os.path.join(out, "timings.tsv")).read().split("\n") if line)
commands = [c for c in open(os.path.join(out, "commands.txt")).read().split("\n") if c]


def rate(node, *path):
    for p in path:
        node = node.get(p, {}) if isinstance(node, dict) else {}
    return node.get("rate") if isinstance(node, dict) else None


runs = {}
for r in ["0", "0.5", "0.7"]:
    e = json.load(open(os.path.join(out, "model-dropout-%s" % r, "eval.json")))
    inf, obe = e.get("marker_inference", {}), e.get("marker_obedience", {})
    runs[r] = {
        "train_seconds": int(timings.get("train-dropout-" + r, 0)),
        "heldout_loss": e.get("heldout_loss", {}).get("loss_per_token"),
        "eval_examples": e.get("eval_set", {}).get("examples"),
        "generation_examples": inf.get("examples"),
        "well_formed_templates": rate(inf, "well_formed_templates"),
        "inference_accuracy": {k: rate(inf, "accuracy", k) for k in ["domain", "task", "format", "lang",
                                                                    "length_bucket"]},
        "obedience": {k: rate(obe, "agreement", k) for k in ["domain", "task", "format", "lang", "length_bucket"]},
        "length_bucket_violation": rate(obe, "length_bucket_violation"),
        "length_bucket_fixed": obe.get("length_bucket_violation", {}).get("total"),
        "slice_loss": e.get("slice_loss"),
        "eval_set": e.get("eval_set"),
    }
result = {"commit": commit + ("-dirty" if dirty else ""), "smoke": smoke, "wall_seconds": wall,
          "commands": commands, "timings_seconds": timings, "runs": runs, "paper": PAPER}
json.dump(result, open(os.path.join(out, "results.json"), "w"), indent=2)


def pct(x):
    return "-" if x is None else "%.1f%%" % (100 * x)


lines = ["# bench/claims results%s" % (" (smoke)" if smoke else ""), "",
         "commit `%s`, wall time %d s" % (result["commit"], wall), "",
         "| dataset-level dropout | held-out loss/token | well-formed templates | lang | domain | task | format"
         " | length_bucket violation (fixed marker) |", "|---|---|---|---|---|---|---|---|"]
for r, v in runs.items():
    a = v["inference_accuracy"]
    lines.append("| %s%% | %s | %s | %s | %s | %s | %s | %s |" % (
        int(float(r) * 100), "-" if v["heldout_loss"] is None else "%.3f" % v["heldout_loss"],
        pct(v["well_formed_templates"]), pct(a["lang"]), pct(a["domain"]), pct(a["task"]), pct(a["format"]),
        "%s of %s" % (pct(v["length_bucket_violation"]), v["length_bucket_fixed"])))
lines += ["", "Generation prompts per run: %s (inference: prompt alone; obedience: the markers the prepared prompt"
          " kept); eval set: %s held-out examples. Marker inference accuracy is on prompts without a template."
          " Paper, Table 7: 50%% dropout lang 99.2%%, domain 74.9%%, task 53.6%%, format 47.4%%; 0%% dropout"
          " 1.2%%, 3.3%%, 1.9%%, 7.3%%. Length violations (AlpacaEval-LI): 36.6%% no markers, 24.7%% inferred,"
          " 1.3%% fixed length marker." % (runs["0.5"]["generation_examples"], runs["0.5"]["eval_examples"]), "",
          "Commands:", ""] + ["    " + c for c in commands]
open(os.path.join(out, "results.md"), "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
