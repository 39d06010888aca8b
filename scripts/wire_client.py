#!/usr/bin/env python3
"""An independent client of the kcluster wire protocol, written from docs/PROTOCOL.md alone.

Python 3 standard library only (ssl, socket, json, struct). Two uses:

  wire_client.py conformance --data-dir D --port P [--watch-window N]
      Runs protocol checks against a live control plane; prints one line per check and a final
      `python client: X passed, Y failed`; exits 1 if any check failed.

  wire_client.py probe SCENARIO --data-dir D --port P [--cap BYTES]
      Misbehaves on one connection (see PROBES) while a second, well-behaved connection stays
      open; prints one JSON line describing what came back on both.

  wire_client.py whoami --data-dir D --port P --cert C --key K
      Connects with another client certificate, says hello and gets the namespace `default`;
      prints one JSON line with the server's hello and the answer.
"""

import argparse
import json
import os
import socket
import ssl
import struct
import sys
import time

PROTOCOL_VERSION = 1


class Closed(Exception):
    """The server closed the connection."""


class WireConnection:
    """One TLS connection speaking the framed JSON protocol (PROTOCOL.md sections 1-4)."""

    def __init__(self, host, port, data_dir, cert=None, key=None, timeout=10.0):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.minimum_version = ssl.TLSVersion.TLSv1_3
        context.load_verify_locations(os.path.join(data_dir, "ca.crt"))
        context.load_cert_chain(cert or os.path.join(data_dir, "admin.crt"), key or os.path.join(data_dir, "admin.key"))
        context.check_hostname = True
        raw = socket.create_connection((host, port), timeout=timeout)
        self.connected_at = time.monotonic()
        self.sock = context.wrap_socket(raw, server_hostname="localhost")
        self.sock.settimeout(timeout)
        self.pending = []
        self.buffer = b""
        self.next_id = 1

    # Framing -------------------------------------------------------------------------------------

    def send_bytes(self, data):
        self.sock.sendall(data)

    def send(self, message):
        payload = json.dumps(message, separators=(",", ":")).encode("utf-8")
        self.send_bytes(struct.pack(">I", len(payload)) + payload)

    def _read_exact(self, count, deadline):
        while len(self.buffer) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no frame within the deadline")
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                raise TimeoutError("no frame within the deadline")
            except (ssl.SSLError, ConnectionError, OSError) as error:
                raise Closed(str(error))
            if not chunk:
                raise Closed("end of stream")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def receive(self, timeout=10.0):
        """The next message from the socket (ignores messages `answer` kept aside)."""
        deadline = time.monotonic() + timeout
        (length,) = struct.unpack(">I", self._read_exact(4, deadline))
        return json.loads(self._read_exact(length, deadline).decode("utf-8"))

    def read_until_closed(self, timeout=5.0):
        """Reads until the server closes or `timeout` passes; returns (messages read, whether it closed)."""
        frames = []
        deadline = time.monotonic() + timeout
        while True:
            try:
                frames.append(self.receive(max(0.0, deadline - time.monotonic())))
            except Closed:
                return frames, True
            except TimeoutError:
                return frames, False

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    # Messages ------------------------------------------------------------------------------------

    def hello(self, version=PROTOCOL_VERSION):
        self.send({"type": "hello", "protocolVersion": version, "agent": "wire_client.py/1"})
        answer = self.receive()
        if answer.get("type") != "hello":
            raise AssertionError("expected the server hello, got %r" % answer)
        if answer.get("protocolVersion") != PROTOCOL_VERSION:
            raise AssertionError("server speaks protocol %r" % answer.get("protocolVersion"))
        return answer

    def start(self, verb, kind, **fields):
        """Sends a request without waiting; returns its id."""
        request_id = self.next_id
        self.next_id += 1
        body = {"verb": verb, "kind": kind}
        body.update(fields)
        self.send({"type": "request", "id": request_id, "request": body})
        return request_id

    def answer(self, request_id, timeout=10.0):
        """The next message for request_id; messages for other ids are kept for later."""
        for index, message in enumerate(self.pending):
            if message.get("id") == request_id:
                return self.pending.pop(index)
        deadline = time.monotonic() + timeout
        while True:
            message = self.receive(max(0.0, deadline - time.monotonic()))
            if message.get("id") == request_id:
                return message
            if "id" not in message:
                raise AssertionError("connection-level error: %r" % message)
            self.pending.append(message)

    def call(self, verb, kind, **fields):
        """Sends a request and returns its final message (a response or an error)."""
        return self.answer(self.start(verb, kind, **fields))


