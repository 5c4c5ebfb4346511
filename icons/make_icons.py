#!/usr/bin/env python3
"""Draw Carefile's icon (a folder with a heart, on a calm teal tile) as RGBA PNGs, no dependencies.

Run from the repository root: python3 icons/make_icons.py
The Windows (.ico) and macOS (.icns) icons the release workflow needs are made from icon.png by the
Tauri CLI: ui/node_modules/.bin/tauri icon icons/icon.png -o /tmp/icons, then copy icon.ico and
icon.icns into icons/.
"""
import math
import struct
import zlib


def png(width, height, pixels):
    raw = b"".join(b"\x00" + bytes(pixels[y * width * 4:(y + 1) * width * 4]) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def inside_round_rect(x, y, x0, y0, x1, y1, r):
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def inside_heart(x, y, cx, cy, s):
    # The classic implicit heart curve, scaled to s and flipped so it points down.
    u = (x - cx) / s
    v = -(y - cy) / s
    return (u * u + v * v - 1) ** 3 - u * u * v ** 3 <= 0


def draw(size):
    teal = (31, 110, 120, 255)
    paper = (250, 247, 240, 255)
    tab = (226, 219, 203, 255)
    heart = (200, 80, 80, 255)
    px = []
    ss = 3  # supersampling for smooth edges
    for j in range(size):
        for i in range(size):
            acc = [0, 0, 0, 0]
            for sj in range(ss):
                for si in range(ss):
                    x = (i + (si + 0.5) / ss) / size
                    y = (j + (sj + 0.5) / ss) / size
                    col = (0, 0, 0, 0)
                    if inside_round_rect(x, y, 0.04, 0.04, 0.96, 0.96, 0.18):
                        col = teal
                        if inside_round_rect(x, y, 0.20, 0.26, 0.48, 0.40, 0.04):
                            col = tab
                        if inside_round_rect(x, y, 0.20, 0.32, 0.80, 0.78, 0.05):
                            col = paper
                        if inside_heart(x, y, 0.50, 0.56, 0.15):
                            col = heart
                    for k in range(4):
                        acc[k] += col[k]
            n = ss * ss
            px.extend(int(round(a / n)) for a in acc)
    return png(size, size, px)


if __name__ == "__main__":
    for size, name in [(32, "32x32.png"), (128, "128x128.png"), (256, "128x128@2x.png"), (512, "icon.png")]:
        with open(f"icons/{name}", "wb") as f:
            f.write(draw(size))
        print("wrote", name)
