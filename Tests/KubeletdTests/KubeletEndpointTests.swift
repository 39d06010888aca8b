import Foundation
import KubeAPI
import Logging
import NIOSSL
import TestSupport
import Testing
import Wire

@testable import Kubeletd

/// The kubelet endpoint in process, on loopback port 0 with real TLS and a real pod runtime: logs, exec (pipes,
/// stdin, a terminal, a simulated container), and who it serves.
@Suite("kubelet endpoint", .serialized)
struct KubeletEndpointTests {
    /// A throwaway cluster CA with a node certificate for `n1`, the control plane's kubelet client, and an admin.
    struct Certificates {
        let caPEM: String
        let node: CertificateKeyPair
        let kubeletClient: CertificateKeyPair
        let admin: CertificateKeyPair

        init() throws {
            let ca = try ClusterPKI.createCA(now: Date())
            caPEM = ca.caCertificatePEM
            node = try ca.issueClientCertificate(
                commonName: "system:node:n1", organizations: ["system:nodes"], now: Date())
            kubeletClient = try ca.issueClientCertificate(
                commonName: KubeletPKI.clientCommonName, organizations: [KubeletPKI.clientOrganization], now: Date())
            admin = try ca.issueClientCertificate(
                commonName: "kubernetes-admin", organizations: ["system:masters"], now: Date())
        }
    }

    struct Kubelet: Sendable {
        let port: Int
        let runtime: RuntimeHolder
        let caPEM: String
        let kubeletClient: CertificateKeyPair
        let admin: CertificateKeyPair

        /// Connects as `identity` (the kubelet client by default), expecting the kubelet of `node`.
        func connect<T: Sendable>(
            as identity: CertificateKeyPair? = nil, node: String = "n1", _ body: @Sendable (WireClient) async throws -> T
        ) async throws -> T {
            let pair = identity ?? kubeletClient
            let tls = try KubeletPKI.clientTLS(pair, caPEM: caPEM)
            return try await WireClient.withConnection(
                host: "127.0.0.1", port: port, tls: tls, serverHostname: nil, agent: "test",
                verifyServer: KubeletPKI.kubeletServerCheck(caPEM: caPEM, nodeName: node), body)
        }

        /// Runs `pods` (the node's whole set) and waits until their first container runs (or has finished, for
        /// pods named in `finished`).
        func start(_ pods: Pod..., finished: Set<String> = []) async throws {
            await runtime.sync(pods)
            for pod in pods {
                try await eventually(within: .seconds(10), "pod \(pod.name) to run") { () -> Bool? in
                    let state = await runtime.status(of: pod)?.containerStatuses?.first?.state
                    let done = finished.contains(pod.name) ? state?.terminated != nil : state?.running != nil
                    return done ? true : nil
                }
            }
        }
    }

