"""Opens N live boards, takes calls one by one and prints how long each board took to show each new request."""
import asyncio
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import websockets

url, token, email, password, boards, calls = sys.argv[1:7]
boards, calls = int(boards), int(calls)


def sign_in():
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(url + "/connexion").read().decode()
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    try:
        opener.open(url + "/connexion", data=urllib.parse.urlencode(
            {"_csrf": csrf, "email": email, "password": password}).encode())
    except urllib.error.HTTPError as error:
        raise SystemExit(f"sign-in refused ({error.code})")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def take_call(number):
    body = json.dumps({
        "source": "resident", "anonymous": True, "address": f"{number} rue Ontario Est", "latitude": 45.5155,
        "longitude": -73.5622, "situation": "noise", "description": "Musique forte.", "peopleCount": 1,
        "immediateDangerToLife": False, "weapon": False, "crimeInProgress": False, "medicalEmergency": False}).encode()
    request = urllib.request.Request(url + "/api/v1/service-requests", data=body, headers={
        "Content-Type": "application/json", "Authorization": "Bearer " + token})
    try:
        return json.loads(urllib.request.urlopen(request).read())["id"]
    except urllib.error.HTTPError as error:
        raise SystemExit(f"intake refused ({error.code}): {error.read().decode()}")


async def main():
    cookie = sign_in()
    ws_url = url.replace("http://", "ws://") + "/tableau/direct"
    sockets = []
    for _ in range(boards):
        socket = await websockets.connect(ws_url, additional_headers={"Cookie": cookie}, max_size=None)
        await socket.recv()  # the board as it is
        sockets.append(socket)
    delays = []
    for number in range(calls):
        started = time.perf_counter()
        posting = asyncio.create_task(asyncio.to_thread(take_call, number))

        async def wait(socket):
            request_id = await posting
            while True:
                message = json.loads(await socket.recv())
                if any(item["id"] == request_id for item in message["board"]["requests"]):
                    return time.perf_counter() - started

        delays += await asyncio.gather(*(wait(socket) for socket in sockets))
    for socket in sockets:
        await socket.close()
    delays.sort()

    def percentile(p):
        return delays[min(len(delays) - 1, max(0, int(round(p / 100 * len(delays))) - 1))] * 1000

    print(f"{boards} boards, {calls} calls, {len(delays)} deliveries (from the POST to the board showing it)")
    for p in (50, 90, 99):
        print(f"p{p} {percentile(p):.1f} ms")
    print(f"max {delays[-1] * 1000:.1f} ms")


asyncio.run(main())
