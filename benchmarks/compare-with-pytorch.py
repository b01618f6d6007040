#!/usr/bin/env python3
"""Runs PyTorch's float64 MLP step and numpy/torch dgemm at the MLP's shapes beside chainrule's
JMH benchmarks, with the same thread counts, and prints the ratios against the targets.

Usage (from the repository root, after `mvn -B install -DskipTests`):

    /usr/bin/python3 benchmarks/compare-with-pytorch.py            # PyTorch, then JMH, then ratios
    /usr/bin/python3 benchmarks/compare-with-pytorch.py --jmh-json results.json   # reuse a JMH run
    /usr/bin/python3 benchmarks/compare-with-pytorch.py --no-jmh    # reference figures only

Each thread count runs in its own Python process, because OpenMP reads OMP_NUM_THREADS once at
start-up; OMP_WAIT_POLICY=PASSIVE stops idle OpenMP threads spinning (on 2 cores a spinning
worker steals the other thread's core), as the targets were measured.
"""
import argparse
import json
import os
import subprocess
import sys
import time

SIZES = (784, 256, 128, 10)
BATCH = 128
THREADS = (1, 2)
# (name of the JMH method, m, n, k, transA, transB): exactly the products chainrule's step makes.
GEMMS = [
    ("fwd1NT128x256x784", 128, 256, 784, False, True),
    ("fwd2NT128x128x256", 128, 128, 256, False, True),
    ("fwd3NT128x10x128", 128, 10, 128, False, True),
    ("dW1TN256x784x128", 256, 784, 128, True, False),
    ("dW2TN128x256x128", 128, 256, 128, True, False),
    ("dA1NN128x256x128", 128, 256, 128, False, False),
    ("dA2NN128x128x10", 128, 128, 10, False, False),
    ("square512NN", 512, 512, 512, False, False),
]
# Bytes of the activations and gradients one step must hold (see PERFORMANCE.md).
MUST_HOLD_BYTES = 8 * (2 * BATCH * 256 + 2 * BATCH * 128 + 2 * BATCH * 10      # Z, A (and softmax)
                       + 256 * 784 + 128 * 256 + 10 * 128 + 256 + 128 + 10     # dW, db
                       + BATCH * (256 + 128 + 10))                              # deltas


def have_torch():
    try:
        import torch  # noqa: F401
        import numpy  # noqa: F401
        return True
    except ImportError:
        return False


