#!/usr/bin/env python3
"""The official Kubernetes Python client (`kubernetes` from PyPI) against a `kctl cluster create` cluster.

Run by Tests/IntegrationTests/PythonClientEndToEndTests.swift with the interpreter of scripts/python-client-venv and
HOME set to the cluster's home, so `config.load_kube_config()` reads the kubeconfig `kctl cluster create` wrote.
It does the calls and prints what it saw as one JSON object on stdout; the Swift suite checks the values (so this
program asserts little of its own: a call that fails unexpectedly ends it with a traceback and exit status 1).

    python_client_e2e.py crud NAMESPACE     # typed CRUD, patches, conflicts, watches, dynamic client, exec
    python_client_e2e.py gone NAMESPACE RV  # after a control-plane restart: a watch from RV is 410, then relist
"""
import json
import sys
import time

from kubernetes import client, config, dynamic, watch
from kubernetes.client.rest import ApiException
from kubernetes.stream import stream

WATCH_SECONDS = 10


def failure(call):
    """The HTTP status and Status reason of a call expected to fail (None, None when it succeeded). A watch's ERROR
    event has no body: the client puts "REASON: MESSAGE" in the exception's reason."""
    try:
        call()
    except ApiException as error:
        try:
            reason = json.loads(error.body).get("reason")
        except (TypeError, ValueError):
            reason = error.reason
        return {"status": error.status, "reason": reason}
    return {"status": None, "reason": None}


def gone_within(read, seconds=20):
    """Polls `read` until it answers 404; the final status (404, or what it still answered at the deadline)."""
    deadline = time.monotonic() + seconds
    while True:
        outcome = failure(read)
        if outcome["status"] == 404 or time.monotonic() > deadline:
            return outcome["status"]
        time.sleep(0.1)


def replace_fresh(read, replace, change):
    """Reads, changes and replaces an object, again while the replace meets a 409 Conflict (the controllers may
    write it between the read and the replace). The body that was last sent (its resourceVersion now stale), and the
    replaced object."""
    for _ in range(20):
        body = read()
        change(body)
        try:
            return body, replace(body)
        except ApiException as error:
            if error.status != 409:
                raise
    raise RuntimeError("20 conflicts in a row")


def first_event(stream_call, *args, match, **kwargs):
    """Watches until an event satisfies `match`; every (type, name) seen before and including it, and the watch."""
    w = watch.Watch()
    seen = []
    for event in w.stream(stream_call, *args, timeout_seconds=WATCH_SECONDS, **kwargs):
        seen.append([event["type"], event["raw_object"]["metadata"]["name"]])
        if match(event):
            w.stop()
            break
    return seen, w


def pod(name, labels):
    """A pod manifest with one container that runs until stopped."""
    return {
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "labels": labels},
        "spec": {"containers": [{"name": "main", "image": "busybox:1.36"}]},
    }


def daemon_set(name):
    """A DaemonSet manifest with two containers (agent and sidecar), labelled and selected by app=NAME."""
    labels = {"app": name}
    return {
        "apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": {"name": name, "labels": labels},
        "spec": {
            "selector": {"matchLabels": labels},
            "template": {
                "metadata": {"labels": labels},
                "spec": {"containers": [
                    {"name": "agent", "image": "busybox:1.36"},
                    {"name": "sidecar", "image": "busybox:1.36"},
                ]},
            },
        },
    }


