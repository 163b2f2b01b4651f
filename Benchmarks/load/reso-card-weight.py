#!/usr/bin/env python3
"""The weight of a RÉSO card page as a phone loads it the first time: the HTML, the stylesheet and scripts it links,
and the officer's photo at twice the card's size (dense screens). First uploads a generated 640×480 photo (a PNG,
written here with zlib) for Brossard 1's officer as the demo's supervisor.
Usage: reso-card-weight.py URL SERVER_LOG"""
import re
import struct
import sys
import urllib.parse
import urllib.request
import uuid
import zlib
from http.cookiejar import CookieJar

url, log = sys.argv[1:3]
email, password = re.search(r"supervisor (\S+@demo\.relais\.example) (\S+)", open(log).read()).groups()
jar = CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
csrf = re.search(r'name="_csrf" value="([^"]+)"', opener.open(url + "/connexion").read().decode()).group(1)
opener.open(url + "/connexion", data=urllib.parse.urlencode({"_csrf": csrf, "email": email, "password": password}).encode())
agents = opener.open(url + "/reso/agents").read().decode()
officer = re.search(r'href="/reso/agents/([0-9a-f-]{36})">Agent Charlie Secteur', agents).group(1)


def png(width, height):
    """An RGB PNG of a smooth pattern, so that the JPEG made of it weighs what a photo does."""
    rows = b"".join(b"\x00" + bytes(v for x in range(width) for v in (x * 255 // width, y * 255 // height, (x ^ y) % 256))
                    for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


boundary = uuid.uuid4().hex
csrf = next(cookie.value for cookie in jar if cookie.name == "relais_csrf")  # a new one since signing in
body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"photo.png\"\r\n"
        "Content-Type: image/png\r\n\r\n").encode() + png(640, 480) + f"\r\n--{boundary}--\r\n".encode()
opener.open(urllib.request.Request(url + f"/reso/agents/{officer}/photo", data=body,
                                   headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}))
page = urllib.request.urlopen(url + "/reso/secteurs/BRO-1").read()
html = page.decode()
parts = {"page": len(page)}
for link in re.findall(r'(?:href|src)="(/(?:css|js)/[^"]+)"', html):
    parts[link] = len(urllib.request.urlopen(url + link).read())
photo = re.search(r'srcset="[^"]* 1x, ([^" ]+) 2x"', html).group(1)
parts[photo.rsplit("/", 1)[1] + " (2x photo)"] = len(urllib.request.urlopen(url + photo).read())
for name, size in parts.items():
    print(f"  {name}: {size:,} bytes")
print(f"card page with its photo: {sum(parts.values()):,} bytes")
