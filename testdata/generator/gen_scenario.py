#!/usr/bin/env python3
"""bdfsync's own deterministic generator of BD TOPO v3-like three-way scenarios (Python 3 standard library only).

Writes into OUTDIR:
  ancestor.gpkg   the edition the producer last agreed with
  national.gpkg   the next national edition: IGN's attribute edits, geometry edits, deletions, creations
  local.gpkg      the producer's edits of the ancestor: attribute edits, geometry edits, deletions, creations
                  (local creations carry no cleabs: IGN has not numbered them), including the cases that
                  conflict with national.gpkg
  manifest.json   the ground truth: every change of each side, and every expected conflict

Layers (EPSG:2154, Lambert-93, around Redon):
  troncon_hydrographique  MultiLineString Z, the 40 BD TOPO v3 columns; a connected network (trees of tronçons
                          that meet end to start, flowing downstream, Z decreasing downstream)
  zone_de_vegetation      MultiPolygon, one star-shaped polygon per grid cell: polygons never overlap
  haie                    MultiLineString, hedges along the gaps between vegetation cells
  cours_d_eau             MultiLineString, a few rivers, each the 2D shape of the tronçons that link to it
                          (troncon_hydrographique.liens_vers_cours_d_eau)

Besides the per-layer change plan, three cases exercise the post-merge and validity checks of a sync (drawn from
a second random.Random, so the plan above is unchanged by them):
  dangling_reference  IGN destroys a cours_d_eau while the producer links an untouched tronçon to it
  double_counted      IGN creates a haie line inside an untouched zone_de_vegetation of nature Haie
  invalid_geometry    IGN's geometry edit of an untouched zone is a self-intersecting (bow-tie) polygon

Same --seed and --size give byte-identical files (no clock, no randomness outside random.Random(seed)).

Usage: gen_scenario.py --seed 7 --size 300 --out testdata/demo
"""

import argparse
import json
import math
import os
import random
import sqlite3
import struct

SRS_ID = 2154
WKT_2154 = ('PROJCS["RGF93 v1 / Lambert-93",GEOGCS["RGF93 v1",DATUM["Reseau_Geodesique_Francais_1993_v1",'
            'SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],AUTHORITY["EPSG","6171"]],'
            'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
            'AUTHORITY["EPSG","4171"]],PROJECTION["Lambert_Conformal_Conic_2SP"],PARAMETER["latitude_of_origin",46.5],'
            'PARAMETER["central_meridian",3],PARAMETER["standard_parallel_1",49],PARAMETER["standard_parallel_2",44],'
            'PARAMETER["false_easting",700000],PARAMETER["false_northing",6600000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],'
            'AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","2154"]]')
WKT_4326 = ('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
            'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
            'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]')
FIXED_TIME = "2025-01-01T00:00:00.000Z"   # gpkg_contents.last_change: fixed, for byte-identical output

TRONCON, ZONE, HAIE, RIVER = "troncon_hydrographique", "zone_de_vegetation", "haie", "cours_d_eau"
LAYERS = (TRONCON, ZONE, HAIE, RIVER)
PREFIX = {TRONCON: "TRON_EAU", ZONE: "ZONEVEGE", HAIE: "HAIELINE", RIVER: "COURDEAU"}
ORIGIN = {TRONCON: (300000.0, 6740000.0), ZONE: (320000.0, 6740000.0)}
CELL = 100.0   # vegetation grid cell (m); polygons stay within 0.4 * CELL of the centre

# Values from the catalogue's lists (sync-core/src/main/resources/fr/bdfsync/theme/*.json), weighted as in real files.
NATURE_TRONCON = [("Ecoulement naturel", 60), ("Canal", 8), ("Ecoulement canalisé", 6), ("Conduit buse", 4), ("Inconnue", 8),
                  ("Retenue", 4), ("Marais", 2)]
PERSISTANCE = [("Permanent", 75), ("Intermittent", 22), ("Inconnue", 3)]
SENS = [("Sens direct", 95), ("Inconnu", 3), ("Double sens", 2)]
ORIGINE = [("Naturelle non aménagée", 60), ("Artificielle", 25), ("Inconnue", 12), ("Naturelle aménagée", 3)]
LARGEUR = [("Entre 0 et 15 m", 60), ("Entre 15 et 50 m", 15), ("Plus de 50 m", 5), ("Sans objet", 10),
           ("En attente de mise à jour", 10)]
NATURE_ZONE = [("Haie", 44), ("Bois", 33), ("Forêt fermée de feuillus", 8), ("Forêt fermée de conifères", 2),
               ("Forêt fermée mixte", 2), ("Forêt ouverte", 1), ("Lande ligneuse", 4), ("Peupleraie", 2), ("Verger", 2),
               ("Vigne", 2)]
