#!/usr/bin/env python3
"""Fills a running Nusqa server with N documents, each with one edition made
from a fixture (its code replaced so every document is distinct). Prints the
edition ids, one per line, to the file given.

Authenticates with an API token from the environment variable NUSQA_TOKEN
(a quality-office or author account: see bench/http/run.sh)."""
import os
import json
import sys
import urllib.request


def call(base, method, path, body, content_type):
    request = urllib.request.Request(base + path, data=body, method=method,
                                     headers={"Content-Type": content_type,
                                              "Authorization": "Bearer " + os.environ["NUSQA_TOKEN"]})
    with urllib.request.urlopen(request, timeout=30) as reply:
        return json.load(reply)


def main():
    base, fixture, count, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    xml = open(fixture, encoding="utf-8").read()
    start = xml.index("<code>") + len("<code>")
    end = xml.index("</code>", start)
    kind = xml[xml.index("<kind>") + 6:xml.index("</kind>")]
    ids = []
    for number in range(count):
        code = f"BENCH-{number:05d}"
        document = call(base, "POST", "/api/v1/documents", json.dumps(
            {"code": code, "kind": kind, "title": f"Бенчмарк құжаты {number}",
             "unit": "Сапа бөлімі", "language": "kk"}).encode(), "application/json")
        edition = call(base, "POST", f"/api/v1/documents/{document['id']}/editions",
                       (xml[:start] + code + xml[end:]).encode(), "application/xml")
        ids.append(edition["id"])
        if (number + 1) % 200 == 0:
            print(f"seeded {number + 1}/{count}", file=sys.stderr)
    with open(out, "w") as file:
        file.write("\n".join(map(str, ids)) + "\n")


if __name__ == "__main__":
    main()
