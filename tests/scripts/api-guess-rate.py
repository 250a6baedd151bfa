#!/usr/bin/env python3
"""Guesses the review API's maintainer token from one address, as fast as it goes, and counts the answers.

    python3 tests/scripts/api-guess-rate.py http://127.0.0.1:5080 [seconds=10] [clients=8]

Prints requests a second, and how many of them had their token compared (401: a guess tried) or were refused
before that (429). Behind the README's figures for the review API's guess limit (docs-notes/reliability-web.md).
"""
import http.client
import secrets
import sys
import threading
import time
from collections import Counter
from urllib.parse import urlparse

url = urlparse(sys.argv[1])
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
clients = int(sys.argv[3]) if len(sys.argv) > 3 else 8
counts = Counter()
lock = threading.Lock()
end = time.monotonic() + seconds


def guess():
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    mine = Counter()
    while time.monotonic() < end:
        connection.request("GET", "/api/review", headers={"Authorization": "Bearer " + secrets.token_hex(24)})
        response = connection.getresponse()
        response.read()
        mine[response.status] += 1
    with lock:
        counts.update(mine)


threads = [threading.Thread(target=guess) for _ in range(clients)]
for t in threads:
    t.start()
for t in threads:
    t.join()
total = sum(counts.values())
print(f"{total} requests in {seconds:.0f} s from one address ({total / seconds:.0f}/s): "
      f"{counts[401]} tokens compared and wrong (401, {counts[401] / seconds:.1f}/s), "
      f"{counts[429]} refused before comparing (429), other {total - counts[401] - counts[429]}")
