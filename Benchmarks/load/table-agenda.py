#!/usr/bin/env python3
"""Puts 30 situations on the next meeting's agenda of a running Relais demo, as the demo agency representative, and
has the chair record every signed agency present; prints the meeting's path. Usage:
    table-agenda.py URL REPRESENTATIVE_COOKIE CHAIR_COOKIE"""
import re
import sys
import urllib.parse
import urllib.request

url, representative, chair = sys.argv[1:4]


def call(path, cookie, form=None):
    request = urllib.request.Request(url + path, headers={"Cookie": cookie})
    if form is not None:
        page = urllib.request.urlopen(urllib.request.Request(url + "/table", headers={"Cookie": cookie})).read().decode()
        form = dict(form, _csrf=re.search(r'name="_csrf" value="([^"]+)"', page).group(1))
        request.data = urllib.parse.urlencode(form, doseq=True).encode()
    return urllib.request.urlopen(request)


meeting = None
for index in range(30):
    created = call("/table/situations", representative, {
        "subject": "individual", "riskFactors[]": ["housing.eviction", "mental_health.diagnosed", "alcohol.abuse"],
        "ageCohorts[]": ["25-29"], "genders[]": ["man"], "summary": f"Situation de mesure {index}",
        "firstName[]": [f"Personne{index}"], "lastName[]": ["Mesure"], "birthDate[]": ["1990-01-01"]})
    situation = created.geturl().split("?")[0]
    page = call(situation[len(url):], representative).read().decode()
    meeting = meeting or re.search(r'<option value="([0-9a-f-]{36})"', page).group(1)
    call(situation[len(url):] + "/inscription", representative, {"meetingId": meeting})
page = call(f"/table/reunions/{meeting}", chair).read().decode()
signed = re.findall(r'name="present\[\]" value="([0-9a-f-]{36})"[^<]*</label>', page)
call(f"/table/reunions/{meeting}/presences", chair, {"present[]": signed})
print(f"/table/reunions/{meeting}")