def pods_report(core, ns):
    report = {}
    created, status, _ = core.create_namespaced_pod_with_http_info(ns, pod("py-pod", {"app": "py", "tier": "web"}))
    report["createStatus"] = status
    report["createdUID"] = bool(created.metadata.uid)
    read = core.read_namespaced_pod("py-pod", ns)
    report["readName"] = read.metadata.name
    report["listByLabel"] = [p.metadata.name for p in core.list_namespaced_pod(ns, label_selector="app=py").items]
    report["listOtherLabel"] = [p.metadata.name for p in core.list_namespaced_pod(ns, label_selector="app=none").items]
    report["listAllNamespaces"] = [
        p.metadata.name for p in core.list_pod_for_all_namespaces(label_selector="app=py").items]

    body, replaced = replace_fresh(lambda: core.read_namespaced_pod("py-pod", ns),
                                   lambda body: core.replace_namespaced_pod("py-pod", ns, body),
                                   lambda body: body.metadata.labels.update({"replaced": "yes"}))
    report["replacedLabel"] = replaced.metadata.labels.get("replaced")
    report["replaceBumpedRV"] = int(replaced.metadata.resource_version) > int(body.metadata.resource_version)
    body.metadata.labels["replaced"] = "again"
    report["staleReplace"] = failure(lambda: core.replace_namespaced_pod("py-pod", ns, body))

    patched = core.patch_namespaced_pod("py-pod", ns, {"metadata": {"labels": {"tier": "db", "patched": "smp"}}})
    report["strategicLabels"] = patched.metadata.labels
    patched = core.patch_namespaced_pod("py-pod", ns, [
        {"op": "replace", "path": "/metadata/labels/tier", "value": "cache"},
        {"op": "add", "path": "/metadata/annotations", "value": {"by": "json-patch"}},
    ])
    report["jsonPatchTier"] = patched.metadata.labels.get("tier")
    report["jsonPatchAnnotations"] = patched.metadata.annotations
    report["badJsonPatch"] = failure(lambda: core.patch_namespaced_pod(
        "py-pod", ns, [{"op": "test", "path": "/metadata/labels/tier", "value": "nope"}]))

    deleted = core.delete_namespaced_pod("py-pod", ns)
    report["deletedKind"] = deleted.kind
    report["deletedName"] = deleted.metadata.name
    report["afterDelete"] = gone_within(lambda: core.read_namespaced_pod("py-pod", ns))
    report["readMissing"] = failure(lambda: core.read_namespaced_pod("py-nope", ns))
    return report


def daemon_sets_report(apps, ns):
    report = {}
    created, status, _ = apps.create_namespaced_daemon_set_with_http_info(ns, daemon_set("py-ds"))
    report["createStatus"] = status
    report["duplicateCreate"] = failure(lambda: apps.create_namespaced_daemon_set(ns, daemon_set("py-ds")))
    report["list"] = [d.metadata.name for d in apps.list_namespaced_daemon_set(ns).items]
    read = apps.read_namespaced_daemon_set("py-ds", ns)
    report["updateStrategy"] = read.spec.update_strategy.type

    body, replaced = replace_fresh(lambda: apps.read_namespaced_daemon_set("py-ds", ns),
                                   lambda body: apps.replace_namespaced_daemon_set("py-ds", ns, body),
                                   lambda body: setattr(body.spec.template.metadata, "annotations", {"replaced": "yes"}))
    report["replacedAnnotations"] = replaced.spec.template.metadata.annotations
    report["replacedGeneration"] = replaced.metadata.generation
    report["staleReplace"] = failure(lambda: apps.replace_namespaced_daemon_set("py-ds", ns, body))

    # A strategic merge patch merges the containers list by name: the sidecar stays, only the agent's image changes.
    patched = apps.patch_namespaced_daemon_set("py-ds", ns, {
        "spec": {"template": {"spec": {"containers": [{"name": "agent", "image": "busybox:1.37"}]}}}})
    report["strategicContainers"] = [[c.name, c.image] for c in patched.spec.template.spec.containers]
    patched = apps.patch_namespaced_daemon_set("py-ds", ns, [
        {"op": "replace", "path": "/spec/template/spec/containers/1/image", "value": "busybox:1.38"}])
    report["jsonPatchContainers"] = [[c.name, c.image] for c in patched.spec.template.spec.containers]
    report["generationAfterPatches"] = patched.metadata.generation
    # A patch that changes nothing keeps the resourceVersion (compared with a read just before it; the controller
    # may write the status in between, hence a few tries: a server that always bumps it fails every one).
    def no_op_keeps_rv():
        before = apps.read_namespaced_daemon_set("py-ds", ns).metadata.resource_version
        after = apps.patch_namespaced_daemon_set("py-ds", ns, {"metadata": {"labels": {"app": "py-ds"}}})
        return after.metadata.resource_version == before
    report["noOpPatchKeepsRV"] = any(no_op_keeps_rv() for _ in range(5))

    status = apps.read_namespaced_daemon_set_status("py-ds", ns)
    report["statusKind"] = status.kind
    # Removed at once (no finalizers), so Kubernetes answers a Success Status naming it, not the object.
    deleted = apps.delete_namespaced_daemon_set("py-ds", ns)
    # (This client version declares the answer an `object`: it is the decoded JSON.)
    if isinstance(deleted, client.V1Status):
        deleted = client.ApiClient().sanitize_for_serialization(deleted)
    details = deleted.get("details") or {}
    report["deleted"] = [deleted.get("kind"), deleted.get("status"), details.get("kind"), bool(details.get("uid"))]
    report["afterDelete"] = gone_within(lambda: apps.read_namespaced_daemon_set("py-ds", ns))
    return report


