import KubeAPI
import Logging
import Testing
import Wire
import TestSupport

/// The typed client's wire transport against a real wire server on loopback (port 0, no TLS) whose service keeps
/// Pods in memory: each call's request, the decoded answers, the server's errors as ``Status``, and a watch that
/// ends with Gone.
@Suite struct WireClusterClientTests {
    /// Runs `body` with a typed client connected to a server for `service`.
    static func withClient<T: Sendable>(
        _ service: PodStoreService, _ body: @escaping @Sendable (WireClusterClient) async throws -> T
    ) async throws -> T {
        let server = try WireServer(
            configuration: WireServerConfiguration(
                port: 0, tls: nil, anonymousPeer: PeerIdentity(commonName: "tester", organizations: ["system:masters"])),
            service: service, logger: Logger.forTests("test"))
        return try await serving(server) { port in
            try await WireClient.withConnection(host: "127.0.0.1", port: port, tls: nil, agent: "test") { connection in
                try await body(WireClusterClient(connection, timeout: .seconds(10)))
            }
        }
    }

    static func pod(_ name: String, labels: [String: String]? = nil) -> Pod {
        Pod(
            metadata: ObjectMeta(name: name, namespace: "demo", labels: labels),
            spec: PodSpec(containers: [Container(name: "c", image: "busybox:1.36")]))
    }

    @Test func createGetAndList_decodeTheAnswers() async throws {
        let service = PodStoreService()
        try await Self.withClient(service) { client in
            let created = try await client.create(Self.pod("web", labels: ["app": "web"]), namespace: nil, options: .init())
            #expect(created.metadata.resourceVersion == "1")
            #expect(created.namespace == "demo")
            _ = try await client.create(Self.pod("db"), namespace: "demo", options: .init())

            let read = try await client.get(Pod.self, namespace: "demo", name: "web")
            #expect(read == created)

            let list = try await client.list(Pod.self, namespace: "demo", options: ListOptions(labelSelector: "app=web"))
            #expect(list.items.map(\.name) == ["db", "web"])
            #expect(list.resourceVersion == "2")
            let sent = service.requests.last
            #expect(sent?.verb == .list)
            #expect(sent?.labelSelector == "app=web")
            #expect(sent?.namespace == "demo")
        }
    }

    @Test func notFound_isTheServersStatus() async throws {
        try await Self.withClient(PodStoreService()) { client in
            do {
                _ = try await client.get(Pod.self, namespace: "demo", name: "nope")
                Issue.record("expected NotFound")
            } catch let status as Status {
                #expect(status.reason == .notFound)
                #expect(status.code == 404)
                #expect(status.message == "pods \"nope\" not found")
            }
            #expect(try await client.getIfPresent(Pod.self, namespace: "demo", name: "nope") == nil)
            try await client.deleteIfPresent(.pod, namespace: "demo", name: "nope")
            await #expect(throws: Status.alreadyExists(.pod, name: "web")) {
                _ = try await client.create(Self.pod("web"), namespace: nil, options: .init())
                _ = try await client.create(Self.pod("web"), namespace: nil, options: .init())
            }
        }
    }

    @Test func writes_sendTheirVerbsAndOptions() async throws {
        let service = PodStoreService()
        try await Self.withClient(service) { client in
            var pod = try await client.create(Self.pod("web"), namespace: nil, options: .init())
            pod.metadata.labels = ["tier": "front"]
            let updated = try await client.update(pod, options: .init())
            #expect(updated.labels == ["tier": "front"])

            pod = updated
            pod.status.phase = "Running"
            let withStatus = try await client.updateStatus(pod, options: .init())
            #expect(withStatus.status.phase == "Running")

            let patched = try await client.patch(
                Pod.self, namespace: "demo", name: "web", patch: ["metadata": ["labels": ["tier": nil]]],
                patchType: .merge, subresource: nil, options: WriteOptions(dryRun: true))
            #expect(patched.labels == [:])

            try await client.bind(namespace: "demo", pod: "web", node: "n1")
            #expect(try await client.get(Pod.self, namespace: "demo", name: "web").spec.nodeName == "n1")

            try await client.delete(
                .pod, namespace: "demo", name: "web", options: DeleteOptions(gracePeriodSeconds: 0))
            #expect(try await client.getIfPresent(Pod.self, namespace: "demo", name: "web") == nil)

            let sent = service.requests
            let update = sent.first { $0.verb == .update && $0.subresource == nil }
            #expect(update?.name == "web")
            #expect(update?.namespace == "demo")
            #expect(sent.contains { $0.verb == .update && $0.subresource == "status" })
            let patch = sent.first { $0.verb == .patch }
            #expect(patch?.patchType == .merge)
            #expect(patch?.dryRun == true)
            let binding = sent.first { $0.subresource == "binding" }
            #expect(binding?.verb == .create)
            #expect(binding?.name == "web")
            #expect(binding?.object?[path: ["target", "name"]] == "n1")
            let delete = sent.first { $0.verb == .delete }
            #expect(delete?.gracePeriodSeconds == 0)
            #expect(delete?.dryRun == nil)
        }
    }

    @Test func watch_yieldsTypedEvents_andEndsWithGone() async throws {
        let service = PodStoreService()
        try await Self.withClient(service) { client in
            _ = try await client.create(Self.pod("a"), namespace: nil, options: .init())
            _ = try await client.create(Self.pod("b"), namespace: nil, options: .init())
            var seen: [String] = []
            do {
                let options = ListOptions(fieldSelector: "spec.nodeName=n1", resourceVersion: "1")
                for try await event in try await client.watch(Pod.self, namespace: "demo", options: options) {
                    switch event {
                    case .added(let pod): seen.append("added \(pod.name)")
                    case .modified(let pod), .deleted(let pod): seen.append("other \(pod.name)")
                    case .bookmark(let version): seen.append("bookmark \(version)")
                    }
                }
                Issue.record("expected the watch to end with Gone")
            } catch let status as Status {
                #expect(status.reason == .gone)
                #expect(status.code == 410)
                #expect(status.message == "too old resource version: 1 (2)")
            }
            #expect(seen == ["added a", "added b", "bookmark 2"])
            let watch = service.requests.last
            #expect(watch?.verb == .watch)
            #expect(watch?.resourceVersion == "1")
            #expect(watch?.fieldSelector == "spec.nodeName=n1")
        }
    }

    @Test func watch_stopsOnTheServerWhenTheConsumerStops() async throws {
        let service = PodStoreService()
        try await Self.withClient(service) { client in
            _ = try await client.create(Self.pod("a"), namespace: nil, options: .init())
            let options = ListOptions(labelSelector: "hold")
            for try await event in try await client.watch(Pod.self, namespace: "demo", options: options) {
                guard case .added(let pod) = event else { continue }
                #expect(pod.name == "a")
                break
            }
            _ = try await eventually(within: .seconds(5), poll: .milliseconds(10), "the server's watch to end") {
                service.watchesEnded == 1 ? true : nil
            }
        }
    }

    @Test func dynamicPatch_answersTheObjectAsJSON() async throws {
        try await Self.withClient(PodStoreService()) { client in
            _ = try await client.create(Self.pod("web"), namespace: nil, options: .init())
            let patched = try await client.patchObject(
                .pod, namespace: "demo", name: "web", patch: ["metadata": ["labels": ["app": "web"]]],
                patchType: .merge)
            #expect(patched[path: ["metadata", "labels", "app"]] == "web")
            #expect(patched[path: ["metadata", "resourceVersion"]] == "2")
        }
    }
}
