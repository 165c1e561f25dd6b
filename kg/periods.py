"""ISO 8601 periods as the project writes them: "2023", "2024-06", "2024-06-30", "2024-01/2024-06"."""

from __future__ import annotations

import calendar


def period_bounds(period: str) -> tuple[str, str]:
    """First and last day of an ISO period: "2024-01/2024-06" -> ("2024-01-01", "2024-06-30")."""
    if "/" in period:
        start, end = period.split("/", 1)
        return period_bounds(start)[0], period_bounds(end)[1]
    parts = period.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-01-01", f"{parts[0]}-12-31"
    if len(parts) == 2:
        last = calendar.monthrange(int(parts[0]), int(parts[1]))[1]
        return f"{period}-01", f"{period}-{last:02d}"
    return period, period


def overlaps(a: str, b: str) -> bool:
    (a0, a1), (b0, b1) = period_bounds(a), period_bounds(b)
    return a0 <= b1 and b0 <= a1
