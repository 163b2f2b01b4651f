#!/usr/bin/env python3
"""Signs in to a running Relais as EMAIL with PASSWORD and prints its cookies (the session, and the form token a
form post sends back).
Usage: session-cookie.py URL EMAIL PASSWORD"""
import re
import sys
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

url, email, password = sys.argv[1:4]
jar = CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
csrf = re.search(r'name="_csrf" value="([^"]+)"', opener.open(url + "/connexion").read().decode()).group(1)
opener.open(url + "/connexion", data=urllib.parse.urlencode(
    {"_csrf": csrf, "email": email, "password": password}).encode())
print("; ".join(f"{c.name}={c.value}" for c in jar))
