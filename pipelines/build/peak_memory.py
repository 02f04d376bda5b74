"""Peak resident memory of this process (Linux VmHWM), in MB; None where /proc is not available.

Not ru_maxrss: on Linux a child started with fork + exec inherits its parent's high-water mark there,
so a benchmark's subprocess would report the benchmark's own peak.
"""

from __future__ import annotations

from pathlib import Path


def peak_memory_mb() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None
