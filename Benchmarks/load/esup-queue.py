"""Opens N team screens on the ÉSUP queue (each a long poll, as the page's script does), sends consult requests one
by one through the API as a frontline officer, and prints how long each screen took to show each new request; then
the latency of a bare route (/ready) measured in the same run, for reference."""
import json
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

url, token, email, password, screens, requests = sys.argv[1:7]
screens, requests = int(screens), int(requests)


def sign_in():
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(url + "/connexion").read().decode()
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    opener.open(url + "/connexion", data=urllib.parse.urlencode(
        {"_csrf": csrf, "email": email, "password": password}).encode())
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def ask(number):
    body = json.dumps({
        "eventNumber": f"26-{number:06d}", "place": "Métro Berri-UQAM", "situations": ["person_in_crisis"],
        "sceneSecured": True, "mode": "phone", "screening": {
            "immediateDangerToLife": False, "weapon": False, "crimeInProgress": False, "medicalEmergency": False}}).encode()
    request = urllib.request.Request(url + "/api/v1/esup/consults", data=body, headers={
        "Content-Type": "application/json", "Authorization": "Bearer " + token})
    try:
        return json.loads(urllib.request.urlopen(request).read())["reference"]
    except urllib.error.HTTPError as error:
        raise SystemExit(f"request refused ({error.code}): {error.read().decode()}")


cookie = sign_in()
seen = [dict() for _ in range(screens)]  # reference -> when the screen showed it
lock = threading.Lock()


def screen(index):
    version = None
    while True:
        path = "/esup/file" + ("" if version is None else f"?apres={version}")
        request = urllib.request.Request(url + path, headers={"Cookie": cookie})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                html = response.read().decode()
                version = response.headers.get("X-Queue-Version")
        except Exception:
            time.sleep(0.5)
            continue
        now = time.perf_counter()
        with lock:
            for reference in re.findall(r"ÉSUP-\d{4}", html):
                seen[index].setdefault(reference, now)


for index in range(screens):
    threading.Thread(target=screen, args=(index,), daemon=True).start()
time.sleep(2)  # every screen is waiting
delays = []
for number in range(requests):
    started = time.perf_counter()
    reference = ask(number)
    deadline = time.time() + 30
    while time.time() < deadline:
        with lock:
            if all(reference in shown for shown in seen):
                delays += [shown[reference] - started for shown in seen]
                break
        time.sleep(0.002)
    else:
        raise SystemExit(f"{reference} did not reach every screen in 30 s")
delays.sort()


def percentile(values, p):
    return values[min(len(values) - 1, max(0, int(round(p / 100 * len(values))) - 1))] * 1000


print(f"{screens} screens, {requests} requests, {len(delays)} deliveries (from the POST to the screen showing it)")
for p in (50, 90, 99):
    print(f"p{p} {percentile(delays, p):.1f} ms")
print(f"max {delays[-1] * 1000:.1f} ms")
bare = []
for _ in range(300):
    started = time.perf_counter()
    urllib.request.urlopen(url + "/ready").read()
    bare.append(time.perf_counter() - started)
bare.sort()
print(f"reference, bare route /ready (300 requests, 50 long polls open): p50 {percentile(bare, 50):.2f} ms, "
      f"p99 {percentile(bare, 99):.2f} ms")