SOURCES_HAIE = [("RPG+RGFOR", 79), ("RGFOR", 11), ("RPG", 10)]
TOPONYMES = ["la Vilaine", "l'Oust", "le Don", "la Chère", "l'Aff", "le Canut", "l'Isac", "le Trévelo", None, None, None]

COLUMNS = {
    TRONCON: [("cleabs", "TEXT(24)"), ("code_hydrographique", "TEXT(19)"), ("code_du_pays", "TEXT(8)"), ("nature", "TEXT"),
              ("fictif", "BOOLEAN"), ("position_par_rapport_au_sol", "TEXT"), ("etat_de_l_objet", "TEXT"),
              ("date_creation", "DATETIME"), ("date_modification", "DATETIME"), ("date_d_apparition", "DATE"),
              ("date_de_confirmation", "DATE"), ("sources", "TEXT"), ("identifiants_sources", "TEXT"),
              ("methode_d_acquisition_planimetrique", "TEXT"), ("precision_planimetrique", "REAL"),
              ("methode_d_acquisition_altimetrique", "TEXT"), ("precision_altimetrique", "REAL"),
              ("mode_d_obtention_des_coordonnees", "TEXT"), ("mode_d_obtention_de_l_altitude", "TEXT"), ("statut", "TEXT"),
              ("persistance", "TEXT"), ("fosse", "BOOLEAN"), ("navigabilite", "BOOLEAN"), ("salinite", "BOOLEAN"),
              ("numero_d_ordre", "TEXT(2)"), ("strategie_de_classement", "TEXT(30)"), ("origine", "TEXT"),
              ("perimetre_d_utilisation_ou_origine", "TEXT(30)"), ("sens_de_l_ecoulement", "TEXT"),
              ("reseau_principal_coulant", "BOOLEAN"), ("delimitation", "BOOLEAN"), ("classe_de_largeur", "TEXT"),
              ("type_de_bras", "TEXT"), ("commentaire_sur_l_objet_hydro", "TEXT(70)"),
              ("code_du_cours_d_eau_bdcarthage", "TEXT(8)"), ("liens_vers_cours_d_eau", "TEXT"),
              ("liens_vers_surface_hydrographique", "TEXT"), ("lien_vers_entite_de_transition", "TEXT(24)"),
              ("cpx_toponyme_de_cours_d_eau", "TEXT"), ("cpx_toponyme_d_entite_de_transition", "TEXT")],
    ZONE: [("cleabs", "TEXT(24)"), ("nature", "TEXT"), ("date_creation", "DATETIME"), ("date_modification", "DATETIME"),
           ("date_d_apparition", "DATE"), ("date_de_confirmation", "DATE"), ("methode_d_acquisition_planimetrique", "TEXT"),
           ("precision_planimetrique", "REAL"), ("sources", "TEXT"), ("identifiants_sources", "TEXT")],
    HAIE: [("cleabs", "TEXT(24)"), ("date_creation", "DATETIME"), ("date_modification", "DATETIME"),
           ("date_d_apparition", "DATE"), ("date_de_confirmation", "DATE"), ("hauteur", "REAL"), ("largeur", "REAL"),
           ("sources", "TEXT"), ("identifiants_sources", "TEXT"), ("methode_d_acquisition_planimetrique", "TEXT"),
           ("precision_planimetrique", "REAL")],
    RIVER: [("cleabs", "TEXT(24)"), ("code_hydrographique", "TEXT"), ("toponyme", "TEXT"), ("importance", "TEXT"),
            ("date_creation", "DATETIME"), ("date_modification", "DATETIME")],
}
GEOMETRY = {TRONCON: ("MULTILINESTRING", 1), ZONE: ("MULTIPOLYGON", 0), HAIE: ("MULTILINESTRING", 0), RIVER: ("MULTILINESTRING", 0)}
# Attributes each side edits, per layer (never the key; national also stamps date_modification)
EDITABLE = {TRONCON: ["nature", "persistance", "sens_de_l_ecoulement", "origine", "classe_de_largeur", "cpx_toponyme_de_cours_d_eau"],
            ZONE: ["nature"], HAIE: ["hauteur", "largeur", "sources"]}
NATIONAL_DATE = "2025-06-15T09:30:00.000Z"


def pick(rng, table):
    total = sum(w for _, w in table)
    r = rng.random() * total
    for v, w in table:
        r -= w
        if r < 0:
            return v
    return table[-1][0]


def date_time(rng, y0, y1):
    return "%04d-%02d-%02dT%02d:%02d:%02d.000Z" % (rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28),
                                                   rng.randint(6, 19), rng.randint(0, 59), rng.randint(0, 59))


# ------------------------------------------------------------------------------------------------ geometry

def r2(v):
    return round(v, 2)   # centimetre coordinates, as BD TOPO deliveries


