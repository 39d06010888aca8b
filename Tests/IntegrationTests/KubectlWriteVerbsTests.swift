import Foundation
import KubeAPI
import TestSupport
import Testing

/// kubectl's writing verbs on plain objects against one cluster: `create` (AlreadyExists), client-side `apply`
/// (created, configured, unchanged; the last-applied annotation patched into an object `create` made), `replace`
/// (and a stale resourceVersion: kubectl's Conflict text), `patch` of each type (strategic, merge, json, and
/// `patched (no change)` for a no-op), `label`, `annotate`, `diff` (exit 1 with a diff, 0 when equal, nothing
/// persisted), `run`, `expose`, `delete` (waiting for a graceful deletion to finish), and `wait --for=delete`.
@Suite(.serialized, .enabled(if: KubectlSession.executable != nil, "no kubectl on PATH"))
struct KubectlWriteVerbsTests {
    static func configMap(_ name: String, _ data: [String: String]) -> String {
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(name)\ndata:\n"
            + data.sorted { $0.key < $1.key }.map { "  \($0.key): \"\($0.value)\"\n" }.joined()
    }

    @Test func create_apply_replace_patch_label_diff_delete() async throws {
        try await KubectlSession.withCluster("writes", nodes: 1) { kubectl in
            try await createAndApply(kubectl)
            try await generators(kubectl)
            try await replace(kubectl)
            try await patch(kubectl)
            try await labelAndAnnotate(kubectl)
            try await diff(kubectl)
            try await runExposeDelete(kubectl)
        }
    }

    func data(_ kubectl: KubectlSession, _ name: String) async throws -> String {
        try await kubectl("get", "configmap", name, "-o", "jsonpath={.data}").stdout
    }

    func createAndApply(_ kubectl: KubectlSession) async throws {
        let first = try kubectl.file("c1.yaml", Self.configMap("c1", ["a": "1"]))
        let created = try await kubectl("create", "-f", first)
        #expect(created.status == 0 && created.stdout == "configmap/c1 created\n", "\(created)")
        let again = try await kubectl("create", "-f", first)
        #expect(again.status == 1, "\(again)")
        #expect(again.stderr == "Error from server (AlreadyExists): error when creating \"\(first)\": configmaps \"c1\" already exists\n",
                "\(again)")

        let applyFile = try kubectl.file("c2.yaml", Self.configMap("c2", ["a": "1"]))
        #expect(try await kubectl("apply", "-f", applyFile).stdout == "configmap/c2 created\n")
        #expect(try await kubectl("apply", "-f", applyFile).stdout == "configmap/c2 unchanged\n")
        let resourceVersion = try await kubectl("get", "cm", "c2", "-o", "jsonpath={.metadata.resourceVersion}").stdout
        _ = try kubectl.file("c2.yaml", Self.configMap("c2", ["a": "2", "b": "3"]))
        #expect(try await kubectl("apply", "-f", applyFile).stdout == "configmap/c2 configured\n")
        #expect(try await data(kubectl, "c2") == #"{"a":"2","b":"3"}"#)
        #expect(try await kubectl("get", "cm", "c2", "-o", "jsonpath={.metadata.resourceVersion}").stdout != resourceVersion)
        // A key the previous apply set and this one drops is removed (three-way merge via the annotation).
        _ = try kubectl.file("c2.yaml", Self.configMap("c2", ["a": "2"]))
        #expect(try await kubectl("apply", "-f", applyFile).stdout == "configmap/c2 configured\n")
        #expect(try await data(kubectl, "c2") == #"{"a":"2"}"#)
        #expect(try await kubectl("apply", "-f", applyFile).stdout == "configmap/c2 unchanged\n")

