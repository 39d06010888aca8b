import Foundation
import KubeAPI
import Testing
import TestSupport
import Wire

/// The HTTPS front door's limits on a real control plane and kubelet, with the timeouts shortened by the control
/// plane's flags (`--http-request-timeout 1 --stalled-write-timeout 1`): a client that never finishes its headers
/// and a WebSocket exec client that never reads are each closed, while other clients are served meanwhile.
@Suite(.serialized)
struct HTTPLimitsEndToEndTests {
    static let manifest = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: chatty
        spec:
          nodeName: n1
          containers:
          - name: app
            image: busybox
            command: ["sh", "-c", "exec sleep 3600"]
        """

    /// Opens an exec of `yes` (endless output) over WebSocket v5.channel.k8s.io with the admin certificate, then
    /// does not read for 4 s; prints `closed` if the server then ends the connection, `open` if it still holds it.
    static let nonReader = """
        import base64, os, socket, ssl, sys, time
        ca, cert, key, port, marker = sys.argv[1:6]
        context = ssl.create_default_context(cafile=ca)
        context.load_cert_chain(cert, key)
        context.set_alpn_protocols(["http/1.1"])
        raw = socket.socket()
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        raw.connect(("127.0.0.1", int(port)))
        connection = context.wrap_socket(raw, server_hostname="localhost")
        key64 = base64.b64encode(os.urandom(16)).decode()
        connection.sendall((
            "GET /api/v1/namespaces/default/pods/chatty/exec?command=yes&container=app&stdout=true HTTP/1.1\\r\\n"
            "Host: localhost\\r\\nConnection: Upgrade\\r\\nUpgrade: websocket\\r\\nSec-WebSocket-Version: 13\\r\\n"
            f"Sec-WebSocket-Key: {key64}\\r\\nSec-WebSocket-Protocol: v5.channel.k8s.io\\r\\n\\r\\n").encode())
        head = b""
        while b"\\r\\n\\r\\n" not in head:
            head += connection.recv(1)
        if not head.startswith(b"HTTP/1.1 101"):
            print("refused", head)
            sys.exit(1)
        open(marker, "w").close()
        time.sleep(4)  # not reading while the command writes
        connection.settimeout(5)
        try:
            while connection.recv(65536):
                pass
            print("closed")
        except socket.timeout:
            print("open")
        """

    @Test func aSlowClientAndAWebSocketThatNeverReads_areClosed_andOthersAreServed() async throws {
        try await withTestCluster(
            nodes: 1, controlPlaneArguments: ["--http-request-timeout", "1", "--stalled-write-timeout", "1"]
        ) { cluster in
            let data = cluster.controlPlane.dataDirectory
            func file(_ name: String) -> String { data.appendingPathComponent(name).path }
            let port = cluster.controlPlane.port
            func curlVersion() async throws -> String {
                try await runCommand(
                    URL(fileURLWithPath: "/usr/bin/curl"),
                    ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", file("ca.crt"), "--cert", file("admin.crt"),
                     "--key", file("admin.key"), "https://localhost:\(port)/version"], timeout: .seconds(20)).stdout
            }

            // Headers never finished: closed after about a second.
            let started = ContinuousClock.now
            let slow = try await runCommand(
                URL(fileURLWithPath: "/usr/bin/openssl"),
                ["s_client", "-quiet", "-alpn", "http/1.1", "-connect", "127.0.0.1:\(port)", "-CAfile", file("ca.crt"),
                 "-cert", file("admin.crt"), "-key", file("admin.key")],
                stdin: "GET /version HTTP/1.1\r\nHost: localhost\r\n", timeout: .seconds(20))
            #expect(ContinuousClock.now - started < .seconds(10), "the slow client was not closed: \(slow)")
            #expect(!slow.stdout.contains("HTTP/1.1"))
            #expect(try await curlVersion() == "200")

            let created = try await cluster.kctl("apply", "-f", "-", stdin: Self.manifest)
            #expect(created.status == 0, "\(created)")
            try await eventually(within: .seconds(30), "chatty runs") { () -> Bool? in
                let pods = try await cluster.items("pods")
                return pods.contains { $0[path: ["status", "phase"]] == "Running" } ? true : nil
            }
            let marker = file("exec-open")
            async let reader = runCommand(
                URL(fileURLWithPath: "/usr/bin/python3"),
                ["-c", Self.nonReader, file("ca.crt"), file("admin.crt"), file("admin.key"), String(port), marker],
                timeout: .seconds(40))
            try await eventually(within: .seconds(15), "the exec is open") {
                FileManager.default.fileExists(atPath: marker) ? true : nil
            }
            // Served while the exec's writes are stalled.
            #expect(try await curlVersion() == "200")
            let listed = try await cluster.kctl("get", "pods")
            #expect(listed.status == 0 && listed.stdout.contains("chatty"), "\(listed)")
            let outcome = try await reader
            #expect(outcome.stdout == "closed\n", "\(outcome)")
            #expect(try await curlVersion() == "200")
        }
    }
}