# Assertions --------------------------------------------------------------------------------------


def expect(condition, what):
    if not condition:
        raise AssertionError(what)


def ok(message):
    expect(message.get("type") == "response", "expected a response, got %s" % json.dumps(message)[:400])
    return message.get("object")


def failed(message, code, reason, text=None):
    expect(message.get("type") == "error", "expected an error, got %s" % json.dumps(message)[:400])
    status = message.get("status", {})
    expect(status.get("kind") == "Status" and status.get("status") == "Failure", "not a Status: %r" % status)
    expect(status.get("code") == code and status.get("reason") == reason,
           "expected %d %s, got %r %r: %r" % (code, reason, status.get("code"), status.get("reason"),
                                              status.get("message")))
    if text is not None:
        expect(text in status.get("message", ""), "message %r lacks %r" % (status.get("message"), text))
    return status


def rv(obj):
    value = obj["metadata"]["resourceVersion"]
    expect(isinstance(value, str) and value.isdigit(), "resourceVersion %r is not a decimal string" % value)
    return int(value)


def daemonset(name, app, namespace=None, image="busybox:1.36"):
    """A minimal valid DaemonSet; without `namespace` the request's namespace applies (PROTOCOL.md section 5)."""
    labels = {"app": app}
    metadata = {"name": name, "labels": dict(labels)}
    if namespace:
        metadata["namespace"] = namespace
    return {"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": metadata,
            "spec": {"selector": {"matchLabels": dict(labels)},
                     "template": {"metadata": {"labels": dict(labels)},
                                  "spec": {"containers": [{"name": "main", "image": image}]}}}}


def names(listing):
    return [item["metadata"]["name"] for item in listing["items"]]


# Conformance -------------------------------------------------------------------------------------

NS = "wire-py"
DS = "DaemonSet"


