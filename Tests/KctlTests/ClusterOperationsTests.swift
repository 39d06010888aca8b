import Foundation
import KubeAPI
import Synchronization
import Testing
import Wire

@testable import kctl

/// A runtime that starts nothing: it records calls and pretends processes run, so the flows' bookkeeping can be
/// checked without daemons.
final class FakeRuntime: ClusterRuntime {
    let calls = Mutex<[String]>([])
    let failStartNode: Bool

    init(failStartNode: Bool = false) { self.failStartNode = failStartNode }

    var kind: RuntimeKind { .process }
    var recorded: [String] { calls.withLock { $0 } }
    private func record(_ call: String) { calls.withLock { $0.append(call) } }

    func createControlPlane(_ state: inout ClusterState) async throws {
        record("createControlPlane")
        state.controlPlane = ControlPlaneRecord(pid: 100, port: 40100, bootstrapPort: 40101, running: true)
    }
    func adminAccess(_ state: ClusterState) throws -> ClusterAccess {
        ClusterAccess(
            server: ServerAddress(host: "127.0.0.1", port: state.controlPlane.port), caPEM: "CA",
            certPEM: "CERT", keyPEM: "KEY")
    }
    func startNode(_ name: String, in state: inout ClusterState) async throws {
        record("start \(name)")
        if failStartNode { throw ClusterError.processFailed("no kubeletd") }
        state.updateNode(name) {
            $0.pid = 200 + Int32($0.index)
            $0.state = .running
        }
    }
    func killNode(_ name: String, in state: inout ClusterState) async throws {
        record("kill \(name)")
        state.updateNode(name) { $0 = NodeVerb.kill.applied(to: $0) }
    }
    func stopNode(_ name: String, in state: inout ClusterState) async throws { record("stop \(name)") }
    func pauseNode(_ name: String, in state: inout ClusterState) async throws { record("pause \(name)") }
    func unpauseNode(_ name: String, in state: inout ClusterState) async throws { record("unpause \(name)") }
    func partitionNode(_ name: String, in state: inout ClusterState) async throws { record("partition \(name)") }
    func healNode(_ name: String, in state: inout ClusterState) async throws { record("heal \(name)") }
    func restartControlPlane(kill: Bool, in state: inout ClusterState) async throws { record("restart \(kill)") }
    func deleteCluster(_ state: ClusterState) async throws { record("delete \(state.name)") }
    func refresh(_ state: inout ClusterState) {}
    func checkAlive(_ state: ClusterState, nodes: [String]) throws {}
}

@Suite struct ClusterOperationsTests {
    /// Operations over a fresh temporary HOME with `runtime` for every kind but docker.
    static func withOperations(
        _ runtime: FakeRuntime, _ body: (ClusterOperations, URL) async throws -> Void
    ) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("kctl-ops-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let paths = ClusterPaths(home: home)
        let operations = ClusterOperations(
            store: ClusterStore(paths: paths),
            runtime: { kind in
                guard kind == .process else {
                    throw ClusterError.runtimeUnavailable("the docker runtime is not available yet")
                }
                return runtime
            },
            environment: ["HOME": home.path], subnetsInUse: { [] })
        try await body(operations, home)
    }

    static func request(_ name: String, nodes: Int = 0, runtime: RuntimeKind = .process) -> CreateRequest {
        CreateRequest(name: name, nodes: nodes, runtime: runtime, timing: .defaults, wait: .seconds(1), kubeconfig: nil)
    }

