import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// Pod fixtures: `containerStatuses` entries and whole pods.
private enum PodFixture {
    static func running(ready: Bool = true, restarts: Int64 = 0, lastFinished: String? = nil) -> JSONValue {
        var status: JSONValue = [
            "name": "app", "ready": .bool(ready), "restartCount": .int(restarts),
            "state": ["running": ["startedAt": "2026-11-24T21:40:12Z"]],
        ]
        if let lastFinished {
            status["lastState"] = [
                "terminated": ["exitCode": 1, "reason": "Error", "finishedAt": .string(lastFinished)]
            ]
        }
        return status
    }

    static func waiting(_ reason: String, restarts: Int64 = 0) -> JSONValue {
        [
            "name": "app", "ready": false, "restartCount": .int(restarts),
            "state": ["waiting": ["reason": .string(reason)]],
        ]
    }

    static func terminated(exitCode: Int64, reason: String?, signal: Int64 = 0) -> JSONValue {
        var terminated: JSONValue = ["exitCode": .int(exitCode), "signal": .int(signal)]
        if let reason { terminated["reason"] = .string(reason) }
        return ["name": "app", "ready": false, "restartCount": 0, "state": ["terminated": terminated]]
    }

    static func pod(
        phase: String, containers: [JSONValue] = [], initContainers: [JSONValue] = [], initSpecs: [JSONValue] = [],
        conditions: [JSONValue] = [], deleting: Bool = false, reason: String? = nil, containerCount: Int = 1
    ) -> JSONValue {
        var metadata: JSONValue = ["name": "p", "namespace": "default", "creationTimestamp": "2026-11-24T21:40:12Z"]
        if deleting { metadata["deletionTimestamp"] = "2026-11-24T21:45:00Z" }
        var status: JSONValue = ["phase": .string(phase), "conditions": .array(conditions)]
        if !containers.isEmpty { status["containerStatuses"] = .array(containers) }
        if !initContainers.isEmpty { status["initContainerStatuses"] = .array(initContainers) }
        if let reason { status["reason"] = .string(reason) }
        let specs = (0..<containerCount).map { i -> JSONValue in ["name": .string("c\(i)"), "image": "busybox"] }
        return [
            "metadata": metadata,
            "spec": ["containers": .array(specs), "initContainers": .array(initSpecs)],
            "status": status,
        ]
    }

    static func condition(_ type: String, _ status: String) -> JSONValue {
        ["type": .string(type), "status": .string(status)]
    }
}

@Suite("PodStatusPrinter")
struct PodStatusTests {
    fileprivate typealias F = PodFixture

    @Test func pending_noContainerStatuses() {
        let pod = F.pod(phase: "Pending")
        #expect(PodStatusPrinter.status(pod: pod) == "Pending")
        #expect(PodStatusPrinter.summary(pod: pod).ready == "0/1")
    }

    @Test(arguments: ["ContainerCreating", "CrashLoopBackOff", "ErrImagePull", "ImagePullBackOff"])
    func waitingReason_isTheStatus(reason: String) {
        let pod = F.pod(phase: reason == "ContainerCreating" ? "Pending" : "Running", containers: [F.waiting(reason)])
        #expect(PodStatusPrinter.status(pod: pod) == reason)
        #expect(PodStatusPrinter.summary(pod: pod).ready == "0/1")
    }

    @Test func running_readyContainer() {
        let pod = F.pod(phase: "Running", containers: [F.running()], conditions: [F.condition("Ready", "True")])
        let summary = PodStatusPrinter.summary(pod: pod)
        #expect(summary.status == "Running")
        #expect(summary.ready == "1/1")
        #expect(summary.restartsCell(now: Date()) == "0")
    }

    @Test func running_notReadyContainer_countsZeroReady() {
        let pod = F.pod(phase: "Running", containers: [F.running(ready: false)])
        #expect(PodStatusPrinter.summary(pod: pod).ready == "0/1")
        #expect(PodStatusPrinter.status(pod: pod) == "Running")
    }

    @Test func completed_exitZero() {
        let pod = F.pod(phase: "Succeeded", containers: [F.terminated(exitCode: 0, reason: "Completed")])
        #expect(PodStatusPrinter.status(pod: pod) == "Completed")
    }

    @Test func error_nonZeroExit() {
        let pod = F.pod(phase: "Failed", containers: [F.terminated(exitCode: 1, reason: "Error")])
        #expect(PodStatusPrinter.status(pod: pod) == "Error")
    }

    @Test func terminatedWithoutReason_showsExitCodeOrSignal() {
        let exit = F.pod(phase: "Failed", containers: [F.terminated(exitCode: 3, reason: nil)])
        #expect(PodStatusPrinter.status(pod: exit) == "ExitCode:3")
        let signal = F.pod(phase: "Failed", containers: [F.terminated(exitCode: 137, reason: "", signal: 9)])
        #expect(PodStatusPrinter.status(pod: signal) == "Signal:9")
    }

