# ===- chart.py - SVG bar chart of a benchmark report ---------------------=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
"""Renders harness.py's report as a self-contained SVG: per model, one
horizontal bar per runtime (mote, ORT overhead-corrected, PyTorch) on a
logarithmic millisecond axis, since the models span four decades of latency,
with each bar's value and mote's ratio to ORT written beside it."""

import math
from xml.sax.saxutils import escape

SERIES = [  # (label, colour, getter of the median in ms)
    ("mote", "#d9480f", lambda row: row.get("mote", {}).get("median_ms")),
    ("ONNX Runtime (corrected)", "#1c7ed6",
     lambda row: row.get("ort", {}).get("corrected_median_ms")),
    ("PyTorch eager", "#5c940d", lambda row: row.get("torch", {}).get("median_ms")),
]

LEFT, RIGHT, TOP = 170, 150, 78
BAR, GAP, GROUP_GAP = 13, 2, 16
PLOT_WIDTH = 620


def _label(ms):
    return f"{ms:.3g} ms" if ms < 1000 else f"{ms / 1000:.3g} s"


def render(report):
    rows = report["models"]
    values = [get(row) for row in rows for _, _, get in SERIES]
    values = [v for v in values if v and v > 0]
    low = 10 ** math.floor(math.log10(min(values))) if values else 0.01
    high = 10 ** math.ceil(math.log10(max(values))) if values else 1000
    if high <= low:
        high = low * 10
    decades = math.log10(high / low)

    def x_of(ms):
        return LEFT + PLOT_WIDTH * math.log10(ms / low) / decades

    group_height = len(SERIES) * (BAR + GAP) + GROUP_GAP
    height = TOP + group_height * len(rows) + 40
    width = LEFT + PLOT_WIDTH + RIGHT
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}" '
           'font-family="DejaVu Sans, Arial, sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>']
    geo = report.get("geomean_ratio_corrected")
    machine = report.get("machine", {})
    title = ("mote vs ONNX Runtime vs PyTorch: median latency, 1 thread "
             "(log scale, shorter is faster)")
    subtitle = (f"{machine.get('cpu', '')}, peak {machine.get('peak_gflops', 0):.1f} "
                f"GFLOP/s fp32; geomean mote/ORT (corrected) = "
                + (f"{geo:.2f}x" if geo else "n/a"))
    out.append(f'<text x="10" y="20" font-size="14" font-weight="bold">'
               f'{escape(title)}</text>')
    out.append(f'<text x="10" y="38">{escape(subtitle)}</text>')
    # Legend.
    x = LEFT
    for label, colour, _ in SERIES:
        out.append(f'<rect x="{x}" y="50" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{x + 16}" y="60">{escape(label)}</text>')
        x += 30 + 7 * len(label)
    # Decade grid lines and labels.
    bottom = height - 30
    for k in range(int(round(decades)) + 1):
        ms = low * 10 ** k
        gx = x_of(ms)
        out.append(f'<line x1="{gx:.1f}" y1="{TOP - 6}" x2="{gx:.1f}" '
                   f'y2="{bottom}" stroke="#ccc"/>')
        out.append(f'<text x="{gx:.1f}" y="{bottom + 14}" text-anchor="middle">'
                   f'{escape(_label(ms))}</text>')
    # Bars.
    y = TOP
    for row in rows:
        centre = y + len(SERIES) * (BAR + GAP) / 2
        out.append(f'<text x="{LEFT - 8}" y="{centre - 2:.1f}" text-anchor="end" '
                   f'font-weight="bold">{escape(row["name"])}</text>')
        ratio = row.get("ratio_corrected")
        note = (f"mote/ORT {ratio:.2f}x" if ratio else
                (row.get("mote", {}).get("status", "") if
                 row.get("mote", {}).get("median_ms") is None else ""))
        out.append(f'<text x="{LEFT - 8}" y="{centre + 12:.1f}" text-anchor="end" '
                   f'fill="#555">{escape(note)}</text>')
        for label, colour, get in SERIES:
            value = get(row)
            if value and value > 0:
                bar_end = x_of(value)
                out.append(f'<rect x="{LEFT}" y="{y}" width="{bar_end - LEFT:.1f}" '
                           f'height="{BAR}" fill="{colour}"><title>'
                           f'{escape(label)}: {value:.4g} ms</title></rect>')
                out.append(f'<text x="{bar_end + 4:.1f}" y="{y + BAR - 3}">'
                           f'{escape(_label(value))}</text>')
            else:
                out.append(f'<text x="{LEFT + 4}" y="{y + BAR - 3}" fill="#999">'
                           f'{escape(label)}: not measured</text>')
            y += BAR + GAP
        y += GROUP_GAP
    out.append("</svg>")
    return "\n".join(out) + "\n"