    private func withKubelet(_ body: @Sendable (Kubelet) async throws -> Void) async throws {
        let certificates = try Certificates()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubelet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let logger = Logger.forTests("test.kubelet")
        let settings = AgentSettings(
            nodeName: "n1", dataDirectory: directory, bootstrapServer: nil, token: nil, caHash: nil, apiServer: nil,
            internalIP: "127.0.0.1", bindNodeIP: false, labels: [:], taints: [], heartbeatInterval: .seconds(1),
            imagePullDelay: .zero, backoffScale: 0.01, kubeletPort: 0)
        let runtime = RuntimeHolder(settings: settings, outbox: StatusOutbox(), logger: logger)
        await runtime.start(podCIDR: "10.244.1.0/24")
        let credentials = JoinedCredentials(
            caPEM: certificates.caPEM, certificatePEM: certificates.node.certificatePEM,
            privateKeyPEM: certificates.node.privateKeyPEM, apiServer: ServerAddress(host: "127.0.0.1", port: 1))
        let service = KubeletService(
            runtime: runtime, exec: ExecRunner(helper: try BuiltProducts.url(for: "kubeletd").path, logger: logger),
            logger: logger)
        let endpoint = KubeletEndpoint(
            host: "127.0.0.1", port: 0, credentials: credentials, service: service, logger: logger)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await runtime.run() }
            group.addTask { await endpoint.run { portSink.yield($0) } }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            #expect(port > 0)
            defer { group.cancelAll() }
            do {
                try await body(
                    Kubelet(
                        port: port, runtime: runtime, caPEM: certificates.caPEM,
                        kubeletClient: certificates.kubeletClient, admin: certificates.admin))
            } catch {
                await runtime.shutdown()
                throw error
            }
            await runtime.shutdown()
        }
    }

    private func logRequest(_ pod: String, _ configure: (inout Request) -> Void = { _ in }) -> Request {
        var request = Request(verb: .get, kind: "Pod", namespace: "default", name: pod)
        request.subresource = "log"
        configure(&request)
        return request
    }

    private func execRequest(_ pod: String, _ command: [String], stdin: Bool = false, tty: Bool = false) -> Request {
        var request = Request(verb: .create, kind: "Pod", namespace: "default", name: pod)
        request.subresource = "exec"
        request.command = command
        request.stdin = stdin
        request.tty = tty
        return request
    }

    /// Reads a stream to its end: (stdout, stderr, outcome).
    private static func drain(_ stream: WireStream) async throws -> (String, String, StreamOutcome?) {
        var stdout = "", stderr = ""
        while let chunk = try await stream.next() {
            let text = String(decoding: chunk.bytes, as: UTF8.self)
            if chunk.stream == .stderr { stderr += text } else { stdout += text }
        }
        return (stdout, stderr, stream.outcome)
    }

    @Test func logs_tailTimestampsAndFollowUntilTheContainerExits() async throws {
        try await withKubelet { kubelet in
            let script = "echo one; echo two; sleep 0.3; echo three"
            let pod = Fixture.pod(
                "talker", containers: [Fixture.container("app", image: "busybox", command: ["sh", "-c", script])],
                restartPolicy: "Never")
            try await kubelet.start(pod)
            try await kubelet.connect { client in
                // Following from the start sees the line written later, then ends with the container.
                let (followed, _, outcome) = try await Self.drain(client.stream(logRequest("talker") { $0.follow = true }))
                #expect(followed == "one\ntwo\nthree\n")
                #expect(outcome == .ended)
                let (tail, _, _) = try await Self.drain(client.stream(logRequest("talker") { $0.tailLines = 1 }))
                #expect(tail == "three\n")
                let (stamped, _, _) = try await Self.drain(client.stream(logRequest("talker") { $0.timestamps = true }))
                let lines = stamped.split(separator: "\n")
                #expect(lines.count == 3)
                #expect(lines.allSatisfy { $0.count > 31 && $0.dropFirst(29).hasPrefix("Z ") })
                let (limited, _, _) = try await Self.drain(client.stream(logRequest("talker") { $0.limitBytes = 6 }))
                #expect(limited == "one\ntw")
                await #expect(throws: Status.badRequest("previous terminated container \"app\" in pod \"talker\" not found")) {
                    try await Self.drain(client.stream(logRequest("talker") { $0.previous = true }))
                }
                await #expect(throws: Status.badRequest("container nope is not valid for pod talker")) {
                    try await Self.drain(client.stream(logRequest("talker") { $0.container = "nope" }))
                }
                await #expect(throws: Status.notFound(.pod, name: "ghost")) {
                    try await Self.drain(client.stream(logRequest("ghost")))
                }
            }
        }
    }

    @Test func previous_isTheRunBeforeARestart() async throws {
        try await withKubelet { kubelet in
            let pod = Fixture.pod(
                "crashy",
                containers: [Fixture.container("app", image: "busybox", command: ["sh", "-c", "echo run $(cat /proc/sys/kernel/random/uuid); exit 1"])])
            await kubelet.runtime.sync([pod])
            try await kubelet.connect { client in
                // Each run prints its own random ID: the previous run's line differs from the current one's (a pid
                // would not: each run is the same pid in a PID namespace of its own).
                let (previous, current) = try await eventually(within: .seconds(10), "a restart") { () -> (String, String)? in
                    guard let previous = try? await Self.drain(client.stream(logRequest("crashy") { $0.previous = true })).0,
                        let current = try? await Self.drain(client.stream(logRequest("crashy"))).0,
                        previous.hasPrefix("run "), current.hasPrefix("run "), previous != current
                    else { return nil }
                    return (previous, current)
                }
                #expect(previous.hasSuffix("\n") && current.hasSuffix("\n"))
            }
        }
    }

    @Test func exec_runsInTheContainersContext_withItsExitCode_andStdin() async throws {
        try await withKubelet { kubelet in
            let container = Fixture.container(
                "app", image: "busybox", command: ["sleep", "30"], env: [EnvVar(name: "GREETING", value: "hello")])
            let pod = Fixture.pod("shell", containers: [container], grace: 1)
            try await kubelet.start(pod)
            try await kubelet.connect { client in
                let script = "echo $GREETING; echo oops >&2; exit 3"
                let (stdout, stderr, outcome) = try await Self.drain(
                    client.stream(execRequest("shell", ["sh", "-c", script])))
                #expect(stdout == "hello\n")
                #expect(stderr == "oops\n")
                #expect(outcome == .exited(.execFailed(exitCode: 3, command: ["sh", "-c", script])))

                let stream = client.stream(execRequest("shell", ["sh", "-c", "cat; echo done"], stdin: true))
                await stream.write(Array("piped\n".utf8))
                await stream.closeStdin()
                let (echoed, _, success) = try await Self.drain(stream)
                #expect(echoed == "piped\ndone\n")
                #expect(success == .exited(.execSucceeded()))

                do {
                    _ = try await Self.drain(client.stream(execRequest("shell", ["no-such-program"])))
                    Issue.record("expected an error")
                } catch let status as Status {
                    #expect(status.message == "Internal error occurred: error executing command in container: "
                        + "exec: \"no-such-program\": executable file not found in $PATH")
                }
            }
        }
    }

    @Test func exec_onATerminal_hasAControllingTTY_andItsSize() async throws {
        try await withKubelet { kubelet in
            let pod = Fixture.pod(
                "term", containers: [Fixture.container("app", image: "busybox", command: ["sleep", "30"])], grace: 1)
            try await kubelet.start(pod)
            try await kubelet.connect { client in
                let script = "read word; test -t 0 && echo \"tty:$word\"; stty size; exit 4"
                let stream = client.stream(execRequest("term", ["sh", "-c", script], stdin: true, tty: true))
                stream.resize(TerminalSize(width: 100, height: 30))
                await stream.write(Array("go\r".utf8))
                let (output, stderr, outcome) = try await Self.drain(stream)
                #expect(output.contains("tty:go\r\n"))
                #expect(output.contains("30 100\r\n"))
                #expect(stderr.isEmpty)
                #expect(outcome == .exited(.execFailed(exitCode: 4, command: ["sh", "-c", script])))
            }
        }
    }

    @Test func exec_intoASimulatedContainer_usesItsContext_andNotIntoAFinishedOne() async throws {
        try await withKubelet { kubelet in
            let simulated = Fixture.pod("sim", containers: [Fixture.container("web")], grace: 1)
            let done = Fixture.pod(
                "done", containers: [Fixture.container("app", image: "busybox", command: ["true"])],
                restartPolicy: "Never")
            try await kubelet.start(simulated, done, finished: ["done"])
            try await kubelet.connect { client in
                let (stdout, _, outcome) = try await Self.drain(
                    client.stream(execRequest("sim", ["sh", "-c", "echo $HOSTNAME; pwd"])))
                let lines = stdout.split(separator: "\n")
                #expect(lines.first == "sim")
                // In a sandbox with namespaces the pod's workdir is /workdir; without, its path on the node.
                if SandboxMode.detect(helper: ExecRunner.currentExecutable()) == .namespaces {
                    #expect(lines.last == "/workdir")
                } else {
                    #expect(lines.last?.hasSuffix("/pods/default_sim_uid-sim/workdir") == true)
                }
                #expect(outcome == .exited(.execSucceeded()))
                do {
                    _ = try await Self.drain(client.stream(execRequest("done", ["true"])))
                    Issue.record("expected an error")
                } catch let status as Status {
                    #expect(status.message == "container not found (\"app\")")
                }
            }
        }
    }

    @Test func onlyTheControlPlanesKubeletClientIsServed_andTheNodeNameIsChecked() async throws {
        try await withKubelet { kubelet in
            _ = try await kubelet.connect(as: kubelet.admin) { client in
                await #expect(
                    throws: Status.forbidden(
                        "Forbidden (user=kubernetes-admin, verb=get, resource=nodes, subresource=proxy)")
                ) {
                    try await Self.drain(client.stream(logRequest("any")))
                }
            }
            // The kubelet serves with the certificate of n1: a client expecting n2 refuses it.
            await #expect(throws: (any Error).self) {
                _ = try await kubelet.connect(node: "n2") { _ in true }
            }
        }
    }
}
