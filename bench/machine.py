"""What a `make bench` run costs the machine, read from /proc: the CPU each process used, the
workers' peak memory, the time the host kept for other machines, and the machine itself."""

import os
import platform
import re
import resource
from pathlib import Path


def described():
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
    memory = f"{memory_kb / 1024 / 1024:.0f} GiB"
    return f"{os.cpu_count()} cores ({model}), {memory}, {platform.platform()}"


def workers_of(server):
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    return children.read_text().split() if children.exists() else []


def worker_peak_memory_mb(server):
    peaks = []
    for pid in workers_of(server):
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status)[1]) / 1024)
    return max(peaks, default=0.0)


def cpu_seconds(pids):
    """{pid: user and system CPU seconds it has used so far} for the processes `pids`."""
    ticks = os.sysconf("SC_CLK_TCK")
    used = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return used


def cpu_used(before, after):
    """CPU seconds used between two `cpu_seconds` readings (a process started between them,
    such as a new database connection's backend, counts from its start)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def postgres_pids():
    return [
        p.name for p in Path("/proc").iterdir() if p.name.isdigit() and _command_of(p) == "postgres"
    ]


def _command_of(proc):
    try:
        return (proc / "comm").read_text().strip()
    except OSError:
        return ""


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_times():
    """The machine's CPU time so far, by kind (user, system, idle, steal, ...), in ticks."""
    names = ("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal")
    values = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    return dict(zip(names, map(int, values[: len(names)]), strict=True))


def steal_share(before, after):
    """The share of the cores' time the hypervisor gave to other machines meanwhile."""
    spent = {kind: after[kind] - before[kind] for kind in before}
    return spent["steal"] / max(1, sum(spent.values()))
