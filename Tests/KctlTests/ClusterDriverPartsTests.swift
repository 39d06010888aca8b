import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// The pure parts the process runtime's drivers rely on.
@Suite struct ClusterDriverPartsTests {
    @Test func readinessLines_parseBothAddresses_laterLinesWin() {
        let text = """
            2026 info something
            controlplane bootstrap listening on 127.0.0.1:40001
            controlplane listening on 127.0.0.1:40002
            controlplane listening on 127.0.0.1:40003

            """
        let lines = ReadinessLines.parse(text)
        #expect(lines.bootstrap == ServerAddress(host: "127.0.0.1", port: 40001))
        #expect(lines.api == ServerAddress(host: "127.0.0.1", port: 40003))
        #expect(lines.isComplete)
        #expect(!ReadinessLines.parse("controlplane listening on 127.0.0.1:40002\n").isComplete)
        #expect(ReadinessLines.parse("controlplane listening on 127.0.0.1:0\n").api == nil)
    }

    @Test func nodeReadiness_fromANodeList() {
        let list: JSONValue = [
            "items": [
                ["metadata": ["name": "n1"], "status": ["conditions": [["type": "Ready", "status": "True"]]]],
                ["metadata": ["name": "n2"], "status": ["conditions": [["type": "Ready", "status": "Unknown"]]]],
                ["metadata": ["name": "n4"]],
            ]
        ]
        let readiness = NodeReadiness.readiness(list)
        #expect(readiness == ["n1": true, "n2": false, "n4": false])
        #expect(
            NodeReadiness.pending(["n1", "n2", "n3"], readiness: readiness)
                == ["n2 (NotReady)", "n3 (not registered)"])
        #expect(NodeReadiness.pending(["n1"], readiness: readiness).isEmpty)
        #expect(NodeReadiness.readiness(nil).isEmpty)
    }

    @Test func loopbackPartition_dropsTrafficFromAndToTheNodeAddress() {
        #expect(
            LoopbackPartition.insertCommands(nodeIP: "127.0.1.2") == [
                ["-w", "-I", "INPUT", "-s", "127.0.1.2", "-j", "DROP"],
                ["-w", "-I", "OUTPUT", "-d", "127.0.1.2", "-j", "DROP"],
            ])
        #expect(LoopbackPartition.deleteCommands(nodeIP: "127.0.1.2").map { $0[1] } == ["-D", "-D"])
        #expect(
            LoopbackPartition.unavailableMessage
                == "partition-node needs iptables (root) in process mode; use --runtime docker")
    }

    @Test func binaryLocator_prefersKctlsDirectory_thenPATH() throws {
        let available: Set<String> = ["/opt/kc/bin/kubeletd", "/usr/bin/controlplane", "/opt/kc/bin/controlplane"]
        let locator = BinaryLocator(
            executableDirectory: URL(fileURLWithPath: "/opt/kc/bin"), searchPath: "/usr/local/bin:/usr/bin",
            isExecutable: { available.contains($0) })
        #expect(try locator.locate("controlplane").path == "/opt/kc/bin/controlplane")
        let fromPath = BinaryLocator(
            executableDirectory: URL(fileURLWithPath: "/elsewhere"), searchPath: "/usr/local/bin::/usr/bin",
            isExecutable: { available.contains($0) })
        #expect(try fromPath.locate("controlplane").path == "/usr/bin/controlplane")
        #expect(throws: ClusterError.binaryNotFound("kubeletd")) { try fromPath.locate("kubeletd") }
    }
}
