#!/usr/bin/env python3
"""Load for the replica figures in the README: posts questions to the local chat of a running SofaBot (one replica,
or nginx in front of several) from 16 clients, then waits until the store has finished them all.

  python3 tests/scripts/replica-load.py <url> <count> <PostgreSQL port> <questions.jsonl>

<url>: http://127.0.0.1:<port> of a replica or of nginx (deploy/replicas.sh prints both, and the PostgreSQL port).
Prints: how many were acknowledged and how fast, and when all were finished (answered and recorded)."""
import concurrent.futures
import glob
import json
import subprocess
import sys
import time
import urllib.request
import uuid

url, count, port, questions_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
questions = [json.loads(line)["query"] for line in open(questions_file, encoding="utf-8") if line.strip()]
psql = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))[-1]
tag = uuid.uuid4().hex[:8]  # marks this run's messages in the store


def finished():
    out = subprocess.run([psql, "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", "testdb", "-tAc",
                          f"select count(*) from messages where finished_at is not null and payload like '%{tag}%'"],
                         capture_output=True, text=True, check=True).stdout
    return int(out.strip())


def post(i):
    body = json.dumps({"author": f"load{i % 50}", "text": f"@SofaBot {questions[i % len(questions)]} [{tag}-{i}]"}).encode()
    request = urllib.request.Request(url + "/chat/messages", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


start = time.time()
with concurrent.futures.ThreadPoolExecutor(16) as clients:
    statuses = list(clients.map(post, range(count)))
acknowledged = time.time() - start
done = finished()
while done < count and time.time() - start < 300:
    time.sleep(0.2)
    done = finished()
end = time.time() - start
print(f"{count} posted, {statuses.count(200)} acknowledged in {acknowledged:.1f} s ({count / acknowledged:.0f}/s); "
      f"{done} finished after {end:.1f} s ({done / end:.0f}/s)")
