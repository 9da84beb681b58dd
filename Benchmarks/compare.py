#!/usr/bin/env python3
"""Side by side: `mimekit stat` against GMime 3, Python's email and fast-mail-parser, each
parsing every message and decoding every leaf of the same generated files, plus the event
layer against a memchr line scan (the floor) and the base64 decoder alone. The same
parse-and-decode through the library (`mimekit-bench decode`, no output) is timed beside the
CLI.

    python3 Benchmarks/compare.py                       # everything, best of 3
    python3 Benchmarks/compare.py --repeat 5 --inputs mixed
    python3 Benchmarks/compare.py --mimekit /path/to/mimekit   # time another build

What it does, in order, saying so as it goes:
1. generates Benchmarks/data/ if a file is missing (generate-corpus.py);
2. builds `mimekit` and `mimekit-bench` in release (swift build in this package, which builds
   the root package by path), and the C peers with gcc into Benchmarks/.bin/, installing
   libgmime-3.0-dev with apt-get if pkg-config cannot find it;
3. makes Benchmarks/.venv with fast-mail-parser if it is not there;
4. drops each input (and the halves below) from the page cache and reads it back once, so that
   every run starts from the pages a read from disk leaves, whoever wrote the file (`settle`);
   then times each command over each input, the repeats interleaved (one round of every command,
   then the next) so a change of load hits all of them alike, and keeps the best wall time;
5. prints throughput in MB/s (10^6 input bytes a second) and the ratios issue 4 targets, each
   twice: by wall clock, and by the CPU time the run used (user + system; on a shared machine
   this leaves out the time other processes held the cores), and writes them to
   Benchmarks/data/results.md and results.json. The --jobs ratio comes from the best times
   over the rounds plus --jobs-rounds more rounds of only `mimekit --jobs 1` and `--jobs 2`
   (default 10; the ratios to the peers use the common rounds only), and is also given as the
   median of each round's own ratio (the two run one after the other in a round).
   Beside it, the same rounds time two `mimekit stat --jobs 1` processes started together on
   the two halves of the mbox (cut at the first `From ` line after the middle): what this
   machine's two cores give two independent processes doing the same work, the ceiling the
   --jobs 2 ratio is read against.

`mimekit stat --jobs N --quiet FILE` is timed when the binary has `stat`; otherwise
`mimekit dump FILE > /dev/null` (which also decodes every leaf) stands in, and the --jobs
ratio is not measured. The load average (uptime) is recorded before and after.
"""
import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
BIN = os.path.join(HERE, ".bin")
VENV = os.path.join(HERE, ".venv")
INPUTS = {"mixed": "mixed.mbox", "small": "small.mbox", "large": "large.eml"}
# The reference for the --jobs ratio: two `stat --jobs 1` on the mbox's halves at once.
TWO = "2 × mimekit --jobs 1 on halves"
TARGETS = {"gmime": 4.0, "email": 30.0, "fast": 5.0, "floor": 0.5, "base64": 3000.0, "jobs": 1.8}


def say(text):
    print(f"compare: {text}", flush=True)


def run(command, **kwargs):
    say("$ " + " ".join(command))
    subprocess.run(command, check=True, **kwargs)


def sudo():
    return [] if os.geteuid() == 0 else ["sudo"]


def ensure_inputs(names):
    missing = [n for n in names if not os.path.exists(os.path.join(DATA, INPUTS[n]))]
    if missing:
        say(f"generating the missing inputs ({', '.join(missing)}); this takes a minute or two")
        run([sys.executable, os.path.join(HERE, "generate-corpus.py"), *sum((["--only", n] for n in missing), [])])


def build_swift(mimekit_override):
    say("building mimekit and mimekit-bench in release (the first build takes several minutes)")
    # --static-swift-stdlib as `make release` builds it (the runtime linked in: faster start).
    for product in ("mimekit-bench",) + (() if mimekit_override else ("mimekit",)):
        run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--package-path", HERE, "--product", product])
    release = subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--package-path", HERE,
                              "--show-bin-path"], check=True, capture_output=True, text=True).stdout.strip()
    return (mimekit_override or os.path.join(release, "mimekit")), os.path.join(release, "mimekit-bench")


