import Foundation
import KubeAPI
import NIOSSL
import Synchronization
import Testing
import TestSupport
import Wire

#if canImport(Glibc)
    import Glibc
#endif

/// `kctl logs` and `kctl exec` against real binaries: kctl → control plane → the node's kubelet endpoint → the
/// container's process (or a simulated container's context).
@Suite(.serialized)
struct LogsExecEndToEndTests {
    /// `talker` prints two lines, then a third once a file `stop` appears in its working directory (which
    /// `kctl exec` shares); `side` is simulated. `daemon` runs a simulated pod on every node.
    static let manifest = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: talker
        spec:
          nodeName: n1
          containers:
          - name: app
            image: busybox
            command: ["sh", "-c", "echo one; echo two; while [ ! -f stop ]; do sleep 0.05; done; echo three; exec sleep 3600"]
            env:
            - name: GREETING
              value: hello
          - name: side
            image: nginx:1.14
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: sim
        spec:
          containers:
          - name: web
            image: nginx:1.14
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: daemon
        spec:
          selector:
            matchLabels: {app: daemon}
          template:
            metadata:
              labels: {app: daemon}
            spec:
              containers:
              - name: agent
                image: busybox
                command: ["sh", "-c", "echo agent on $NODE; exec sleep 3600"]
                env:
                - name: NODE
                  valueFrom:
                    fieldRef: {fieldPath: spec.nodeName}
        """

    /// Applies the manifest and waits until every pod (two, and a daemon pod per node) runs.
    static func setUp(_ cluster: TestCluster, nodes: Int) async throws {
        let applied = try await cluster.kctl("apply", "-f", "-", stdin: manifest)
        #expect(applied.status == 0, "\(applied)")
        try await eventually(within: .seconds(20), "every pod Running") { () -> Bool? in
            let pods = try await cluster.items("pods")
            let running = pods.filter { $0[path: ["status", "phase"]]?.stringValue == "Running" }
            return pods.count == 2 + nodes && running.count == pods.count ? true : nil
        }
    }

    @Test func logs_showTheOutput_followSeesLaterLines_andTailCuts() async throws {
        try await withTestCluster(nodes: 2) { cluster in
            try await Self.setUp(cluster, nodes: 2)
            let logs = try await eventually(within: .seconds(10), "two lines logged") { () -> CommandResult? in
                let result = try await cluster.kctl("logs", "talker")
                return result.stdout == "one\ntwo\n" ? result : nil
            }
            #expect(logs.status == 0)
            #expect(logs.stderr == "Defaulted container \"app\" out of: app, side\n")
            let tail = try await cluster.kctl("logs", "talker", "-c", "app", "--tail", "1")
            #expect(tail.stdout == "two\n" && tail.stderr.isEmpty, "\(tail)")
            let stamped = try await cluster.kctl("logs", "talker", "-c", "app", "--timestamps", "--since", "1h")
            #expect(stamped.stdout.split(separator: "\n").map { $0.dropFirst(31) } == ["one", "two"], "\(stamped)")

            let follower = try ChildProcess(
                try BuiltProducts.url(for: "kctl"),
                ["--kubeconfig", cluster.controlPlane.kubeconfig, "logs", "-f", "talker", "-c", "app"],
                name: "kctl-logs-f")
            _ = try await follower.waitForLine(containing: "two")
            let touched = try await cluster.kctl("exec", "talker", "-c", "app", "--", "touch", "stop")
            #expect(touched.status == 0 && touched.stdout.isEmpty && touched.stderr.isEmpty, "\(touched)")
            _ = try await follower.waitForLine(containing: "three")
            #expect(follower.isRunning)
            await follower.stop()
            #expect(follower.capturedOutput == "one\ntwo\nthree\n")

            let daemon = try await cluster.kctl("logs", "ds/daemon")
            #expect(daemon.status == 0, "\(daemon)")
            #expect(daemon.stdout.hasPrefix("agent on n"), "\(daemon)")
            #expect(daemon.stderr.hasPrefix("Found 2 pods, using pod/daemon-"), "\(daemon)")

            let wrong = try await cluster.kctl("logs", "talker", "-c", "nope")
            #expect(wrong.status == 1)
            #expect(wrong.stderr == "error: container nope is not valid for pod talker\n")
            let missing = try await cluster.kctl("logs", "ghost")
            // kubectl 1.32's own wording for logs.
            #expect(
                missing.stderr
                    == "error: error from server (NotFound): pods \"ghost\" not found in namespace \"default\"\n")
        }
    }

    @Test func exec_runsInTheContainer_withItsEnvAndExitCode_stdin_andSimulatedContainers() async throws {
        try await withTestCluster(nodes: 1) { cluster in
            try await Self.setUp(cluster, nodes: 1)
            let failed = try await cluster.kctl("exec", "talker", "-c", "app", "--", "sh", "-c", "echo $GREETING; exit 3")
            #expect(failed.status == 3)
            #expect(failed.stdout == "hello\n")
            #expect(failed.stderr == "command terminated with exit code 3\n")

            let piped = try await cluster.kctl(
                "exec", "-i", "talker", "-c", "app", "--", "sh", "-c", "cat; echo done", stdin: "piped\n")
            #expect(piped.status == 0, "\(piped)")
            #expect(piped.stdout == "piped\ndone\n")

            let noTerminal = try await cluster.kctl("exec", "-it", "sim", "--", "sh", "-c", "cat", stdin: "x")
            #expect(noTerminal.stdout == "x")
            #expect(noTerminal.stderr == "Unable to use a TTY - input is not a terminal or the right kind of file\n")

            let simulated = try await cluster.kctl("exec", "sim", "--", "sh", "-c", "echo $HOSTNAME; echo oops >&2")
            #expect(simulated.status == 0, "\(simulated)")
            #expect(simulated.stdout == "sim\n")
            #expect(simulated.stderr == "oops\n")

            let defaulted = try await cluster.kctl("exec", "talker", "--", "true")
            #expect(defaulted.status == 0)
            #expect(defaulted.stderr == "Defaulted container \"app\" out of: app, side\n")

            let wrong = try await cluster.kctl("exec", "talker", "-c", "nope", "--", "true")
            #expect(wrong.status == 1)
            #expect(wrong.stderr == "Error from server (BadRequest): container nope is not valid for pod talker\n")
            let notFound = try await cluster.kctl("exec", "talker", "-c", "app", "--", "no-such-program")
            #expect(notFound.status == 1)
            #expect(notFound.stderr == "error: Internal error occurred: error executing command in container: "
                + "exec: \"no-such-program\": executable file not found in $PATH\n")
        }
    }

    @Test func onlyAdministratorsGetLogsAndExec_andTheKubeletServesOnlyTheControlPlane() async throws {
        // The node stays in the cluster long after it is killed, at the end.
        try await withTestCluster(nodes: 1, controlPlaneArguments: ["--node-leave-timeout", "60s"]) { cluster in
            try await Self.setUp(cluster, nodes: 1)
            // A node may read its own pods, but not their logs.
            let asNode = try await cluster.kctl(as: try cluster.nodeKubeconfig("n1"), "logs", "talker", "-c", "app")
            #expect(asNode.status == 1)
            #expect(asNode.stderr == "Error from server (Forbidden): pods \"talker\" is forbidden: User \"system:node:n1\" "
                + "cannot get resource \"pods/log\" in API group \"\" in the namespace \"default\"\n")

            // The kubelet endpoint the node reports refuses the administrator and the node itself.
            let node = try #require(try await cluster.items("node", "n1").first)
            let host = try #require(
                node[path: ["status", "addresses"]]?.arrayValue?.first { $0["type"] == "InternalIP" }?["address"]?
                    .stringValue)
            let port = try #require(node[path: ["status", "daemonEndpoints", "kubeletEndpoint", "Port"]]?.intValue)
            #expect(port > 0)
            let data = cluster.controlPlane.dataDirectory
            func read(_ path: String) throws -> String {
                try String(contentsOf: data.appendingPathComponent(path), encoding: .utf8)
            }
            let ca = try read("ca.crt")
            let identities: [(CertificateKeyPair, String)] = [
                (CertificateKeyPair(certificatePEM: try read("admin.crt"), privateKeyPEM: try read("admin.key")),
                 "kubernetes-admin"),
                (CertificateKeyPair(certificatePEM: try read("nodes/n1/kubelet.crt"), privateKeyPEM: try read("nodes/n1/kubelet.key")),
                 "system:node:n1"),
            ]
            for (pair, user) in identities {
                let status = try await WireClient.withConnection(
                    host: host, port: Int(port), tls: try KubeletPKI.clientTLS(pair, caPEM: ca), serverHostname: nil,
                    agent: "tests", verifyServer: KubeletPKI.kubeletServerCheck(caPEM: ca, nodeName: "n1")
                ) { client -> Status? in
                    var request = Request(verb: .get, kind: "Pod", namespace: "default", name: "talker")
                    request.subresource = "log"
                    request.container = "app"
                    do {
                        let stream = client.stream(request)
                        while try await stream.next() != nil {}
                        return nil
                    } catch let status as Status {
                        return status
                    }
                }
                #expect(status?.code == 403)
                #expect(status?.message == "Forbidden (user=\(user), verb=get, resource=nodes, subresource=proxy)")
            }
            // The control plane's own kubelet client is served.
            let client = CertificateKeyPair(
                certificatePEM: try read("apiserver-kubelet-client.crt"),
                privateKeyPEM: try read("apiserver-kubelet-client.key"))
            let served = try await WireClient.withConnection(
                host: host, port: Int(port), tls: try KubeletPKI.clientTLS(client, caPEM: ca), serverHostname: nil,
                agent: "tests", verifyServer: KubeletPKI.kubeletServerCheck(caPEM: ca, nodeName: "n1")
            ) { client -> String in
                var request = Request(verb: .get, kind: "Pod", namespace: "default", name: "talker")
                request.subresource = "log"
                request.container = "app"
                let stream = client.stream(request)
                var text = ""
                while let chunk = try await stream.next() { text += String(decoding: chunk.bytes, as: UTF8.self) }
                return text
            }
            #expect(served == "one\ntwo\n")

            // A node that is down: the control plane cannot dial its kubelet.
            cluster.node("n1")?.signal(SIGKILL)
            _ = try await cluster.node("n1")?.waitForExit()
            let down = try await cluster.kctl("logs", "talker", "-c", "app")
            #expect(down.status == 1)
            #expect(
                down.stderr == "Error from server: error dialing backend: dial tcp \(host):\(port): connect: connection refused\n",
                "\(down)")
            let downExec = try await cluster.kctl("exec", "talker", "-c", "app", "--", "true")
            #expect(downExec.status == 1)
            #expect(downExec.stderr.hasPrefix("Error from server: error dialing backend: "), "\(downExec)")
        }
    }

    @Test func execIT_givesAnInteractiveShell_onKctlsTerminal() async throws {
        try await withTestCluster(nodes: 1) { cluster in
            try await Self.setUp(cluster, nodes: 1)
            let terminal = try TestTerminal(rows: 30, columns: 100)
            let session = try terminal.run(
                try BuiltProducts.url(for: "kctl"),
                ["--kubeconfig", cluster.controlPlane.kubeconfig, "exec", "-it", "talker", "-c", "app", "--", "/bin/sh"])
            defer { if session.isRunning { session.terminate() } }
            terminal.type("echo \"[$GREETING]\"; tty; stty size\r")
            try await terminal.waitFor("30 100")
            #expect(terminal.output.contains("[hello]"))
            #expect(terminal.output.contains("/dev/pts/"))
            // Ctrl-C reaches the shell's foreground job: the terminal is its controlling terminal.
            terminal.type("sleep 60; echo slept\r")
            try await terminal.waitFor("sleep 60; echo slept")
            terminal.type("\u{03}")
            terminal.type("echo after-interrupt\r")
            try await terminal.waitFor("after-interrupt\r\n")
            // Only the echo of the typed line: `echo slept` never ran.
            #expect(terminal.output.components(separatedBy: "slept\r\n").count == 2)
            terminal.type("exit 5\r")
            try await eventually(within: .seconds(10), "kctl to exit") { session.isRunning ? nil : true }
            #expect(session.terminationStatus == 5)
            try await terminal.waitFor("command terminated with exit code 5")
            // kctl put its terminal back in cooked mode.
            #expect(terminal.isCanonical)
        }
    }
}

/// A pseudo-terminal for driving kctl as a user at a terminal would: kctl gets the slave as stdin, stdout and
/// stderr; the test types into the master and reads what kctl shows.
final class TestTerminal: Sendable {
    private let master: CInt
    private let slave: CInt
    private let received = LockedOutput()

    init(rows: UInt16, columns: UInt16) throws {
        typealias DescriptorCall = @convention(c) (CInt) -> CInt
        typealias NameCall = @convention(c) (CInt, UnsafeMutablePointer<CChar>?, Int) -> CInt
        let library = dlopen(nil, RTLD_NOW)
        guard let openpt = dlsym(library, "posix_openpt"), let unlock = dlsym(library, "unlockpt"),
            let name = dlsym(library, "ptsname_r")
        else { throw HarnessError("no pseudo-terminal support") }
        master = unsafeBitCast(openpt, to: DescriptorCall.self)(O_RDWR | O_NOCTTY | O_CLOEXEC)
        var buffer = [CChar](repeating: 0, count: 128)
        guard master >= 0, unsafeBitCast(unlock, to: DescriptorCall.self)(master) == 0,
            unsafeBitCast(name, to: NameCall.self)(master, &buffer, buffer.count) == 0
        else { throw HarnessError("cannot open a pseudo-terminal") }
        let path = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        slave = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else { throw HarnessError("cannot open \(path)") }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        close(master)
        close(slave)
    }

    /// Starts `executable` on the terminal.
    func run(_ executable: URL, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    /// Types `text`.
    func type(_ text: String) {
        _ = text.withCString { write(master, $0, strlen($0)) }
    }

    /// Everything shown so far.
    var output: String {
        drain()
        return received.text
    }

    /// Waits until the terminal has shown `text`.
    func waitFor(_ text: String) async throws {
        do {
            try await eventually(within: .seconds(15), "the terminal to show \(text.debugDescription)") {
                output.contains(text) ? true : nil
            }
        } catch {
            throw HarnessError("\(error)\nterminal:\n\(output.debugDescription)")
        }
    }

    /// Whether the terminal is in canonical (cooked) mode.
    var isCanonical: Bool {
        var attributes = termios()
        tcgetattr(slave, &attributes)
        return attributes.c_lflag & tcflag_t(ICANON) != 0
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(master, &buffer, buffer.count)
            guard count > 0 else { return }
            received.append(String(decoding: buffer[..<count], as: UTF8.self))
        }
    }
}

/// Text appended and read under a lock.
final class LockedOutput: Sendable {
    private let storage = Mutex("")
    func append(_ more: String) { storage.withLock { $0 += more } }
    var text: String { storage.withLock { $0 } }
}
