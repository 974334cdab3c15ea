"""moto's server, with DynamoDB requests handled one at a time.

moto's server answers requests on many threads and its DynamoDB backend takes no lock, so a
conditional write's check and write are not atomic when requests overlap. Real DynamoDB makes
them atomic, and kvs-pool-guard relies on that (two deliveries of one event give one transition).
This launcher serves moto's own application unchanged, except that a DynamoDB request waits for
the previous one to finish, and that a transaction backs up only the items it writes (below).
Every other service stays concurrent.

Usage: python moto_server.py [-H 127.0.0.1] [-p 5000]
"""

import argparse
import copy
import os
import signal
import sys
import threading
import types

import moto.dynamodb.models as dynamodb_models
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple

# DynamoDB's JSON protocol names the operation in this header: DynamoDB_20120810.PutItem
DYNAMODB_TARGET = "DynamoDB"


class SerialisedDynamoDb:
    """WSGI middleware: one DynamoDB request at a time, the others untouched."""

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        if not environ.get("HTTP_X_AMZ_TARGET", "").startswith(DYNAMODB_TARGET):
            return self.app(environ, start_response)
        with self.lock:
            # the body is read inside the lock: the request is done when its answer is
            return list(self.app(environ, start_response))


# moto backs a TransactWriteItems up by deep-copying every table it names, whole, once per item:
# a cost that grows with the table (0.43 s a copy of ten thousand small records here, two copies
# for a shard step's two items) where DynamoDB's does not. Since DynamoDB requests run one at a
# time here, backing up only the items the transaction names gives the same all-or-nothing answer.
_moto_transact_write_items = DynamoDBBackend.transact_write_items
_tables_not_copied = types.SimpleNamespace(
    deepcopy=lambda value, *rest: value if isinstance(value, Table) else copy.deepcopy(value, *rest))


def _transact_write_items(self, transact_items):
    """moto's TransactWriteItems, its whole-table copies left out and the named items backed up instead.

    moto's module-wide copy is swapped for the call only; that is safe because the launcher's lock
    lets no other DynamoDB request run meanwhile.
    """
    backups = []
    for entry in transact_items:
        op = next(iter(entry.values()), {}) if isinstance(entry, dict) else {}
        table = self.tables.get(op.get("TableName")) if isinstance(op, dict) else None
        if table is None:
            continue
        if table.range_key_attr is not None:
            return _moto_transact_write_items(self, transact_items)  # not needed here: moto's own way
        key = (op.get("Key") or op.get("Item") or {}).get(table.hash_key_attr)
        if key is not None:
            hash_value = DynamoType(key)
            backups.append((table, hash_value, copy.deepcopy(table.items.get(hash_value))))
    dynamodb_models.copy = _tables_not_copied
    try:
        return _moto_transact_write_items(self, transact_items)
    except Exception:
        for table, hash_value, item in reversed(backups):
            if item is None:
                table.items.pop(hash_value, None)
            else:
                table.items[hash_value] = item
        raise
    finally:
        dynamodb_models.copy = copy


DynamoDBBackend.transact_write_items = _transact_write_items


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-H", "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("-p", "--port", type=int, default=5000, help="port (default 5000)")
    args = parser.parse_args(argv)
    # moto builds some answers (queue URLs) from it, as its own launcher does
    os.environ.setdefault("MOTO_PORT", str(args.port))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(args.host, args.port, SerialisedDynamoDb(app), threaded=True)


if __name__ == "__main__":
    main(sys.argv[1:])
