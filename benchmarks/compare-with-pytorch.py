#!/usr/bin/env python3
"""Runs PyTorch's float64 MLP step and numpy/torch dgemm at the MLP's shapes beside chainrule's
JMH benchmarks, with the same thread counts, and prints the ratios against the targets.

Usage (from the repository root, after `mvn -B install -DskipTests`):

    /usr/bin/python3 benchmarks/compare-with-pytorch.py            # PyTorch, then JMH, then ratios
    /usr/bin/python3 benchmarks/compare-with-pytorch.py --jmh-json results.json   # reuse a JMH run
    /usr/bin/python3 benchmarks/compare-with-pytorch.py --no-jmh    # reference figures only
    # dgemm only, 3 forks, on an AVX-512 machine with the JIT held to AVX2 (16 registers, so the
    # 6x8 kernel), against OpenBLAS's AVX2 kernel (or force only the species: -Dchainrule.gemm.bits=256):
    /usr/bin/python3 benchmarks/compare-with-pytorch.py --benchmarks GemmBenchmark --forks 3 \
        --jvm-arg=-XX:UseAVX=2 --openblas-coretype Haswell

Every ratio is printed beside the CPU, the vector width and the micro-kernel chainrule used
(`GemmBenchmark.main` reports them for the same JVM options) and the BLAS core numpy loaded.
The reference is measured before and after JMH; a ratio is given as the range over both.
If numpy's BLAS is not OpenBLAS (Debian's default libblas3 is the slow reference BLAS), install
libopenblas0-pthread or point --openblas-dir at its directory (e.g. a .deb unpacked with
`dpkg-deb -x`): the children then load it through LD_LIBRARY_PATH.

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


def loaded_blas():
    """The BLAS this process loaded, and OpenBLAS's core name (its kernel) if it is OpenBLAS."""
    import ctypes
    with open("/proc/self/maps") as f:
        paths = sorted({line.split()[-1] for line in f if "blas" in line.split()[-1]})
    for path in paths:
        try:
            corename = ctypes.CDLL(path).openblas_get_corename
        except (OSError, AttributeError):
            continue
        corename.restype = ctypes.c_char_p
        return "OpenBLAS (%s kernel) %s" % (corename().decode(), path)
    return "NOT OpenBLAS: " + (", ".join(paths) or "none found")


def measure_in_this_process():
    """Child mode: measure with the thread count fixed by the environment; print JSON."""
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    threads = int(os.environ["OMP_NUM_THREADS"])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    out = {"threads": threads, "torch": torch.__version__, "numpy": np.__version__, "blas": loaded_blas()}

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
        sec, sec_best = best_of(lambda: np.matmul(at, bt, out=c), repeat=9, number=number)
        ta_t, tb_t = torch.from_numpy(at), torch.from_numpy(bt)
        ct = torch.empty(m, n, dtype=torch.float64)
        sec_t, _ = best_of(lambda: torch.mm(ta_t, tb_t, out=ct), repeat=9, number=number)
        flops = 2 * m * n * k
        gemm[name] = {"numpy_gflops": flops / sec / 1e9, "numpy_gflops_best": flops / sec_best / 1e9,
                      "torch_gflops": flops / sec_t / 1e9}
    out["gemm"] = gemm
    print(json.dumps(out))


def measure_cpu_time_in_this_process():
    """Child mode: numpy dgemm at the MLP's shapes in GFLOP per CPU-second of this thread."""
    import numpy as np

    rng = np.random.default_rng(1)
    out = {"blas": loaded_blas(), "gemm": {}}
    for name, m, n, k, ta, tb in GEMMS:
        a = rng.standard_normal((k, m) if ta else (m, k))
        b = rng.standard_normal((n, k) if tb else (k, n))
        at, bt = (a.T if ta else a), (b.T if tb else b)
        c = np.empty((m, n))
        flops = 2 * m * n * k
        reps = max(5, int(2e8 / flops))
        best = 0
        for round_ in range(40):  # as GemmBenchmark --cpu-time: best of 15 after 25 of warm-up
            start = time.thread_time()
            for _ in range(reps):
                np.matmul(at, bt, out=c)
            cpu = time.thread_time() - start
            if round_ >= 25 and cpu > 0:
                best = max(best, flops * reps / cpu / 1e9)
        out["gemm"][name] = best
    print(json.dumps(out))


