import Foundation
import KubeAPI
import Synchronization
import TestSupport
import Testing

/// Issue 10, acceptance 1: every third-party manifest in `../shared/realworld/` applies whole on a 3-node cluster made
/// by the built `kctl cluster create`, once with kctl and once with the real kubectl (default validation); then
/// every DaemonSet in them has one Running, Ready pod per eligible node, every Deployment is available and every Job
/// completes. The manifests are read from where the project keeps them, never copied into the repository.
@Suite(.serialized, .enabled(if: RealKubectl.binary != nil, "no kubectl on PATH"))
struct RealWorldManifestsEndToEndTests {
    @Test func everyManifestAppliesWholeAndConverges_withKctl() async throws {
        try await withClusterHome(prefix: "realworld-kctl") { home in
            try await Self.createCluster(home)
            let kctl: Client = { arguments in try await home.kctl(arguments, defaultKubeconfig: true) }
            try await Self.applyEveryManifest(with: kctl)
            try await Self.waitForConvergence(reading: kctl)
        }
    }

    @Test func everyManifestAppliesWholeAndConverges_withKubectl() async throws {
        try await withClusterHome(prefix: "realworld-kubectl") { home in
            try await Self.createCluster(home)
            let kubectl = KubectlSession(home: home)
            let client: Client = { arguments in try await kubectl.run(arguments) }
            try await Self.applyEveryManifest(with: client)
            try await Self.waitForConvergence(reading: client)
        }
    }

    // MARK: - Steps

    /// A client command line: kctl or kubectl with the given arguments.
    typealias Client = @Sendable ([String]) async throws -> CommandResult

    static func createCluster(_ home: ClusterHome) async throws {
        let created = try await home.kctl(
            ["cluster", "create", "real", "--nodes", "3"] + ClusterCommandTests.timing, defaultKubeconfig: true)
        guard created.status == 0 else { throw HarnessError("cluster create failed: \(created)") }
    }

    /// Applies each file in name order, after the prerequisites its README names; each must apply whole: status 0,
    /// no error output, and one `created` line per object in the file.
    static func applyEveryManifest(with client: Client) async throws {
        let files = try RealWorldManifests.files()
        #expect(files.count >= 8, "\(files)")
        let namespace = try await client(["create", "namespace", "logging"])
        #expect(namespace.status == 0, "\(namespace)")
        for file in files {
            let applied = try await client(["apply", "-f", file.path])
            let objects = try RealWorldManifests.objectCount(file)
            let created = applied.stdout.split(separator: "\n").filter { $0.hasSuffix(" created") }
            #expect(applied.status == 0 && applied.stderr.isEmpty, "\(file.lastPathComponent): \(applied)")
            #expect(created.count == objects, "\(file.lastPathComponent): \(objects) objects: \(applied)")
        }
    }

    /// Polls until every DaemonSet has one Running, Ready pod per eligible node, every Deployment is available and
    /// every Job complete; the failure message names what had not converged.
    static func waitForConvergence(reading client: Client) async throws {
        let nodes = try await list(client, "nodes")
        #expect(nodes.count == 3)
        let lastVerdict = LastVerdict()
        do {
            try await eventually(within: .seconds(120), poll: .seconds(1), "real-world workloads converge") { () -> Bool? in
                let verdict = try await Self.convergence(client)
                lastVerdict.set(verdict)
                return verdict.isEmpty ? true : nil
            }
        } catch {
            Issue.record("not converged: \(lastVerdict.get())")
            throw error
        }
    }

