"""Runs the command blocks of a README as a reader would, and fails when one does not work.

Every ```sh block is read top to bottom, one command a line:
- a command whose comment says it "serves until Ctrl-C" is a server: it is started in the background,
  the block goes on once its PORT=N listens, and it is stopped (Ctrl-C) when the block ends;
- a comment "then: COMMAND" is run right after its command, as the reader is told to;
- any other command must exit 0.
Two commands are not run, and the run says so: `make test` (this check is part of it) and
`sam deploy` (it needs an AWS account). The PATH is the caller's: `make readme` puts on it the SAM
CLI and the stock Maven that the README's Deploy section asks the reader for.

usage: python scripts/readme_commands.py README.md
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time

NOT_RUN = {
    "make test": "this check is part of make test",
    "sam deploy": "deploying needs an AWS account",
}
COMMAND_LIMIT_S = 900
SERVER_START_LIMIT_S = 600


def blocks(text):
    return re.findall(r"^```sh\n(.*?)^```", text, flags=re.S | re.M)


def commands(block):
    for line in block.splitlines():
        command, _, comment = line.partition(" #")
        command = command.strip()
        if command and not command.startswith("#"):
            then = re.search(r"then:\s*(.+)$", comment)
            yield command, "until Ctrl-C" in comment, then.group(1).strip() if then else None


def not_run(command):
    for words, reason in NOT_RUN.items():
        if re.search(r"(^|\s|/)" + re.escape(words) + r"(\s|$)", command):
            return reason
    return None


def run(command):
    print(f"$ {command}", flush=True)
    started = time.monotonic()
    done = subprocess.run(["bash", "-c", command], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          timeout=COMMAND_LIMIT_S, text=True)
    print(f"  exit {done.returncode} after {time.monotonic() - started:.0f} s", flush=True)
    if done.returncode != 0:
        print(done.stdout[-6000:])
        raise SystemExit(f"readme: `{command}` failed with exit status {done.returncode}")


def serve(command):
    port = re.search(r"PORT=(\d+)", command)
    if not port:
        raise SystemExit(f"readme: the server `{command}` names no PORT=N to wait for")
    print(f"$ {command} &", flush=True)
    log = open(f"/tmp/readme-server-{port.group(1)}.log", "w")
    server = subprocess.Popen(["bash", "-c", command], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + SERVER_START_LIMIT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"readme: the server `{command}` exited with {server.returncode} (log: {log.name})")
        try:
            socket.create_connection(("127.0.0.1", int(port.group(1))), timeout=1).close()
            print(f"  listening on 127.0.0.1:{port.group(1)}", flush=True)
            return server
        except OSError:
            time.sleep(0.5)
    stop(server)
    raise SystemExit(f"readme: the server `{command}` did not listen within {SERVER_START_LIMIT_S} s")


def stop(server):
    try:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    except ProcessLookupError:
        pass


def main(readme):
    ran, skipped = 0, []
    for block in blocks(open(readme, encoding="utf-8").read()):
        servers = []
        try:
            for command, server, then in commands(block):
                reason = not_run(command)
                if reason:
                    skipped.append(f"`{command}`: {reason}")
                    continue
                if server:
                    servers.append(serve(command))
                else:
                    run(command)
                ran += 1
                if then:
                    run(then)
                    ran += 1
        finally:
            for server in reversed(servers):
                stop(server)
    for line in skipped:
        print(f"not run: {line}")
    if ran == 0:
        raise SystemExit("readme: no command found to run")
    print(f"readme: {ran} commands of {readme} ran as written and passed, {len(skipped)} not run (reasons above)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "README.md")
