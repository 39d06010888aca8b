import Foundation
import KubeAPI
import Testing

@testable import Kubeletd

/// ``ContainerProgram``: what runs for a container, against a node with busybox and without redis.
@Suite struct ContainerProgramTests {
    static let node = NodePrograms(
        busybox: "/bin/busybox", applets: ["sh", "cat", "cp", "sleep", "env"], installed: [:])
    static let withRedis = NodePrograms(
        busybox: "/bin/busybox", applets: ["sh"], installed: ["redis-server": "/usr/bin/redis-server"])

    static func resolve(
        _ image: String, command: [String] = [], args: [String] = [], on node: NodePrograms = node
    ) -> ContainerProgram {
        ContainerProgram.resolve(image: image, command: command, args: args, programs: node)
    }

    @Test("busybox applets run for catalogue images, by name or by a path in a bin directory")
    func applets() {
        #expect(Self.resolve("busybox", command: ["sh", "-c", "x"]) == .real(executable: "/bin/busybox", argv: ["sh", "-c", "x"]))
        #expect(Self.resolve("busybox:1.36", command: ["/bin/sh"], args: ["-c", "x"]) == .real(executable: "/bin/busybox", argv: ["/bin/sh", "-c", "x"]))
        #expect(Self.resolve("docker.io/library/alpine:3", command: ["/usr/bin/env"]) == .real(executable: "/bin/busybox", argv: ["/usr/bin/env"]))
        // Without an entrypoint, args[0] is the program.
        #expect(Self.resolve("busybox", args: ["sleep", "10"]) == .real(executable: "/bin/busybox", argv: ["sleep", "10"]))
    }

    @Test("a program a catalogue image does not have fails to start, as in a container runtime")
    func notFound() {
        #expect(Self.resolve("busybox", command: ["no-such-binary"]) == .notFound(message: "exec: \"no-such-binary\": executable file not found in $PATH"))
        #expect(Self.resolve("busybox", command: ["/opt/app/run"]) == .notFound(message: "exec: \"/opt/app/run\": stat /opt/app/run: no such file or directory"))
        #expect(Self.resolve("busybox", command: ["/opt/sh"]) == .notFound(message: "exec: \"/opt/sh\": stat /opt/sh: no such file or directory"))
    }

    @Test("images outside the catalogue are simulated, whatever their program; never looked up on the node")
    func unknownImages() {
        guard case .simulated(let reason) = Self.resolve("ghcr.io/flannel-io/flannel-cni-plugin:v1.9.1", command: ["cp"], args: ["-f", "/flannel", "/opt/cni/bin/flannel"]) else {
            Issue.record("expected a simulation")
            return
        }
        #expect(reason == "image \"ghcr.io/flannel-io/flannel-cni-plugin:v1.9.1\" is not in the runtime's catalogue: its program \"cp\" is simulated")
        guard case .simulated(let argsOnly) = Self.resolve("quay.io/prometheus/node-exporter:v1.12.1", args: ["--web.listen-address=127.0.0.1:9101"]) else {
            Issue.record("expected a simulation")
            return
        }
        #expect(argsOnly.contains("its entrypoint is unknown"))
        if case .real = Self.resolve("calico/cni:v3", command: ["/usr/bin/calico-ipam"]) { Issue.record("ran an image's program") }
        if case .real = Self.resolve("nginx", command: ["sh", "-c", "true"]) { Issue.record("ran a shell of an unknown image") }
    }

    @Test("no command: the catalogue's default, else simulated (busybox without command keeps running)")
    func defaults() {
        guard case .simulated(let reason) = Self.resolve("busybox") else {
            Issue.record("expected a simulation")
            return
        }
        #expect(reason == "no command: the default process of image \"busybox\" is simulated")
        #expect(Self.resolve("redis:7", on: Self.withRedis) == .real(executable: "/usr/bin/redis-server", argv: ["redis-server"]))
        guard case .simulated(let missing) = Self.resolve("redis") else {
            Issue.record("expected a simulation")
            return
        }
        #expect(missing == "\"redis-server\" is not installed on this node: simulated")
    }

    @Test("the redis entrypoint gives option arguments to redis-server and runs anything else as it is")
    func redisEntrypoint() {
        #expect(Self.resolve("redis", args: ["--port", "7000"], on: Self.withRedis) == .real(executable: "/usr/bin/redis-server", argv: ["redis-server", "--port", "7000"]))
        #expect(Self.resolve("redis", args: ["sh", "-c", "true"], on: Self.withRedis) == .real(executable: "/bin/busybox", argv: ["sh", "-c", "true"]))
    }

    @Test("a node without busybox simulates what only busybox could run")
    func withoutBusybox() {
        let bare = NodePrograms(busybox: nil, applets: [], installed: [:])
        guard case .simulated = Self.resolve("busybox", command: ["sh"], on: bare) else {
            Issue.record("expected a simulation")
            return
        }
    }

    @Test("exec: applets for any image, the image's catalogue programs, nothing from the node's PATH")
    func exec() {
        let entry = ImageCatalogue.standard.entry(for: "redis:7")
        #expect(ContainerProgram.program(["cat", "/etc/x"], providedBy: nil, programs: Self.node) == .real(executable: "/bin/busybox", argv: ["cat", "/etc/x"]))
        #expect(ContainerProgram.program(["redis-server"], providedBy: entry, programs: Self.withRedis) == .real(executable: "/usr/bin/redis-server", argv: ["redis-server"]))
        #expect(ContainerProgram.program(["python3"], providedBy: nil, programs: Self.node) == .notFound(message: "exec: \"python3\": executable file not found in $PATH"))
    }

    @Test("init containers and Jobs' simulated containers complete; long-running pods' keep running")
    func simulationCompletes() {
        let context = PodEnvironmentContext(hostIP: "10.0.0.1", podIP: "10.244.1.2")
        let container = Container(name: "c", image: "quay.io/app:1", command: ["/app"])
        for (policy, role, completes) in [
            ("Always", ContainerRole.app, false), ("", .app, false), ("Never", .app, true), ("OnFailure", .app, true),
            ("Always", .initContainer, true), ("Always", .sidecar, false),
        ] {
            let pod = Fixture.pod("p", containers: [container], restartPolicy: policy)
            let launch = ContainerLaunch.make(
                pod: pod, container: container, role: role, runID: "r", attempt: 0, context: context)
            #expect(launch.isSimulated)
            #expect(launch.simulationCompletes == completes, "\(policy) \(role)")
        }
    }
}