def build_c():
    if subprocess.run(["pkg-config", "--exists", "gmime-3.0"]).returncode != 0:
        say("GMime 3 development files are missing: installing libgmime-3.0-dev with apt-get")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(sudo() + ["apt-get", "update"], env=env)
        run(sudo() + ["apt-get", "install", "-y", "--no-install-recommends", "libgmime-3.0-dev", "pkg-config"], env=env)
    os.makedirs(BIN, exist_ok=True)
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "gmime-3.0"], check=True,
                           capture_output=True, text=True).stdout.split()
    run(["gcc", "-O2", "-o", os.path.join(BIN, "gmime-peer"), os.path.join(HERE, "peers", "gmime-peer.c"), *flags])
    run(["gcc", "-O2", "-o", os.path.join(BIN, "memchr-floor"), os.path.join(HERE, "peers", "memchr-floor.c")])


def ensure_venv():
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        say("making Benchmarks/.venv for fast-mail-parser")
        run([sys.executable, "-m", "venv", VENV])
    if subprocess.run([python, "-c", "import fast_mail_parser"], capture_output=True).returncode != 0:
        say("installing fast-mail-parser from PyPI into Benchmarks/.venv")
        run([python, "-m", "pip", "install", "--quiet", "fast-mail-parser"])
    return python


def has_stat(mimekit):
    """Whether `mimekit --help` lists a `stat` subcommand that takes --jobs."""
    usage = subprocess.run([mimekit, "--help"], capture_output=True, text=True).stdout
    if not any(line.split()[:1] == ["stat"] for line in usage.splitlines()):
        return False
    return "--jobs" in subprocess.run([mimekit, "stat", "--help"], capture_output=True, text=True).stdout


def load():
    with open("/proc/loadavg") as f:
        return f.read().split()[:3]


def cpu_of_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_once(command, stdout_to_null=False):
    """Wall seconds, CPU seconds (user + system) and stdout of one run."""
    cpu = cpu_of_children()
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL if stdout_to_null else subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    cpu = cpu_of_children() - cpu
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()[:500]}")
    return elapsed, cpu, (result.stdout or "").strip()


def time_together(commands):
    """Wall seconds from starting all `commands` at once until the last exits, and their CPU
    seconds (user + system) added up."""
    cpu = cpu_of_children()
    start = time.perf_counter()
    processes = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for c in commands]
    errors = [(c, p.communicate()[1], p.returncode) for c, p in zip(commands, processes)]
    elapsed = time.perf_counter() - start
    cpu = cpu_of_children() - cpu
    for command, stderr, status in errors:
        if status != 0:
            raise RuntimeError(f"{' '.join(command)} failed ({status}): {stderr.strip()[:500]}")
    return elapsed, cpu, ""


