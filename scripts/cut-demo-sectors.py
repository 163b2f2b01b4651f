#!/usr/bin/env python3
"""Cuts the RÉSO demo's fictional sectors (Resources/Demo/longueuil-sectors-fictional.geojson) from the five real
city boundaries of the Longueuil agglomeration: each city is split into strips of equal width along its longer
axis (Longueuil 6, Brossard 4, Boucherville 3, Saint-Bruno-de-Montarville 2, Saint-Lambert 2: the 17 sectors of
RÉSO's launch). The real sector map is not public; these sectors are fictional, and named so.
Run from the repository's root: python3 scripts/cut-demo-sectors.py ../shared/data"""
import json, sys

data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
source = json.load(open(f"{data}/geo/longueuil/agglomeration-longueuil-municipalites.geojson"))
strips = {"Longueuil": 6, "Brossard": 4, "Boucherville": 3, "Saint-Bruno-de-Montarville": 2, "Saint-Lambert": 2}
codes = {"Longueuil": "LGL", "Brossard": "BRO", "Boucherville": "BOU", "Saint-Bruno-de-Montarville": "SBM",
         "Saint-Lambert": "SLB"}


def clip(ring, axis, bound, keep_below):
    """Sutherland–Hodgman against one half-plane (x or y <= bound, or >= bound)."""
    def inside(point):
        return point[axis] <= bound if keep_below else point[axis] >= bound

    def cross(a, b):
        t = (bound - a[axis]) / (b[axis] - a[axis])
        return [round(a[0] + t * (b[0] - a[0]), 6), round(a[1] + t * (b[1] - a[1]), 6)]

    out = []
    for index, current in enumerate(ring):
        previous = ring[index - 1]
        if inside(current):
            if not inside(previous):
                out.append(cross(previous, current))
            out.append(current)
        elif inside(previous):
            out.append(cross(previous, current))
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


features = []
for feature in sorted(source["features"], key=lambda f: f["properties"]["MUS_NM_MUN"]):
    city = feature["properties"]["MUS_NM_MUN"]
    ring = [[round(x, 6), round(y, 6)] for x, y in feature["geometry"]["coordinates"][0]]
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    # The longer axis in metres (a degree of longitude is about 0.7 of a degree of latitude here).
    axis = 0 if (max(xs) - min(xs)) * 0.7 > (max(ys) - min(ys)) else 1
    low, high = (min(xs), max(xs)) if axis == 0 else (min(ys), max(ys))
    count = strips[city]
    for number in range(count):
        start = low + (high - low) * number / count
        end = low + (high - low) * (number + 1) / count
        part = clip(clip(ring, axis, start, False), axis, end, True)
        if len(part) < 4:
            continue
        features.append({
            "type": "Feature",
            "properties": {"code": f"{codes[city]}-{number + 1}", "nom": f"{city} {number + 1} (fictif)",
                           "ville": city},
            "geometry": {"type": "Polygon", "coordinates": [part]},
        })

json.dump({"type": "FeatureCollection", "features": features},
          open("Resources/Demo/longueuil-sectors-fictional.geojson", "w"), ensure_ascii=False, separators=(",", ":"))
print(len(features), "sectors")
