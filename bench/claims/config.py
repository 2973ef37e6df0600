"""Writes conf/train.json with dataset-level dropout RATE (and, for the smoke run, a tiny model) to stdout.

Usage: config.py CONF/TRAIN.JSON RATE SMOKE(true|false)
Same seed and same number of epochs for every rate, so every run takes the same steps.
"""
import json
import sys

conf = json.load(open(sys.argv[1]))
conf["dropout"]["dataset_rate"] = float(sys.argv[2])
conf["dropout"]["sample_rate"] = 0.5
conf["training"]["epochs"] = 1
conf["eval"] = {"loss_examples": 1000, "generation_examples": 600, "max_new_tokens": 160}
if sys.argv[3] == "true":
    conf["model"].update({"d_model": 32, "layers": 1, "heads": 2, "mlp_ratio": 2, "seq_len": 192})
    conf["training"].update({"batch_size_per_worker": 8, "averaging_frequency": 4, "heldout_percent": 10})
    conf["eval"] = {"loss_examples": 60, "generation_examples": 8, "max_new_tokens": 24}
conf["description"] = "bench/claims: conf/train.json with dataset-level dropout %s%s" % (
    sys.argv[2], " (smoke: tiny model)" if sys.argv[3] == "true" else "")
json.dump(conf, sys.stdout, indent=2)
