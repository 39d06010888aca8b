import Foundation

/// The READY, STATUS and RESTARTS columns of `kubectl get pods`, a port of kubectl's `printPod`.
public enum PodStatusPrinter {
    /// What `printPod` derives from a pod's spec and status.
    public struct Summary: Sendable, Equatable {
        /// Ready containers (app containers that are ready and running, plus started ready sidecars).
        public var readyContainers: Int
        /// App containers plus restartable init (sidecar) containers.
        public var totalContainers: Int
        /// The STATUS cell.
        public var status: String
        /// Restart count summed as kubectl does.
        public var restarts: Int64
        /// Latest `lastState.terminated.finishedAt` among the counted containers.
        public var lastRestart: Date?

        /// The READY cell: `1/1`.
        public var ready: String { "\(readyContainers)/\(totalContainers)" }

        /// The RESTARTS cell: `0`, or `3 (45s ago)` when a last termination time is known.
        public func restartsCell(now: Date) -> String {
            guard restarts != 0, let lastRestart else { return String(restarts) }
            return "\(restarts) (\(HumanDuration.format(now.timeIntervalSince(lastRestart))) ago)"
        }
    }

    /// The STATUS column for a pod: `Pending`, `ContainerCreating`, `Running`, `CrashLoopBackOff`, `Completed`,
    /// `Init:0/1`, `Terminating`, ...
    public static func status(pod: JSONValue) -> String {
        summary(pod: pod).status
    }

    /// READY, STATUS and RESTARTS inputs for a pod, following kubectl's algorithm step by step.
    public static func summary(pod: JSONValue) -> Summary {
        let p = JSONFields(pod)
        let phase = p.string("status", "phase") ?? ""
        let statusReason = p.string("status", "reason") ?? ""
        var reason = statusReason.isEmpty ? phase : statusReason

        for condition in p.array("status", "conditions") {
            let c = JSONFields(condition)
            if c.string("type") == "PodScheduled" && c.string("reason") == "SchedulingGated" {
                reason = "SchedulingGated"
            }
        }

        let initSpecs = p.array("spec", "initContainers")
        var restartable: Set<String> = []
        for container in initSpecs where JSONFields(container).string("restartPolicy") == "Always" {
            restartable.insert(JSONFields(container).string("name") ?? "")
        }
        var summary = Summary(
            readyContainers: 0, totalContainers: p.array("spec", "containers").count + restartable.count,
            status: reason, restarts: 0, lastRestart: nil)

        var sidecarRestarts: Int64 = 0
        var lastSidecarRestart: Date?
        var initializing = false
        for (index, status) in p.array("status", "initContainerStatuses").enumerated() {
            let s = JSONFields(status)
            let isSidecar = restartable.contains(s.string("name") ?? "")
            let finished = lastTermination(s)
            summary.restarts += s.int("restartCount") ?? 0
            summary.lastRestart = later(summary.lastRestart, finished)
            if isSidecar {
                sidecarRestarts += s.int("restartCount") ?? 0
                lastSidecarRestart = later(lastSidecarRestart, finished)
            }
            let terminated = s.value("state", "terminated").flatMap { $0.objectValue == nil ? nil : JSONFields($0) }
            let waitingReason = s.string("state", "waiting", "reason") ?? ""
            if let terminated, (terminated.int("exitCode") ?? 0) == 0 {
                continue
            }
            if isSidecar && s.bool("started") == true {
                if s.bool("ready") == true { summary.readyContainers += 1 }
                continue
            }
            if let terminated {
                let terminatedReason = terminated.string("reason") ?? ""
                if terminatedReason.isEmpty {
                    let signal = terminated.int("signal") ?? 0
                    reason = signal != 0 ? "Init:Signal:\(signal)" : "Init:ExitCode:\(terminated.int("exitCode") ?? 0)"
                } else {
                    reason = "Init:" + terminatedReason
                }
            } else if !waitingReason.isEmpty && waitingReason != "PodInitializing" {
                reason = "Init:" + waitingReason
            } else {
                reason = "Init:\(index)/\(initSpecs.count)"
            }
            initializing = true
            break
        }

        if !initializing || hasCondition(p, type: "Initialized") {
            summary.restarts = sidecarRestarts
            summary.lastRestart = lastSidecarRestart
            var hasRunning = false
            for status in p.array("status", "containerStatuses").reversed() {
                let s = JSONFields(status)
                summary.restarts += s.int("restartCount") ?? 0
                summary.lastRestart = later(summary.lastRestart, lastTermination(s))
                let waitingReason = s.string("state", "waiting", "reason") ?? ""
                let terminated = s.value("state", "terminated").flatMap { $0.objectValue == nil ? nil : JSONFields($0) }
                if !waitingReason.isEmpty {
                    reason = waitingReason
                } else if let terminated, let r = terminated.string("reason"), !r.isEmpty {
                    reason = r
                } else if let terminated {
                    let signal = terminated.int("signal") ?? 0
                    reason = signal != 0 ? "Signal:\(signal)" : "ExitCode:\(terminated.int("exitCode") ?? 0)"
                } else if s.bool("ready") == true && s.value("state", "running")?.objectValue != nil {
                    hasRunning = true
                    summary.readyContainers += 1
                }
            }
            if reason == "Completed" && hasRunning {
                reason = hasCondition(p, type: "Ready") ? "Running" : "NotReady"
            }
        }

        if p.value("metadata", "deletionTimestamp").map({ !$0.isNull }) == true {
            if statusReason == "NodeLost" {
                reason = "Unknown"
            } else if phase != "Succeeded" && phase != "Failed" {
                reason = "Terminating"
            }
        }
        summary.status = reason
        return summary
    }

    /// Whether the pod has condition `type` with status `True`.
    private static func hasCondition(_ pod: JSONFields, type: String) -> Bool {
        pod.array("status", "conditions").contains {
            JSONFields($0).string("type") == type && JSONFields($0).string("status") == "True"
        }
    }

    /// `lastState.terminated.finishedAt` of a container status.
    private static func lastTermination(_ status: JSONFields) -> Date? {
        status.string("lastState", "terminated", "finishedAt").flatMap(Timestamp.parse)
    }

    private static func later(_ a: Date?, _ b: Date?) -> Date? {
        guard let b else { return a }
        guard let a else { return b }
        return max(a, b)
    }
}