        // apply on what create made: kubectl warns and patches the annotation in.
        _ = try kubectl.file("c1.yaml", Self.configMap("c1", ["a": "9"]))
        let adopted = try await kubectl("apply", "-f", first)
        #expect(adopted.stdout == "configmap/c1 configured\n", "\(adopted)")
        #expect(adopted.stderr.hasPrefix("Warning: resource configmaps/c1 is missing the kubectl.kubernetes.io/last-applied-configuration annotation"),
                "\(adopted)")
        let annotation = try await kubectl(
            "get", "cm", "c1", "-o", "jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}")
        #expect(annotation.stdout.contains(#""data":{"a":"9"}"#), "\(annotation)")

        let dryRun = try await kubectl("apply", "-f", try kubectl.file("c3.yaml", Self.configMap("c3", ["x": "1"])), "--dry-run=server")
        #expect(dryRun.stdout == "configmap/c3 created (server dry run)\n", "\(dryRun)")
        #expect(try await kubectl("get", "cm", "c3").stderr == "Error from server (NotFound): configmaps \"c3\" not found\n")
    }

    /// kubectl's generators build typed objects and POST them as protobuf.
    func generators(_ kubectl: KubectlSession) async throws {
        let deployment = try await kubectl("create", "deployment", "gen", "--image=nginx:1.27", "--replicas=2", "--port=80")
        #expect(deployment.status == 0 && deployment.stdout == "deployment.apps/gen created\n", "\(deployment)")
        let created = try JSONValue(jsonData: Data(try await kubectl("get", "deploy", "gen", "-o", "json").stdout.utf8))
        #expect(created[path: ["metadata", "labels"]] == ["app": "gen"])
        #expect(created[path: ["spec", "replicas"]] == 2 && created[path: ["spec", "selector"]] == ["matchLabels": ["app": "gen"]])
        #expect(created[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["ports"]
            == [["containerPort": 80, "protocol": "TCP"]], "\(created)")
        // replicas is a pointer in Go: its 0 is sent and kept (not defaulted to 1).
        #expect(try await kubectl("create", "deployment", "none", "--image=nginx", "--replicas=0").status == 0)
        #expect(try await kubectl("get", "deploy", "none", "-o", "jsonpath={.spec.replicas}").stdout == "0")
        let again = try await kubectl("create", "deployment", "gen", "--image=nginx")
        #expect(again.status == 1, "\(again)")
        #expect(again.stderr == "error: failed to create deployment: deployments.apps \"gen\" already exists\n", "\(again)")
        let dryRun = try await kubectl("create", "deployment", "ghost", "--image=nginx", "--dry-run=server")
        #expect(dryRun.stdout == "deployment.apps/ghost created (server dry run)\n", "\(dryRun)")
        #expect(try await kubectl("get", "deploy", "ghost").status == 1)

        let fromFile = try kubectl.file("settings.conf", "level=debug\n")
        let configMap = try await kubectl("create", "configmap", "gen", "--from-literal=mode=fast", "--from-file=\(fromFile)")
        #expect(configMap.stdout == "configmap/gen created\n", "\(configMap)")
        #expect(try await data(kubectl, "gen") == #"{"mode":"fast","settings.conf":"level=debug\n"}"#)
        let secret = try await kubectl("create", "secret", "generic", "gen", "--from-literal=password=s3cret")
        #expect(secret.stdout == "secret/gen created\n", "\(secret)")
        #expect(try await kubectl("get", "secret", "gen", "-o", "jsonpath={.type} {.data.password}").stdout == "Opaque czNjcmV0")
        let service = try await kubectl("create", "service", "clusterip", "gen", "--tcp=80:8080")
        #expect(service.stdout == "service/gen created\n", "\(service)")
        #expect(try await kubectl("get", "svc", "gen", "-o", "jsonpath={.spec.ports[0].name} {.spec.ports[0].targetPort} {.spec.selector.app}").stdout
            == "80-8080 8080 gen")
        let namespace = try await kubectl("create", "namespace", "team")
        #expect(namespace.stdout == "namespace/team created\n", "\(namespace)")
        #expect(try await kubectl("create", "configmap", "in-team", "-n", "team", "--from-literal=a=b").stdout == "configmap/in-team created\n")
        #expect(try await kubectl("get", "cm", "-n", "team", "in-team", "-o", "name").stdout == "configmap/in-team\n")
        let removed = try await kubectl("delete", "deploy/gen", "deploy/none", "cm/gen", "secret/gen", "svc/gen")
        #expect(removed.status == 0, "\(removed)")
    }

    func replace(_ kubectl: KubectlSession) async throws {
        let live = try await kubectl("get", "cm", "c1", "-o", "yaml")
        let stale = try kubectl.file("c1-live.yaml", live.stdout.replacingOccurrences(of: "a: \"9\"", with: "a: \"10\""))
        let replaced = try await kubectl("replace", "-f", stale)
        #expect(replaced.status == 0 && replaced.stdout == "configmap/c1 replaced\n", "\(replaced)")
        #expect(try await data(kubectl, "c1") == #"{"a":"10"}"#)
        let conflict = try await kubectl("replace", "-f", stale)
        #expect(conflict.status == 1, "\(conflict)")
        #expect(conflict.stderr == "Error from server (Conflict): error when replacing \"\(stale)\": Operation cannot be fulfilled on configmaps \"c1\": the object has been modified; please apply your changes to the latest version and try again\n",
                "\(conflict)")
        // Without a resourceVersion, replace overwrites whatever is there.
        let blind = try kubectl.file("c1-blind.yaml", Self.configMap("c1", ["z": "1"]))
        #expect(try await kubectl("replace", "-f", blind).stdout == "configmap/c1 replaced\n")
        #expect(try await data(kubectl, "c1") == #"{"z":"1"}"#)
        let missing = try await kubectl("replace", "-f", try kubectl.file("c9.yaml", Self.configMap("c9", [:])))
        #expect(missing.stderr == "Error from server (NotFound): error when replacing \"\(kubectl.home.url.path)/c9.yaml\": configmaps \"c9\" not found\n",
                "\(missing)")
    }

    func patch(_ kubectl: KubectlSession) async throws {
        let strategic = try await kubectl("patch", "cm", "c1", "-p", #"{"data":{"b":"x"}}"#)
        #expect(strategic.stdout == "configmap/c1 patched\n", "\(strategic)")
        let version = try await kubectl("get", "cm", "c1", "-o", "jsonpath={.metadata.resourceVersion}").stdout
        let noChange = try await kubectl("patch", "cm", "c1", "-p", #"{"data":{"b":"x"}}"#)
        #expect(noChange.stdout == "configmap/c1 patched (no change)\n", "\(noChange)")
        #expect(try await kubectl("get", "cm", "c1", "-o", "jsonpath={.metadata.resourceVersion}").stdout == version)
        let merge = try await kubectl("patch", "cm", "c1", "--type=merge", "-p", #"{"data":{"c":"y","z":null}}"#)
        #expect(merge.stdout == "configmap/c1 patched\n", "\(merge)")
        #expect(try await data(kubectl, "c1") == #"{"b":"x","c":"y"}"#)
        let json = try await kubectl("patch", "cm", "c1", "--type=json", "-p", #"[{"op":"remove","path":"/data/c"},{"op":"add","path":"/data/d","value":"w"}]"#)
        #expect(json.stdout == "configmap/c1 patched\n", "\(json)")
        #expect(try await data(kubectl, "c1") == #"{"b":"x","d":"w"}"#)
        let jsonNoOp = try await kubectl("patch", "cm", "c1", "--type=json", "-p", #"[{"op":"test","path":"/data/b","value":"x"}]"#)
        #expect(jsonNoOp.stdout == "configmap/c1 patched (no change)\n", "\(jsonNoOp)")
        let failedTest = try await kubectl("patch", "cm", "c1", "--type=json", "-p", #"[{"op":"test","path":"/data/b","value":"nope"}]"#)
        // Kubernetes answers a JSON patch that does not apply 422 (Invalid).
        #expect(failedTest.status == 1 && failedTest.stderr.hasPrefix("The request is invalid: "), "\(failedTest)")
        let missing = try await kubectl("patch", "cm", "nope", "-p", "{}")
        #expect(missing.stderr == "Error from server (NotFound): configmaps \"nope\" not found\n", "\(missing)")

        // A strategic merge patch merges a pod's containers by name.
        #expect(try await kubectl("run", "patched", "--image=nginx").stdout == "pod/patched created\n")
        let image = try await kubectl("patch", "pod", "patched", "-p", #"{"spec":{"containers":[{"name":"patched","image":"nginx:1.27"}]}}"#)
        #expect(image.stdout == "pod/patched patched\n", "\(image)")
        #expect(try await kubectl("get", "pod", "patched", "-o", "jsonpath={.spec.containers[*].image}").stdout == "nginx:1.27")
    }

    func labelAndAnnotate(_ kubectl: KubectlSession) async throws {
        #expect(try await kubectl("label", "pod", "patched", "env=prod").stdout == "pod/patched labeled\n")
        #expect(try await kubectl("label", "pod", "patched", "env=prod").stdout == "pod/patched not labeled\n")
        let refused = try await kubectl("label", "pod", "patched", "env=dev")
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr == "error: 'env' already has a value (prod), and --overwrite is false\n", "\(refused)")
        #expect(try await kubectl("label", "pod", "patched", "env=dev", "--overwrite").stdout == "pod/patched labeled\n")
        #expect(try await kubectl("get", "pods", "-l", "env=dev", "-o", "name").stdout == "pod/patched\n")
        #expect(try await kubectl("label", "pod", "patched", "env-").stdout == "pod/patched unlabeled\n")
        #expect(try await kubectl("get", "pods", "-l", "env", "-o", "name").stdout == "")
        // --all includes kube-root-ca.crt, which the root-CA publisher keeps in every namespace (as in Kubernetes).
        #expect(try await kubectl("label", "cm", "--all", "tier=config").stdout
            == "configmap/c1 labeled\nconfigmap/c2 labeled\nconfigmap/kube-root-ca.crt labeled\n")
        #expect(try await kubectl("get", "cm", "-l", "tier=config", "-o", "name").stdout
            == "configmap/c1\nconfigmap/c2\nconfigmap/kube-root-ca.crt\n")
        #expect(try await kubectl("annotate", "pod", "patched", "note=hello world").stdout == "pod/patched annotated\n")
        #expect(try await kubectl("get", "pod", "patched", "-o", "jsonpath={.metadata.annotations.note}").stdout == "hello world")
        let overwrite = try await kubectl("annotate", "pod", "patched", "note=again")
        #expect(overwrite.stderr == "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello world)\n",
                "\(overwrite)")
        #expect(try await kubectl("annotate", "pod", "patched", "note-").stdout == "pod/patched annotated\n")
        #expect(try await kubectl("get", "pod", "patched", "-o", "jsonpath={.metadata.annotations.note}").stdout == "")
    }

    func diff(_ kubectl: KubectlSession) async throws {
        let file = try kubectl.file("c2.yaml", Self.configMap("c2", ["a": "2"]))
        let equal = try await kubectl("diff", "-f", file)
        #expect(equal.status == 0 && equal.stdout.isEmpty, "\(equal)")
        _ = try kubectl.file("c2.yaml", Self.configMap("c2", ["a": "5"]))
        let changed = try await kubectl("diff", "-f", file)
        #expect(changed.status == 1, "\(changed)")
        let lines = changed.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("diff -u -N ") == true && lines.first?.hasSuffix("/v1.ConfigMap.default.c2") == true, "\(changed)")
        #expect(lines.contains("-  a: \"2\"") && lines.contains("+  a: \"5\""), "\(changed)")
        // Only the data changes: the dry-run answer keeps the resourceVersion and every other field.
        #expect(lines.filter { ($0.hasPrefix("-") || $0.hasPrefix("+")) && !$0.hasPrefix("---") && !$0.hasPrefix("+++") }.count == 2,
                "\(changed)")
        #expect(try await data(kubectl, "c2") == #"{"a":"2"}"#)
        let new = try await kubectl("diff", "-f", try kubectl.file("c4.yaml", Self.configMap("c4", ["new": "1"])))
        #expect(new.status == 1 && new.stdout.contains("\n+  new: \"1\"\n"), "\(new)")
        #expect(try await kubectl("get", "cm", "c4").status == 1)
    }

    func runExposeDelete(_ kubectl: KubectlSession) async throws {
        let run = try await kubectl(
            "run", "slow", "--image=busybox", "--port=8080", "--command", "--",
            "sh", "-c", "trap 'sleep 1; exit 0' TERM; while true; do sleep 0.1; done")
        #expect(run.stdout == "pod/slow created\n", "\(run)")
        #expect(try await kubectl("get", "pod", "slow", "-o", "jsonpath={.metadata.labels.run}").stdout == "slow")
        let ready = try await kubectl("wait", "--for=condition=Ready", "pod/slow", "--timeout=30s")
        #expect(ready.stdout == "pod/slow condition met\n", "\(ready)")
        let exposed = try await kubectl("expose", "pod", "slow", "--port=80", "--target-port=8080", "--name=slow-svc")
        #expect(exposed.stdout == "service/slow-svc exposed\n", "\(exposed)")
        let service = try JSONValue(jsonData: Data(try await kubectl("get", "svc", "slow-svc", "-o", "json").stdout.utf8))
        #expect(service[path: ["spec", "selector"]] == ["run": "slow"])
        #expect(service[path: ["spec", "type"]] == "ClusterIP")
        #expect(service[path: ["spec", "ports"]]?.arrayValue?.first?["targetPort"] == 8080)
        let clusterIP = service[path: ["spec", "clusterIP"]]?.stringValue ?? ""
        #expect(clusterIP.hasPrefix("10.") && service[path: ["spec", "clusterIPs"]] == [.string(clusterIP)], "\(service)")

        // delete waits until the pod is gone: its TERM handler takes a second, and then it is NotFound at once.
        let start = ContinuousClock.now
        let deleted = try await kubectl("delete", "pod", "slow")
        #expect(deleted.status == 0 && deleted.stdout == "pod \"slow\" deleted\n", "\(deleted)")
        #expect(ContinuousClock.now - start >= .milliseconds(900), "delete returned before the graceful stop")
        #expect(try await kubectl("get", "pod", "slow").stderr == "Error from server (NotFound): pods \"slow\" not found\n")
        let missing = try await kubectl("delete", "pod", "slow")
        #expect(missing.status == 1 && missing.stderr == "Error from server (NotFound): pods \"slow\" not found\n", "\(missing)")
        #expect(try await kubectl("delete", "pod", "slow", "--ignore-not-found").status == 0)

        // wait --for=delete returns once another client's deletion has finished (the pod takes a second to stop).
        let second = try await kubectl(
            "run", "slower", "--image=busybox", "--command", "--", "sh", "-c", "trap 'sleep 1; exit 0' TERM; while true; do sleep 0.1; done")
        #expect(second.stdout == "pod/slower created\n", "\(second)")
        #expect(try await kubectl("wait", "--for=condition=Ready", "pod/slower", "--timeout=30s").status == 0)
        let deletedSlower = try await kubectl("delete", "pod", "slower", "--wait=false")
        #expect(deletedSlower.stdout == "pod \"slower\" deleted\n", "\(deletedSlower)")
        let waitResult = try await kubectl("wait", "--for=delete", "pod/slower", "--timeout=30s")
        #expect(waitResult.status == 0 && waitResult.stdout == "pod/slower condition met\n", "\(waitResult)")
        #expect(try await kubectl("get", "pod", "slower").status == 1)
        let gone = try await kubectl("wait", "--for=delete", "pod/slower", "--timeout=5s")
        #expect(gone.status == 0, "\(gone)")
        #expect(try await kubectl("delete", "pod", "patched").stdout == "pod \"patched\" deleted\n")

        let many = try await kubectl("delete", "cm/c1", "cm/c2", "svc/slow-svc")
        #expect(many.stdout == "configmap \"c1\" deleted\nconfigmap \"c2\" deleted\nservice \"slow-svc\" deleted\n", "\(many)")
    }
}
