import Foundation
import Testing
import Wire

@testable import ControlPlane

@Suite struct DaemonSetScratchPerfTests: DaemonSetTestFixtures {
    @Test func fiveThousandNodes() {
        let ds = makeDaemonSet()
        let nodes = (0..<5000).map { makeNode("node-\($0)") }
        let pods = (0..<5000).map { makePod("p\($0)", on: "node-\($0)", of: ds) }
        let clock = ContinuousClock()
        var backoff = FailedPodBackoff()
        var actions: [DaemonSetAction] = []
        let elapsed = clock.measure {
            actions = sync(ds, nodes: nodes, pods: pods, backoff: &backoff)
        }
        let empty = clock.measure { _ = sync(ds, nodes: nodes, pods: [], backoff: &backoff) }
        print("PERF steady \(elapsed) actions \(actions.count); fresh \(empty)")
    }
}