def best_of(fn, repeat, number):
    """Median over `repeat` timings of `number` calls, in seconds per call (robust to noise)."""
    for _ in range(max(3, number)):
        fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t) / number)
    times.sort()
    return times[len(times) // 2], times[0]


def measure_in_this_process():
    """Child mode: measure with the thread count fixed by the environment; print JSON."""
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    threads = int(os.environ["OMP_NUM_THREADS"])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    out = {"threads": threads, "torch": torch.__version__, "numpy": np.__version__}

    layers = []
    for i in range(len(SIZES) - 1):
        layers.append(nn.Linear(SIZES[i], SIZES[i + 1]))
        if i < len(SIZES) - 2:
            layers.append(nn.ReLU())
    model = nn.Sequential(*layers).double()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    x = torch.randn(BATCH, SIZES[0], dtype=torch.float64)
    y = torch.randint(0, SIZES[-1], (BATCH,))

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()

    median, best = best_of(step, repeat=15, number=40)
    out["mlp_step_ms"] = median * 1e3
    out["mlp_step_ms_best"] = best * 1e3

    rng = np.random.default_rng(1)
    gemm = {}
    for name, m, n, k, ta, tb in GEMMS:
        a = rng.standard_normal((k, m) if ta else (m, k))
        b = rng.standard_normal((n, k) if tb else (k, n))
        at, bt = (a.T if ta else a), (b.T if tb else b)
        c = np.empty((m, n))
        number = max(5, int(2e8 / (2 * m * n * k)))
        sec, _ = best_of(lambda: np.matmul(at, bt, out=c), repeat=9, number=number)
        ta_t, tb_t = torch.from_numpy(at), torch.from_numpy(bt)
        ct = torch.empty(m, n, dtype=torch.float64)
        sec_t, _ = best_of(lambda: torch.mm(ta_t, tb_t, out=ct), repeat=9, number=number)
        gemm[name] = {"numpy_gflops": 2 * m * n * k / sec / 1e9, "torch_gflops": 2 * m * n * k / sec_t / 1e9}
    out["gemm"] = gemm
    print(json.dumps(out))


def run_reference(threads):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads),
               MKL_NUM_THREADS=str(threads), OMP_WAIT_POLICY="PASSIVE")
    result = subprocess.run([sys.executable, __file__, "--child"], env=env, check=True,
                            stdout=subprocess.PIPE, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_jmh(jar, extra, out_file):
    cmd = ["java", "-jar", jar,
           "GemmBenchmark|MlpStepBenchmark|MicrogradBenchmark",
           "-f", "1", "-wi", "3", "-i", "5", "-prof", "gc",
           "-rf", "json", "-rff", out_file] + extra
    print("$ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def jmh_scores(path):
    """{(benchmark-short-name): {metric: score}} from a JMH JSON result file."""
    with open(path) as f:
        data = json.load(f)
    scores = {}
    for entry in data:
        name = entry["benchmark"].replace("io.github.chainrule.benchmarks.", "")
        metrics = {"score": entry["primaryMetric"]["score"], "error": entry["primaryMetric"]["scoreError"],
                   "unit": entry["primaryMetric"]["scoreUnit"]}
        for key, value in entry.get("secondaryMetrics", {}).items():
            metrics[key] = value["score"]
        scores[name] = metrics
    return scores


def verdict(ok):
    return "meets" if ok else "MISSES"


def report(refs, jmh):
    print()
    print("=== MLP 784-256-128-10, batch 128, float64, one SGD step (lower ms is better) ===")
    for t in THREADS:
        ref = refs.get(t)
        suffix = "OneThread" if t == 1 else "TwoThreads"
        target = 1.2 if t == 1 else 1.3
        for kind in ("graphStep", "nnStep", "deltaRuleStep"):
            key = "MlpStepBenchmark.%s.%s" % (suffix, kind)
            if key not in jmh:
                continue
            ms = jmh[key]["score"]
            line = "%d thread(s)  chainrule %-14s %7.3f ms" % (t, kind, ms)
            if ref:
                ratio = ref["mlp_step_ms"] / ms
                line += "   PyTorch %6.3f ms   throughput ratio %.2fx" % (ref["mlp_step_ms"], ratio)
                if kind != "deltaRuleStep":
                    line += "  (target >= %.1fx: %s)" % (target, verdict(ratio >= target))
            print(line)
        g = jmh.get("MlpStepBenchmark.%s.graphStep" % suffix)
        d = jmh.get("MlpStepBenchmark.%s.deltaRuleStep" % suffix)
        if g and d:
            over = g["score"] / d["score"]
            print("%d thread(s)  graph / delta rule = %.2f  (target <= 1.10: %s)" % (t, over, verdict(over <= 1.10)))
        if g and "gc.alloc.rate.norm" in g:
            b = g["gc.alloc.rate.norm"]
            print("%d thread(s)  graph step allocates %.2f MB; must hold %.2f MB; ratio %.2f (target <= 2: %s)"
                  % (t, b / 1e6, MUST_HOLD_BYTES / 1e6, b / MUST_HOLD_BYTES, verdict(b <= 2 * MUST_HOLD_BYTES)))

    print()
    print("=== dgemm at the MLP's shapes, GFLOP/s (higher is better; target chainrule >= 0.8x OpenBLAS) ===")
    for t in THREADS:
        ref = refs.get(t)
        suffix = "OneThread" if t == 1 else "TwoThreads"
        for name, m, n, k, _, _ in GEMMS:
            key = "GemmBenchmark.%s.%s" % (suffix, name)
            if key not in jmh:
                continue
            ours = jmh[key]["score"]
            line = "%d thread(s)  %-20s chainrule %6.1f" % (t, name, ours)
            if ref:
                blas = ref["gemm"][name]["numpy_gflops"]
                line += "   numpy/OpenBLAS %6.1f   torch %6.1f   ratio %.2fx (%s)" % (
                    blas, ref["gemm"][name]["torch_gflops"], ours / blas, verdict(ours >= 0.8 * blas))
            print(line)

    print()
    print("=== micrograd demo step on the Scalar graph (target <= 20 ns per node, forward+backward+update) ===")
    m = jmh.get("MicrogradBenchmark.step")
    if m:
        print("%.1f ns/node  (%s); %.0f bytes allocated per node"
              % (m["score"], verdict(m["score"] <= 20), m.get("gc.alloc.rate.norm", float("nan"))))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--jar", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "target", "benchmarks.jar"))
    parser.add_argument("--jmh-json", help="use this JMH JSON result instead of running JMH")
    parser.add_argument("--no-jmh", action="store_true", help="only measure PyTorch/numpy")
    parser.add_argument("jmh_args", nargs="*", help="extra JMH arguments (after --)")
    args = parser.parse_args()
    if args.child:
        measure_in_this_process()
        return 0
    if not have_torch():
        print("PyTorch (and numpy) are needed for the reference figures but are not installed for "
              + sys.executable + ".\nInstall Debian's build with:  sudo apt-get install python3-torch\n"
              "and run this script with /usr/bin/python3.", file=sys.stderr)
        return 2
    refs = {}
    for t in THREADS:
        print("measuring PyTorch/numpy with %d thread(s)..." % t, flush=True)
        refs[t] = run_reference(t)
        print(json.dumps(refs[t]), flush=True)
    jmh = {}
    if args.jmh_json:
        jmh = jmh_scores(args.jmh_json)
    elif not args.no_jmh:
        if not os.path.exists(args.jar):
            print("no " + args.jar + "; build it with: mvn -B install -DskipTests", file=sys.stderr)
            return 2
        out_file = "jmh-result.json"
        run_jmh(args.jar, args.jmh_args, out_file)
        jmh = jmh_scores(out_file)
    report(refs, jmh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