    /// What has not converged yet (empty when everything has).
    static func convergence(_ client: Client) async throws -> [String] {
        var pending: [String] = []
        let pods = try await list(client, "pods")
        let nodes = try await list(client, "nodes")
        for daemonSet in try await list(client, "daemonsets") {
            let name = Self.name(daemonSet)
            // Every DaemonSet in these files selects Linux nodes (or every node), and the cluster's three nodes
            // are Linux and untainted: each is eligible for every DaemonSet.
            let eligible = nodes.map(Self.nodeName)
            let owned = pods.filter { Self.isOwned($0, by: daemonSet) && Self.runningAndReady($0) }
            let placed = owned.compactMap { $0[path: ["spec", "nodeName"]]?.stringValue }.sorted()
            let status = daemonSet["status"] ?? [:]
            let ready = status["numberReady"]?.intValue ?? 0
            let desired = status["desiredNumberScheduled"]?.intValue ?? -1
            if placed != eligible.sorted() || ready != eligible.count || desired != eligible.count {
                pending.append("DaemonSet \(name): eligible \(eligible.sorted()), Running+Ready on \(placed), "
                    + "status desired \(desired) ready \(ready)")
            }
        }
        for deployment in try await list(client, "deployments") {
            let replicas = deployment[path: ["spec", "replicas"]]?.intValue ?? 1
            let available = deployment[path: ["status", "availableReplicas"]]?.intValue ?? 0
            let condition = (deployment[path: ["status", "conditions"]]?.arrayValue ?? [])
                .first { $0["type"]?.stringValue == "Available" }?["status"]?.stringValue
            if available != replicas || condition != "True" {
                pending.append("Deployment \(name(deployment)): \(available)/\(replicas) available, Available=\(condition ?? "-")")
            }
        }
        for job in try await list(client, "jobs") {
            let complete = (job[path: ["status", "conditions"]]?.arrayValue ?? [])
                .contains { $0["type"]?.stringValue == "Complete" && $0["status"]?.stringValue == "True" }
            if !complete { pending.append("Job \(name(job)) not complete") }
        }
        return pending
    }

    // MARK: - Reading objects

    static func list(_ client: Client, _ resource: String) async throws -> [JSONValue] {
        let result = try await client(["get", resource, "--all-namespaces", "-o", "json"])
        guard result.status == 0 else { throw HarnessError("get \(resource) failed: \(result)") }
        return try JSONValue(jsonData: Data(result.stdout.utf8))["items"]?.arrayValue ?? []
    }

    static func name(_ object: JSONValue) -> String {
        let namespace = object[path: ["metadata", "namespace"]]?.stringValue.map { "\($0)/" } ?? ""
        return namespace + (object[path: ["metadata", "name"]]?.stringValue ?? "")
    }

    static func nodeName(_ node: JSONValue) -> String { node[path: ["metadata", "name"]]?.stringValue ?? "" }

    static func isOwned(_ pod: JSONValue, by owner: JSONValue) -> Bool {
        let uid = owner[path: ["metadata", "uid"]]?.stringValue
        return (pod[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).contains { $0["uid"]?.stringValue == uid }
    }

    static func runningAndReady(_ pod: JSONValue) -> Bool {
        let ready = (pod[path: ["status", "conditions"]]?.arrayValue ?? [])
            .contains { $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True" }
        return pod[path: ["status", "phase"]]?.stringValue == "Running" && ready
    }
}

/// The third-party manifests the acceptance applies: `../shared/realworld/*.yaml` beside the repository (or
/// `$KCLUSTER_REALWORLD_DIR`), in name order.
enum RealWorldManifests {
    static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["KCLUSTER_REALWORLD_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return repositoryRoot().deletingLastPathComponent().appendingPathComponent("shared/realworld")
    }

    static func files() throws -> [URL] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// The number of objects in a manifest: its documents that have a `kind`.
    static func objectCount(_ file: URL) throws -> Int {
        let text = try String(contentsOf: file, encoding: .utf8)
        return text.components(separatedBy: "\n").filter { $0.hasPrefix("kind:") }.count
    }
}

/// The last verdict a poll saw, for the failure message.
private final class LastVerdict: Sendable {
    private let value = Mutex<[String]>([])
    func set(_ verdict: [String]) { value.withLock { $0 = verdict } }
    func get() -> [String] { value.withLock { $0 } }
}
