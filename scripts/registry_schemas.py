#!/usr/bin/env python3
"""The event schemas of docs/events/ in the form the EventBridge Schema Registry accepts.

docs/events/*.v1.json describe an event's `detail` in JSON Schema 2020-12, the definitions they
share in common.v1.json. The registry takes a schema of the whole event in JSON Schema draft 4
(`JSONSchemaDraft4`), each whole in itself: the shared definitions are copied into each.

The template is written by hand in template.src.yaml, which holds none of this generated text.
This writes template.yaml, the template that `sam build` and `sam deploy` take: template.src.yaml
with the registry and one `AWS::EventSchemas::Schema` per event type between its two marker lines,
so the template always publishes what the docs say:

    scripts/registry_schemas.py           write template.yaml from template.src.yaml and docs/events/
    scripts/registry_schemas.py --check   exit 1 if template.yaml is not what they give
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = ROOT / "template.src.yaml"
TEMPLATE = ROOT / "template.yaml"
HEADER = ("# Written by scripts/registry_schemas.py (make schemas) from template.src.yaml, where the template\n"
          "# is edited, and docs/events/: edit those. make python-test fails when this file is not what they give.\n")
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


def template():
    """template.yaml's text: the hand-written source, its marked block filled from docs/events/."""
    source = SOURCE.read_text()
    if BEGIN not in source or END not in source:
        raise SystemExit(f"{SOURCE}: the marker lines of the event schemas are missing")
    head, rest = source.split(BEGIN, 1)
    between, tail = rest.split(END, 1)
    if between.strip():
        raise SystemExit(f"{SOURCE}: the event schemas are written between the marker lines, not by hand")
    return HEADER + head + block() + tail


def main(argv):
    updated = template()
    if "--check" in argv:
        if not TEMPLATE.exists() or TEMPLATE.read_text() != updated:
            print("template.yaml is not what template.src.yaml and docs/events/ give: run `make schemas`",
                  file=sys.stderr)
            return 1
        print("template.yaml is what template.src.yaml and docs/events/ give")
        return 0
    TEMPLATE.write_text(updated)
    print(f"wrote {TEMPLATE.name} from {SOURCE.name} and the event schemas of docs/events/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
