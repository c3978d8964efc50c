#!/usr/bin/env python3
"""Compares two SQLite files page by page, telling apart the bytes SQLite uses from those it leaves unused.

Usage: sqlite_pagecmp.py A.sqlite B.sqlite [--show N]

SQLite does not clear the unused space of a page it writes (the gap between the cell pointer array and the cell
content, freeblocks, fragments, free pages): a page allocated without reading its old content (a page taken from the
freelist or appended) is filled from a recycled page-cache buffer, so what lies there depends on which pages the
cache held at that moment (its size, its spills, the pages read before). Two runs of the same statements can give
files that differ only there. This script masks those bytes and compares the rest:
  - b-tree pages (types 2, 5, 10, 13; page 1 after its 100-byte header): header, cell pointer array and every cell's
    bytes (its local payload and overflow pointer, sized by SQLite's own rule) are compared; the rest is unused;
  - freelist trunk pages: the used part (next trunk, count, leaf numbers); freelist leaf pages: unused entirely;
  - any other page (overflow pages, pages whose type differs): compared whole (conservative).
Prints the number of differing pages, how many differ only in unused bytes, and the pages whose used bytes differ.
Exit 0 when the files have the same size and the same used bytes on every page, 1 otherwise. Standard library only.
"""
import argparse
import sys


def varint(b, i):
    v = 0
    for k in range(8):
        c = b[i + k]
        v = (v << 7) | (c & 0x7F)
        if c < 0x80:
            return v, i + k + 1
    return (v << 8) | b[i + 8], i + 9


def local_size(p, u, index):
    """Bytes of a payload of p bytes kept on the b-tree page (SQLite's btreeParseCellAdjustSizeForOverflow)."""
    x = (u - 12) * 64 // 255 - 23 if index else u - 35
    if p <= x:
        return p, False
    m = (u - 12) * 32 // 255 - 23
    k = m + (p - m) % (u - 4)
    return (k if k <= x else m), True


def used_ranges(page, start, u):
    """The used byte ranges of a b-tree page whose header starts at `start`, or None when it is not one."""
    t = page[start]
    if t not in (2, 5, 10, 13):
        return None
    hdr = 12 if t in (2, 5) else 8
    n = int.from_bytes(page[start + 3:start + 5], 'big')
    ptrs = start + hdr
    ranges = [(0, ptrs + 2 * n)]
    for c in range(n):
        off = int.from_bytes(page[ptrs + 2 * c:ptrs + 2 * c + 2], 'big')
        if off >= len(page):
            return None
        i = off
        if t == 5:  # table interior: child page, rowid
            _, i = varint(page, i + 4)
        else:
            if t == 2:
                i += 4
            p, i = varint(page, i)
            if t == 13:
                _, i = varint(page, i)
            local, overflow = local_size(p, u, t in (2, 10))
            i += local + (4 if overflow else 0)
        ranges.append((off, i))
    return ranges


def freelist(f, ps, npages):
    """Page numbers of the freelist: trunk pages (with their used length) and leaf pages."""
    f.seek(0)
    h = f.read(100)
    trunk = int.from_bytes(h[32:36], 'big')
    trunks, leaves = {}, set()
    while trunk and trunk <= npages and trunk not in trunks:
        f.seek((trunk - 1) * ps)
        d = f.read(ps)
        n = int.from_bytes(d[4:8], 'big')
        trunks[trunk] = 8 + 4 * n
        for k in range(n):
            leaves.add(int.from_bytes(d[8 + 4 * k:12 + 4 * k], 'big'))
        trunk = int.from_bytes(d[0:4], 'big')
    return trunks, leaves


def masked(page, pno, u, trunks, leaves):
    if pno in leaves:
        return b''
    if pno in trunks:
        return page[:trunks[pno]]
    r = used_ranges(page, 100 if pno == 1 else 0, u)
    if r is None:
        return page
    return b''.join(page[a:b] for a, b in sorted(r))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('a')
    ap.add_argument('b')
    ap.add_argument('--show', type=int, default=20)
    args = ap.parse_args()
    with open(args.a, 'rb') as fa, open(args.b, 'rb') as fb:
        ha, hb = fa.read(100), fb.read(100)
        ps = int.from_bytes(ha[16:18], 'big') or 65536
        if ps == 1:
            ps = 65536
        u = ps - ha[20]
        fa.seek(0, 2)
        fb.seek(0, 2)
        size_a, size_b = fa.tell(), fb.tell()
        if size_a != size_b or ha[16:18] != hb[16:18]:
            print(f"different sizes or page sizes: {size_a} / {size_b} bytes")
            return 1
        npages = size_a // ps
        fl_a, fl_b = freelist(fa, ps, npages), freelist(fb, ps, npages)
        fa.seek(0)
        fb.seek(0)
        differing, unused_only, real = 0, 0, []
        chunk = 4096
        pno = 0
        while pno < npages:
            x, y = fa.read(ps * chunk), fb.read(ps * chunk)
            if x != y:
                for k in range(0, len(x), ps):
                    pa, pb = x[k:k + ps], y[k:k + ps]
                    if pa == pb:
                        continue
                    p = pno + k // ps + 1
                    differing += 1
                    if masked(pa, p, u, *fl_a) == masked(pb, p, u, *fl_b) and (p in fl_a[1]) == (p in fl_b[1]):
                        unused_only += 1
                    else:
                        real.append(p)
            pno += chunk
    print(f"pages {npages}, differing {differing}, differing only in unused bytes {unused_only}, "
          f"differing in used bytes {len(real)}" + (f" (first: {real[:args.show]})" if real else ""))
    return 0 if not real else 1


if __name__ == '__main__':
    sys.exit(main())
