import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

@Suite struct RolloutStatusViewerTests {
    typealias F = RolloutFixtures

    private func status(_ object: JSONValue, _ kind: ResourceKind, revision: Int64 = 0) throws
        -> RolloutStatusViewer.Verdict
    {
        try RolloutStatusViewer.status(of: object, kind: kind, revision: revision)
    }

    @Test func daemonSet_messagesInKubectlOrder() throws {
        #expect(try status(F.daemonSet(generation: 3, observed: 2), .daemonSet)
            == .init(message: "Waiting for daemon set spec update to be observed...\n", done: false))
        #expect(try status(F.daemonSet(updated: 1, available: 2), .daemonSet) == .init(
            message: "Waiting for daemon set \"filebeat-ds\" rollout to finish: 1 out of 3 new pods have been updated...\n",
            done: false))
        #expect(try status(F.daemonSet(updated: 3, available: 2), .daemonSet) == .init(
            message: "Waiting for daemon set \"filebeat-ds\" rollout to finish: 2 of 3 updated pods are available...\n",
            done: false))
        #expect(try status(F.daemonSet(), .daemonSet)
            == .init(message: "daemon set \"filebeat-ds\" successfully rolled out\n", done: true))
    }

    @Test func daemonSet_onDelete_isRefused() throws {
        #expect(throws: RolloutError("rollout status is only available for RollingUpdate strategy type")) {
            try status(F.daemonSet(strategy: "OnDelete"), .daemonSet)
        }
        #expect(RolloutError("rollout status is only available for RollingUpdate strategy type").description
            == "error: rollout status is only available for RollingUpdate strategy type")
    }

    /// A Deployment as its status would read, built from the fixture.
    private func deployment(
        generation: Int64 = 1, observed: Int64? = 1, replicas: Int32? = 1, updated: Int32? = nil,
        total: Int32? = nil, available: Int32? = nil, progressingReason: String? = nil
    ) throws -> JSONValue {
        var d = try F.deployment().decode(as: Deployment.self)
        d.metadata.generation = generation
        d.spec.replicas = replicas
        d.status.observedGeneration = observed
        d.status.updatedReplicas = updated
        d.status.replicas = total
        d.status.availableReplicas = available
        if let progressingReason {
            d.status.conditions = [DeploymentCondition(type: "Progressing", status: "False", reason: progressingReason)]
        }
        return try JSONValue(encoding: d)
    }

    @Test func deployment_messagesAsPolymorphicHelpers() throws {
        let prefix = "Waiting for deployment \"redis\" rollout to finish: "
        #expect(try status(deployment(generation: 2, observed: 1), .deployment)
            == .init(message: "Waiting for deployment spec update to be observed...\n", done: false))
        #expect(try status(deployment(replicas: 2, updated: 1, total: 1), .deployment)
            == .init(message: prefix + "1 out of 2 new replicas have been updated...\n", done: false))
        #expect(try status(deployment(updated: 1, total: 2, available: 1), .deployment)
            == .init(message: prefix + "1 old replicas are pending termination...\n", done: false))
        #expect(try status(deployment(updated: 1, total: 1), .deployment)
            == .init(message: prefix + "0 of 1 updated replicas are available...\n", done: false))
        #expect(try status(deployment(updated: 1, total: 1, available: 1), .deployment)
            == .init(message: "deployment \"redis\" successfully rolled out\n", done: true))
        #expect(throws: RolloutError("deployment \"redis\" exceeded its progress deadline")) {
            try status(deployment(updated: 1, total: 1, progressingReason: "ProgressDeadlineExceeded"), .deployment)
        }
    }

    @Test func deployment_revisionPin() throws {
        let d = try deployment(updated: 1, total: 1, available: 1)
        #expect(try status(d, .deployment, revision: 2).done)
        #expect(throws: RolloutError("desired revision (1) is different from the running revision (2)")) {
            try status(d, .deployment, revision: 1)
        }
    }

    @Test func otherKinds_haveNoStatusViewer() {
        #expect(throws: RolloutError("no status viewer has been implemented for Pod")) {
            try RolloutStatusViewer.check(.pod)
        }
        #expect(throws: RolloutError("no status viewer has been implemented for ReplicaSet.apps")) {
            try RolloutStatusViewer.check(.replicaSet)
        }
    }

    @Test func statusArguments_watchFlagForms() throws {
        #expect(try RolloutStatusArguments.parse(["ds/filebeat-ds"]) == .init(resources: ["ds/filebeat-ds"], watch: true))
        #expect(try RolloutStatusArguments.parse(["ds", "x", "--watch=false"]).watch == false)
        #expect(try RolloutStatusArguments.parse(["-w=0", "ds/x"]) == .init(resources: ["ds/x"], watch: false))
        #expect(try RolloutStatusArguments.parse(["--watch=false", "-w", "ds/x"]).watch)
        #expect(throws: RolloutError(
            "invalid argument \"maybe\" for \"-w, --watch\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax"))
        {
            try RolloutStatusArguments.parse(["--watch=maybe"])
        }
        #expect(throws: RolloutError("unknown flag: --follow")) { try RolloutStatusArguments.parse(["--follow"]) }
        #expect(throws: RolloutError("unknown shorthand flag: 'x' in -x")) { try RolloutStatusArguments.parse(["-x"]) }
    }

    @Test func statusArguments_timeout() throws {
        #expect(try RolloutStatusArguments.timeout("0s") == nil)
        #expect(try RolloutStatusArguments.timeout("1m30s") == .seconds(90))
        #expect(throws: RolloutError("invalid argument \"soon\" for \"--timeout\" flag: time: invalid duration \"soon\"")) {
            try RolloutStatusArguments.timeout("soon")
        }
    }
}
