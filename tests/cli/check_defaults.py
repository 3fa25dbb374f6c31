#!/usr/bin/env python3
"""check_defaults.py DESCENT: every default of the registry (`descent trace --methods --format json`)
equals its source, written here once as the independent reference: torch.optim's documented
defaults for the methods PyTorch has (torch 1.13), the papers' for the others. The test oracles
read their defaults from the registry, so this is what pins them. Values compare as exact
fractions (a default 1e-8 must be 1/10^8, not near it); every registry default must be listed
here and every one listed here must be in the registry. Exit 1 with the mismatches."""
import json
import subprocess
import sys
from fractions import Fraction as F

REFERENCE = {
    # torch.optim.SGD has no default lr; descent requires it too (no default).
    "adagrad": {"lr": F(1, 100), "initial-accumulator-value": 0, "lr-decay": 0, "weight-decay": 0,
                "convention": "paper", "eps-placement": "outside", "maximize": "no"},          # torch.optim.Adagrad; Duchi et al.
    "rmsprop": {"lr": F(1, 100), "alpha": F(99, 100), "eps": F(1, 10**8), "momentum": 0, "weight-decay": 0,
                "centered": "no", "convention": "pytorch", "maximize": "no"},                  # torch.optim.RMSprop
    "adadelta": {"lr": 1, "rho": F(9, 10), "eps": F(1, 10**6), "weight-decay": 0, "convention": "paper", "maximize": "no"},  # Adadelta
    "adam": {"lr": F(1, 1000), "betas": (F(9, 10), F(999, 1000)), "eps": F(1, 10**8), "weight-decay": 0,
             "convention": "paper", "eps-hat": "no", "maximize": "no"},                        # Kingma & Ba, Alg. 1; torch.optim.Adam
    "adamw": {"lr": F(1, 1000), "betas": (F(9, 10), F(999, 1000)), "eps": F(1, 10**8), "weight-decay": F(1, 100),
              "convention": "pytorch", "maximize": "no", "amsgrad": "no"},                                      # torch.optim.AdamW
    "amsgrad": {"lr": F(1, 1000), "betas": (F(9, 10), F(999, 1000)), "eps": F(1, 10**8), "weight-decay": 0,
                "convention": "pytorch", "maximize": "no"},                                    # torch.optim.Adam(amsgrad=True)
    "nadam": {"lr": F(2, 1000), "betas": (F(9, 10), F(999, 1000)), "eps": F(1, 10**8), "weight-decay": 0,
              "momentum-decay": F(4, 1000), "convention": "pytorch"},        # torch.optim.NAdam (>= 2.0's product)
    "asgd": {"lr": F(1, 100), "lambd": F(1, 10**4), "alpha": F(3, 4), "t0": 10**6, "weight-decay": 0,
             "maximize": "no"},                                              # torch.optim.ASGD
    "radam": {"lr": F(1, 1000), "betas": (F(9, 10), F(999, 1000)), "eps": F(1, 10**8), "weight-decay": 0},  # torch.optim.RAdam
    "adamax": {"lr": F(2, 1000), "betas": (F(9, 10), F(999, 1000)), "eps": F(1, 10**8), "weight-decay": 0,
               "maximize": "no"},                                            # torch.optim.Adamax
    "rprop": {"lr": F(1, 100), "etas": (F(1, 2), F(6, 5)), "step-sizes": (F(1, 10**6), 50),
              "convention": "pytorch", "maximize": "no"},                                      # torch.optim.Rprop
    "quickprop": {"lr": F(1, 100), "max-growth": F(7, 4), "convention": "paper"},  # Fahlman (1988): mu = 1.75
    "backtracking": {"eta": 1, "c": F(1, 10**4), "rho": F(1, 2)},           # Nocedal & Wright, Alg. 3.1
    "newton": {"eta": 1, "damping": 0},
    "coordinate": {"eta": 0},
    "preconditioned": {"preconditioner": "diag"},
    "heavy_ball": {"convention": "notes"},
    "nesterov": {"convention": "notes"},
    "sgd": {"batch": 1, "seed": 0, "sampling": "shuffle", "momentum": 0, "dampening": 0, "nesterov": "no",
            "weight-decay": 0, "maximize": "no"},  # batch_size=1, DataLoader(shuffle=True); torch.optim.SGD
    # the paper form's memory; the rest torch.optim.LBFGS's code (lr=1, max_iter=20, tolerance_grad=1e-7 — its
    # docstring says 1e-5 —, tolerance_change=1e-9, history_size=100, line_search_fn=None; max_eval derived)
    "lbfgs": {"memory": 6, "convention": "paper", "lr": 1, "max-iter": 20, "tolerance-grad": F(1, 10**7),
              "tolerance-change": F(1, 10**9), "history-size": 100, "line-search": "none"},
    "step": {"gamma": F(1, 10)},       # torch.optim.lr_scheduler.StepLR (step_size has no default)
    "multistep": {"gamma": F(1, 10)},  # MultiStepLR (milestones have no default)
    "cosine": {"eta-min": 0},          # CosineAnnealingLR (T_max has no default)
    "plateau": {"factor": F(1, 10), "patience": 10, "threshold": F(1, 10**4), "mode": "min", "cooldown": 0,
                "min-lr": 0,  # ReduceLROnPlateau's; two defaults are the library's, documented as differing from
                # torch's (threshold_mode rel, eps 1e-8): the |best| rule and no minimum cut
                "threshold-mode": "magnitude", "plateau-eps": 0},
}


def value(text):
    parts = text.split(",")
    if len(parts) == 2:
        return tuple(F(p) for p in parts)
    try:
        return F(text)
    except ValueError:
        return text


doc = json.loads(subprocess.run([sys.argv[1], "trace", "--methods", "--format", "json"], capture_output=True,
                                text=True, check=True).stdout)
problems = []
seen = set()
for entry in doc["methods"] + doc["schedules"]:
    for p in entry["parameters"]:
        if p["default"] is None:
            continue
        key = (entry["name"], p["name"])
        seen.add(key)
        ref = REFERENCE.get(entry["name"], {}).get(p["name"])
        if ref is None:
            problems.append(f"{entry['name']} --{p['name']}: default {p['default']} has no reference here")
        elif value(p["default"]) != (ref if isinstance(ref, (tuple, str)) else F(ref)):
            problems.append(f"{entry['name']} --{p['name']}: default {p['default']}, the reference says {ref}")
for name, flags in REFERENCE.items():
    for flag in flags:
        if (name, flag) not in seen:
            problems.append(f"{name} --{flag}: in the reference, but the registry has no default for it")
if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"{len(seen)} defaults equal their sources")
