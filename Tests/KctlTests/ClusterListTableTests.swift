import Testing

@testable import kctl

/// `kctl cluster list`'s table, from saved states.
@Suite struct ClusterListTableTests {
    static func cluster(
        _ name: String, runtime: RuntimeKind = .process, port: Int = 40100, controlPlaneRunning: Bool = true,
        nodes: [(NodeRunState, Bool)]
    ) -> ClusterState {
        ClusterState(
            name: name, runtime: runtime, createdAt: "2026-12-07T10:00:00Z", timing: .defaults, subnet: 1,
            kubeconfigPath: "",
            controlPlane: ControlPlaneRecord(port: port, running: controlPlaneRunning),
            nodes: nodes.enumerated().map { index, node in
                NodeRecord(name: "n\(index + 1)", index: index + 1, ip: "", state: node.0, partitioned: node.1)
            })
    }

    @Test func table_showsRuntimeReadyNodesStatesServerAndCurrent() {
        let clusters = [
            Self.cluster(
                "demo",
                nodes: [(.running, false), (.killed, false), (.running, true), (.paused, false), (.running, false)]),
            Self.cluster("alpha", runtime: .docker, port: 6443, nodes: [(.running, false)]),
            Self.cluster("empty", port: 0, controlPlaneRunning: false, nodes: []),
        ]
        #expect(
            ClusterListTable.render(clusters, currentContext: "kcluster-demo") == """
                NAME    RUNTIME   NODES   STATUS                                       SERVER            CURRENT
                alpha   docker    1/1     1 Ready                                      127.0.0.1:6443    \("")
                demo    process   2/5     2 Ready, 1 paused, 1 partitioned, 1 killed   127.0.0.1:40100   *
                empty   process   0/0     control plane stopped, no nodes              -                 \("")

                """)
        #expect(ClusterListTable.names(clusters) == "alpha\ndemo\nempty\n")
        #expect(ClusterListTable.render([], currentContext: "") == "")
    }

    @Test func nodeStates_areTheFaultVerbsWords() {
        #expect(
            [(NodeRunState.running, false), (.running, true), (.paused, true), (.stopped, false), (.exited, false)]
                .map {
                    ClusterListTable.nodeState(NodeRecord(name: "n", index: 1, ip: "", state: $0.0, partitioned: $0.1))
                }
                == ["Ready", "partitioned", "paused", "stopped", "exited"])
    }
}