    @Test func lastContainerScannedWins_firstContainerReasonReported() {
        // kubectl scans app containers from last to first, so the first container's reason ends up shown.
        let pod = F.pod(
            phase: "Running", containers: [F.waiting("CrashLoopBackOff"), F.running()], containerCount: 2)
        let summary = PodStatusPrinter.summary(pod: pod)
        #expect(summary.status == "CrashLoopBackOff")
        #expect(summary.ready == "1/2")
    }

    @Test func completedWithRunningContainer_runningOrNotReady() {
        let containers = [F.terminated(exitCode: 0, reason: "Completed"), F.running()]
        let ready = F.pod(
            phase: "Running", containers: containers, conditions: [F.condition("Ready", "True")], containerCount: 2)
        #expect(PodStatusPrinter.status(pod: ready) == "Running")
        let notReady = F.pod(
            phase: "Running", containers: containers, conditions: [F.condition("Ready", "False")], containerCount: 2)
        #expect(PodStatusPrinter.status(pod: notReady) == "NotReady")
    }

    @Test func deletionTimestamp_terminatingUnlessTerminalPhase() {
        let running = F.pod(phase: "Running", containers: [F.running()], deleting: true)
        #expect(PodStatusPrinter.status(pod: running) == "Terminating")
        let done = F.pod(
            phase: "Succeeded", containers: [F.terminated(exitCode: 0, reason: "Completed")], deleting: true)
        #expect(PodStatusPrinter.status(pod: done) == "Completed")
        let lost = F.pod(phase: "Running", containers: [F.running()], deleting: true, reason: "NodeLost")
        #expect(PodStatusPrinter.status(pod: lost) == "Unknown")
    }

    @Test func statusReason_overridesPhase() {
        let pod = F.pod(phase: "Failed", reason: "Evicted")
        #expect(PodStatusPrinter.status(pod: pod) == "Evicted")
    }

    @Test func schedulingGated_fromPodScheduledCondition() {
        let gated: JSONValue = ["type": "PodScheduled", "status": "False", "reason": "SchedulingGated"]
        #expect(PodStatusPrinter.status(pod: F.pod(phase: "Pending", conditions: [gated])) == "SchedulingGated")
    }

    @Test func initContainers_progressAndFailures() {
        let initSpec: [JSONValue] = [["name": "init", "image": "busybox"]]
        let starting: JSONValue = [
            "name": "init", "ready": false, "restartCount": 0, "state": ["waiting": ["reason": "PodInitializing"]],
        ]
        #expect(
            PodStatusPrinter.status(pod: F.pod(phase: "Pending", initContainers: [starting], initSpecs: initSpec))
                == "Init:0/1")
        let running: JSONValue = ["name": "init", "ready": false, "restartCount": 0, "state": ["running": [:]]]
        #expect(
            PodStatusPrinter.status(pod: F.pod(phase: "Pending", initContainers: [running], initSpecs: initSpec))
                == "Init:0/1")
        let crash: JSONValue = [
            "name": "init", "ready": false, "restartCount": 2, "state": ["waiting": ["reason": "CrashLoopBackOff"]],
        ]
        #expect(
            PodStatusPrinter.status(pod: F.pod(phase: "Pending", initContainers: [crash], initSpecs: initSpec))
                == "Init:CrashLoopBackOff")
        let failed: JSONValue = [
            "name": "init", "ready": false, "restartCount": 0, "state": ["terminated": ["exitCode": 2]],
        ]
        #expect(
            PodStatusPrinter.status(pod: F.pod(phase: "Pending", initContainers: [failed], initSpecs: initSpec))
                == "Init:ExitCode:2")
        let done: JSONValue = [
            "name": "init", "ready": false, "restartCount": 0,
            "state": ["terminated": ["exitCode": 0, "reason": "Completed"]],
        ]
        let afterInit = F.pod(
            phase: "Pending", containers: [F.waiting("ContainerCreating")], initContainers: [done], initSpecs: initSpec)
        #expect(PodStatusPrinter.status(pod: afterInit) == "ContainerCreating")
    }

    @Test func sidecarInitContainer_countsTowardReady() {
        let initSpec: [JSONValue] = [["name": "proxy", "image": "envoy", "restartPolicy": "Always"]]
        let sidecar: JSONValue = [
            "name": "proxy", "ready": true, "started": true, "restartCount": 1, "state": ["running": [:]],
        ]
        let pod = F.pod(phase: "Running", containers: [F.running()], initContainers: [sidecar], initSpecs: initSpec)
        let summary = PodStatusPrinter.summary(pod: pod)
        #expect(summary.ready == "2/2")
        #expect(summary.status == "Running")
        #expect(summary.restarts == 1)
    }

    @Test func restarts_withLastTermination_showsAgo() throws {
        let now = try #require(Timestamp.parse("2026-11-24T21:45:12Z"))
        let pod = F.pod(phase: "Running", containers: [F.running(restarts: 3, lastFinished: "2026-11-24T21:44:27Z")])
        #expect(PodStatusPrinter.summary(pod: pod).restartsCell(now: now) == "3 (45s ago)")
        let noTime = F.pod(phase: "Running", containers: [F.waiting("CrashLoopBackOff", restarts: 2)])
        #expect(PodStatusPrinter.summary(pod: noTime).restartsCell(now: now) == "2")
    }
}
