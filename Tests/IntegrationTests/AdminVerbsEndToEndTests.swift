import Foundation
import KubeAPI
import Testing
import TestSupport
import Wire

/// `kctl create`, `edit`, `cordon`, `uncordon`, `drain` and `cluster-info` against real binaries.
@Suite(.serialized)
struct AdminVerbsEndToEndTests {
    static let seed = repositoryRoot().appendingPathComponent("examples/ds-demo.yaml").path

    /// Runs kctl with extra environment variables (the editor), temporary files going to `temporary`.
    static func kctl(_ controlPlane: TestControlPlane, _ arguments: [String], editor: String, temporary: URL)
        async throws -> CommandResult
    {
        try await runCommand(
            try BuiltProducts.url(for: "kctl"), ["--kubeconfig", controlPlane.kubeconfig] + arguments,
            environment: ["KUBE_EDITOR": editor, "TMPDIR": temporary.path], timeout: .seconds(30))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kctl-edit-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func image(_ controlPlane: TestControlPlane) async throws -> String {
        let result = try await controlPlane.kctl(
            "get", "ds", "filebeat-ds", "-o", "jsonpath={.spec.template.spec.containers[0].image}")
        return result.stdout
    }

    @Test func create_createsOnce_thenReportsAlreadyExists_andCreatesNamespaces() async throws {
        try await withControlPlane { controlPlane in
            let created = try await controlPlane.kctl("create", "-f", Self.seed)
            #expect(created.status == 0, "\(created)")
            #expect(created.stdout == "deployment.apps/redis created\ndaemonset.apps/filebeat-ds created\n")
            let ds = try await controlPlane.kctl("get", "ds", "filebeat-ds", "-o", "json")
            let annotations = try JSONValue(jsonData: Data(ds.stdout.utf8))[path: ["metadata", "annotations"]]
            #expect(annotations?["kubectl.kubernetes.io/last-applied-configuration"] == nil, "\(ds.stdout)")

            let again = try await controlPlane.kctl("create", "-f", Self.seed)
            #expect(again.status == 1)
            #expect(again.stdout == "")
            #expect(again.stderr == """
                Error from server (AlreadyExists): error when creating "\(Self.seed)": deployments.apps "redis" already exists
                Error from server (AlreadyExists): error when creating "\(Self.seed)": daemonsets.apps "filebeat-ds" already exists

                """)

            // One exists, one is new: the new one is created, the failure reported at the end, exit 1.
            let mixed = """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: filebeat-ds
                spec:
                  selector: {matchLabels: {app: filebeat}}
                  template:
                    metadata: {labels: {app: filebeat}}
                    spec: {containers: [{name: c, image: busybox}]}
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: logs
                spec:
                  selector: {app: filebeat}
                  ports: [{port: 80}]
                """
            let partly = try await controlPlane.kctl("create", "-f", "-", "--save-config", stdin: mixed)
            #expect(partly.status == 1)
            #expect(partly.stdout == "service/logs created\n")
            #expect(partly.stderr == """
                Error from server (AlreadyExists): error when creating "STDIN": daemonsets.apps "filebeat-ds" already exists

                """)
            let service = try await controlPlane.kctl("get", "svc", "logs", "-o", "json")
            let saved = try JSONValue(jsonData: Data(service.stdout.utf8))[
                path: ["metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration"]]
            #expect(saved?.stringValue?.contains("\"name\":\"logs\"") == true, "\(service.stdout)")

            #expect(try await controlPlane.kctl("create", "namespace", "dev").stdout == "namespace/dev created\n")
            let duplicate = try await controlPlane.kctl("create", "ns", "dev")
            #expect(duplicate.status == 1)
            #expect(duplicate.stderr == "Error from server (AlreadyExists): namespaces \"dev\" already exists\n")
            let named = try await controlPlane.kctl("create", "namespace", "qa", "-o", "name")
            #expect(named.stdout == "namespace/qa\n")
        }
    }

    @Test func edit_patchesTheImage_cancelsUnchanged_andReopensAnInvalidEdit() async throws {
        try await withControlPlane { controlPlane in
            let temporary = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: temporary) }
            #expect(try await controlPlane.kctl("create", "-f", Self.seed).status == 0)

            let edited = try await Self.kctl(
                controlPlane, ["edit", "ds/filebeat-ds"], editor: "sed -i s/5.6.5-alpine/5.6.6-alpine/",
                temporary: temporary)
            #expect(edited.status == 0, "\(edited)")
            #expect(edited.stdout == "daemonset.apps/filebeat-ds edited\n")
            #expect(edited.stderr == "")
            #expect(try await Self.image(controlPlane) == "ikubernetes/filebeat:5.6.6-alpine")
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)

            let unchanged = try await Self.kctl(
                controlPlane, ["edit", "daemonset", "filebeat-ds"], editor: "true", temporary: temporary)
            #expect(unchanged.status == 0)
            #expect(unchanged.stdout == "")
            #expect(unchanged.stderr == "Edit cancelled, no changes made.\n")

            // An empty image is refused by the server: the file is reopened with the cause at the top; the same sed
            // changes nothing there, so the edit gives up, keeping a copy.
            let invalid = try await Self.kctl(
                controlPlane, ["edit", "ds", "filebeat-ds"], editor: "sed -i s/image:.ikubernetes.*/image:/",
                temporary: temporary)
            #expect(invalid.status == 1)
            #expect(invalid.stdout == "")
            let lines = invalid.stderr.split(separator: "\n").map(String.init)
            #expect(lines.count == 3, "\(invalid)")
            #expect(lines.first == "error: daemonsets.apps \"filebeat-ds\" is invalid")
            #expect(lines.last == "error: Edit cancelled, no valid changes were saved.")
            let prefix = "A copy of your changes has been stored to \"\(temporary.path)/kctl-edit-"
            #expect(lines.count == 3 && lines[1].hasPrefix(prefix) && lines[1].hasSuffix(".yaml\""), "\(invalid)")
            if lines.count == 3 {
                let copy = String(lines[1].dropFirst("A copy of your changes has been stored to \"".count).dropLast())
                let text = try String(contentsOfFile: copy, encoding: .utf8)
                #expect(text.contains("""
                    # daemonsets.apps "filebeat-ds" was not valid:
                    # * spec.template.spec.containers[0].image: Required value
                    #
                    """), "\(text)")
            }
            #expect(try await Self.image(controlPlane) == "ikubernetes/filebeat:5.6.6-alpine")

            let missing = try await Self.kctl(controlPlane, ["edit", "ds", "nope"], editor: "true", temporary: temporary)
            #expect(missing.status == 1)
            #expect(missing.stderr == "Error from server (NotFound): daemonsets.apps \"nope\" not found\n")
            let noEditor = try await Self.kctl(
                controlPlane, ["edit", "ds", "filebeat-ds"], editor: "/nonexistent/editor", temporary: temporary)
            #expect(noEditor.status == 1)
            #expect(noEditor.stderr == "error: unable to launch the editor \"/nonexistent/editor\"\n")
        }
    }

    @Test func clusterInfo_printsTheControlPlane() async throws {
        try await withControlPlane { controlPlane in
            let info = try await controlPlane.kctl("cluster-info")
            #expect(info.status == 0, "\(info)")
            #expect(info.stdout == "Kubernetes control plane is running at https://127.0.0.1:\(controlPlane.port)\n")
        }
    }

    @Test func drain_timesOut_onAPodThatIgnoresSIGTERM_reportingItPending() async throws {
        try await withTestCluster(nodes: 1) { cluster in
            let stubborn = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: stubborn
                spec:
                  terminationGracePeriodSeconds: 30
                  containers:
                  - name: c
                    image: busybox
                    command: ["sh", "-c", "trap '' TERM; while true; do sleep 1; done"]
                """
            #expect(try await cluster.kctl("apply", "-f", "-", stdin: stubborn).status == 0)
            try await eventually(within: .seconds(10), "stubborn Running") { () -> Bool? in
                try await cluster.items("pods", "stubborn").first?[path: ["status", "phase"]] == "Running" ? true : nil
            }
            let started = ContinuousClock.now
            let result = try await cluster.kctl("drain", "n1", "--force", "--timeout", "2s")
            let elapsed = ContinuousClock.now - started
            #expect(result.status == 1)
            #expect(result.stdout == "node/n1 cordoned\nevicting pod default/stubborn\n")
            let failure = "error when waiting for pod \"stubborn\" in namespace \"default\" to terminate: context deadline exceeded"
            #expect(result.stderr == """
                Warning: deleting Pods that declare no controller: default/stubborn
                There are pending pods in node "n1" when an error occurred: \(failure)
                pod/stubborn
                error: unable to drain node "n1" due to error: \(failure), continuing command...
                There are pending nodes to be drained:
                 n1
                \(failure)

                """)
            #expect(elapsed >= .seconds(2) && elapsed < .seconds(5), "drain returned after \(elapsed)")
        }
    }

    @Test func drain_refusesDaemonPods_thenEvictsRedis_keepsFilebeat_andUncordons() async throws {
        try await withTestCluster(nodes: 3) { cluster in
            #expect(try await cluster.kctl("apply", "-f", Self.seed).status == 0)
            try await NodesEndToEndTests.waitForOneFilebeatPerNode(cluster, ["n1", "n2", "n3"])
            try await eventually(within: .seconds(10), "redis Running") { () -> Bool? in
                try await NodesEndToEndTests.runningPods(cluster, label: "app=redis").values.joined().count == 1
                    ? true : nil
            }
            let redis = try #require(try await cluster.items("pods", "-l", "app=redis").first)
            let node = try #require(redis[path: ["spec", "nodeName"]]?.stringValue)
            let redisName = redis[path: ["metadata", "name"]]?.stringValue ?? ""
            let filebeat = try #require(try await NodesEndToEndTests.runningPods(cluster, label: "app=filebeat")[node]?
                .first?[path: ["metadata", "name"]]?.stringValue)

            // Without --ignore-daemonsets: cordoned, then refused with kubectl's lines.
            let refused = try await cluster.kctl("drain", node)
            #expect(refused.status == 1)
            #expect(refused.stdout == "node/\(node) cordoned\n")
            let cannot = "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/\(filebeat)"
            #expect(refused.stderr == """
                error: unable to drain node "\(node)" due to error: \(cannot), continuing command...
                There are pending nodes to be drained:
                 \(node)
                \(cannot)

                """)
            let nodes = try await cluster.kctl("get", "nodes")
            let row = nodes.stdout.split(separator: "\n").first { $0.hasPrefix("\(node) ") }
            #expect(row?.contains(" Ready,SchedulingDisabled ") == true, "\(nodes)")
            #expect(try await cluster.kctl("cordon", node).stdout == "node/\(node) already cordoned\n")

            let started = ContinuousClock.now
            let drained = try await cluster.kctl("drain", node, "--ignore-daemonsets", "--timeout", "30s")
            let elapsed = ContinuousClock.now - started
            #expect(drained.status == 0, "\(drained)")
            #expect(drained.stdout == """
                node/\(node) already cordoned
                evicting pod default/\(redisName)
                pod/\(redisName) evicted
                node/\(node) drained

                """)
            #expect(drained.stderr == "Warning: ignoring DaemonSet-managed Pods: default/\(filebeat)\n")
            #expect(elapsed < .seconds(10), "drain took \(elapsed)")

            // redis is replaced on another node; the filebeat pod stays where it was.
            try await eventually(within: .seconds(15), "redis Running elsewhere") { () -> Bool? in
                let running = try await NodesEndToEndTests.runningPods(cluster, label: "app=redis")
                return running.values.joined().count == 1 && running[node] == nil ? true : nil
            }
            let stayed = try await NodesEndToEndTests.runningPods(cluster, label: "app=filebeat")[node]
            #expect(stayed?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == [filebeat])

            #expect(try await cluster.kctl("uncordon", node).stdout == "node/\(node) uncordoned\n")
            #expect(try await cluster.kctl("uncordon", "node/\(node)").stdout == "node/\(node) already uncordoned\n")
            let schedulable = try await cluster.items("nodes", node).first
            #expect(schedulable?[path: ["spec", "unschedulable"]] == nil)
            let unknown = try await cluster.kctl("drain", "nope")
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "Error from server (NotFound): nodes \"nope\" not found\n")
        }
    }
}
