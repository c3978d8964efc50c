#!/usr/bin/env python3
"""Regenerates sync-core/src/main/resources/fr/bdfsync/core/io/crs/known-crs.json from GDAL.

Run at development time only (the build does not need GDAL):
    python3 sync-core/tools/gen_known_crs.py > sync-core/src/main/resources/fr/bdfsync/core/io/crs/known-crs.json
Each entry holds the OGC WKT 1 (for gpkg_spatial_ref_sys), the ESRI WKT name (what .prj files carry)
and the PROJ.4 string (what proj4j builds the transformation from), all as `gdalsrsinfo` prints them.
"""
import json
import re
import subprocess

# metropolitan, overseas, WGS84 and RGF93 geographic, the nine CC zones, WGS84 UTM zones used overseas
CODES = [2154, 4326, 4171, 5490, 2972, 2975, 4471] + list(range(3942, 3951)) + [32620, 32622, 32740, 32738]


def srsinfo(code, fmt):
    out = subprocess.run(["gdalsrsinfo", "--single-line", "-o", fmt, "EPSG:%d" % code],
                         check=True, capture_output=True, text=True).stdout
    return out.strip()


def top_name(wkt):
    return re.match(r'^\w+\["([^"]*)"', wkt).group(1)


entries = []
for code in CODES:
    wkt = srsinfo(code, "wkt1")
    esri = srsinfo(code, "wkt_esri")
    entries.append({
        "code": code,
        "name": top_name(wkt),
        "esriName": top_name(esri),
        "proj4": srsinfo(code, "proj4"),
        "wkt": wkt,
    })
gdal = subprocess.run(["gdalinfo", "--version"], capture_output=True, text=True).stdout.strip()
print(json.dumps({"generatedBy": "gdalsrsinfo (" + gdal + ")", "crs": entries}, indent=1, ensure_ascii=False))
