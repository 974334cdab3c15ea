#!/usr/bin/env python3
"""The event schemas of docs/events/ in the form the EventBridge Schema Registry accepts.

docs/events/*.v1.json describe an event's `detail` in JSON Schema 2020-12, the definitions they
share in common.v1.json. The registry takes a schema of the whole event in JSON Schema draft 4
(`JSONSchemaDraft4`), each whole in itself: the shared definitions are copied into each. This writes one
`AWS::EventSchemas::Schema` per event type into template.yaml, between the two marker lines,
so the template always publishes what the docs say:

    scripts/registry_schemas.py           rewrite the block in template.yaml
    scripts/registry_schemas.py --check   exit 1 if the block is not what the docs give
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "template.yaml"
BEGIN = "  # BEGIN event schemas: written by scripts/registry_schemas.py from docs/events/ (make schemas)\n"
END = "  # END event schemas\n"
DRAFT4 = "http://json-schema.org/draft-04/schema#"
COMMON = ROOT / "docs" / "events" / "common.v1.json"


def draft4(node, detail_defs):
    """The same schema in draft 4's words: const becomes a one-value enum, $defs are hoisted."""
    if isinstance(node, list):
        return [draft4(item, detail_defs) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in ("$schema", "$id", "$defs"):
            continue
        if key == "const":
            out["enum"] = [value]
        elif key == "$ref":
            prefix = next((p for p in ("#/$defs/", COMMON.name + "#/$defs/") if value.startswith(p)), None)
            if prefix is None:
                raise SystemExit(f"unsupported $ref {value}: only #/$defs/ and {COMMON.name}#/$defs/ references"
                                 " are converted")
            name = value[len(prefix):]
            if name not in detail_defs:
                raise SystemExit(f"$ref to a missing definition: {value}")
            out["$ref"] = "#/definitions/" + name
        else:
            out[key] = draft4(value, detail_defs)
    return out


def common_defs():
    """The definitions every detail schema shares (docs/events/common.v1.json)."""
    return json.loads(COMMON.read_text())["$defs"] if COMMON.exists() else {}


def registry_schema(detail_schema, shared=None):
    """A draft-4 schema of the whole event, its detail the docs' schema, the shared definitions inlined."""
    defs = dict(common_defs() if shared is None else shared)
    defs.update(detail_schema.get("$defs", {}))
    detail_type = detail_schema["title"]
    definitions = {name: draft4(schema, defs) for name, schema in defs.items()}
    definitions["Detail"] = draft4(detail_schema, defs)
    return {
        "$schema": DRAFT4,
        "title": detail_type,
        "description": f"An EventBridge event of source kvs-pool-guard and detail-type '{detail_type}' "
                       "(docs/events.md).",
        "type": "object",
        "required": ["detail-type", "source", "detail"],
        "properties": {
            "version": {"type": "string"},
            "id": {"type": "string"},
            "detail-type": {"type": "string", "enum": [detail_type]},
            "source": {"type": "string", "enum": ["kvs-pool-guard"]},
            "account": {"type": "string"},
            "time": {"type": "string", "format": "date-time"},
            "region": {"type": "string"},
            "resources": {"type": "array", "items": {"type": "string"}},
            "detail": {"$ref": "#/definitions/Detail"},
        },
        "definitions": definitions,
    }


def resource_name(path):
    """pool-status-changed.v1.json -> PoolStatusChangedSchema"""
    words = path.name.split(".")[0].split("-")
    return "".join(w.capitalize() for w in words) + "Schema"


def block():
    lines = [BEGIN]
    lines.append("  EventSchemaRegistry:\n")
    lines.append("    Type: AWS::EventSchemas::Registry\n")
    lines.append("    Properties:\n")
    lines.append("      RegistryName: !Sub kvs-pool-guard-${AWS::StackName}\n")
    lines.append("      Description: The events kvs-pool-guard puts on its bus (docs/events.md), one schema per detail-type.\n")
    for path in sorted(p for p in (ROOT / "docs" / "events").glob("*.v1.json") if p != COMMON):
        detail_schema = json.loads(path.read_text())
        content = json.dumps(registry_schema(detail_schema), separators=(",", ":")).replace("'", "''")
        title = detail_schema["title"]
        lines.append("\n")
        lines.append(f"  {resource_name(path)}:\n")
        lines.append("    Type: AWS::EventSchemas::Schema\n")
        lines.append("    Properties:\n")
        lines.append("      RegistryName: !GetAtt EventSchemaRegistry.RegistryName\n")
        lines.append(f"      SchemaName: kvs-pool-guard@{title.replace(' ', '')}\n")
        lines.append(f"      Description: detail-type '{title}', from docs/events/{path.name}\n")
        lines.append("      Type: JSONSchemaDraft4\n")
        lines.append(f"      Content: '{content}'\n")
    lines.append(END)
    return "".join(lines)


def main(argv):
    text = TEMPLATE.read_text()
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{TEMPLATE}: the marker lines of the event schemas are missing")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    updated = head + block() + tail
    if "--check" in argv:
        if updated != text:
            print("template.yaml's event schemas are not what docs/events/ gives: run `make schemas`",
                  file=sys.stderr)
            return 1
        print("template.yaml's event schemas match docs/events/")
        return 0
    TEMPLATE.write_text(updated)
    print(f"wrote the event schemas of docs/events/ into {TEMPLATE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
