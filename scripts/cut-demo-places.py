#!/usr/bin/env python3
"""Cuts the demo's place files (Resources/Demo) from the shared data sets: the STM stops in the four ÉMMIS boroughs
(metro stations and their platforms, bus stops named by their corner), the city's places of interest in those
boroughs (names and points only), and the OSM streets of Le Plateau-Mont-Royal (names and lines, 6 decimals).
Run from the repository's root: python3 scripts/cut-demo-places.py ../shared/data"""
import csv, io, json, sys

data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
boroughs = json.load(open("Resources/Demo/montreal-emmis-boroughs.geojson"))


def rings(geometry):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


all_rings = [ring for feature in boroughs["features"] for ring in rings(feature["geometry"])]


def inside(lon, lat):
    crossings = 0
    for ring in all_rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


columns = ["stop_id", "stop_name", "stop_lat", "stop_lon", "location_type", "parent_station"]
out = io.StringIO()
writer = csv.writer(out, lineterminator="\n")
writer.writerow(columns)
kept = 0
for row in csv.DictReader(open(f"{data}/geo/stm-metro/stops.txt", encoding="utf-8-sig")):
    kind, parent = row["location_type"], row["parent_station"]
    metro = kind == "1" or (kind == "0" and parent)
    corner = kind == "0" and not parent and " / " in row["stop_name"]
    if metro or (corner and inside(float(row["stop_lon"]), float(row["stop_lat"]))):
        writer.writerow([row[c] for c in columns])
        kept += 1
open("Resources/Demo/stm-stops-emmis.txt", "w").write(out.getvalue())
print("stops", kept)

names = {"Ville-Marie", "Le Sud-Ouest", "Le Plateau-Mont-Royal", "Mercier–Hochelaga-Maisonneuve"}
places = json.load(open(f"{data}/resources/montreal-lieux-interet/lieux-interet.geojson"))
features = [
    {"type": "Feature", "properties": {"name": f["properties"]["Nom français"].strip()},
     "geometry": {"type": "Point", "coordinates": [round(c, 6) for c in f["geometry"]["coordinates"][:2]]}}
    for f in places["features"]
    if f["properties"].get("Arrondissement") in names
    and f["properties"].get("Type") not in ("Art public", "Station de métro")
    and f["properties"].get("Nom français", "").strip()
]
with open("Resources/Demo/montreal-landmarks-emmis.geojson", "w") as file:
    file.write('{"type":"FeatureCollection","features":[\n')
    file.write(",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features))
    file.write("\n]}\n")
print("landmarks", len(features))

streets = json.load(open(f"{data}/geo/montreal-rues/osm-plateau-mont-royal-drive.geojson"))
lines = []
for f in streets["features"]:
    name = f["properties"].get("name")
    if isinstance(name, list):
        name = name[0]
    if not name or f["geometry"]["type"] != "LineString":
        continue
    coordinates = [[round(x, 6), round(y, 6)] for x, y in f["geometry"]["coordinates"]]
    lines.append({"type": "Feature", "properties": {"name": name},
                  "geometry": {"type": "LineString", "coordinates": coordinates}})
with open("Resources/Demo/osm-streets-plateau.geojson", "w") as file:
    file.write('{"type":"FeatureCollection","features":[\n')
    file.write(",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in lines))
    file.write("\n]}\n")
print("streets", len(lines))
