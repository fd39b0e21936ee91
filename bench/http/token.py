# Signs in as the benchmark's user and prints a new API token.
#   python3 bench/http/token.py BASE_URL PASSWORD
# (A server under valgrind answers slowly: hence the long timeout.)
import http.cookiejar
import json
import sys
import urllib.request

base, password = sys.argv[1], sys.argv[2]
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def call(path, body):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    return json.load(opener.open(request, timeout=300))


call("/api/v1/auth/login", {"login": "bench", "password": password})
print(call("/api/v1/me/tokens", {"name": "bench"})["token"])