def watch_report(core, apps, ns):
    report = {}
    listed = core.list_namespaced_pod(ns)
    start = listed.metadata.resource_version
    core.create_namespaced_pod(ns, pod("py-w1", {"app": "pyw"}))
    # From the list's resourceVersion: the creation, no synthetic events for what existed before.
    seen, w = first_event(core.list_namespaced_pod, ns, resource_version=start,
                          match=lambda e: e["raw_object"]["metadata"]["name"] == "py-w1")
    report["fromList"] = seen
    resume = w.resource_version
    report["resumeRV"] = resume
    core.patch_namespaced_pod("py-w1", ns, {"metadata": {"labels": {"step": "two"}}})
    seen, w = first_event(core.list_namespaced_pod, ns, resource_version=resume, label_selector="app=pyw",
                          match=lambda e: e["type"] == "MODIFIED"
                          and e["raw_object"]["metadata"]["labels"].get("step") == "two")
    report["resumed"] = seen
    # Without a resourceVersion a watch starts with ADDED for every existing match.
    seen, _ = first_event(core.list_namespaced_pod, ns, field_selector="metadata.name=py-w1",
                          match=lambda e: True)
    report["noRV"] = seen
    core.delete_namespaced_pod("py-w1", ns, grace_period_seconds=0)
    seen, _ = first_event(core.list_namespaced_pod, ns, resource_version=w.resource_version,
                          label_selector="app=pyw", match=lambda e: e["type"] == "DELETED")
    report["deleted"] = seen[-1:]
    # A DaemonSet watch through the apps group.
    start = apps.list_namespaced_daemon_set(ns).metadata.resource_version
    apps.create_namespaced_daemon_set(ns, daemon_set("py-wds"))
    seen, _ = first_event(apps.list_namespaced_daemon_set, ns, resource_version=start,
                          match=lambda e: e["raw_object"]["metadata"]["name"] == "py-wds")
    report["daemonSet"] = seen[:1]
    apps.delete_namespaced_daemon_set("py-wds", ns)
    report["staleRV"] = core.list_namespaced_pod(ns).metadata.resource_version
    return report


