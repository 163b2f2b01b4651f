"""Open311 GeoReport v2 from an independent client: form-encoded HTTP from another process, as a city's app sends
it, with every JSON response validated against the Open311 community's JSON Schemas and the XML read back."""
import json
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).parent / "open311-schema"
REGISTRY = Registry().with_resources(
    (path.name, Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012))
    for path in SCHEMAS.glob("*.json"))
SAFE = {"danger_to_life": "no", "weapon": "no", "crime_in_progress": "no", "medical_emergency": "no"}


def validate(instance, schema_name):
    schema = json.loads((SCHEMAS / schema_name).read_text())
    Draft202012Validator(schema, registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(instance)


def call(server, path, form=None, headers=None):
    """Returns (status, content type, body); a form is sent as application/x-www-form-urlencoded."""
    data = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else None
    request = urllib.request.Request(server.url + path, data=data, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode("utf-8")


@pytest.fixture(scope="module")
def api_key(server):
    return server.command(
        "tokens", "create", "--open311", "--email", "open311-client@demo.relais.example", "--name", "pytest")


def report(key, code="cohabitation_public_space", **extra):
    form = {"api_key": key, "service_code": code, "lat": "45.5155", "long": "-73.5622",
            "address_string": "Place Émilie-Gamelin, Montréal", "first_name": "Alex", "phone": "514-555-0199",
            "description": "Des personnes dorment dans l'entrée d'un commerce.",
            "attribute[vulnerabilities][]": ["unhoused", "elderly"]}
    form.update({f"attribute[{key}]": value for key, value in SAFE.items()})
    form.update(extra)
    return form


def test_discovery_names_the_v2_endpoint_in_both_formats(server):
    status, kind, body = call(server, "/open311/discovery.json")
    assert status == 200 and kind.startswith("application/json")
    endpoint = json.loads(body)["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    status, kind, body = call(server, "/open311/discovery.xml")
    assert kind.startswith("text/xml") and body.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert ET.fromstring(body.encode()).find("endpoints/endpoint/specification").text.endswith("GeoReport_v2")


def test_services_and_definitions_validate(server):
    status, _, body = call(server, "/open311/v2/services.json")
    services = json.loads(body)
    validate(services, "services.json")
    codes = [service["service_code"] for service in services]
    assert "person_in_distress" in codes and all(service["metadata"] for service in services)
    xml_codes = [e.text for e in ET.fromstring(call(server, "/open311/v2/services.xml")[2].encode()).iter("service_code")]
    assert xml_codes == codes
    for code in codes:
        definition = json.loads(call(server, f"/open311/v2/services/{code}.json")[2])
        validate(definition, "service-definition.json")
        required = {a["code"] for a in definition["attributes"] if a["required"]}
        assert required == set(SAFE)
    english = json.loads(call(server, "/open311/v2/services.json", headers={"Accept-Language": "en-CA"})[2])
    assert "Person in distress" in [service["service_name"] for service in english]


def test_a_report_is_triaged_and_its_status_can_be_followed(server, api_key):
    status, kind, body = call(server, "/open311/v2/requests.json", form=report(api_key))
    assert status == 200 and kind.startswith("application/json"), body
    created = json.loads(body)[0]
    request_id = created["service_request_id"]
    assert "équipe mobile" in created["service_notice"]

    one = json.loads(call(server, f"/open311/v2/requests/{request_id}.json")[2])
    validate(one, "requests.json")
    assert one[0]["status"] == "open" and one[0]["service_code"] == "cohabitation_public_space"
    # Nothing that identifies anyone is published: no description, no caller, the borough instead of the address.
    assert one[0]["description"] is None and one[0]["lat"] is None and one[0]["address"] == "Ville-Marie"
    assert "Alex" not in json.dumps(one) and "Émilie" not in json.dumps(one)

    listed = json.loads(call(server, "/open311/v2/requests.json?status=open&service_code=cohabitation_public_space")[2])
    validate(listed, "requests.json")
    assert request_id in [item["service_request_id"] for item in listed]
    root = ET.fromstring(call(server, f"/open311/v2/requests/{request_id}.xml")[2].encode())
    assert root.tag == "service_requests" and root.find("request/service_request_id").text == request_id


def test_a_weapon_closes_the_report_with_the_911_notice(server, api_key):
    form = report(api_key, **{"attribute[weapon]": "yes"})
    status, _, body = call(server, "/open311/v2/requests.xml", form=form)
    assert status == 200
    root = ET.fromstring(body.encode())
    assert "911" in root.find("request/service_notice").text
    request_id = root.find("request/service_request_id").text
    one = json.loads(call(server, f"/open311/v2/requests/{request_id}.json")[2])
    validate(one, "requests.json")
    assert one[0]["status"] == "closed"


@pytest.mark.parametrize("change, status, fragment", [
    ({"api_key": "not-a-key"}, 403, "api_key"),
    ({"service_code": "graffiti"}, 404, "graffiti"),
    ({"lat": ""}, 400, "lat"),
    ({"attribute[weapon]": ""}, 400, "attribute[weapon]"),
    ({"lat": "95"}, 400, "lat"),
    ({"description": "x" * 20000}, 400, "description"),
])
def test_bad_reports_get_the_specification_error_format_and_create_nothing(server, api_key, change, status, fragment):
    before = json.loads(call(server, "/open311/v2/requests.json")[2])
    got, kind, body = call(server, "/open311/v2/requests.json", form=report(api_key, **change))
    assert got == status, body
    errors = json.loads(body)
    assert isinstance(errors, list) and errors and all(error["code"] == status for error in errors)
    assert any(fragment in error["description"] for error in errors), errors
    assert json.loads(call(server, "/open311/v2/requests.json")[2]) == before
    xml = ET.fromstring(call(server, "/open311/v2/requests.xml", form=report(api_key, **change))[2].encode())
    assert xml.tag == "errors" and xml.find("error/code").text == str(status)


def test_bad_queries_and_unknown_resources(server):
    assert call(server, "/open311/v2/requests.json?start_date=yesterday")[0] == 400
    assert call(server, "/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-12-31T00:00:00Z")[0] == 400
    assert call(server, "/open311/v2/requests.json?status=pending")[0] == 400
    assert call(server, "/open311/v2/requests/00000000-0000-0000-0000-000000000000.json")[0] == 404
    assert call(server, "/open311/v2/tokens/12345.json")[0] == 404
    assert call(server, "/open311/v2/services/graffiti.xml")[0] == 404
