import json, os
import sys
root = os.path.dirname(os.path.abspath(__file__))
Z = {"fields": {"cleabs": "TEXT", "nature": "TEXT", "sources": "TEXT"}, "geometry": "POLYGON"}
H = {"fields": {"cleabs": "TEXT", "hauteur": "REAL"}, "geometry": "LINESTRING"}
T = {"fields": {"cleabs": "TEXT", "nature": "TEXT", "persistance": "TEXT", "liens_vers_cours_d_eau": "TEXT"}, "geometry": "LINESTRING"}
C = {"fields": {"cleabs": "TEXT", "toponyme": "TEXT"}, "geometry": "LINESTRING"}
def sq(x, y, s=100):
    return f"POLYGON (({x} {y}, {x+s} {y}, {x+s} {y+s}, {x} {y+s}, {x} {y}))"
Z1 = "ZONEVEGE0000000000000001"; Z2 = "ZONEVEGE0000000000000002"; Z9 = "ZONEVEGE0000000000000009"
def z(key, nature="Bois", sources="BDTOPO", wkt=None):
    return [key, {"nature": nature, "sources": sources}, wkt or sq(1000, 1000)]
def z2(nature="Bois"):
    return [Z2, {"nature": nature, "sources": "BDTOPO"}, sq(1200, 1000)]
LABEL = {"community": "ddt-35", "attributes": {"zone_de_vegetation": ["sources"], "haie": ["*", "geometry"], "troncon_hydrographique": ["persistance"]}}
cases = {}
def case(theme, name, desc, layers, expected, label=LABEL, extra=None):
    cases[(theme, name)] = (desc, {"label": label, "layers": layers, **(extra or {})}, expected)
def zl(anc, nat, loc, schema=Z):
    return {"zone_de_vegetation": {**schema, "ancestor": anc, "national": nat, "local": loc}}

case("vegetation", "one_side_national", "nature changed nationally only: taken into the local data, no conflict",
     zl([z(Z1)], [z(Z1, "Verger")], [z(Z1)]),
     {"conflicts": [], "merged": {"zone_de_vegetation": {Z1: {"nature": "Verger"}}}, "changes": 0})
case("vegetation", "one_side_local", "sources changed locally only (labelled attribute): kept and contributed",
     zl([z(Z1)], [z(Z1)], [z(Z1, sources="DDT35")]),
     {"conflicts": [], "merged": {"zone_de_vegetation": {Z1: {"sources": "DDT35"}}}, "changes": 1})
case("vegetation", "convergent", "nature changed identically on both sides: taken once, no conflict",
     zl([z(Z1)], [z(Z1, "Vigne")], [z(Z1, "Vigne")]),
     {"conflicts": [], "merged": {"zone_de_vegetation": {Z1: {"nature": "Vigne"}}}, "changes": 0})
case("vegetation", "different_attributes", "nature changed nationally, sources locally: both kept (attribute-level merge)",
     zl([z(Z1)], [z(Z1, "Vigne")], [z(Z1, sources="DDT35")]),
     {"conflicts": [], "merged": {"zone_de_vegetation": {Z1: {"nature": "Vigne", "sources": "DDT35"}}}, "changes": 1})
case("vegetation", "edit_edit_attribute_shared", "nature changed differently on both sides, no authority: open conflict, local value kept",
     zl([z(Z1)], [z(Z1, "Vigne")], [z(Z1, "Verger")]),
     {"conflicts": [{"type": "edit_edit_attribute", "status": "open"}],
      "merged": {"zone_de_vegetation": {Z1: {"nature": "Verger"}}}, "changes": 0})
case("vegetation", "edit_edit_attribute_authority_community", "sources changed differently; the community is authoritative: resolved to local",
     zl([z(Z1)], [z(Z1, sources="IGN")], [z(Z1, sources="DDT35")]),
     {"conflicts": [{"type": "edit_edit_attribute", "status": "resolved_by_authority", "rule": "authority:community:ddt-35"}],
      "merged": {"zone_de_vegetation": {Z1: {"sources": "DDT35"}}}, "changes": 1})
