#!/usr/bin/env python3
"""Write reference.txt: PyTorch's values and gradients for nn's losses and LayerNorm.

Read by io.github.chainrule.nn.PyTorchReferenceTest. Every case is computed in float64 by
PyTorch (torch.nn.functional), independently of chainrule; the gradient is d(sum of the
output)/d(input), so that the 'none' reduction is checked element by element too.

Format, one item per line, numbers in repr (17 significant digits, exact round trip):
    case <name>
    kind <cross_entropy | mse | bce_logits | huber | layer_norm>
    <key> <shape...> : <values...>      (tensor arguments: input, target, labels, weight, gamma, beta)
    <key> <value>                      (scalars: reduction, smoothing, ignore, delta, eps)
    output <shape...> : <values...>
    grad <shape...> : <values...>
    end

Run: /usr/bin/python3 make_reference.py   (rewrites reference.txt next to this script)
"""
import os

import torch
import torch.nn.functional as F

torch.manual_seed(20261201)
D = torch.float64
lines = []


def tensor_line(key, t):
    t = t.detach()
    shape = " ".join(str(s) for s in t.shape)
    values = " ".join(repr(float(v)) for v in t.reshape(-1).tolist())
    lines.append(f"{key} {shape} : {values}".replace("  ", " "))


def case(name, kind, inputs, scalars, compute):
    x = inputs["input"].clone().requires_grad_(True)
    out = compute(x)
    out.sum().backward()
    lines.append(f"case {name}")
    lines.append(f"kind {kind}")
    for key, t in inputs.items():
        tensor_line(key, t)
    for key, v in scalars.items():
        lines.append(f"{key} {v}")
    tensor_line("output", out)
    tensor_line("grad", x.grad)
    lines.append("end")


logits = torch.randn(6, 4, dtype=D) * 3
labels = torch.tensor([0, 3, 1, 1, 2, 3])
labels_ignored = torch.tensor([0, 3, -1, 1, 2, -1])
weight = torch.tensor([0.5, 2.0, 1.0, 0.25], dtype=D)
probs = torch.softmax(torch.randn(6, 4, dtype=D), 1)

for reduction in ["mean", "sum", "none"]:
    case(f"ce_plain_{reduction}", "cross_entropy", {"input": logits, "labels": labels}, {"reduction": reduction},
         lambda x: F.cross_entropy(x, labels, reduction=reduction))
    case(f"ce_weighted_{reduction}", "cross_entropy", {"input": logits, "labels": labels, "weight": weight},
         {"reduction": reduction}, lambda x: F.cross_entropy(x, labels, weight=weight, reduction=reduction))
    case(f"ce_smoothing_{reduction}", "cross_entropy", {"input": logits, "labels": labels},
         {"reduction": reduction, "smoothing": 0.15},
         lambda x: F.cross_entropy(x, labels, reduction=reduction, label_smoothing=0.15))
    case(f"ce_ignored_{reduction}", "cross_entropy", {"input": logits, "labels": labels_ignored},
         {"reduction": reduction, "ignore": -1},
         lambda x: F.cross_entropy(x, labels_ignored, reduction=reduction, ignore_index=-1))
    case(f"ce_all_options_{reduction}", "cross_entropy",
         {"input": logits, "labels": labels_ignored, "weight": weight},
         {"reduction": reduction, "smoothing": 0.3, "ignore": -1},
         lambda x: F.cross_entropy(x, labels_ignored, weight=weight, reduction=reduction, label_smoothing=0.3,
                                   ignore_index=-1))
    case(f"ce_probabilities_{reduction}", "cross_entropy", {"input": logits, "target": probs, "weight": weight},
         {"reduction": reduction, "smoothing": 0.1},
         lambda x: F.cross_entropy(x, probs, weight=weight, reduction=reduction, label_smoothing=0.1))

    out = torch.randn(5, 3, dtype=D)
    target = torch.randn(5, 3, dtype=D) * 2
    case(f"mse_{reduction}", "mse", {"input": out, "target": target}, {"reduction": reduction},
         lambda x: F.mse_loss(x, target, reduction=reduction))
    bits = (torch.rand(5, 3, dtype=D) > 0.5).to(D)
    case(f"bce_logits_{reduction}", "bce_logits", {"input": out * 4, "target": bits}, {"reduction": reduction},
         lambda x: F.binary_cross_entropy_with_logits(x, bits, reduction=reduction))
    case(f"huber_{reduction}", "huber", {"input": out, "target": target}, {"reduction": reduction, "delta": 0.7},
         lambda x: F.huber_loss(x, target, reduction=reduction, delta=0.7))

# LayerNorm over the last axis of a (2, 3, 5) input, with and without γ, β; the gradient is
# d(Σ output · r)/dx for a fixed random r, since d(Σ output)/dx is 0 for a normalisation.
x = torch.randn(2, 3, 5, dtype=D) * 2 + 1
gamma = torch.randn(5, dtype=D)
beta = torch.randn(5, dtype=D)
r = torch.randn(2, 3, 5, dtype=D)
case("layer_norm_affine", "layer_norm", {"input": x, "gamma": gamma, "beta": beta, "r": r}, {"eps": 1e-5},
     lambda v: F.layer_norm(v, (5,), gamma, beta, 1e-5) * r)
case("layer_norm_plain", "layer_norm", {"input": x, "r": r}, {"eps": 1e-3},
     lambda v: F.layer_norm(v, (5,), None, None, 1e-3) * r)

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.txt"), "w") as f:
    f.write(f"# written by make_reference.py with PyTorch {torch.__version__}\n")
    f.write("\n".join(lines) + "\n")
