"""template.yaml is template.src.yaml with the Schema Registry publishing exactly what docs/events/ says
(scripts/registry_schemas.py); the hand-written template.src.yaml holds none of that generated text."""
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import registry_schemas  # noqa: E402


class RegistrySchemasTest(unittest.TestCase):
    def test_the_template_holds_what_the_docs_give(self):
        done = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "registry_schemas.py"), "--check"],
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(0, done.returncode, done.stderr)

    def test_the_hand_written_template_holds_no_generated_text(self):
        source = registry_schemas.SOURCE.read_text()
        self.assertNotIn("AWS::EventSchemas::", source)
        self.assertIn(registry_schemas.BEGIN + registry_schemas.END, source)

    def test_a_schema_written_by_hand_between_the_markers_is_refused(self):
        original = registry_schemas.SOURCE
        with tempfile.TemporaryDirectory() as folder:
            edited = pathlib.Path(folder) / "template.src.yaml"
            edited.write_text(original.read_text().replace(
                registry_schemas.BEGIN, registry_schemas.BEGIN + "  Mine:\n    Type: AWS::EventSchemas::Schema\n"))
            registry_schemas.SOURCE = edited
            try:
                with self.assertRaises(SystemExit) as refused:
                    registry_schemas.template()
                self.assertIn("not by hand", str(refused.exception))
            finally:
                registry_schemas.SOURCE = original

    def test_const_becomes_an_enum_and_definitions_are_hoisted(self):
        detail = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "T", "type": "object",
                  "properties": {"v": {"const": 1}, "p": {"$ref": "#/$defs/pool"}},
                  "$defs": {"pool": {"type": "object", "properties": {"id": {"$ref": "#/$defs/id"}}},
                            "id": {"type": "string", "minLength": 1}}}
        schema = registry_schemas.registry_schema(detail)
        self.assertEqual("http://json-schema.org/draft-04/schema#", schema["$schema"])
        self.assertEqual({"enum": [1]}, schema["definitions"]["Detail"]["properties"]["v"])
        self.assertEqual({"$ref": "#/definitions/pool"}, schema["definitions"]["Detail"]["properties"]["p"])
        self.assertEqual({"$ref": "#/definitions/id"}, schema["definitions"]["pool"]["properties"]["id"])
        self.assertNotIn("$defs", json.dumps(schema))

    def test_the_shared_definitions_are_copied_into_each_schema_that_refers_to_them(self):
        detail = {"title": "T", "type": "object", "properties": {"p": {"$ref": "common.v1.json#/$defs/pool"}},
                  "$defs": {"own": {"type": "string"}}}
        schema = registry_schemas.registry_schema(detail, shared={"pool": {"type": "object"}})
        self.assertEqual({"$ref": "#/definitions/pool"}, schema["definitions"]["Detail"]["properties"]["p"])
        self.assertEqual({"type": "object"}, schema["definitions"]["pool"])
        self.assertEqual({"type": "string"}, schema["definitions"]["own"])

    def test_the_docs_shared_definitions_are_written_once(self):
        shared = registry_schemas.common_defs()
        self.assertTrue({"pool", "trigger", "instant"} <= set(shared), shared.keys())
        for path in (registry_schemas.ROOT / "docs" / "events").glob("*.v1.json"):
            if path != registry_schemas.COMMON:
                own = json.loads(path.read_text()).get("$defs", {})
                self.assertFalse({"pool", "instant"} & set(own), f"{path.name} copies a shared definition")

    def test_a_reference_it_cannot_convert_is_refused(self):
        with self.assertRaises(SystemExit):
            registry_schemas.registry_schema({"title": "T", "properties": {"x": {"$ref": "other.json"}}})


if __name__ == "__main__":
    unittest.main()