    @Test func create_savesStateAndSetsTheContext_thenRefusesTheSameName() async throws {
        let runtime = FakeRuntime()
        try await Self.withOperations(runtime) { operations, home in
            let written = Mutex("")
            let state = try await operations.create(
                Self.request("t1"), printer: StepPrinter(isTerminal: true),
                write: { text in written.withLock { $0 += text } })
            #expect(state.subnet == 1 && state.controlPlane.port == 40100)
            #expect(try operations.store.load("t1") == state)
            #expect(written.withLock { $0 }.contains(" ✓ Starting control plane 🕹️\n"))
            let config = try KubeconfigLoader.load(path: home.appendingPathComponent(".kctl/config").path)
            #expect(config.currentContext == "kcluster-t1")
            #expect(try config.resolvedContext(named: nil).server.port == 40100)

            await #expect(throws: ClusterError.alreadyExists("t1")) {
                try await operations.create(
                    Self.request("t1"), printer: StepPrinter(isTerminal: false), write: { _ in })
            }
            #expect(runtime.recorded == ["createControlPlane"])
            let second = try await operations.create(
                Self.request("t2"), printer: StepPrinter(isTerminal: false), write: { _ in })
            #expect(second.subnet == 2)
            #expect(operations.store.names() == ["t1", "t2"])
        }
    }

    @Test func create_invalidRequests_changeNothing() async throws {
        try await Self.withOperations(FakeRuntime()) { operations, home in
            await #expect(throws: ClusterError.runtimeUnavailable("the docker runtime is not available yet")) {
                try await operations.create(
                    Self.request("d", runtime: .docker), printer: StepPrinter(isTerminal: false), write: { _ in })
            }
            await #expect(throws: ClusterError.self) {
                try await operations.create(
                    Self.request("Bad_Name"), printer: StepPrinter(isTerminal: false),
                    write: { _ in })
            }
            #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent(".kctl").path))
        }
    }

    @Test func create_whenANodeFailsToStart_cleansUp() async throws {
        let runtime = FakeRuntime(failStartNode: true)
        try await Self.withOperations(runtime) { operations, home in
            await #expect(throws: ClusterError.processFailed("no kubeletd")) {
                try await operations.create(
                    Self.request("t1", nodes: 2), printer: StepPrinter(isTerminal: false),
                    write: { _ in })
            }
            #expect(runtime.recorded == ["createControlPlane", "start n1", "delete t1"])
            #expect(operations.store.names().isEmpty)
            #expect(!FileManager.default.fileExists(atPath: operations.store.paths.directory("t1").path))
            #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent(".kctl/config").path))
        }
    }

    @Test func nodeVerbs_checkTheNodeAndRecordTheResult() async throws {
        let runtime = FakeRuntime()
        try await Self.withOperations(runtime) { operations, _ in
            _ = try await operations.create(
                Self.request("t1"), printer: StepPrinter(isTerminal: false), write: { _ in })
            let added = try await operations.addNode(
                AddNodeRequest(cluster: "t1", name: nil, labels: "a=b", taints: "", wait: .zero))
            #expect(added == "n1")
            var node = try operations.store.load("t1").node("n1")
            #expect(node.ip == "127.0.1.1" && node.state == .running && node.pid == 201 && node.labels == "a=b")

            try await operations.apply(.kill, node: "n1", cluster: "t1")
            node = try operations.store.load("t1").node("n1")
            #expect(node.state == .killed && node.pid == nil)
            await #expect(throws: ClusterError.invalidTransition("node \"n1\" is not running (killed)")) {
                try await operations.apply(.kill, node: "n1", cluster: "t1")
            }
            await #expect(throws: ClusterError.nodeNotFound(node: "n9", cluster: "t1")) {
                try await operations.apply(.pause, node: "n9", cluster: "t1")
            }
            await #expect(throws: ClusterError.notFound("nope")) {
                try await operations.apply(.pause, node: "n1", cluster: "nope")
            }
            await #expect(throws: ClusterError.invalidArgument("invalid label \"x\": expected key=value")) {
                try await operations.addNode(
                    AddNodeRequest(cluster: "t1", name: nil, labels: "x", taints: "", wait: .zero))
            }
            try await operations.restartControlPlane(cluster: "t1", kill: true)
            #expect(runtime.recorded == ["createControlPlane", "start n1", "kill n1", "restart true"])
        }
    }

    @Test func addNode_whenTheNodeCannotStart_leavesNoRecord() async throws {
        try await Self.withOperations(FakeRuntime(failStartNode: true)) { operations, _ in
            _ = try await operations.create(
                Self.request("t1"), printer: StepPrinter(isTerminal: false), write: { _ in })
            await #expect(throws: ClusterError.processFailed("no kubeletd")) {
                try await operations.addNode(
                    AddNodeRequest(cluster: "t1", name: "gpu", labels: "", taints: "", wait: .zero))
            }
            #expect(try operations.store.load("t1").nodes.isEmpty)
        }
    }

    @Test func delete_stopsRemovesStateAndContext_andSwitchesToAnotherCluster() async throws {
        let runtime = FakeRuntime()
        try await Self.withOperations(runtime) { operations, home in
            _ = try await operations.create(
                Self.request("t1"), printer: StepPrinter(isTerminal: false), write: { _ in })
            _ = try await operations.create(
                Self.request("t2"), printer: StepPrinter(isTerminal: false), write: { _ in })
            let change = try await operations.delete("t2", kubeconfig: nil)
            #expect(change == .switched(context: "kcluster-t1", cluster: "t1"))
            #expect(runtime.recorded.last == "delete t2")
            #expect(operations.store.names() == ["t1"])
            let config = try KubeconfigLoader.load(path: home.appendingPathComponent(".kctl/config").path)
            #expect(config.contexts.map(\.name) == ["kcluster-t1"])
            #expect(config.currentContext == "kcluster-t1")
            #expect(try operations.selectCluster(explicit: nil, kubeconfig: nil, context: nil) == "t1")
            #expect(throws: ClusterNotFound(target: ClusterTarget(name: "t2", origin: .named), existing: ["t1"])) {
                try operations.selectCluster(explicit: "t2", kubeconfig: nil, context: nil)
            }
            await #expect(throws: ClusterError.notFound("t2")) { try await operations.delete("t2", kubeconfig: nil) }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: operations.store.paths.root.path)
            #expect(leftovers.sorted() == [".t1.lock", "t1"])

            // The last one: no current context remains, and the default name is looked for.
            #expect(try await operations.delete("t1", kubeconfig: nil) == .cleared(remaining: []))
            #expect(
                throws: ClusterNotFound(
                    target: ClusterTarget(name: "kcluster", origin: .defaultName(context: "", current: true)),
                    existing: [])
            ) { try operations.selectCluster(explicit: nil, kubeconfig: nil, context: nil) }
        }
    }
}
