/*
 * The five SQL functions the GeoPackage R-tree triggers call (ST_IsEmpty, ST_MinX, ST_MaxX, ST_MinY, ST_MaxY), as a
 * native SQLite extension, so that the sqlite3 CLI can run a GeoPackage's own triggers at C speed
 * (bench/sqlite-apply-floor.sh). The bounds come from the blob header's envelope when it has one, else from the WKB.
 * Build: gcc -O2 -fPIC -shared gpkg_envelope.c -o gpkg_envelope.so ; load: .load ./gpkg_envelope
 * Benchmark tool only (not part of bdfsync): malformed blobs give NULL.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1
#include <string.h>
#include <math.h>

typedef struct { double minx, maxx, miny, maxy; int any; } Box;

static double rd(const unsigned char *p, int le) {
  unsigned char b[8]; double d;
  if (le) memcpy(b, p, 8); else for (int i = 0; i < 8; i++) b[i] = p[7 - i];
  memcpy(&d, b, 8); return d;
}
static unsigned ru(const unsigned char *p, int le) {
  return le ? (unsigned)p[0] | (unsigned)p[1] << 8 | (unsigned)p[2] << 16 | (unsigned)p[3] << 24
            : (unsigned)p[3] | (unsigned)p[2] << 8 | (unsigned)p[1] << 16 | (unsigned)p[0] << 24;
}
static void addpt(Box *b, double x, double y) {
  if (isnan(x) || isnan(y)) return;
  if (!b->any) { b->minx = b->maxx = x; b->miny = b->maxy = y; b->any = 1; return; }
  if (x < b->minx) b->minx = x;
  if (x > b->maxx) b->maxx = x;
  if (y < b->miny) b->miny = y;
  if (y > b->maxy) b->maxy = y;
}
/* walks one WKB geometry at p (n bytes left); returns bytes consumed, or -1 when malformed */
static long wkb(const unsigned char *p, long n, Box *b, int depth) {
  if (n < 5 || depth > 32) return -1;
  int le = p[0] == 1; unsigned t = ru(p + 1, le); long o = 5;
  int dims = 2; unsigned base = t % 1000, hi = t / 1000;
  if (hi == 1 || hi == 2) dims = 3; else if (hi == 3) dims = 4; else if (hi != 0) return -1;
  long stride = 8L * dims;
  if (base == 1) { if (n < o + stride) return -1; addpt(b, rd(p + o, le), rd(p + o + 8, le)); return o + stride; }
  if (n < o + 4) return -1;
  unsigned cnt = ru(p + o, le); o += 4;
  if (base == 2) {
    if ((n - o) / stride < cnt) return -1;
    for (unsigned i = 0; i < cnt; i++, o += stride) addpt(b, rd(p + o, le), rd(p + o + 8, le));
    return o;
  }
  if (base == 3) {
    for (unsigned r = 0; r < cnt; r++) {
      if (n < o + 4) return -1;
      unsigned k = ru(p + o, le); o += 4;
      if ((n - o) / stride < k) return -1;
      for (unsigned i = 0; i < k; i++, o += stride) addpt(b, rd(p + o, le), rd(p + o + 8, le));
    }
    return o;
  }
  if (base >= 4 && base <= 7) {
    for (unsigned i = 0; i < cnt; i++) { long c = wkb(p + o, n - o, b, depth + 1); if (c < 0) return -1; o += c; }
    return o;
  }
  return -1;
}
/* 1: box found, 0: empty geometry, -1: not a GeoPackage blob */
static int box(sqlite3_value *v, Box *b) {
  const unsigned char *p = sqlite3_value_blob(v); long n = sqlite3_value_bytes(v);
  if (p == 0 || n < 8 || p[0] != 'G' || p[1] != 'P') return -1;
  int flags = p[3], le = flags & 1, env = (flags >> 1) & 7;
  if (flags & 0x10) return 0;
  static const int envlen[] = {0, 32, 48, 48, 64};
  if (env > 4) return -1;
  long h = 8 + envlen[env];
  if (n < h) return -1;
  if (env != 0) {
    b->minx = rd(p + 8, le); b->maxx = rd(p + 16, le); b->miny = rd(p + 24, le); b->maxy = rd(p + 32, le); b->any = 1;
    return 1;
  }
  b->any = 0;
  if (wkb(p + h, n - h, b, 0) < 0) return -1;
  return b->any ? 1 : 0;
}
static void isempty(sqlite3_context *c, int argc, sqlite3_value **argv) {
  Box b; int r = box(argv[0], &b);
  if (r < 0) sqlite3_result_null(c); else sqlite3_result_int(c, r == 0);
}
static void bound(sqlite3_context *c, int argc, sqlite3_value **argv) {
  Box b; int which = *(int *)sqlite3_user_data(c);
  if (box(argv[0], &b) != 1) { sqlite3_result_null(c); return; }
  sqlite3_result_double(c, which == 0 ? b.minx : which == 1 ? b.maxx : which == 2 ? b.miny : b.maxy);
}
static int W[4] = {0, 1, 2, 3};
int sqlite3_gpkgenvelope_init(sqlite3 *db, char **err, const sqlite3_api_routines *api) {
  SQLITE_EXTENSION_INIT2(api);
  int f = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  sqlite3_create_function(db, "ST_IsEmpty", 1, f, 0, isempty, 0, 0);
  sqlite3_create_function(db, "ST_MinX", 1, f, &W[0], bound, 0, 0);
  sqlite3_create_function(db, "ST_MaxX", 1, f, &W[1], bound, 0, 0);
  sqlite3_create_function(db, "ST_MinY", 1, f, &W[2], bound, 0, 0);
  return sqlite3_create_function(db, "ST_MaxY", 1, f, &W[3], bound, 0, 0);
}