def split_in_halves(path, directory):
    """Writes the two halves of the mbox `path` into `directory`, cut at the start of the first
    `From ` line after the middle; returns their paths, or None when there is no such line."""
    with open(path, "rb") as f:
        data = f.read()
    cut = data.find(b"\nFrom ", len(data) // 2)
    if cut < 0:
        return None
    halves = []
    for suffix, part in (("a", data[:cut + 1]), ("b", data[cut + 1:])):
        halves.append(os.path.join(directory, f"{os.path.basename(path)}.{suffix}"))
        with open(halves[-1], "wb") as f:
            f.write(part)
    return halves


def settle(paths):
    """Puts each file's pages in the page cache as a read from disk leaves them: written back,
    dropped, then read once from start to end.

    How a file's pages sit in the page cache depends on how it was written, and it moves every
    program that maps the file: `generate-corpus.py` writes in small pieces, which leaves small
    folios that the kernel maps 16 pages a fault, while a read from disk (read-ahead here is
    8 MiB) or one large write leaves large ones. `mimekit stat` of a freshly generated
    `small.mbox` took 10% longer than of the same bytes read back from disk (1,906 page faults
    against 693), and the halves, each written at once, sat in large folios, which flattered
    the two-process reference against the whole."""
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            while os.read(fd, 1 << 20):
                pass
        finally:
            os.close(fd)


def message_count(mimekit, path):
    out = subprocess.run([mimekit, "stat", "--json", "--jobs", "1", path], check=True, capture_output=True, text=True).stdout
    return json.loads(out)["messages"]


def rates_of(line):
    """(MB/s by wall clock, MB/s by CPU time) from a mimekit-bench or memchr-floor line."""
    return float(field(line, "MB/s")), float(field(line, "MB/s-cpu"))


def field(line, name):
    parts = line.split()
    return parts[parts.index(name) + 1] if name in parts else None


def machine():
    model = "unknown"
    for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
        if line.startswith("Model name:"):
            model = line.split(":", 1)[1].strip()
    with open("/proc/meminfo") as f:
        memory_kib = int(f.readline().split()[1])
    return {"cpus": os.cpu_count(), "model": model, "memory_gib": round(memory_kib / 2**20, 1),
            "kernel": platform.release()}


def main():
    parser = argparse.ArgumentParser(description="mimekit side by side with GMime, Python email, fast-mail-parser")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command; the best counts (default 3)")
    parser.add_argument("--inputs", default="mixed,small,large", help="comma-separated: mixed,small,large")
    parser.add_argument("--mimekit", help="a mimekit binary to time instead of building one")
    parser.add_argument("--skip-python-email", action="store_true", help="leave out the slowest peer")
    parser.add_argument("--jobs-rounds", type=int, default=10,
                        help="extra rounds of only `mimekit --jobs 1` and `--jobs 2`, back to back (default 10)")
    args = parser.parse_args()
    names = [n for n in args.inputs.split(",") if n]
    for n in names:
        if n not in INPUTS:
            parser.error(f"unknown input {n}")

    ensure_inputs(names)
    mimekit, bench = build_swift(args.mimekit)
    build_c()
    venv_python = ensure_venv()
    stat = has_stat(mimekit)
    if not stat:
        say("this mimekit has no `stat` yet: timing `mimekit dump FILE > /dev/null` instead; no --jobs ratio")
    peer = os.path.join(HERE, "peers", "python-peer.py")
    gmime = os.path.join(BIN, "gmime-peer")

    load_before = load()
    say(f"load average before: {' '.join(load_before)}")
    results = {"machine": machine(), "load_before": load_before, "repeat": args.repeat,
               "mimekit_command": "stat" if stat else "dump", "inputs": {}}

    # The halves of each mbox, for the two-process reference; on the data's file system, so
    # both runs read from the same kind of storage, and removed at the end.
    scratch = tempfile.TemporaryDirectory(prefix="halves-", dir=DATA)
    for name in names:
        path = os.path.join(DATA, INPUTS[name])
        size = os.path.getsize(path)
        mbox = ["--mbox"] if name != "large" else []
        commands = {}
        halves = split_in_halves(path, scratch.name) if stat and name != "large" else None
        if halves and sum(message_count(mimekit, h) for h in halves) != message_count(mimekit, path):
            say(f"{name}: the halves do not hold the same messages as the whole; no two-process reference")
            halves = None
        say(f"{name}: dropping the input{' and its halves' if halves else ''} from the page cache and reading them back")
        settle([path] + (halves or []))
        if stat:
            commands["mimekit --jobs 1"] = ([mimekit, "stat", "--jobs", "1", "--quiet", path], True)
            commands["mimekit --jobs 2"] = ([mimekit, "stat", "--jobs", "2", "--quiet", path], True)
            if halves:
                commands[TWO] = ([[mimekit, "stat", "--jobs", "1", "--quiet", h] for h in halves], True)
        else:
            commands["mimekit --jobs 1"] = ([mimekit, "dump", path], True)
        # The same work through the library, without the CLI's output: what `stat` costs
        # at best, and a fair stand-in while `dump` (which formats a tree per message) is timed.
        commands["MIMEKit library"] = ([bench, "decode", path, "--repeat", "1"], False)
        commands["GMime stream"] = ([gmime, "stream", *mbox, path], False)
        commands["GMime mmap+persist"] = ([gmime, "mmap", *mbox, path], False)
        if not args.skip_python_email:
            commands["Python email"] = ([sys.executable, peer, "email", path], False)
        commands["fast-mail-parser"] = ([venv_python, peer, "fast", path], False)

        best = {label: float("inf") for label in commands}
        cpu_at_best, outputs, failures = {}, {}, {}
        walls = {label: [] for label in commands}
        # After the rounds of every command, more rounds of the two `stat`s alone: they take a
        # fraction of a second where the peers take seconds, and on a machine whose speed moves
        # from one moment to the next the two-thread run needs more chances to meet both cores
        # quiet at once. Those rounds count for the --jobs ratio only (`jobs_best`), so the ratios
        # to the peers still compare best times over the same number of rounds.
        jobs_best = {}
        jobs_only = [label for label in ("mimekit --jobs 1", "mimekit --jobs 2", TWO) if label in commands]
        schedule = [list(commands)] * args.repeat + ([jobs_only] * args.jobs_rounds if len(jobs_only) >= 2 else [])
        for round_number, labels in enumerate(schedule):
            for label in labels:
                command, quiet = commands[label]
                if label in failures:
                    continue
                try:
                    if label == TWO:
                        elapsed, cpu, out = time_together(command)
                    else:
                        elapsed, cpu, out = time_once(command, stdout_to_null=quiet)
                except RuntimeError as error:
                    failures[label] = str(error).splitlines()[-1][:200]
                    say(f"{name}: {label} failed, left out: {failures[label]}")
                    continue
                walls[label].append(elapsed)
                if label in jobs_only:
                    jobs_best[label] = min(jobs_best.get(label, elapsed), elapsed)
                if round_number < args.repeat and elapsed < best[label]:
                    best[label], cpu_at_best[label] = elapsed, cpu
                outputs[label] = out
                say(f"{name} round {round_number + 1}: {label}: {elapsed:.3f} s wall, {cpu:.3f} s CPU")
        for label in failures:
            del best[label]

        micro = {}
        if name in ("mixed", "small"):
            # The event layer and the floor in turns, two repeats each a turn (the first of a warm
            # pair maps the file), keeping the best of each: a change of the machine's speed
            # between one block of repeats and the other then moves both alike, as the rounds
            # above do for the programs.
            for mode in ([], ["--warm"]):
                suffix = " (warm)" if mode else " (fresh map)"
                for _ in range(max(args.repeat, 5)):
                    for label, command in (("event layer", [bench, "events", path, "--repeat", "2", *mode]),
                                           ("memchr floor", [os.path.join(BIN, "memchr-floor"), path, "2", *mode])):
                        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
                        rates = rates_of(out)
                        key = label + suffix
                        micro[key] = tuple(max(a, b) for a, b in zip(micro.get(key, rates), rates))
        if name == "large":
            out = subprocess.run([bench, "base64", path, "--repeat", str(max(args.repeat, 7))],
                                 check=True, capture_output=True, text=True).stdout
            micro["base64 decoder"] = rates_of(out)
            # The same decoder over the first MiB of the same bodies, which stays in the caches:
            # its own speed, without the memory the 90 MB above are read from.
            out = subprocess.run([bench, "base64", path, "--repeat", "200", "--limit", str(1 << 20)],
                                 check=True, capture_output=True, text=True).stdout
            micro["base64 decoder, 1 MiB in cache"] = rates_of(out)
        if name == "mixed":
            out = subprocess.run([bench, "qp", path, "--repeat", str(max(args.repeat, 7))],
                                 check=True, capture_output=True, text=True).stdout
            micro["quoted-printable decoder"] = rates_of(out)

        # Each rate twice: by wall clock, and by the CPU time the run used (user + system), which
        # on a shared machine leaves out the time other processes held the cores.
        rates = {label: (size / seconds / 1e6, size / max(cpu_at_best[label], 1e-9) / 1e6)
                 for label, seconds in best.items()}
        ratios = {}

        def ratio(label, a, b, target):
            ratios[label] = ((a[0] / b[0], a[1] / b[1]), target)

        modes = [k for k in ("GMime stream", "GMime mmap+persist") if k in rates]
        if modes:
            rates["GMime, faster mode"] = (max(rates[k][0] for k in modes), max(rates[k][1] for k in modes))
        for ours, short in (("mimekit --jobs 1", f"mimekit {results['mimekit_command']}"),
                            ("MIMEKit library", "library")):
            for other, target in (("GMime, faster mode", "gmime"), ("Python email", "email"),
                                  ("fast-mail-parser", "fast")):
                if other in rates:
                    ratio(f"{short} / {other}", rates[ours], rates[other], TARGETS[target])
        if "mimekit --jobs 2" in rates:
            # CPU time adds up both threads, so only the wall clock says what --jobs gains.
            # From the best times over every round, the --jobs-only rounds included.
            ratios["mimekit --jobs 2 / --jobs 1"] = ((jobs_best["mimekit --jobs 1"] / jobs_best["mimekit --jobs 2"], None),
                                                     TARGETS["jobs"])
            # The same ratio round by round: --jobs 1 and --jobs 2 run one after the other in
            # each round, so each pair meets the machine in about the same state; the best
            # times above may come from different rounds, and a slow spell hurts the two-thread
            # run more (it needs both cores quiet at once). Shown beside the best-of ratio.
            pairs = [a / b for a, b in zip(walls["mimekit --jobs 1"], walls["mimekit --jobs 2"])]
            if pairs:
                ratios["mimekit --jobs 2 / --jobs 1, median of the rounds"] = ((statistics.median(pairs), None), TARGETS["jobs"])
            if TWO in jobs_best:
                # The reference: two single-threaded processes on the halves, started together,
                # against one on the whole, and how much of that --jobs 2 gets. No target: this
                # says what the machine allows at that moment, not what mimekit does.
                two = jobs_best[TWO]
                ratios[f"{TWO} / --jobs 1"] = ((jobs_best["mimekit --jobs 1"] / two, None), None)
                ratios[f"mimekit --jobs 2 / {TWO}"] = ((two / jobs_best["mimekit --jobs 2"], None), None)
                rounds = [a / b for a, b in zip(walls["mimekit --jobs 1"], walls[TWO])]
                if rounds:
                    ratios[f"{TWO} / --jobs 1, median of the rounds"] = ((statistics.median(rounds), None), None)
        for mode in (" (fresh map)", " (warm)"):
            if "event layer" + mode in micro:
                ratio("event layer / memchr floor" + mode, micro["event layer" + mode], micro["memchr floor" + mode],
                      TARGETS["floor"])
        if "base64 decoder" in micro:
            b = micro["base64 decoder"]
            ratios["base64 decoder, GB/s"] = ((b[0] / 1000, b[1] / 1000), TARGETS["base64"] / 1000)
        if "base64 decoder, 1 MiB in cache" in micro:
            b = micro["base64 decoder, 1 MiB in cache"]
            ratios["base64 decoder in cache, GB/s"] = ((b[0] / 1000, b[1] / 1000), TARGETS["base64"] / 1000)
        results["inputs"][name] = {
            "file": INPUTS[name], "bytes": size, "seconds": best, "cpu_seconds": cpu_at_best, "round_seconds": walls, "jobs_seconds": jobs_best, "mb_per_s": rates, "micro_mb_per_s": micro,
            "ratios": {k: {"wall": v[0], "cpu": v[1], "target": t, "met_wall": None if t is None else v[0] >= t,
                           "met_cpu": None if v[1] is None or t is None else v[1] >= t} for k, (v, t) in ratios.items()},
            "outputs": outputs, "failures": failures,
        }

    scratch.cleanup()
    results["load_after"] = load()
    say(f"load average after: {' '.join(results['load_after'])}")
    report = render(results)
    print(report)
    os.makedirs(DATA, exist_ok=True)
    with open(os.path.join(DATA, "results.md"), "w") as f:
        f.write(report)
    with open(os.path.join(DATA, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
    say(f"written {os.path.join(DATA, 'results.md')} and results.json")
    return 0


def render(results):
    m = results["machine"]
    lines = [f"Machine: {m['cpus']} CPUs, {m['model']}, {m['memory_gib']} GiB, Linux {m['kernel']}; "
             f"load average {' '.join(results['load_before'])} before, {' '.join(results['load_after'])} after; "
             f"best of {results['repeat']}; mimekit command: `{results['mimekit_command']}`.", ""]
    for name, r in results["inputs"].items():
        lines += [f"### {r['file']} ({r['bytes'] / 1e6:.0f} MB)", "",
                  "| program | best wall s | CPU s of that run | MB/s by wall | MB/s by CPU |",
                  "|---|---:|---:|---:|---:|"]
        for label, (wall, cpu) in r["mb_per_s"].items():
            if label in r["seconds"]:
                lines.append(f"| {label} | {r['seconds'][label]:.3f} | {r['cpu_seconds'][label]:.3f} | {wall:,.1f} | {cpu:,.1f} |")
        for label, (wall, cpu) in r["micro_mb_per_s"].items():
            lines.append(f"| {label} (in process, best of ≥ 5) | | | {wall:,.1f} | {cpu:,.1f} |")
        lines += ["", "| ratio | by wall | by CPU | target | met (wall / CPU) |", "|---|---:|---:|---:|---|"]
        yes = {True: "yes", False: "no", None: "–"}
        for label, q in r["ratios"].items():
            cpu = "–" if q["cpu"] is None else f"{q['cpu']:.2f}"
            target = "–" if q["target"] is None else f"≥ {q['target']:g}"
            lines.append(f"| {label} | {q['wall']:.2f} | {cpu} | {target} | {yes[q['met_wall']]} / {yes[q['met_cpu']]} |")
        if len(r.get("jobs_seconds", {})) >= 2:
            rounds = len(r["round_seconds"]["mimekit --jobs 1"])
            two = r["jobs_seconds"].get(TWO)
            lines += ["", f"The --jobs ratio is from the best of {rounds} rounds of the two `mimekit` runs "
                      f"(--jobs-rounds more than the others): --jobs 1 {r['jobs_seconds']['mimekit --jobs 1']:.3f} s, "
                      f"--jobs 2 {r['jobs_seconds']['mimekit --jobs 2']:.3f} s"
                      + (f", two processes on the halves {two:.3f} s." if two else ".")]
        lines += ["", "Counts: " + "; ".join(f"{k}: {v}" for k, v in r["outputs"].items() if v), ""]
        for label, reason in r["failures"].items():
            lines += [f"Left out: {label}: {reason}", ""]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
