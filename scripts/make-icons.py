#!/usr/bin/env python3
"""Writes the home-screen icons (web/icons/*.png) with the standard library only:
a blue tile with two white rings side by side ("samen op": two organisations together).
The maskable icons keep the rings inside the central safe zone (80 %)."""
import struct, zlib, os

BLUE, WHITE = (0x1F, 0x5F, 0xBF), (0xFF, 0xFF, 0xFF)

def png(path, size, maskable):
    rows = []
    scale = 0.62 if maskable else 0.8  # the rings' extent within the tile
    radius_tile = size * 0.22
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            cx, cy = x + 0.5, y + 0.5
            # Rounded tile (plain square when maskable: the launcher cuts the shape).
            inside = True
            if not maskable:
                dx = max(radius_tile - cx, 0, cx - (size - radius_tile))
                dy = max(radius_tile - cy, 0, cy - (size - radius_tile))
                inside = dx * dx + dy * dy <= radius_tile * radius_tile
            if not inside:
                row += bytes((0, 0, 0, 0)); continue
            colour = BLUE
            r = size * scale * 0.27
            w = size * scale * 0.07
            for ox in (-0.17, 0.17):
                px, py = size / 2 + ox * size * scale, size / 2
                d = ((cx - px) ** 2 + (cy - py) ** 2) ** 0.5
                if abs(d - r) <= w:
                    colour = WHITE
            row += bytes(colour) + b"\xff"
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
                + chunk(b"IDAT", raw) + chunk(b"IEND", b""))

out = os.path.join(os.path.dirname(__file__), "..", "web", "icons")
os.makedirs(out, exist_ok=True)
for size in (192, 512):
    png(os.path.join(out, f"icon-{size}.png"), size, False)
    png(os.path.join(out, f"maskable-{size}.png"), size, True)
