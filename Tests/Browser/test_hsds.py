"""Open Referral HSDS 3.0 from an independent client: `relais resources export` and the `/hsds` API, every object
validated against the specification's own JSON Schemas (copied in hsds-3.0/)."""
import json
import tempfile
import urllib.request
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).parent / "hsds-3.0" / "schema"
REGISTRY = Registry().with_resources(
    (path.name, Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012))
    for path in SCHEMAS.glob("*.json"))


def errors(instance, schema_name):
    schema = json.loads((SCHEMAS / schema_name).read_text())
    validator = Draft202012Validator(schema, registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(instance)]


def get(server, path):
    with urllib.request.urlopen(server.url + path) as response:
        assert response.headers["Content-Type"].startswith("application/json")
        return json.loads(response.read().decode("utf-8"))


def test_the_schemas_catch_a_broken_service():
    broken = {"id": "not-a-uuid", "name": "x"}  # no status
    assert errors(broken, "compiled/service_with_definitions.json")


def test_every_exported_object_validates(server):
    folder = tempfile.mkdtemp(prefix="relais-hsds-")
    server.command("resources", "export", "--format", "json", folder)
    files = {
        "services.json": "compiled/service_with_definitions.json",
        "organizations.json": "organization.json",
        "taxonomies.json": "taxonomy.json",
        "taxonomy_terms.json": "taxonomy_term.json",
    }
    for name, schema in files.items():
        items = json.loads((Path(folder) / name).read_text())
        assert items, name
        for item in items:
            assert errors(item, schema) == [], (name, item.get("id"))
    services = json.loads((Path(folder) / "services.json").read_text())
    assert any(service["name"] == "Hébergement d'urgence 24 h" for service in services)


@pytest.mark.parametrize("path, schema", [
    ("/hsds/services?per_page=20", "compiled/service_list.json"),
    ("/hsds/services?per_page=5&full=true&search=clsc", "compiled/service_list.json"),
    ("/hsds/organizations?per_page=20&page=2", "compiled/organization_list.json"),
])
def test_api_pages_validate(server, path, schema):
    """The compiled list schemas describe each listed object; the page around them is the API's `Page`."""
    page = get(server, path)
    assert page["contents"]
    assert {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"} <= set(page)
    assert page["size"] == len(page["contents"])
    for item in page["contents"]:
        assert errors(item, schema) == [], item.get("id")


def test_api_objects_validate(server):
    service = get(server, "/hsds/services/de000000-0000-4000-8002-000000000001")
    assert errors(service, "compiled/service_with_definitions.json") == []
    organization = get(server, "/hsds/organizations/" + service["organization_id"])
    assert errors(organization, "organization.json") == []
    terms = get(server, "/hsds/taxonomy_terms?per_page=50")
    assert {term["code"] for term in terms["contents"]} >= {"housing", "food", "mental-health"}
    for term in terms["contents"]:
        assert errors(term, "taxonomy_term.json") == []
    taxonomy = get(server, "/hsds/taxonomies/" + terms["contents"][0]["taxonomy_id"])
    assert errors(taxonomy, "taxonomy.json") == []


def test_csv_export_is_a_tabular_package(server):
    """Every table the HSDS descriptor names is written, with exactly its columns, and rows link by id."""
    import csv
    folder = Path(tempfile.mkdtemp(prefix="relais-hsds-csv-"))
    server.command("resources", "export", "--format", "csv", str(folder))
    descriptor = json.loads((folder / "datapackage.json").read_text())
    tables = {}
    for resource in descriptor["resources"]:
        with open(folder / resource["path"], newline="", encoding="utf-8") as file:
            rows = list(csv.reader(file))
        assert rows[0] == [field["name"] for field in resource["schema"]["fields"]], resource["path"]
        tables[resource["name"]] = [dict(zip(rows[0], row)) for row in rows[1:]]
    organizations = {row["id"] for row in tables["organization"]}
    assert tables["service"] and all(row["organization_id"] in organizations for row in tables["service"])
    shelter = next(row for row in tables["service"] if row["name"] == "Hébergement d'urgence 24 h")
    hours = [row for row in tables["schedule"] if row["service_id"] == shelter["id"]]
    assert [(row["opens_at"], row["closes_at"]) for row in hours] == [("00:00", "24:00")]