case("vegetation", "edit_edit_geometry_authority_ign", "geometry changed differently on both sides; IGN is authoritative for geometry: national shape taken",
     zl([z(Z1)], [z(Z1, wkt=sq(1000, 1000, 90))], [z(Z1, wkt=sq(1000, 1000, 80))]),
     {"conflicts": [{"type": "edit_edit_geometry", "status": "resolved_by_authority", "rule": "authority:ign"}],
      "merged_geometry": {"zone_de_vegetation": {Z1: sq(1000, 1000, 90)}}, "changes": 0})
case("vegetation", "geometry_one_side_national", "geometry changed nationally only: taken",
     zl([z(Z1)], [z(Z1, wkt=sq(1000, 1000, 90))], [z(Z1)]),
     {"conflicts": [], "merged_geometry": {"zone_de_vegetation": {Z1: sq(1000, 1000, 90)}}, "changes": 0})
case("vegetation", "geometry_below_tolerance", "both sides moved a vertex by less than the tolerance: no change, no conflict",
     zl([z(Z1)], [z(Z1, wkt="POLYGON ((1000 1000, 1100 1000, 1100 1100, 1000 1100.01, 1000 1000))")],
        [z(Z1, wkt="POLYGON ((1000 1000, 1100.02 1000, 1100 1100, 1000 1100, 1000 1000))")]),
     {"conflicts": [], "changes": 0})
case("vegetation", "delete_edit", "deleted nationally, edited locally: open conflict, local object kept",
     zl([z(Z1)], [], [z(Z1, sources="DDT35")]),
     {"conflicts": [{"type": "delete_edit", "status": "open"}], "present": {"zone_de_vegetation": [Z1]}, "changes": 0})
case("vegetation", "delete_unchanged", "deleted nationally, unchanged locally: the deletion is taken",
     zl([z(Z1)], [], [z(Z1)]),
     {"conflicts": [], "absent": {"zone_de_vegetation": [Z1]}, "changes": 0})
case("vegetation", "edit_delete", "edited nationally, deleted locally: open conflict, stays deleted",
     zl([z(Z1), z2()], [z(Z1, "Vigne"), z2()], [z2()]),
     {"conflicts": [{"type": "edit_delete", "status": "open"}], "absent": {"zone_de_vegetation": [Z1]}, "changes": 0})
case("vegetation", "insert_insert", "the same zone created on both sides under different keys: insert/insert conflict (both kept until decided, so they also overlap)",
     zl([], [z(Z1, wkt=sq(1000, 1000))], [z(Z9, wkt=sq(1002, 1001))]),
     {"conflicts": [{"type": "insert_insert", "status": "open"}, {"type": "overlap", "status": "open"}], "present": {"zone_de_vegetation": [Z1, Z9]}, "changes": 0})
case("vegetation", "invalid_geometry", "the national geometry edit is a self-intersecting polygon: refused, local geometry kept",
     zl([z(Z1)], [z(Z1, wkt="POLYGON ((1000 1000, 1100 1100, 1100 1000, 1000 1100, 1000 1000))")], [z(Z1)]),
     {"conflicts": [{"type": "invalid_geometry", "status": "open"}], "merged_geometry": {"zone_de_vegetation": {Z1: sq(1000, 1000)}}, "changes": 0})
case("vegetation", "overlap", "national grows zone 1 into zone 2 (which did not overlap before): overlap after merge",
     zl([z(Z1), z2()], [z(Z1, wkt=sq(1000, 1000, 250)), z2()], [z(Z1), z2()]),
     {"conflicts": [{"type": "overlap", "status": "open"}], "changes": 0})
case("vegetation", "double_counted", "a haie line created locally inside a zone of nature Haie: counted twice",
     {"zone_de_vegetation": {**Z, "ancestor": [z(Z1, "Haie")], "national": [z(Z1, "Haie")], "local": [z(Z1, "Haie")]},
      "haie": {**H, "ancestor": [], "national": [], "local": [["HAIELINE0000000000000001", {"hauteur": 2.0}, "LINESTRING (1010 1050, 1090 1050)"]]}},
     {"conflicts": [{"type": "double_counted", "status": "open"}], "changes": 1})
case("vegetation", "scope_attribute", "nature (not in the label) changed locally: scope conflict, not contributed",
     zl([z(Z1)], [z(Z1)], [z(Z1, "Verger")]),
     {"conflicts": [{"type": "scope", "status": "open"}], "merged": {"zone_de_vegetation": {Z1: {"nature": "Verger"}}}, "changes": 0})