def reference_env(threads, openblas_dir=None, openblas_coretype=None):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads),
               MKL_NUM_THREADS=str(threads), OMP_WAIT_POLICY="PASSIVE")
    # Unless asked otherwise, let OpenBLAS pick its kernel for the CPU, as users get it.
    env.pop("OPENBLAS_CORETYPE", None)
    if openblas_coretype:
        env["OPENBLAS_CORETYPE"] = openblas_coretype
    if openblas_dir:
        env["LD_LIBRARY_PATH"] = openblas_dir + os.pathsep + env.get("LD_LIBRARY_PATH", "")
    return env


def cpu_time_comparison(args):
    """1 thread, GFLOP per CPU-second on both sides: steady while other work shares the cores."""
    env = reference_env(1, args.openblas_dir, args.openblas_coretype)
    rows = {}
    for attempt in range(2):  # reference, chainrule, reference, chainrule: interleaved
        ref = json.loads(subprocess.run([sys.executable, __file__, "--cpu-time-child"], env=env, check=True,
                                        stdout=subprocess.PIPE, text=True).stdout.strip().splitlines()[-1])
        cmd = (["java", "--add-modules", "jdk.incubator.vector"] + args.jvm_args
               + ["-Dchainrule.threads=1", "-cp", args.jar, "io.github.chainrule.benchmarks.GemmBenchmark",
                  "--cpu-time"])
        lines = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True).stdout.strip().splitlines()
        kernels = lines[0]
        for line in lines[1:]:
            name, gflops = line.split()
            rows.setdefault(name, []).append((float(gflops), ref["gemm"][name]))
    print()
    print("CPU: " + cpu_description())
    print("chainrule: %s%s; reference: %s" % (kernels, (" (JVM options " + " ".join(args.jvm_args) + ")")
                                             if args.jvm_args else "", ref["blas"]))
    print("=== dgemm, 1 thread, GFLOP per CPU-second of the calling thread, two interleaved runs each ===")
    for name, *_ in GEMMS:
        pairs = rows.get(name, [])
        if pairs:
            ratios = [ours / blas for ours, blas in pairs]
            print("%-20s chainrule %s   numpy/OpenBLAS %s   ratio %s  [%s]" % (
                name, "/".join("%.1f" % p[0] for p in pairs), "/".join("%.1f" % p[1] for p in pairs),
                fmt_range(min(ratios), max(ratios)), short_kernel(kernels)))