def line_between(rng, a, b, n, z0, z1):
    """A wavy polyline of n vertices from a to b; Z from z0 to z1 (or None)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length, dx / length
    pts = []
    for i in range(n):
        t = i / (n - 1)
        off = 0.0 if i in (0, n - 1) else rng.uniform(-0.08, 0.08) * length
        p = [r2(a[0] + dx * t + nx * off), r2(a[1] + dy * t + ny * off)]
        if z0 is not None:
            p.append(r2(z0 + (z1 - z0) * t))
        pts.append(p)
    pts[0][:2] = [r2(a[0]), r2(a[1])]
    pts[-1][:2] = [r2(b[0]), r2(b[1])]
    return pts


def star_polygon(rng, cx, cy, n):
    ring = []
    for i in range(n):
        ang = 2 * math.pi * i / n
        rad = CELL * rng.uniform(0.18, 0.4)
        ring.append([r2(cx + rad * math.cos(ang)), r2(cy + rad * math.sin(ang))])
    ring.append(list(ring[0]))
    return ring


def wkb_points(pts, z):
    out = [struct.pack("<I", len(pts))]
    for p in pts:
        out.append(struct.pack("<3d", p[0], p[1], p[2]) if z else struct.pack("<2d", p[0], p[1]))
    return b"".join(out)


def gpkg_blob(kind, parts, z):
    """kind: MULTILINESTRING (parts = lines) or MULTIPOLYGON (parts = polygons = lists of rings)."""
    if kind == "MULTILINESTRING":
        body = [struct.pack("<BII", 1, 1005 if z else 5, len(parts))]
        for line in parts:
            body.append(struct.pack("<BI", 1, 1002 if z else 2) + wkb_points(line, z))
        coords = [p for line in parts for p in line]
    else:
        body = [struct.pack("<BII", 1, 1006 if z else 6, len(parts))]
        for poly in parts:
            body.append(struct.pack("<BII", 1, 1003 if z else 3, len(poly)))
            for ring in poly:
                body.append(wkb_points(ring, z))
        coords = [p for poly in parts for ring in poly for p in ring]
    xs, ys = [p[0] for p in coords], [p[1] for p in coords]
    header = b"GP\x00\x03" + struct.pack("<i4d", SRS_ID, min(xs), max(xs), min(ys), max(ys))
    return header + b"".join(body)


def move_interior_vertices(rng, parts, kind, count, dist_min, dist_max):
    """Moves `count` interior vertices (never the ends of a line: the network stays connected)."""
    parts = json.loads(json.dumps(parts))
    if kind == "MULTILINESTRING":
        line = parts[0]
        for _ in range(count):
            i = rng.randint(1, len(line) - 2)
            ang = rng.uniform(0, 2 * math.pi)
            d = rng.uniform(dist_min, dist_max)
            line[i][0] = r2(line[i][0] + d * math.cos(ang))
            line[i][1] = r2(line[i][1] + d * math.sin(ang))
    else:
        ring = parts[0][0]
        cx = sum(p[0] for p in ring[:-1]) / (len(ring) - 1)
        cy = sum(p[1] for p in ring[:-1]) / (len(ring) - 1)
        for _ in range(count):
            i = rng.randint(0, len(ring) - 2)
            d = rng.uniform(dist_min, dist_max)   # towards the centre: polygons still never overlap
            vx, vy = cx - ring[i][0], cy - ring[i][1]
            n = math.hypot(vx, vy) or 1.0
            ring[i][0] = r2(ring[i][0] + vx / n * d)
            ring[i][1] = r2(ring[i][1] + vy / n * d)
        ring[-1] = list(ring[0])
    return parts


def jitter(rng, parts, amount):
    """The same real object digitised again: every vertex within `amount` metres (ends of lines kept)."""
    parts = json.loads(json.dumps(parts))
    flat = [line for line in parts] if isinstance(parts[0][0][0], float) else [ring for poly in parts for ring in poly]
    for seq in flat:
        for i in range(len(seq)):
            if isinstance(parts[0][0][0], float) and i in (0, len(seq) - 1):
                continue
            seq[i][0] = r2(seq[i][0] + rng.uniform(-amount, amount))
            seq[i][1] = r2(seq[i][1] + rng.uniform(-amount, amount))
        if not isinstance(parts[0][0][0], float):
            seq[-1] = list(seq[0])
    return parts


# ------------------------------------------------------------------------------------------------ features

class Ids:
    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def cleabs(self, layer):
        while True:
            serial = self.rng.randint(10_000_000, 2_299_999_999)
            if serial not in self.used:
                self.used.add(serial)
                return "%s%016d" % (PREFIX[layer], serial)


def troncon_values(rng, cleabs):
    nature = pick(rng, NATURE_TRONCON)
    return {
        "cleabs": cleabs, "code_hydrographique": "04T" + cleabs[8:], "code_du_pays": "FR", "nature": nature,
        "fictif": 1 if nature in ("Retenue", "Marais") else 0, "position_par_rapport_au_sol": "-1" if nature == "Conduit buse" else "0",
        "etat_de_l_objet": "En service", "date_creation": date_time(rng, 2006, 2019), "date_modification": date_time(rng, 2020, 2024),
        "date_d_apparition": None, "date_de_confirmation": None, "sources": None, "identifiants_sources": None,
        "methode_d_acquisition_planimetrique": "Photogrammétrie", "precision_planimetrique": pick(rng, [(2.5, 80), (3.0, 15), (10.0, 5)]),
        "methode_d_acquisition_altimetrique": "Photogrammétrie", "precision_altimetrique": 2.5,
        "mode_d_obtention_des_coordonnees": "Imagerie satellite ou aérienne", "mode_d_obtention_de_l_altitude": "Autres modes",
        "statut": "Validé", "persistance": pick(rng, PERSISTANCE), "fosse": 0, "navigabilite": 1 if nature == "Canal" else 0,
        "salinite": 0, "numero_d_ordre": str(rng.randint(1, 6)), "strategie_de_classement": None, "origine": pick(rng, ORIGINE),
        "perimetre_d_utilisation_ou_origine": "FR", "sens_de_l_ecoulement": pick(rng, SENS),
        "reseau_principal_coulant": rng.randint(0, 1), "delimitation": 1, "classe_de_largeur": pick(rng, LARGEUR),
        "type_de_bras": "Principal" if rng.random() < 0.3 else "Inconnu", "commentaire_sur_l_objet_hydro": None,
        "code_du_cours_d_eau_bdcarthage": None, "liens_vers_cours_d_eau": None, "liens_vers_surface_hydrographique": None,
        "lien_vers_entite_de_transition": None, "cpx_toponyme_de_cours_d_eau": rng.choice(TOPONYMES),
        "cpx_toponyme_d_entite_de_transition": None,
    }


def zone_values(rng, cleabs):
    return {"cleabs": cleabs, "nature": pick(rng, NATURE_ZONE), "date_creation": date_time(rng, 2008, 2018),
            "date_modification": date_time(rng, 2014, 2024), "date_d_apparition": None, "date_de_confirmation": None,
            "methode_d_acquisition_planimetrique": "Orthophotographie", "precision_planimetrique": 3.0, "sources": None,
            "identifiants_sources": None}


def haie_values(rng, cleabs):
    return {"cleabs": cleabs, "date_creation": "2021-05-17T18:15:17.000Z", "date_modification": None, "date_d_apparition": None,
            "date_de_confirmation": None, "hauteur": None if rng.random() < 0.7 else float(rng.randint(1, 8)),
            "largeur": None if rng.random() < 0.7 else float(rng.randint(1, 5)), "sources": pick(rng, SOURCES_HAIE),
            "identifiants_sources": "DNSB:HAIELIGN%016d" % rng.randint(1, 999_999), "methode_d_acquisition_planimetrique": "Orthophotographie",
            "precision_planimetrique": 3.0}


class World:
    """The ancestor features and reserved room (free cells, free nodes) for later creations."""

    def __init__(self, rng, size):
        self.rng = rng
        self.ids = Ids(rng)
        self.size = size
        self.spare = max(8, size // 5)
        self.nodes = []         # network nodes: (x, y, z)
        side = int(math.ceil(math.sqrt(size + self.spare)))
        cells = [(i, j) for i in range(side) for j in range(side)]
        rng.shuffle(cells)
        self.free_cells = cells[size:]
        self.zone_cells = cells[:size]
        gaps = [(i, j) for i in range(side) for j in range(side)]
        rng.shuffle(gaps)
        self.haie_gaps = gaps[:size]
        self.free_gaps = gaps[size:]

    def troncon_geometry(self, downstream):
        """A tronçon flowing into node `downstream`; returns (parts, new upstream node)."""
        rng = self.rng
        ang = rng.uniform(0, 2 * math.pi)
        d = rng.uniform(150, 500)
        x0, y0, z0 = downstream
        up = (r2(x0 + d * math.cos(ang)), r2(y0 + d * math.sin(ang)), r2(z0 + rng.uniform(0.5, 6.0)))
        line = line_between(rng, up, downstream, rng.randint(5, 14), up[2], z0)
        return [line], up

    def troncons(self):
        rng = self.rng
        outlets = max(1, self.size // 60)
        ox, oy = ORIGIN[TRONCON]
        for k in range(outlets):
            self.nodes.append((r2(ox + k * 3000.0), oy, 2.0))
        out = []
        for _ in range(self.size):
            downstream = self.nodes[rng.randrange(len(self.nodes))]
            parts, up = self.troncon_geometry(downstream)
            self.nodes.append(up)
            cle = self.ids.cleabs(TRONCON)
            out.append({"values": troncon_values(rng, cle), "geom": parts})
        return out

    def zone_geometry(self, cell):
        ox, oy = ORIGIN[ZONE]
        cx, cy = ox + (cell[0] + 0.5) * CELL, oy + (cell[1] + 0.5) * CELL
        return [[star_polygon(self.rng, cx, cy, self.rng.randint(6, 24))]]

    def haie_geometry(self, gap):
        """A hedge along the west edge of a grid cell: in the gap between vegetation polygons."""
        ox, oy = ORIGIN[ZONE]
        x = ox + gap[0] * CELL
        y0 = oy + gap[1] * CELL + self.rng.uniform(5, 20)
        y1 = oy + (gap[1] + 1) * CELL - self.rng.uniform(5, 20)
        line = line_between(self.rng, (x, y0), (x + self.rng.uniform(-3, 3), y1), self.rng.randint(3, 9), None, None)
        for p in line[1:-1]:
            p[0] = r2(x + self.rng.uniform(-4, 4))
        return [line]

    def zones(self):
        return [{"values": zone_values(self.rng, self.ids.cleabs(ZONE)), "geom": self.zone_geometry(c)} for c in self.zone_cells]

    def haies(self):
        return [{"values": haie_values(self.rng, self.ids.cleabs(HAIE)), "geom": self.haie_geometry(g)} for g in self.haie_gaps]

    def new_feature(self, layer, cleabs):
        rng = self.rng
        if layer == TRONCON:
            parts, up = self.troncon_geometry(self.nodes[rng.randrange(len(self.nodes))])
            self.nodes.append(up)
            values = troncon_values(rng, cleabs or "TRON_EAU0000000000000000")
        elif layer == ZONE:
            parts = self.zone_geometry(self.free_cells.pop())
            values = zone_values(rng, cleabs or "ZONEVEGE0000000000000000")
        else:
            parts = self.haie_geometry(self.free_gaps.pop())
            values = haie_values(rng, cleabs or "HAIELINE0000000000000000")
        values["cleabs"] = cleabs
        return {"values": values, "geom": parts}


# ------------------------------------------------------------------------------------------------ scenario

def other_value(rng, layer, attr, current, avoid=()):
    if layer == TRONCON:
        table = {"nature": [v for v, _ in NATURE_TRONCON], "persistance": [v for v, _ in PERSISTANCE],
                 "sens_de_l_ecoulement": ["Sens direct", "Sens inverse", "Double sens", "Inconnu"],
                 "origine": [v for v, _ in ORIGINE], "classe_de_largeur": [v for v, _ in LARGEUR],
                 "cpx_toponyme_de_cours_d_eau": [t for t in TOPONYMES if t] + ["le Ruisseau du Moulin", "la Noë"]}[attr]
    elif layer == ZONE:
        table = [v for v, _ in NATURE_ZONE]
    else:
        table = {"hauteur": [1.0, 2.0, 3.0, 5.0, 8.0], "largeur": [1.0, 2.0, 3.0, 4.0], "sources": [v for v, _ in SOURCES_HAIE]}[attr]
    choices = [v for v in table if v != current and v not in avoid]
    return rng.choice(choices)


def scenario(seed, size):
    rng = random.Random(seed)
    world = World(rng, size)
    ancestor = {TRONCON: world.troncons(), ZONE: world.zones(), HAIE: world.haies()}
    for layer, feats in ancestor.items():
        for fid, f in enumerate(feats, start=1):
            f["fid"] = fid
    xrng = random.Random(seed * 1000 + 17)   # the extra cases' own randomness: the change plan below stays as it was
    ancestor[RIVER] = rivers(xrng, ancestor[TRONCON])
    national = {layer: {f["values"]["cleabs"]: copy_feature(f) for f in feats} for layer, feats in ancestor.items()}
    local = {layer: {f["values"]["cleabs"]: copy_feature(f) for f in feats} for layer, feats in ancestor.items()}
    changes = {"national": [], "local": []}
    conflicts = []
    counts = lambda rate: max(1, int(round(rate * size)))

    for layer in (TRONCON, ZONE, HAIE):
        kind = GEOMETRY[layer][0]
        keys = [f["values"]["cleabs"] for f in ancestor[layer]]
        rng.shuffle(keys)
        plan = [("nat_attr", 0.04), ("nat_geom", 0.03), ("nat_del", 0.02), ("loc_attr", 0.04), ("loc_geom", 0.03),
                ("loc_del", 0.02), ("same_attr_diff", 0.01), ("same_attr_same", 0.01), ("geom_geom", 0.01),
                ("natdel_locedit", 0.01), ("locdel_natedit", 0.01), ("both_del", 0.005)]
        sets, pos = {}, 0
        for name, rate in plan:
            sets[name] = keys[pos:pos + counts(rate)]
            pos += counts(rate)

        def attr_edit(side, store, key, attr=None, value=None):
            f = store[layer][key]
            attr = attr or rng.choice(EDITABLE[layer])
            old = f["values"][attr]
            new = value if value is not None else other_value(rng, layer, attr, old)
            f["values"][attr] = new
            changed = [attr]
            if side == "national":
                f["values"]["date_modification"] = NATIONAL_DATE
                changed.append("date_modification")
            changes[side].append({"layer": layer, "op": "update", "cleabs": key, "attributes": changed, "geometry": False,
                                  "old": {attr: old}, "new": {attr: new}})
            return attr, new

        def geom_edit(side, store, key):
            f = store[layer][key]
            f["geom"] = move_interior_vertices(rng, f["geom"], kind, rng.randint(1, 3), 4.0, 9.0)
            changed = []
            if side == "national":
                f["values"]["date_modification"] = NATIONAL_DATE
                changed.append("date_modification")
            changes[side].append({"layer": layer, "op": "update", "cleabs": key, "attributes": changed, "geometry": True})

        def delete(side, store, key):
            del store[layer][key]
            changes[side].append({"layer": layer, "op": "delete", "cleabs": key})

        for side, store, short in (("national", national, "nat"), ("local", local, "loc")):
            for op, apply in (("attr", attr_edit), ("geom", geom_edit), ("del", delete)):
                for k in sets[short + "_" + op]:
                    apply(side, store, k)
        for k in sets["same_attr_diff"]:
            attr = rng.choice(EDITABLE[layer])
            old = national[layer][k]["values"][attr]
            nat_value = other_value(rng, layer, attr, old)
            loc_value = other_value(rng, layer, attr, old, avoid=(nat_value,))
            attr_edit("national", national, k, attr, nat_value)
            attr_edit("local", local, k, attr, loc_value)
            conflicts.append({"type": "edit/edit", "layer": layer, "cleabs": k, "attribute": attr, "ancestor": old,
                              "national": nat_value, "local": loc_value})
        for k in sets["same_attr_same"]:
            attr = rng.choice(EDITABLE[layer])
            value = other_value(rng, layer, attr, national[layer][k]["values"][attr])
            attr_edit("national", national, k, attr, value)
            attr_edit("local", local, k, attr, value)   # identical on both sides: not a conflict
        for k in sets["geom_geom"]:
            geom_edit("national", national, k)
            geom_edit("local", local, k)
            conflicts.append({"type": "edit/edit geometry", "layer": layer, "cleabs": k})
        for k in sets["natdel_locedit"]:
            delete("national", national, k)
            attr_edit("local", local, k)
            conflicts.append({"type": "delete/edit", "layer": layer, "cleabs": k, "deleted_by": "national"})
        for k in sets["locdel_natedit"]:
            delete("local", local, k)
            attr_edit("national", national, k)
            conflicts.append({"type": "edit/delete", "layer": layer, "cleabs": k, "deleted_by": "local"})
        for k in sets["both_del"]:
            delete("national", national, k)
            delete("local", local, k)   # deleted on both sides: not a conflict

        # creations: national ones get a new cleabs, local ones none (IGN numbers them on integration)
        for _ in range(counts(0.02)):
            f = world.new_feature(layer, world.ids.cleabs(layer))
            f["values"]["date_creation"] = f["values"]["date_modification"] = NATIONAL_DATE
            national[layer][f["values"]["cleabs"]] = f
            changes["national"].append({"layer": layer, "op": "insert", "cleabs": f["values"]["cleabs"]})
        local_inserts = []
        for _ in range(counts(0.02)):
            local_inserts.append(world.new_feature(layer, None))
        for _ in range(counts(0.005)):
            f = world.new_feature(layer, world.ids.cleabs(layer))
            f["values"]["date_creation"] = f["values"]["date_modification"] = NATIONAL_DATE
            national[layer][f["values"]["cleabs"]] = f
            changes["national"].append({"layer": layer, "op": "insert", "cleabs": f["values"]["cleabs"]})
            twin = copy_feature(f)
            twin["values"]["cleabs"] = None
            twin["values"]["date_creation"] = twin["values"]["date_modification"] = None
            twin["geom"] = jitter(rng, f["geom"], 0.4)
            twin["twin_of"] = f["values"]["cleabs"]
            local_inserts.append(twin)
        next_fid = len(ancestor[layer]) + 1
        local[layer] = dict(local[layer])
        for f in local_inserts:
            f["fid"] = next_fid
            next_fid += 1
            local[layer]["local:%d" % f["fid"]] = f
            entry = {"layer": layer, "op": "insert", "cleabs": None, "fid": f["fid"]}
            if "twin_of" in f:
                entry["same_object_as_national"] = f["twin_of"]
                conflicts.append({"type": "insert/insert", "layer": layer, "national_cleabs": f["twin_of"], "local_fid": f["fid"]})
            changes["local"].append(entry)
        fid = len(ancestor[layer]) + 1
        for f in national[layer].values():
            if "fid" not in f:
                f["fid"] = fid
                fid += 1
    post_merge_cases(xrng, national, local, changes, conflicts)
    return ancestor, national, local, changes, conflicts


def rivers(xrng, troncons):
    """Three cours_d_eau, each the 2D shape of one to three tronçons; the first is linked by no tronçon (yet)."""
    out = []
    picks = xrng.sample(range(len(troncons)), 7)
    groups = [picks[0:1], picks[1:4], picks[4:7]]
    for n, group in enumerate(groups):
        cle = "%s%016d" % (PREFIX[RIVER], xrng.randint(10 ** 9, 10 ** 10))
        parts = [[[p[0], p[1]] for p in troncons[i]["geom"][0]] for i in group]
        if n > 0:
            for i in group:
                troncons[i]["values"]["liens_vers_cours_d_eau"] = cle
        out.append({"fid": n + 1, "values": {"cleabs": cle, "code_hydrographique": "J%07d" % xrng.randint(0, 9_999_999),
                                             "toponyme": TOPONYMES[n], "importance": str(n + 3),
                                             "date_creation": "2019-03-12T10:00:00.000Z", "date_modification": None},
                    "geom": parts, "shape_of": [troncons[i]["values"]["cleabs"] for i in group]})
    return out


def untouched(store, changes, layer, pred=lambda f: True):
    """Keys of `layer` that neither side changed, sorted, among those `pred` accepts."""
    touched = {c["cleabs"] for side in ("national", "local") for c in changes[side] if c["layer"] == layer}
    return sorted(k for k, f in store[layer].items() if k not in touched and f["values"]["cleabs"] == k and pred(f))


def cell_centre(ring):
    ox, oy = ORIGIN[ZONE]
    mx, my = sum(p[0] for p in ring[:-1]) / (len(ring) - 1), sum(p[1] for p in ring[:-1]) / (len(ring) - 1)
    return ox + (math.floor((mx - ox) / CELL) + 0.5) * CELL, oy + (math.floor((my - oy) / CELL) + 0.5) * CELL


def post_merge_cases(xrng, national, local, changes, conflicts):
    # dangling_reference: the river no tronçon links to is destroyed nationally; locally an untouched tronçon is linked to it
    river = national[RIVER][min(national[RIVER], key=lambda k: national[RIVER][k]["fid"])]
    destroyed = river["values"]["cleabs"]
    del national[RIVER][destroyed]
    changes["national"].append({"layer": RIVER, "op": "delete", "cleabs": destroyed})
    tron = xrng.choice(untouched(local, changes, TRONCON, lambda f: f["values"]["liens_vers_cours_d_eau"] is None))
    local[TRONCON][tron]["values"]["liens_vers_cours_d_eau"] = destroyed
    changes["local"].append({"layer": TRONCON, "op": "update", "cleabs": tron, "attributes": ["liens_vers_cours_d_eau"], "geometry": False,
                             "old": {"liens_vers_cours_d_eau": None}, "new": {"liens_vers_cours_d_eau": destroyed}})
    conflicts.append({"type": "dangling_reference", "layer": TRONCON, "cleabs": tron, "attribute": "liens_vers_cours_d_eau",
                      "target": destroyed})
    conflicts.append({"type": "scope", "layer": TRONCON, "cleabs": tron, "attribute": "liens_vers_cours_d_eau"})

    # double_counted: a national haie line across the middle of an untouched zone of nature Haie
    zone = xrng.choice(untouched(national, changes, ZONE, lambda f: f["values"]["nature"] == "Haie"))
    cx, cy = cell_centre(national[ZONE][zone]["geom"][0][0])
    ids = {f["values"]["cleabs"] for f in national[HAIE].values()} | {f["values"]["cleabs"] for f in local[HAIE].values()}
    cle = None
    while cle is None or cle in ids:
        cle = "%s%016d" % (PREFIX[HAIE], xrng.randint(10 ** 9, 10 ** 10))
    haie = {"fid": max(f["fid"] for f in national[HAIE].values()) + 1, "values": haie_values(xrng, cle),
            "geom": [[[r2(cx - 9.0), r2(cy - 1.5)], [r2(cx), r2(cy + 1.0)], [r2(cx + 9.0), r2(cy - 0.5)]]]}
    haie["values"]["date_creation"] = haie["values"]["date_modification"] = NATIONAL_DATE
    national[HAIE][cle] = haie
    changes["national"].append({"layer": HAIE, "op": "insert", "cleabs": cle})
    conflicts.append({"type": "double_counted", "layer": HAIE, "cleabs": cle, "zone": zone})

    # invalid_geometry: IGN's edit of another untouched zone crosses itself (a bow-tie): the merge keeps the local shape
    zone = xrng.choice([k for k in untouched(national, changes, ZONE) if k != zone])
    cx, cy = cell_centre(national[ZONE][zone]["geom"][0][0])
    national[ZONE][zone]["geom"] = [[[[r2(cx - 12), r2(cy - 12)], [r2(cx + 12), r2(cy + 12)], [r2(cx + 12), r2(cy - 12)],
                                      [r2(cx - 12), r2(cy + 12)], [r2(cx - 12), r2(cy - 12)]]]]
    national[ZONE][zone]["values"]["date_modification"] = NATIONAL_DATE
    changes["national"].append({"layer": ZONE, "op": "update", "cleabs": zone, "attributes": ["date_modification"], "geometry": True})
    conflicts.append({"type": "invalid_geometry", "layer": ZONE, "cleabs": zone})


def copy_feature(f):
    return {"fid": f.get("fid"), "values": dict(f["values"]), "geom": json.loads(json.dumps(f["geom"]))}


# ------------------------------------------------------------------------------------------------ GeoPackage

def write_gpkg(path, layers):
    if os.path.exists(path):
        os.remove(path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id = 1196444487")   # 'GPKG'
    con.execute("PRAGMA user_version = 10300")
    con.execute("PRAGMA page_size = 4096")
    con.execute("CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, "
                "organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)")
    con.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", [
        ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
        ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
        ("WGS 84 geodetic", 4326, "EPSG", 4326, WKT_4326, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
        ("RGF93 v1 / Lambert-93", SRS_ID, "EPSG", SRS_ID, WKT_2154, None)])
    con.execute("CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, "
                "description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), "
                "min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, "
                "CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))")
    con.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, "
                "srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), "
                "CONSTRAINT uk_gc_table_name UNIQUE (table_name), "
                "CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), "
                "CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))")
    for layer in LAYERS:
        feats = sorted(layers[layer], key=lambda f: f["fid"])
        kind, z = GEOMETRY[layer]
        cols = COLUMNS[layer]
        con.execute('CREATE TABLE "%s" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom %s, %s)'
                    % (layer, kind, ", ".join('"%s" %s' % c for c in cols)))
        rows, xs, ys = [], [], []
        for f in feats:
            blob = gpkg_blob(kind, f["geom"], z)
            minx, maxx, miny, maxy = struct.unpack_from("<4d", blob, 8)
            xs += [minx, maxx]
            ys += [miny, maxy]
            rows.append([f["fid"], blob] + [f["values"][c] for c, _ in cols])
        con.executemany('INSERT INTO "%s" VALUES (%s)' % (layer, ",".join("?" * (len(cols) + 2))), rows)
        con.execute("INSERT INTO gpkg_contents VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (layer, "features", layer, "", FIXED_TIME, min(xs), min(ys), max(xs), max(ys), SRS_ID))
        con.execute("INSERT INTO gpkg_geometry_columns VALUES (?,?,?,?,?,?)", (layer, "geom", kind, SRS_ID, z, 0))
    con.commit()
    con.execute("VACUUM")
    con.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--size", type=int, default=300, help="features per layer in the ancestor (>= 50)")
    ap.add_argument("--out", required=True, help="output folder (created; existing scenario files are replaced)")
    a = ap.parse_args()
    if a.size < 50:
        ap.error("--size must be at least 50 (every change category needs room)")
    os.makedirs(a.out, exist_ok=True)
    ancestor, national, local, changes, conflicts = scenario(a.seed, a.size)
    write_gpkg(os.path.join(a.out, "ancestor.gpkg"), ancestor)
    write_gpkg(os.path.join(a.out, "national.gpkg"), {k: list(v.values()) for k, v in national.items()})
    write_gpkg(os.path.join(a.out, "local.gpkg"), {k: list(v.values()) for k, v in local.items()})
    summary = {}
    for side in ("national", "local"):
        for c in changes[side]:
            key = "%s.%s" % (side, c["layer"])
            op = c["op"] + ("_geometry" if c.get("geometry") else "")
            summary.setdefault(key, {}).setdefault(op, 0)
            summary[key][op] += 1
    manifest = {
        "format": "bdfsync.scenario/v1", "generator": "testdata/generator/gen_scenario.py", "seed": a.seed, "size": a.size,
        "crs": "EPSG:2154", "files": {"ancestor": "ancestor.gpkg", "national": "national.gpkg", "local": "local.gpkg"},
        "features": {name: {layer: len(list(feats)) for layer, feats in data.items()}
                     for name, data in (("ancestor", ancestor), ("national", national), ("local", local))},
        "summary": summary, "conflicts": conflicts, "changes": changes,
    }
    with open(os.path.join(a.out, "manifest.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")


if __name__ == "__main__":
    main()
