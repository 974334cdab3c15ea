"""make sweep: fire the schedule of a running `make stack` now, and print what it answered.

    python3 scripts/sweep.py [PORT]    (3000 when not given)

Exits 0 when the stack answered, 1 when it could not be reached or answered an error.
"""
import sys
import urllib.error
import urllib.request


def main(argv):
    port = argv[0] if argv else "3000"
    url = f"http://127.0.0.1:{port}/_stack/sweep"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="POST"), timeout=900) as answer:
            print(answer.read().decode())
    except urllib.error.HTTPError as e:
        print(f"sweep: {url} answered {e.code}: {e.read().decode(errors='replace')}", file=sys.stderr)
        return 1
    except (urllib.error.URLError, OSError) as e:
        print(f"sweep: no stack at {url} ({e}); start one with make stack PORT={port}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
