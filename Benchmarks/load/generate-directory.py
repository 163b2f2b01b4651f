#!/usr/bin/env python3
"""Writes an HSDS 3.0 JSON file of N services (default 60,000) shaped like a real directory: organizations with one
to five services, a location and address in the Montréal area, phones, languages, weekly hours (some overnight, some
24/7, some none), needs as Relais taxonomy terms, and French/English descriptions drawn from a vocabulary of the
sector. Deterministic (seeded), so that runs compare.
    python3 Benchmarks/load/generate-directory.py 60000 /tmp/directory-60k.json
"""
import json
import random
import sys
import uuid

count = int(sys.argv[1]) if len(sys.argv) > 1 else 60000
path = sys.argv[2] if len(sys.argv) > 2 else "/tmp/directory-60k.json"
rng = random.Random(20261123)
NEEDS = ["housing", "food", "mental-health", "addiction", "medical", "legal", "income", "safety", "community"]
TERM = {need: "6f1c2a70-8d4e-4b7a-9c3d-0000000000%02d" % (index + 1) for index, need in enumerate(NEEDS)}
KINDS = {
    "housing": ["Hébergement d'urgence", "Refuge", "Maison d'hébergement", "Halte-chaleur", "Logement de transition"],
    "food": ["Banque alimentaire", "Cuisine collective", "Repas communautaires", "Frigo solidaire"],
    "mental-health": ["Centre de crise", "Ligne d'écoute", "Soutien en santé mentale", "Groupe d'entraide"],
    "addiction": ["Réduction des méfaits", "Centre de réadaptation en dépendance", "Site de consommation supervisée"],
    "medical": ["Clinique sans rendez-vous", "CLSC", "Soins infirmiers de rue", "Clinique dentaire communautaire"],
    "legal": ["Clinique juridique", "Aide juridique", "Défense des droits des locataires"],
    "income": ["Aide à l'emploi", "Impôts bénévoles", "Soutien au revenu"],
    "safety": ["Maison pour femmes victimes de violence", "Travail de rue", "Médiation de conflits"],
    "community": ["Centre communautaire", "Maison de quartier", "Centre de loisirs", "Accueil des nouveaux arrivants"],
}
WORDS = ("accueil soutien accompagnement écoute orientation référence intervention jeunes aînés familles femmes hommes "
         "personnes itinérance immigrants réfugiés quartier gratuit confidentiel bilingue urgence nuit jour semaine "
         "support shelter youth seniors families women newcomers free confidential night outreach counselling").split()
STREETS = ["rue Sainte-Catherine", "rue Ontario", "boulevard Saint-Laurent", "rue Notre-Dame", "avenue du Parc",
           "rue Sherbrooke", "rue Hochelaga", "rue Wellington", "avenue Papineau", "rue Saint-Denis"]
DAYS = "MO,TU,WE,TH,FR,SA,SU"


def uid():
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def schedules(service_id):
    kind = rng.random()
    if kind < 0.15:
        return [{"id": uid(), "service_id": service_id, "freq": "WEEKLY", "byday": DAYS, "opens_at": "00:00",
                 "closes_at": "24:00"}]
    if kind < 0.25:
        return [{"id": uid(), "service_id": service_id, "freq": "WEEKLY", "byday": DAYS, "opens_at": "20:00",
                 "closes_at": "08:00"}]
    if kind < 0.85:
        opens = rng.choice(["08:00", "08:30", "09:00", "10:00", "13:00"])
        closes = rng.choice(["12:00", "16:00", "17:00", "18:00", "21:00"])
        days = rng.choice(["MO,TU,WE,TH,FR", "MO,WE,FR", "TU,TH", "MO,TU,WE,TH,FR,SA"])
        return [{"id": uid(), "service_id": service_id, "freq": "WEEKLY", "byday": days, "opens_at": opens,
                 "closes_at": closes}]
    return []


organizations = []
made = 0
while made < count:
    organization_id = uid()
    services = []
    for _ in range(min(rng.randint(1, 5), count - made)):
        need = rng.choice(NEEDS)
        extra = [n for n in NEEDS if n != need and rng.random() < 0.1]
        kind = rng.choice(KINDS[need])
        service_id, location_id = uid(), uid()
        description = kind + " : " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30))) + "."
        languages = ["fr"] + (["en"] if rng.random() < 0.6 else []) + (["es"] if rng.random() < 0.1 else [])
        services.append({
            "id": service_id, "organization_id": organization_id, "status": "active",
            "name": f"{kind} {rng.choice(WORDS).capitalize()} {made}", "description": description,
            "phones": [{"id": uid(), "service_id": service_id, "number": "514 555-%04d" % rng.randint(0, 9999)}],
            "languages": [{"id": uid(), "service_id": service_id, "code": code} for code in languages],
            "schedules": schedules(service_id),
            "service_at_locations": [{"id": uid(), "service_id": service_id, "location": {
                "id": location_id, "location_type": "physical", "name": kind,
                "latitude": round(rng.uniform(45.42, 45.70), 6), "longitude": round(rng.uniform(-73.95, -73.48), 6),
                "addresses": [{"id": uid(), "location_id": location_id,
                               "address_1": f"{rng.randint(1, 9999)} {rng.choice(STREETS)}", "city": "Montréal",
                               "state_province": "QC", "postal_code": "", "country": "CA",
                               "address_type": "physical"}]}}],
            "attributes": [{"id": uid(), "link_id": service_id, "link_type": "service", "link_entity": "service",
                            "taxonomy_term_id": TERM[n]} for n in [need] + extra],
        })
        made += 1
    organizations.append({"id": organization_id, "name": f"Organisme {len(organizations)}",
                          "description": "Organisme communautaire (données générées pour les mesures)",
                          "services": services})
with open(path, "w", encoding="utf-8") as file:
    json.dump(organizations, file, ensure_ascii=False)
print(f"{made} services in {len(organizations)} organizations written to {path}")