def run_reference(threads, openblas_dir=None, openblas_coretype=None):
    env = reference_env(threads, openblas_dir, openblas_coretype)
    result = subprocess.run([sys.executable, __file__, "--child"], env=env, check=True,
                            stdout=subprocess.PIPE, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def cpu_description():
    """Model, family and widest vector extension of this machine, from lscpu."""
    try:
        text = subprocess.run(["lscpu"], stdout=subprocess.PIPE, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown CPU (no lscpu)"
    fields = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    flags = fields.get("Flags", "").split()
    isa = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "no AVX2"
    return "%s (family %s, model %s), %s CPU(s), %s" % (
        fields.get("Model name", "?"), fields.get("CPU family", "?"), fields.get("Model", "?"),
        fields.get("CPU(s)", "?"), isa)


def java_kernels(jar, jvm_args, threads):
    """What chainrule runs the products with under these JVM options (GemmBenchmark.main)."""
    cmd = (["java", "--add-modules", "jdk.incubator.vector"] + jvm_args
           + ["-Dchainrule.threads=%d" % threads, "-cp", jar, "io.github.chainrule.benchmarks.GemmBenchmark"])
    try:
        result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=True)
        return result.stdout.strip().splitlines()[-1]
    except (OSError, subprocess.CalledProcessError, IndexError):
        return "unknown (could not run GemmBenchmark.main)"


def short_kernel(description):
    """'8x16 on 512-bit vectors' out of Kernels.describe(), or the kernels' name."""
    if " gemm " in description and " on " in description:
        return description.split(" gemm ", 1)[1].split(" (", 1)[0]
    return description.split(":", 1)[0]


def run_jmh(jar, benchmarks, forks, iterations, jvm_args, extra, out_file, ignore_lock=False):
    cmd = ["java"] + (["-Djmh.ignoreLock=true"] if ignore_lock else []) + ["-jar", jar, benchmarks,
           "-f", str(forks), "-wi", "3", "-i", str(iterations), "-prof", "gc",
           "-rf", "json", "-rff", out_file] + extra
    for arg in jvm_args:
        # Prepend: the benchmarks' own @Fork(jvmArgsAppend) (the module flag, the thread count) stay.
        cmd[cmd.index(jar) + 1:cmd.index(jar) + 1] = ["-jvmArgsPrepend", arg]
    print("$ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def jmh_scores(path):
    """{(benchmark-short-name): {metric: score}} from a JMH JSON result file."""
    with open(path) as f:
        data = json.load(f)
    scores = {}
    for entry in data:
        name = entry["benchmark"].replace("io.github.chainrule.benchmarks.", "")
        primary = entry["primaryMetric"]
        samples = [x for fork in primary.get("rawData", []) for x in fork]
        metrics = {"score": primary["score"], "error": primary["scoreError"], "unit": primary["scoreUnit"],
                   "min": min(samples) if samples else primary["score"],
                   "max": max(samples) if samples else primary["score"]}
        for key, value in entry.get("secondaryMetrics", {}).items():
            metrics[key] = value["score"]
        scores[name] = metrics
    return scores


def verdict(ok):
    return "meets" if ok else "MISSES"


def ratio_range(ours, references, higher_is_better):
    """'a-b' ratio over every reference measurement (before and after JMH)."""
    ratios = sorted((ours / r) if higher_is_better else (r / ours) for r in references)
    return ratios[0], ratios[-1]


def fmt_range(lo, hi):
    return "%.2fx" % lo if abs(hi - lo) < 0.005 else "%.2f-%.2fx" % (lo, hi)


def report(refs, jmh, machine):
    print()
    print("CPU: " + machine["cpu"])
    for t in THREADS:
        print("%d thread(s): chainrule %s; reference %s" % (t, machine["kernels"][t],
                                                           refs[t][0]["blas"] if refs.get(t) else "not measured"))
    if machine["jvm_args"]:
        print("JVM options added: " + " ".join(machine["jvm_args"]))
    print()
    print("=== MLP 784-256-128-10, batch 128, float64, one SGD step (lower ms is better) ===")
    for t in THREADS:
        ref = refs.get(t)
        kernel = "[%s | %s]" % (machine["isa"], short_kernel(machine["kernels"][t]))
        suffix = "OneThread" if t == 1 else "TwoThreads"
        target = 1.2 if t == 1 else 1.3
        for kind in ("graphStep", "nnStep", "deltaRuleStep"):
            key = "MlpStepBenchmark.%s.%s" % (suffix, kind)
            if key not in jmh:
                continue
            ms = jmh[key]["score"]
            line = "%d thread(s)  chainrule %-14s %7.3f ms (%.3f-%.3f)" % (t, kind, ms, jmh[key]["min"], jmh[key]["max"])
            if ref:
                torch_ms = [r["mlp_step_ms"] for r in ref]
                lo, hi = ratio_range(ms, torch_ms, higher_is_better=False)
                line += "   PyTorch %s ms   throughput ratio %s" % (
                    "/".join("%.3f" % x for x in torch_ms), fmt_range(lo, hi))
                if kind != "deltaRuleStep":
                    line += "  (target >= %.1fx: %s)" % (target, verdict(lo >= target))
            print(line + "  " + kernel)
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
    print("=== dgemm at the MLP's shapes, GFLOP/s (higher is better; target chainrule >= 0.9x OpenBLAS) ===")
    for t in THREADS:
        ref = refs.get(t)
        suffix = "OneThread" if t == 1 else "TwoThreads"
        kernel = "[%s | %s]" % (machine["isa"], short_kernel(machine["kernels"][t]))
        for name, m, n, k, _, _ in GEMMS:
            key = "GemmBenchmark.%s.%s" % (suffix, name)
            if key not in jmh:
                continue
            ours = jmh[key]["score"]
            line = "%d thread(s)  %-20s chainrule %6.1f (%5.1f-%5.1f)" % (t, name, ours, jmh[key]["min"], jmh[key]["max"])
            if ref:
                blas = [r["gemm"][name]["numpy_gflops"] for r in ref]
                lo, hi = ratio_range(ours, blas, higher_is_better=True)
                line += "   numpy/OpenBLAS %s   torch %s   ratio %s (%s)" % (
                    "/".join("%.1f" % x for x in blas),
                    "/".join("%.1f" % r["gemm"][name]["torch_gflops"] for r in ref),
                    fmt_range(lo, hi), verdict(lo >= 0.9))
                best = [r["gemm"][name].get("numpy_gflops_best") for r in ref]
                if all(best):
                    # Under contention the best sample on each side is the steadier estimate.
                    line += "   best/best %.2fx" % (jmh[key]["max"] / max(best))
            print(line + "  " + kernel)

    print()
    print("=== micrograd demo step on the Scalar graph (target <= 20 ns per node, forward+backward+update) ===")
    m = jmh.get("MicrogradBenchmark.step")
    if m:
        print("%.1f ns/node  (%s); %.0f bytes allocated per node"
              % (m["score"], verdict(m["score"] <= 20), m.get("gc.alloc.rate.norm", float("nan"))))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cpu-time-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cpu-time", action="store_true",
                        help="only dgemm on 1 thread, in GFLOP per CPU-second (for a machine shared with other work)")
    parser.add_argument("--jmh-ignore-lock", action="store_true",
                        help="run JMH even if another JMH run holds /tmp/jmh.lock (both are disturbed)")
    parser.add_argument("--jar", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "target", "benchmarks.jar"))
    parser.add_argument("--jmh-json", help="use this JMH JSON result instead of running JMH")
    parser.add_argument("--no-jmh", action="store_true", help="only measure PyTorch/numpy")
    parser.add_argument("--benchmarks", default="GemmBenchmark|MlpStepBenchmark|MicrogradBenchmark",
                        help="JMH benchmark regex")
    parser.add_argument("--forks", type=int, default=1, help="JMH forks per benchmark")
    parser.add_argument("--iterations", type=int, default=5, help="JMH measurement iterations per fork")
    parser.add_argument("--jvm-arg", action="append", default=[], dest="jvm_args",
                        help="JVM option for chainrule's forks, e.g. --jvm-arg=-Dchainrule.gemm.bits=256")
    parser.add_argument("--openblas-dir", help="directory holding OpenBLAS's libblas.so.3, for the reference")
    parser.add_argument("--openblas-coretype",
                        help="OPENBLAS_CORETYPE for the reference (default: unset, OpenBLAS's own choice),"
                             " e.g. Haswell to compare an AVX2-class run with OpenBLAS's AVX2 kernel")
    parser.add_argument("jmh_args", nargs="*", help="extra JMH arguments (after --)")
    args = parser.parse_args()
    if args.child:
        measure_in_this_process()
        return 0
    if args.cpu_time_child:
        measure_cpu_time_in_this_process()
        return 0
    if args.cpu_time:
        cpu_time_comparison(args)
        return 0
    if not have_torch():
        print("PyTorch (and numpy) are needed for the reference figures but are not installed for "
              + sys.executable + ".\nInstall Debian's build with:  sudo apt-get install python3-torch\n"
              "and run this script with /usr/bin/python3.", file=sys.stderr)
        return 2
    refs = {t: [] for t in THREADS}

    def measure_references():
        for t in THREADS:
            print("measuring PyTorch/numpy with %d thread(s)..." % t, flush=True)
            refs[t].append(run_reference(t, args.openblas_dir, args.openblas_coretype))
            print(json.dumps(refs[t][-1]), flush=True)

    measure_references()
    jmh = {}
    if args.jmh_json:
        jmh = jmh_scores(args.jmh_json)
    elif not args.no_jmh:
        if not os.path.exists(args.jar):
            print("no " + args.jar + "; build it with: mvn -B install -DskipTests", file=sys.stderr)
            return 2
        out_file = "jmh-result.json"
        run_jmh(args.jar, args.benchmarks, args.forks, args.iterations, args.jvm_args, args.jmh_args, out_file,
                args.jmh_ignore_lock)
        jmh = jmh_scores(out_file)
        measure_references()
    cpu = cpu_description()
    machine = {"cpu": cpu, "isa": cpu.rsplit(", ", 1)[-1], "jvm_args": args.jvm_args,
               "kernels": {t: java_kernels(args.jar, args.jvm_args, t) for t in THREADS}}
    if any(a.startswith("-Dchainrule.gemm.bits") or a.startswith("-XX:UseAVX") for a in args.jvm_args):
        machine["isa"] += " CPU, kernel width forced"
    report(refs, jmh, machine)
    return 0


if __name__ == "__main__":
    sys.exit(main())
