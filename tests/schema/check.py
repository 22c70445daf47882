"""Validates a JSON document (file or stdin) against a JSON Schema.

usage: check.py SCHEMA [FILE]   exit 0 valid, 1 invalid (errors listed)
Run with Debian's /usr/bin/python3 (python3-jsonschema).
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
sys.exit(1 if errors else 0)