case("vegetation", "scope_territory", "sources (labelled) changed locally outside the community's territory: scope conflict",
     zl([z(Z1)], [z(Z1)], [z(Z1, sources="DDT35")]),
     {"conflicts": [{"type": "scope", "status": "open"}], "changes": 0},
     label={**LABEL, "territory": {"wkt": sq(5000, 5000, 1000)}})
case("vegetation", "two_way_first_run", "no ancestor: differences are settled by authority (sources: community) or reported (nature)",
     {"zone_de_vegetation": {**Z, "national": [z(Z1, "Vigne", "IGN")], "local": [z(Z1, "Verger", "DDT35")]}},
     {"two_way": True, "conflicts": [{"type": "edit_edit_attribute", "status": "open"}, {"type": "edit_edit_attribute", "status": "resolved_by_authority"}],
      "merged": {"zone_de_vegetation": {Z1: {"sources": "DDT35", "nature": "Verger"}}}})
T1 = "TRON_EAU0000000000000001"; T2 = "TRON_EAU0000000000000002"; C1 = "COURDEAU0000000000000001"
def t(key, wkt, pers="Permanent", liens=None):
    return [key, {"nature": "Ecoulement naturel", "persistance": pers, "liens_vers_cours_d_eau": liens}, wkt]
case("hydrographie", "disconnected", "national moves the end of a tronçon away from the network: disconnected after merge",
     {"troncon_hydrographique": {**T, "ancestor": [t(T1, "LINESTRING (0 0, 100 0)"), t(T2, "LINESTRING (100 0, 200 0)")],
      "national": [t(T1, "LINESTRING (0 0, 90 20)"), t(T2, "LINESTRING (100 0, 200 0)")],
      "local": [t(T1, "LINESTRING (0 0, 100 0)"), t(T2, "LINESTRING (100 0, 200 0)")]}},
     {"conflicts": [{"type": "disconnected", "status": "open"}, {"type": "disconnected", "status": "open"}], "changes": 0})
case("hydrographie", "dangling_reference", "national destroys a cours_d_eau still referenced by a tronçon's liens_vers_cours_d_eau",
     {"troncon_hydrographique": {**T, "ancestor": [t(T1, "LINESTRING (0 0, 100 0)", liens=C1)], "national": [t(T1, "LINESTRING (0 0, 100 0)", liens=C1)],
       "local": [t(T1, "LINESTRING (0 0, 100 0)", liens=C1)]},
      "cours_d_eau": {**C, "ancestor": [[C1, {"toponyme": "Le Couesnon"}, "LINESTRING (0 0, 100 0)"]], "national": [],
       "local": [[C1, {"toponyme": "Le Couesnon"}, "LINESTRING (0 0, 100 0)"]]}},
     {"conflicts": [{"type": "dangling_reference", "status": "open"}], "absent": {"cours_d_eau": [C1]}, "changes": 0})
case("hydrographie", "persistance_community", "persistance (labelled) edited differently: the community wins; nature edited nationally is taken",
     {"troncon_hydrographique": {**T, "ancestor": [t(T1, "LINESTRING (0 0, 100 0)")],
      "national": [[T1, {"nature": "Canal", "persistance": "Intermittent", "liens_vers_cours_d_eau": None}, "LINESTRING (0 0, 100 0)"]],
      "local": [t(T1, "LINESTRING (0 0, 100 0)", pers="Inconnue")]}},
     {"conflicts": [{"type": "edit_edit_attribute", "status": "resolved_by_authority", "rule": "authority:community:ddt-35"}],
      "merged": {"troncon_hydrographique": {T1: {"persistance": "Inconnue", "nature": "Canal"}}}, "changes": 1})

for (theme, name), (desc, inp, exp) in cases.items():
    d = os.path.join(root, theme, name)
    os.makedirs(d, exist_ok=True)
    json.dump({"theme": theme, **inp}, open(os.path.join(d, "input.json"), "w"), indent=1, ensure_ascii=False)
    json.dump(exp, open(os.path.join(d, "expected.json"), "w"), indent=1, ensure_ascii=False)
    open(os.path.join(d, "README.md"), "w").write(desc + "\n")
print(len(cases))