def dynamic_report(ns):
    report = {}
    dyn = dynamic.DynamicClient(client.ApiClient())
    daemon_sets = dyn.resources.get(api_version="apps/v1", kind="DaemonSet")
    report["resource"] = [daemon_sets.group_version, daemon_sets.name, daemon_sets.namespaced]
    report["shortNames"] = dyn.resources.get(short_names=["ds"]).kind
    pods = dyn.resources.get(api_version="v1", kind="Pod")
    report["podSubresources"] = sorted(pods.subresources.keys())
    created = daemon_sets.create(body=daemon_set("py-dyn"), namespace=ns)
    report["created"] = created.metadata.name
    report["get"] = daemon_sets.get(name="py-dyn", namespace=ns).spec.template.spec.containers[0].name
    report["list"] = [i.metadata.name for i in daemon_sets.get(namespace=ns, label_selector="app=py-dyn").items]
    patched = daemon_sets.patch(name="py-dyn", namespace=ns, body={"metadata": {"labels": {"via": "merge"}}},
                                content_type="application/merge-patch+json")
    report["mergePatch"] = patched.metadata.labels.via
    patched = daemon_sets.patch(name="py-dyn", namespace=ns, body={"metadata": {"labels": {"via": "smp"}}})
    report["strategicPatch"] = patched.metadata.labels.via
    report["missing"] = failure(lambda: daemon_sets.get(name="py-nope", namespace=ns))
    daemon_sets.delete(name="py-dyn", namespace=ns)
    report["afterDelete"] = gone_within(lambda: daemon_sets.get(name="py-dyn", namespace=ns))
    return report


def exec_report(core, ns):
    report = {}
    core.create_namespaced_pod(ns, pod("py-exec", {"app": "pyexec"}))
    deadline = time.monotonic() + 30
    while core.read_namespaced_pod("py-exec", ns).status.phase != "Running":
        if time.monotonic() > deadline:
            raise RuntimeError("py-exec not Running within 30 s")
        time.sleep(0.1)
    report["output"] = stream(core.connect_get_namespaced_pod_exec, "py-exec", ns,
                              command=["sh", "-c", "echo hello from $HOSTNAME"],
                              stderr=True, stdin=False, stdout=True, tty=False)
    session = stream(core.connect_get_namespaced_pod_exec, "py-exec", ns,
                     command=["sh", "-c", "cat; echo oops >&2; exit 3"],
                     stderr=True, stdin=True, stdout=True, tty=False, _preload_content=False)
    session.write_stdin("typed in\n")
    session.close_channel(0)
    session.run_forever(timeout=15)
    report["subprotocol"] = session.subprotocol
    report["stdout"] = session.read_stdout(timeout=0)
    report["stderr"] = session.read_stderr(timeout=0)
    status = session.peek_channel(3)
    try:
        report["returncode"] = session.returncode
    except (KeyError, IndexError, TypeError, ValueError):
        report["returncode"] = "unreadable: %r" % status
    session.close()
    report["log"] = core.read_namespaced_pod_log("py-exec", ns, container="main", tail_lines=1)
    core.delete_namespaced_pod("py-exec", ns, grace_period_seconds=0)
    return report


def crud(ns):
    config.load_kube_config()
    core = client.CoreV1Api()
    apps = client.AppsV1Api()
    # The watches get a namespace of their own, where nothing else happens.
    for name in (ns, ns + "-watch"):
        core.create_namespace({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}})
    return {
        "version": client.VersionApi().get_code().minor,
        "namespaces": [n.metadata.name for n in core.list_namespace().items if n.metadata.name.startswith(ns)],
        "pods": pods_report(core, ns),
        "daemonSets": daemon_sets_report(apps, ns),
        "watch": watch_report(core, apps, ns + "-watch"),
        "dynamic": dynamic_report(ns),
        "exec": exec_report(core, ns),
    }


def gone(ns, stale):
    config.load_kube_config()
    core = client.CoreV1Api()
    report = {"staleWatch": failure(lambda: list(watch.Watch().stream(
        core.list_namespaced_pod, ns, resource_version=stale, timeout_seconds=WATCH_SECONDS)))}
    # What an informer does on 410: list again, then watch from the list's resourceVersion.
    relisted = core.list_namespaced_pod(ns).metadata.resource_version
    core.create_namespaced_pod(ns, pod("py-after", {"app": "pyafter"}))
    seen, _ = first_event(core.list_namespaced_pod, ns, resource_version=relisted,
                          match=lambda e: e["raw_object"]["metadata"]["name"] == "py-after")
    report["afterRelist"] = seen
    core.delete_namespaced_pod("py-after", ns, grace_period_seconds=0)
    return report


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "crud":
        result = crud(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "gone":
        result = gone(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
    print(json.dumps(result, sort_keys=True))
