"""Validates a JSON document (file or stdin) against a JSON Schema.

usage: check.py SCHEMA [FILE]   exit 0 valid, 1 invalid (errors listed)
Run with Debian's /usr/bin/python3 (python3-jsonschema).

The schemas cannot know the level keys, which come from the scale in use
(--scale FILE); so after the schema, every object that counts per level
must name exactly the keys of the document's own "scale" member, modes
and ratings must be one of them, and a spread is below the number of
levels.
"""
import glob
import json
import os
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
raw = open(sys.argv[2], "rb").read() if len(sys.argv) > 2 else \
    sys.stdin.buffer.read()
doc = json.loads(raw.decode("utf-8"))  # strict UTF-8, strict JSON
# every schema in the same directory, so that one can $ref another's $defs
store = {}
for path in glob.glob(os.path.join(os.path.dirname(sys.argv[1]), "*.json")):
    other = json.load(open(path, encoding="utf-8"))
    store[other["$id"]] = other
resolver = jsonschema.RefResolver.from_schema(schema, store=store)
validator = jsonschema.Draft202012Validator(schema, resolver=resolver)
jsonschema.Draft202012Validator.check_schema(schema)
errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
for e in errors:
    print("%s: %s" % ("/".join(map(str, e.path)), e.message))

FIXED = {"missing", "not_applicable", "rated", "shares", "risk_share",
         "index", "spread", "agreement", "weighted", "ends",
         "brist_organisations", "change", "mode"}


def scale_errors(doc):
    """Level keys against the document's scale (what a schema can't do)."""
    if not isinstance(doc, dict) or "scale" not in doc:
        return []
    keys = {lv["key"] for lv in doc["scale"]}
    out = []

    def walk(o, path):
        if isinstance(o, list):
            for i, v in enumerate(o):
                walk(v, path + [str(i)])
            return
        if not isinstance(o, dict):
            return
        here = "/".join(path)
        # STATS or a change in it (a diff share has no level keys)
        if "rated" in o and "risk_share" in o and "brist_share" not in o:
            levels = set(o) - FIXED
            if levels != keys:
                out.append("%s: level keys %s, scale has %s"
                           % (here, sorted(levels), sorted(keys)))
            if isinstance(o.get("shares"), dict) and set(o["shares"]) != keys:
                out.append("%s/shares: keys %s" % (here, sorted(o["shares"])))
            if isinstance(o.get("spread"), int) and o["spread"] >= len(keys):
                out.append("%s/spread: %d with %d levels"
                           % (here, o["spread"], len(keys)))
            if o.get("mode") is not None and o["mode"] not in keys:
                out.append("%s/mode: '%s' is not a level" % (here, o["mode"]))
        if "transitions" in o:
            t = o["transitions"]
            if set(t) != keys or any(set(v) != keys for v in t.values()):
                out.append("%s/transitions: keys differ from the scale"
                           % here)
        for k in ("old", "new"):  # a diff record's ratings
            if isinstance(o.get(k), str) and "change" in o and \
                    o[k] not in keys | {"missing", "not_applicable"}:
                out.append("%s/%s: '%s' is not a level" % (here, k, o[k]))
        # a forecast checked, a revision: levels only (never missing)
        for k in ("forecast", "outcome") if "result" in o else \
                ("old", "new") if "revision" in o else ():
            if o.get(k) not in keys:
                out.append("%s/%s: '%s' is not a level" % (here, k, o[k]))
        for k, v in o.items():
            walk(v, path + [k])

    walk(doc, [])
    return out


if not errors:
    errors = scale_errors(doc)
    for e in errors:
        print(e)
sys.exit(1 if errors else 0)
