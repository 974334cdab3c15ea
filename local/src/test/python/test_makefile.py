"""The Makefile without a JDK: `make help` answers, and a target that runs Java says what is missing.

JAVA_HOME given empty on make's command line stands for a machine where scripts/java-home finds no
JDK 25 (a command-line variable overrides the Makefile's lookup); PATH holds no java.
"""
import os
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


def make(*args, first_on_path=None):
    tools = {os.path.dirname(shutil.which(t)) for t in ("make", "bash", "grep", "awk")}
    path = ([first_on_path] if first_on_path else []) + sorted(tools)
    env = {"PATH": os.pathsep.join(path), "HOME": os.environ.get("HOME", "/tmp")}
    assert shutil.which("java", path=env["PATH"]) is None or "jvm" not in shutil.which("java", path=env["PATH"])
    return subprocess.run(["make", "-C", ROOT, "--no-print-directory", *args, "JAVA_HOME="], env=env,
                          capture_output=True, text=True, timeout=60)


class MakefileWithoutJdkTest(unittest.TestCase):
    def test_help_lists_every_command_without_a_jdk(self):
        done = make("help")
        self.assertEqual(0, done.returncode, done.stderr)
        for target in ("make test", "make check", "make demo", "make invoke", "make api", "make user-build",
                       "make readme"):
            self.assertIn(target, done.stdout)

    def test_help_runs_no_find(self):
        with tempfile.TemporaryDirectory() as spy:
            marker = os.path.join(spy, "find-ran")
            with open(os.path.join(spy, "find"), "w") as f:
                f.write(f"#!/bin/sh\ntouch {marker}\nexit 1\n")
            os.chmod(os.path.join(spy, "find"), 0o755)
            done = make("help", first_on_path=spy)
            self.assertEqual(0, done.returncode, done.stderr)
            self.assertFalse(os.path.exists(marker), "make help listed the sources with find")

    def test_clean_needs_no_jdk(self):
        done = make("-n", "clean")  # what it would run: nothing is removed here
        self.assertEqual(0, done.returncode, done.stderr)
        self.assertNotIn("needs JDK 25", done.stderr)
        self.assertIn("rm -rf .aws-sam", done.stdout)

    def test_a_java_target_without_a_jdk_says_so(self):
        done = make("build")
        self.assertNotEqual(0, done.returncode)
        self.assertIn("needs JDK 25", done.stderr)


if __name__ == "__main__":
    unittest.main()
