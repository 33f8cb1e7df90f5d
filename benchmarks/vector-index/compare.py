#!/usr/bin/python3
"""dfd's HNSW index (USearch via DrawingFromDiffusion.Storage) beside hnswlib and FAISS HNSW, in one run, on the same vectors.

Generates seeded clustered, L2-normalised vectors (.fbin), exact top-10 ground truth (.ibin), then runs each library in
its own process (so memory is measured per library): build time on --threads threads, memory, and recall@10 with
single-thread QPS over an ef_search sweep. Prints a Markdown table; raw measurements go to OUT/results.jsonl.

    benchmarks/vector-index/compare.py [--n 100000] [--dims 512] [--queries 1000] [--clusters 200] [--spread 0.5]
                                       [--ef 16,32,64,128,256] [--threads 2] [--out artifacts/vector-index]

Installs python3-numpy, python3-hnswlib and python3-faiss with apt-get when they are missing; uses Debian's python3.
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
K = 10


def ensure_packages():
    missing = []
    for module, package in (("numpy", "python3-numpy"), ("hnswlib", "python3-hnswlib"), ("faiss", "python3-faiss")):
        try:
            __import__(module)
        except ImportError:
            missing.append(package)
    if missing:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        print(f"installing {' '.join(missing)} with apt-get", file=sys.stderr)
        subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True)
        subprocess.run(sudo + ["apt-get", "install", "-y", "-qq"] + missing, check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        os.execv(sys.executable, [sys.executable] + sys.argv)


def write_bin(path, array):
    import numpy as np
    with open(path, "wb") as f:
        np.array(array.shape, dtype=np.int32).tofile(f)
        array.tofile(f)


def read_bin(path, dtype):
    import numpy as np
    with open(path, "rb") as f:
        rows, cols = np.fromfile(f, dtype=np.int32, count=2)
        return np.fromfile(f, dtype=dtype, count=rows * cols).reshape(rows, cols)


def clustered(rng, centres, count, spread):
    import numpy as np
    labels = rng.integers(0, len(centres), size=count)
    x = centres[labels] + spread * rng.standard_normal((count, centres.shape[1]), dtype=np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x.astype(np.float32)


def prepare(args):
    import numpy as np
    os.makedirs(args.out, exist_ok=True)
    tag = f"n{args.n}-d{args.dims}-c{args.clusters}-s{args.spread}-q{args.queries}"
    base, queries, truth = (os.path.join(args.out, f"{tag}.{name}") for name in ("base.fbin", "queries.fbin", "truth.ibin"))
    if all(os.path.exists(p) for p in (base, queries, truth)):
        return base, queries, truth
    rng = np.random.default_rng(20260101)
    centres = rng.standard_normal((args.clusters, args.dims), dtype=np.float32)
    data = clustered(rng, centres, args.n, args.spread)
    q = clustered(rng, centres, args.queries, args.spread)
    top = np.empty((args.queries, 100), dtype=np.int32)
    for start in range(0, args.queries, 100):
        scores = q[start:start + 100] @ data.T
        part = np.argpartition(-scores, 100, axis=1)[:, :100]
        order = np.argsort(-np.take_along_axis(scores, part, axis=1), axis=1)
        top[start:start + 100] = np.take_along_axis(part, order, axis=1)
    write_bin(base, data)
    write_bin(queries, q)
    write_bin(truth, top)
    return base, queries, truth


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def recall(found, truth):
    hits = sum(len(set(f[:K]) & set(t[:K])) for f, t in zip(found, truth))
    return hits / (len(truth) * K)


def worker(args):
    """Runs one Python library and prints JSON lines."""
    import numpy as np
    data = read_bin(args.base, np.float32)
    q = read_bin(args.queries_file, np.float32)
    truth = read_bin(args.truth, np.int32)
    sweep = [int(e) for e in args.ef.split(",")]
    before = rss_mb()
    if args.worker == "hnswlib":
        import hnswlib
        index = hnswlib.Index(space="ip", dim=data.shape[1])
        index.init_index(max_elements=len(data), ef_construction=200, M=16, random_seed=100)
        index.set_num_threads(args.threads)
        start = time.perf_counter()
        index.add_items(data, np.arange(len(data)))
        build = time.perf_counter() - start
        index.set_num_threads(1)
        config = f"hnswlib {getattr(hnswlib, '__version__', '0.6.2')} M16 efc200 f32"

        def search(ef):
            index.set_ef(ef)
            labels, _ = index.knn_query(q, k=K)
            return labels
    else:
        import faiss
        faiss.omp_set_num_threads(args.threads)
        index = faiss.IndexHNSWFlat(data.shape[1], 16, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 200
        start = time.perf_counter()
        index.add(data)
        build = time.perf_counter() - start
        faiss.omp_set_num_threads(1)
        config = f"FAISS {faiss.__version__} HNSWFlat M16 efc200 f32"

        def search(ef):
            index.hnsw.efSearch = ef
            _, labels = index.search(q, K)
            return labels
    memory = rss_mb() - before
    print(json.dumps({"library": args.worker, "config": config, "build_s": build, "memory_mb": memory, "threads": args.threads}), flush=True)
    for ef in sweep:
        search(ef)  # warm-up
        cpu = time.process_time()
        start = time.perf_counter()
        labels = search(ef)
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu
        print(json.dumps({"library": args.worker, "config": config, "ef": ef, "recall": recall(labels, truth),
                          "qps": len(q) / seconds, "cpu_qps": len(q) / cpu, "build_s": build, "memory_mb": memory}), flush=True)


def run_lines(command):
    print("$ " + " ".join(command), file=sys.stderr, flush=True)
    out = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--dims", type=int, default=512)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--clusters", type=int, default=200)
    parser.add_argument("--spread", type=float, default=0.5)
    parser.add_argument("--ef", default="16,32,64,128,256")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", default=os.path.join(ROOT, "artifacts", "vector-index"))
    parser.add_argument("--dfd-precision", default="both", choices=["f16", "f32", "both"])
    parser.add_argument("--dfd-efc", default="128", help="ef_construction, or a comma-separated list: one dfd build each")
    parser.add_argument("--dfd-m", default="16", help="M (connectivity), or a comma-separated list: one dfd build each")
    parser.add_argument("--no-build", action="store_true", help="use the benchmarks' existing Release build")
    parser.add_argument("--skip", default="", help="comma-separated: dfd,hnswlib,faiss")
    parser.add_argument("--worker", choices=["hnswlib", "faiss"])
    parser.add_argument("--base")
    parser.add_argument("--queries-file")
    parser.add_argument("--truth")
    args = parser.parse_args()
    if args.worker:
        return worker(args)

    ensure_packages()
    base, queries, truth = prepare(args)
    skip = set(filter(None, args.skip.split(",")))
    results = []
    if "dfd" not in skip:
        if not args.no_build:
            subprocess.run(["dotnet", "build", "benchmarks/DrawingFromDiffusion.Benchmarks", "-c", "Release", "-nologo",
                            "-clp:ErrorsOnly", "-v", "q"], check=True, cwd=ROOT)
        dll = os.environ.get("DFD_BENCHMARKS_DLL") or os.path.join(
            ROOT, "benchmarks/DrawingFromDiffusion.Benchmarks/bin/Release/net10.0/DrawingFromDiffusion.Benchmarks.dll")
        for m in args.dfd_m.split(","):
            for efc in args.dfd_efc.split(","):
                lines = run_lines(["dotnet", dll, "vector-index", "--base", base, "--queries", queries, "--truth", truth,
                                   "--ef", args.ef, "--threads", str(args.threads), "--precision", args.dfd_precision,
                                   "--efc", efc, "--m", m])
                # The exact baseline is the same for every build: keep the first.
                results += [r for r in lines if r["library"] != "dfd ExactIndex" or not any(x["library"] == "dfd ExactIndex" for x in results)]
    for library in ("hnswlib", "faiss"):
        if library not in skip:
            results += run_lines([sys.executable, os.path.abspath(__file__), "--worker", library, "--base", base,
                                  "--queries-file", queries, "--truth", truth, "--ef", args.ef, "--threads", str(args.threads)])
    with open(os.path.join(args.out, "results.jsonl"), "w") as f:
        for r in results:
            f.write(json.dumps(r) + "\n")
    report(results, args)


def report(results, args):
    exact = next((r["qps"] for r in results if r["library"] == "dfd ExactIndex"), None)
    print(f"load average at the end: {' '.join(open('/proc/loadavg').read().split()[:3])}\n")
    print(f"{args.n:,} × {args.dims}-d clustered vectors ({args.clusters} clusters, spread {args.spread}), "
          f"{args.queries} queries, recall@{K}; build on {args.threads} threads, queries on 1 thread.\n")
    print("| library / config | build s | memory MB | ef | recall@10 | QPS | QPS by CPU time | × exact |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        if "recall" not in r:
            continue
        ratio = f"{r['qps'] / exact:.1f}" if exact else ""
        print(f"| {r['library']} {r['config']} | {r['build_s']:.1f} | {r['memory_mb']:.0f} | {r.get('ef', '')} | "
              f"{r['recall']:.3f} | {r['qps']:,.0f} | {r.get('cpu_qps', 0):,.0f} | {ratio} |")
    print("\nBest single-thread QPS at or above a recall target:\n")
    configs = sorted({(r["library"], r["config"]) for r in results if r.get("ef")})
    print("| library / config | ≥ 0.95 | ≥ 0.98 | ≥ 0.99 | ≥ 0.99 by CPU time |")
    print("|---|---:|---:|---:|---:|")
    for library, config in configs:
        cells = []
        for target, key in ((0.95, "qps"), (0.98, "qps"), (0.99, "qps"), (0.99, "cpu_qps")):
            best = max((r.get(key, 0) for r in results if (r["library"], r["config"]) == (library, config)
                        and r.get("ef") and r["recall"] >= target), default=None)
            cells.append(f"{best:,.0f}" if best else "—")
        print(f"| {library} {config} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