class Conformance:
    """The checks, in order; each may rely on the objects earlier ones made."""

    def __init__(self, connection, watch_window):
        self.c = connection
        self.watch_window = watch_window
        self.created = None

    def check_hello(self):
        hello = self.c.hello()
        expect(hello.get("identity") == "kubernetes-admin", "identity %r" % hello.get("identity"))
        expect(str(hello.get("agent", "")).startswith("controlplane/"), "agent %r" % hello.get("agent"))

    def check_create(self):
        ok(self.c.call("create", "Namespace", object={"apiVersion": "v1", "kind": "Namespace",
                                                       "metadata": {"name": NS}}))
        obj = ok(self.c.call("create", DS, namespace=NS, object=daemonset("agent", "agent")))
        expect(obj["apiVersion"] == "apps/v1" and obj["kind"] == DS, "kind %r %r" % (obj["apiVersion"], obj["kind"]))
        meta = obj["metadata"]
        expect(meta["name"] == "agent" and meta["namespace"] == NS, "metadata %r" % meta)
        expect(meta.get("uid") and meta.get("creationTimestamp") and meta.get("generation") == 1, "metadata %r" % meta)
        rv(obj)
        self.created = obj
        ok(self.c.call("create", DS, namespace=NS, object=daemonset("other", "other", NS)))

    def check_create_conflicts(self):
        failed(self.c.call("create", DS, namespace=NS, object=daemonset("agent", "agent", NS)), 409, "AlreadyExists",
               'daemonsets.apps "agent" already exists')
        failed(self.c.call("create", DS, namespace="no-such-ns", object=daemonset("x", "x", "no-such-ns")), 404,
               "NotFound", 'namespaces "no-such-ns" not found')
        failed(self.c.call("create", DS, namespace="default", object=daemonset("x", "x", NS)), 400, "BadRequest",
               "the namespace of the provided object does not match the namespace sent on the request")

    def check_get(self):
        obj = ok(self.c.call("get", DS, namespace=NS, name="agent"))
        expect(obj["metadata"]["uid"] == self.created["metadata"]["uid"], "uid changed")
        # The DaemonSet controller may have written the status since: the version can only have grown.
        expect(rv(obj) >= rv(self.created), "resourceVersion went back")
        expect(obj["spec"]["selector"] == self.created["spec"]["selector"], "spec changed")
        failed(self.c.call("get", DS, namespace=NS, name="missing"), 404, "NotFound",
               'daemonsets.apps "missing" not found')
        failed(self.c.call("get", "Frobnicator", name="x"), 404, "NotFound",
               'the server doesn\'t have a resource type "Frobnicator"')

    def check_list_selectors(self):
        listing = ok(self.c.call("list", DS, namespace=NS))
        expect(listing["kind"] == "DaemonSetList" and listing["apiVersion"] == "apps/v1", "list %r" % listing["kind"])
        expect(names(listing) == ["agent", "other"], "items %r" % names(listing))
        expect(rv(listing) >= max(rv(item) for item in listing["items"]), "list resourceVersion too small")
        only = ok(self.c.call("list", DS, namespace=NS, labelSelector="app=agent"))
        expect(names(only) == ["agent"], "app=agent selected %r" % names(only))
        both = ok(self.c.call("list", DS, labelSelector="app in (agent,other),app!=nope"))
        expect(names(both) == ["agent", "other"], "in-selector selected %r" % names(both))
        by_field = ok(self.c.call("list", DS, namespace=NS, fieldSelector="metadata.name=other"))
        expect(names(by_field) == ["other"], "field selector selected %r" % names(by_field))
        failed(self.c.call("list", DS, labelSelector="app in (a"), 400, "BadRequest")

    def check_update_precondition(self):
        # Read-modify-write, retried on Conflict as PROTOCOL.md says (a controller may write the status meanwhile).
        for _ in range(5):
            current = ok(self.c.call("get", DS, namespace=NS, name="agent"))
            stale = json.loads(json.dumps(current))
            current["metadata"]["labels"]["tier"] = "node"
            answer = self.c.call("update", DS, namespace=NS, name="agent", object=current)
            if answer.get("type") == "response":
                break
            failed(answer, 409, "Conflict")
        updated = ok(answer)
        expect(rv(updated) > rv(current), "resourceVersion did not grow")
        expect(updated["metadata"]["labels"].get("tier") == "node", "label not written")
        stale["metadata"]["labels"]["tier"] = "stale"
        failed(self.c.call("update", DS, namespace=NS, name="agent", object=stale), 409, "Conflict",
               "the object has been modified")
        again = ok(self.c.call("get", DS, namespace=NS, name="agent"))
        expect(again["metadata"]["labels"].get("tier") == "node", "a refused update changed the object")

    def check_patch(self):
        merged = ok(self.c.call("patch", DS, namespace=NS, name="agent", patchType="merge",
                                patch={"metadata": {"labels": {"patched": "yes"}}}))
        expect(merged["metadata"]["labels"].get("patched") == "yes", "merge patch not applied")
        replaced = ok(self.c.call("patch", DS, namespace=NS, name="agent", patchType="json", patch=[
            {"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "busybox:1.37"}]))
        expect(replaced["spec"]["template"]["spec"]["containers"][0]["image"] == "busybox:1.37", "json patch")
        strategic = ok(self.c.call("patch", DS, namespace=NS, name="agent", patchType="strategic", patch={
            "spec": {"template": {"spec": {"containers": [{"name": "main", "image": "busybox:1.38"}]}}}}))
        containers = strategic["spec"]["template"]["spec"]["containers"]
        expect([c["image"] for c in containers] == ["busybox:1.38"], "strategic patch: %r" % containers)
        expect(strategic["metadata"]["generation"] == 3, "generation %r" % strategic["metadata"]["generation"])

    def check_strict_decoding(self):
        bad = daemonset("strict", "strict", NS)
        bad["spec"]["bogus"] = 1
        failed(self.c.call("create", DS, namespace=NS, object=bad), 400, "BadRequest",
               'strict decoding error: unknown field "spec.bogus"')
        failed(self.c.call("get", DS, namespace=NS, name="strict"), 404, "NotFound")

    def check_out_of_order(self):
        ids = [self.c.start("get", DS, namespace=NS, name="other"),
               self.c.start("get", DS, namespace=NS, name="missing"),
               self.c.start("list", DS, namespace=NS)]
        answers = {i: self.c.answer(i) for i in reversed(ids)}
        expect(ok(answers[ids[0]])["metadata"]["name"] == "other", "pipelined get")
        failed(answers[ids[1]], 404, "NotFound")
        expect(names(ok(answers[ids[2]])) == ["agent", "other"], "pipelined list")

    def check_tables(self):
        table = ok(self.c.call("list", DS, namespace=NS, **{"as": "Table"}))
        expect(table["kind"] == "Table" and table["apiVersion"] == "meta.k8s.io/v1", "table %r" % table.get("kind"))
        rv(table)
        columns = table["columnDefinitions"]
        expect(columns[0]["name"] == "Name" and columns[0]["format"] == "name", "first column %r" % columns[0])
        for column in columns:
            expect(set(column) == {"name", "type", "format", "description", "priority"}, "column %r" % column)
            expect(column["priority"] in (0, 1), "priority %r" % column)
        cells = [row["cells"] for row in table["rows"]]
        expect([row[0] for row in cells] == ["agent", "other"], "rows %r" % cells)
        expect(all(len(row) == len(columns) for row in cells), "cells do not match the columns")
        first = table["rows"][0]["object"]
        expect(first["kind"] == "PartialObjectMetadata" and first["metadata"]["name"] == "agent", "row %r" % first)
        one = ok(self.c.call("get", DS, namespace=NS, name="agent", includeObject="Object", **{"as": "Table"}))
        expect([row["object"]["kind"] for row in one["rows"]] == [DS], "get table %r" % one["rows"])
        watch = self.c.start("watch", DS, namespace=NS, timeoutSeconds=0.5, **{"as": "Table"})
        events = [self.c.answer(watch)["event"], self.c.answer(watch)["event"]]
        expect([e["object"]["kind"] for e in events] == ["Table", "Table"], "watch objects %r" % events)
        expect(events[0]["object"]["columnDefinitions"] and events[1]["object"]["columnDefinitions"] is None,
               "column definitions in the first event only")
        expect([len(e["object"]["rows"]) for e in events] == [1, 1], "one row per event")
        end = self.c.answer(watch, timeout=5.0)
        while end["type"] == "event":
            end = self.c.answer(watch, timeout=5.0)
        failed(self.c.call("list", DS, namespace=NS, **{"as": "Tabular"}), 406, "NotAcceptable")
        failed(self.c.call("list", DS, namespace=NS, includeObject="All", **{"as": "Table"}), 400, "BadRequest",
               "Unable to convert to Table as requested")

    def check_watch_from_rv(self):
        start = rv(ok(self.c.call("list", DS, namespace=NS)))
        watch = self.c.start("watch", DS, namespace=NS, resourceVersion=str(start))
        ok(self.c.call("patch", DS, namespace=NS, name="other", patchType="merge",
                       patch={"metadata": {"labels": {"seen": "1"}}}))
        ok(self.c.call("delete", DS, namespace=NS, name="other"))
        # Controllers may write too (status): read until the deletion, then look at what came.
        seen = []
        while not seen or seen[-1]["type"] != "DELETED":
            message = self.c.answer(watch)
            expect(message["type"] == "event", "expected an event, got %r" % message)
            seen.append(message["event"])
        versions = [rv(event["object"]) for event in seen]
        expect(versions == sorted(set(versions)) and versions[0] > start, "event order %r after %d" % (versions, start))
        labelled = [e for e in seen if e["type"] == "MODIFIED" and e["object"]["metadata"]["name"] == "other"
                    and e["object"]["metadata"]["labels"].get("seen") == "1"]
        expect(labelled, "no MODIFIED event for the patch: %r" % [e["type"] for e in seen])
        expect(seen[-1]["object"]["metadata"]["name"] == "other", "DELETED %r" % seen[-1]["object"]["metadata"])
        end = self.cancel(watch)
        expect(end["type"] == "response" and "object" not in end, "watch end %r" % end)

    def check_watch_initial_and_timeout(self):
        watch = self.c.start("watch", DS, namespace=NS, timeoutSeconds=0.5)
        first = self.c.answer(watch)
        expect(first["type"] == "event" and first["event"]["type"] == "ADDED", "first event %r" % first)
        expect(first["event"]["object"]["metadata"]["name"] == "agent", "initial ADDED object")
        end = self.c.answer(watch, timeout=5.0)
        while end["type"] == "event":  # A controller's write, while we wait for the timeout.
            end = self.c.answer(watch, timeout=5.0)
        expect(end["type"] == "response" and "object" not in end, "watch with timeoutSeconds ended by %r" % end)

    def check_delete(self):
        gone = ok(self.c.call("delete", DS, namespace=NS, name="agent", propagationPolicy="Background"))
        expect(gone["metadata"]["name"] == "agent", "delete answered %r" % gone)
        failed(self.c.call("get", DS, namespace=NS, name="agent"), 404, "NotFound")
        failed(self.c.call("delete", DS, namespace=NS, name="agent"), 404, "NotFound")
        failed(self.c.call("delete", "Namespace", name="default"), 403, "Forbidden")

    def check_gone_and_relist(self):
        if not self.watch_window:
            return "skipped (no --watch-window)"
        old = rv(ok(self.c.call("list", "Namespace")))
        for i in range(self.watch_window + 1):
            ok(self.c.call("patch", "Namespace", name=NS, patchType="merge",
                           patch={"metadata": {"labels": {"churn": str(i)}}}))
        failed(self.c.call("watch", "Namespace", resourceVersion=str(old)), 410, "Gone", "too old resource version")
        fresh = rv(ok(self.c.call("list", "Namespace")))
        watch = self.c.start("watch", "Namespace", resourceVersion=str(fresh))
        ok(self.c.call("patch", "Namespace", name=NS, patchType="merge", patch={"metadata": {"labels": {"x": "y"}}}))
        event = self.c.answer(watch)
        while event["type"] == "event" and event["event"]["object"]["metadata"]["name"] != NS:
            event = self.c.answer(watch)
        expect(event["type"] == "event" and event["event"]["type"] == "MODIFIED", "after relist: %r" % event)
        expect(self.cancel(watch)["type"] == "response", "watch end")

    def cancel(self, watch):
        """Cancels a watch and returns its final message; events already queued may arrive first (section 9)."""
        self.c.send({"type": "cancel", "id": watch})
        end = self.c.answer(watch)
        while end["type"] == "event":
            end = self.c.answer(watch)
        return end


def conformance(args):
    passed = failed_count = 0
    try:
        connection = WireConnection(args.host, args.port, args.data_dir)
    except Exception as error:  # noqa: BLE001 - reported, then counted as a failure
        print("connect: FAIL: %s" % error)
        print("python client: 0 passed, 1 failed")
        return 1
    checks = Conformance(connection, args.watch_window)
    for name in sorted((n for n in dir(checks) if n.startswith("check_")),
                       key=lambda n: Conformance.__dict__[n].__code__.co_firstlineno):
        try:
            note = getattr(checks, name)()
            print("%s: ok%s" % (name[6:], " (%s)" % note if note else ""))
            passed += 1
        except Exception as error:  # noqa: BLE001 - every failure is reported and counted
            print("%s: FAIL: %s: %s" % (name[6:], type(error).__name__, error))
            failed_count += 1
    connection.close()
    print("python client: %d passed, %d failed" % (passed, failed_count))
    return 1 if failed_count else 0


# Probes ------------------------------------------------------------------------------------------


def frame(payload):
    return struct.pack(">I", len(payload)) + payload


def hello_bytes(version=PROTOCOL_VERSION):
    return frame(json.dumps({"type": "hello", "protocolVersion": version}).encode())


def padded_get(size):
    """A valid get request whose frame payload is exactly `size` bytes (JSON allows trailing spaces)."""
    body = json.dumps({"type": "request", "id": 1, "request": {"verb": "get", "kind": "Namespace",
                                                                "name": "default"}}).encode()
    return frame(body + b" " * (size - len(body)))


# What each probe sends on its connection; `hello` says whether a valid hello goes first.
PROBES = {
    "oversize": (True, lambda cap: struct.pack(">I", cap + 1) + b"{" * 16),
    "at-cap": (True, lambda cap: padded_get(cap)),
    "truncated": (True, lambda cap: struct.pack(">I", 100) + b'{"type":"r'),
    "invalid-json": (True, lambda cap: frame(b"this is not json {")),
    "unknown-type": (True, lambda cap: frame(b'{"type":"frobnicate","id":1}')),
    "unknown-verb": (True, lambda cap: frame(b'{"type":"request","id":1,"request":{"verb":"frob","kind":"Pod"}}')),
    "second-hello": (True, lambda cap: hello_bytes()),
    "request-before-hello": (False, lambda cap: padded_get(120)),
    "version-mismatch": (False, lambda cap: hello_bytes(PROTOCOL_VERSION + 1)),
    "no-hello": (False, lambda cap: b""),
}


def probe(args):
    """Runs one misbehaviour on a fresh connection while a good connection stays open, then uses the good one."""
    result = {"scenario": args.scenario}
    good = WireConnection(args.host, args.port, args.data_dir)
    good.hello()
    with_hello, payload = PROBES[args.scenario]
    bad = WireConnection(args.host, args.port, args.data_dir)
    if with_hello:
        result["hello"] = bad.hello().get("type")
    bad.send_bytes(payload(args.cap))
    if args.scenario == "truncated":
        result["frames"], result["closed"] = [], None  # We close it ourselves, mid-frame.
    elif args.scenario == "at-cap":
        result["frames"], result["closed"] = [bad.receive()], None  # Accepted: the connection stays open.
    else:
        result["frames"], result["closed"] = bad.read_until_closed(timeout=args.close_within)
        result["elapsed"] = round(time.monotonic() - bad.connected_at, 3)
    bad.close()
    survivor = good.call("get", "Namespace", name="default")
    result["survivor"] = survivor.get("object", {}).get("metadata", {}).get("name") or survivor
    good.close()
    print(json.dumps(result, sort_keys=True))
    return 0


def whoami(args):
    connection = WireConnection(args.host, args.port, args.data_dir, cert=args.cert, key=args.key)
    hello = connection.hello()
    answer = connection.call("get", "Namespace", name="default")
    connection.close()
    print(json.dumps({"hello": hello, "answer": answer}, sort_keys=True))
    return 0


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["conformance", "probe", "whoami"])
    parser.add_argument("scenario", nargs="?", choices=sorted(PROBES))
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--watch-window", type=int, default=0, help="the server's --watch-window, to test Gone")
    parser.add_argument("--cap", type=int, default=16 * 1024 * 1024, help="the server's --max-frame-bytes")
    parser.add_argument("--cert", help="client certificate (default: the data dir's admin.crt)")
    parser.add_argument("--key", help="client key (default: the data dir's admin.key)")
    parser.add_argument("--close-within", type=float, default=5.0, help="seconds to wait for the server to close")
    args = parser.parse_args(argv)
    if args.mode == "probe":
        if not args.scenario:
            parser.error("probe needs a scenario")
        return probe(args)
    if args.mode == "whoami":
        return whoami(args)
    return conformance(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
