"""How the app writes figures: money one way everywhere (whole dollars with thousands separators,
``$105,106``), an empty cell for a missing figure in a table, months without float noise.

>>> dollars(105106.0), dollars(133260.0), dollars(62.5), dollars(None), dollars(None, "cost unknown")
('$105,106', '$133,260', '$63', '', 'cost unknown')
>>> dollars_range((1555.0, 20125.0)), dollars_range((125.0, 125.0)), signed_dollars(-540.0)
('$1,555–$20,125', '$125', '−$540')
>>> month(14.0145), month(2.5), months_range((9.5, 15.0)), months_range((12.0, 12.0))
('14', '2.5', '9.5–15 months', '12 months')
"""

from __future__ import annotations

import math

__all__ = ["dollars", "dollars_range", "signed_dollars", "month", "months_range", "blank"]


def dollars(value: float | None, missing: str = "") -> str:
    """Whole dollars: ``$105,106``; ``missing`` (empty by default) when there is no figure."""
    if value is None or value != value:  # None or NaN
        return missing
    whole = math.floor(abs(value) + 0.5)  # half up, as people round money (not to even)
    return f"{'-' if value < 0 else ''}${whole:,}"


def signed_dollars(value: float | None) -> str:
    """``+$1,200`` or ``−$540`` (a true minus sign); empty when there is no figure."""
    if value is None or value != value:
        return ""
    return ("+" if value >= 0 else "−") + dollars(abs(value))


def dollars_range(bounds: tuple[float, float] | None, missing: str = "") -> str:
    """``$1,555–$20,125``, or one figure when both ends agree."""
    if bounds is None:
        return missing
    low, high = dollars(bounds[0]), dollars(bounds[1])
    return low if low == high else f"{low}–{high}"


def month(value: float | None) -> str:
    """A month count without float noise: ``14.0145`` -> ``'14'``, ``2.5`` -> ``'2.5'``."""
    if value is None:
        return ""
    return f"{round(value, 1):g}"


def months_range(bounds: tuple[float, float] | None, missing: str = "") -> str:
    """``9.5–15 months``, or ``12 months`` when both ends agree."""
    if bounds is None:
        return missing
    low, high = month(bounds[0]), month(bounds[1])
    unit = "month" if high == "1" else "months"
    return f"{low} {unit}" if low == high else f"{low}–{high} {unit}"


def blank(value: object) -> str:
    """A table cell: the value as text, empty when missing (never "None" or "nan")."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)
