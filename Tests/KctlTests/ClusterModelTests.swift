import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

@Suite struct ClusterModelTests {
    static func state(nodes: [NodeRecord] = []) -> ClusterState {
        ClusterState(
            name: "t1", runtime: .process, createdAt: "2026-01-02T03:04:05Z", timing: .defaults, subnet: 2,
            kubeconfigPath: "/home/u/.kctl/config",
            controlPlane: ControlPlaneRecord(pid: 41, port: 6443, bootstrapPort: 6444, running: true), nodes: nodes)
    }

    @Test func state_roundTripsThroughClusterJSON_withReadableKeys() throws {
        let original = Self.state(nodes: [
            NodeRecord(name: "n1", index: 1, ip: "127.0.2.1", pid: 42, state: .running),
            NodeRecord(
                name: "gpu", index: 2, ip: "127.0.2.2", state: .killed, partitioned: true, labels: "a=b",
                taints: "k=v:NoSchedule", runtimeData: ["container": "abc"]),
        ])
        let data = try original.encoded()
        #expect(try ClusterState.decode(data) == original)
        let json = try JSONValue(jsonData: data)
        #expect(json["runtime"] == "process")
        #expect(json[path: ["controlPlane", "port"]] == 6443)
        #expect(json[path: ["timing", "nodeLeaveTimeout"]] == "6s")
        #expect(json["nodes"]?.arrayValue?.first?["pid"] == 42)
        #expect(json["nodes"]?.arrayValue?.last?["state"] == "killed")
        #expect(String(decoding: data, as: UTF8.self).contains("\"kubeconfigPath\" : \"/home/u/.kctl/config\""))
    }

    @Test func node_lookupAndUpdate() throws {
        var state = Self.state(nodes: [NodeRecord(name: "n1", index: 1, ip: "127.0.2.1")])
        #expect(try state.node("n1").ip == "127.0.2.1")
        #expect(throws: ClusterError.nodeNotFound(node: "n9", cluster: "t1")) { try state.node("n9") }
        state.updateNode("n1") { $0.state = .paused }
        state.updateNode("n9") { $0.state = .killed }
        #expect(state.nodes.map(\.state) == [.paused])
        #expect(state.contextName == "kcluster-t1")
    }

    @Test func addressing_namesAddressesAndSubnets() throws {
        #expect(NodeAddressing.name(index: 3) == "n3")
        #expect(NodeAddressing.ip(subnet: 1, index: 3) == "127.0.1.3")
        #expect(NodeAddressing.freeSubnet(taken: []) == 1)
        #expect(NodeAddressing.freeSubnet(taken: [1, 2, 4]) == 3)
        #expect(NodeAddressing.freeSubnet(taken: Set(1...254)) == nil)
    }

    @Test func addressing_nextNode_followsTheHighestIndex_andSkipsTakenDefaultNames() throws {
        var state = Self.state()
        #expect(try NodeAddressing.nextNode(in: state) == (1, "n1"))
        state.nodes = [
            NodeRecord(name: "n1", index: 1, ip: ""), NodeRecord(name: "n3", index: 2, ip: ""),
            NodeRecord(name: "n2", index: 3, ip: ""),
        ]
        #expect(try NodeAddressing.nextNode(in: state) == (4, "n4"))
        state.nodes.append(NodeRecord(name: "n5", index: 4, ip: ""))
        #expect(try NodeAddressing.nextNode(in: state) == (6, "n6"))
        #expect(try NodeAddressing.nextNode(in: state, name: "gpu") == (5, "gpu"))
        #expect(throws: ClusterError.nodeAlreadyExists(node: "n3", cluster: "t1")) {
            try NodeAddressing.nextNode(in: state, name: "n3")
        }
        state.nodes = [NodeRecord(name: "last", index: 254, ip: "")]
        #expect(throws: ClusterError.invalidArgument("cluster \"t1\" has no address left: at most 254 nodes")) {
            try NodeAddressing.nextNode(in: state)
        }
    }

    @Test func runtimeKind_parse() throws {
        #expect(try RuntimeKind.parse("process") == .process)
        #expect(try RuntimeKind.parse("Docker") == .docker)
        #expect(throws: ClusterError.unknownRuntime("podman")) { try RuntimeKind.parse("podman") }
        #expect(
            ClusterError.unknownRuntime("podman").description
                == "unknown runtime \"podman\": expected one of process, docker")
    }

    @Test func runtimeSelection_isOneSwitchOverTheKind() throws {
        let paths = ClusterPaths(root: URL(fileURLWithPath: "/nonexistent"))
        #expect(try ClusterRuntimes.make(.process, paths: paths).kind == .process)
        #expect(try ClusterRuntimes.make(.docker, paths: paths).kind == .docker)
    }

    @Test func errors_readLikeKind() {
        #expect(ClusterError.alreadyExists("x").description == "cluster \"x\" already exists")
        #expect(ClusterError.notFound("x").description == "cluster \"x\" not found")
        #expect(
            ClusterError.nodeNotFound(node: "n9", cluster: "x").description == "node \"n9\" not found in cluster \"x\"")
        #expect(ErrorReporting.render(ClusterError.alreadyExists("x")) == "error: cluster \"x\" already exists")
        #expect(ClusterError.binaryNotFound("kubeletd").description.hasPrefix("cannot find the kubeletd binary"))
    }

    @Test func paths_layOutTheStateDirectory() {
        let paths = ClusterPaths(home: URL(fileURLWithPath: "/home/u", isDirectory: true))
        #expect(paths.root.path == "/home/u/.kctl/clusters")
        #expect(paths.stateFile("t1").path == "/home/u/.kctl/clusters/t1/cluster.json")
        #expect(paths.controlPlaneDirectory("t1").path == "/home/u/.kctl/clusters/t1/controlplane")
        #expect(paths.nodeDirectory("t1", node: "n2").path == "/home/u/.kctl/clusters/t1/nodes/n2")
        #expect(paths.controlPlaneLog("t1").path == "/home/u/.kctl/clusters/t1/logs/controlplane.log")
        #expect(paths.nodeLog("t1", node: "n2").path == "/home/u/.kctl/clusters/t1/logs/n2.log")
        #expect(paths.lockFile("t1").path == "/home/u/.kctl/clusters/.t1.lock")
        #expect(ClusterPaths.homeDirectory(environment: ["HOME": "/tmp/h"]).path == "/tmp/h")
    }
}
