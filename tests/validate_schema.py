"""Validates JSON documents and NDJSON files against docs/schema/r57.schema.json.

Usage: validate_schema.py SCHEMA FILE...   (files ending in .ndjson are read
line by line: the header, then each object against the definition its "type"
names).  Exits 77 (skipped) only when the jsonschema package is missing.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("jsonschema is not installed (scripts/setup.sh installs it into .venv)")
    sys.exit(77)


def main(schema_path, files):
    schema = json.load(open(schema_path, encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    checked = 0
    for path in files:
        if path.endswith(".ndjson"):
            lines = open(path, encoding="utf-8").read().splitlines()
            header = json.loads(lines[0])
            assert header["format"] == "libr57-ndjson" and header["version"] in (1, 2), f"{path}: bad header {header}"
            for n, line in enumerate(lines[1:], start=2):
                obj = json.loads(line)
                kind = obj.pop("type")
                sub = {"$ref": f"#/$defs/{kind}", "$defs": schema["$defs"]}
                errors = list(jsonschema.Draft202012Validator(sub).iter_errors(obj))
                assert not errors, f"{path}:{n}: {errors[0].message}"
                checked += 1
        else:
            doc = json.load(open(path, encoding="utf-8"))
            errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
            assert not errors, f"{path}: {'/'.join(map(str, errors[0].path))}: {errors[0].message}"
            checked += 1
    # The schema is not a rubber stamp: it refuses what the library refuses.
    bad = {"format": "libr57", "version": 1, "units": [{"code": "VN", "name": "V", "kind": "nation", "colour": "red"}]}
    assert list(validator.iter_errors(bad)), "schema accepted an unknown field"
    bad = {"format": "libr57", "version": 3}
    assert list(validator.iter_errors(bad)), "schema accepted version 3"
    print(f"{checked} documents and objects valid against {schema_path}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
