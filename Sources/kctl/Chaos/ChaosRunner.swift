import Foundation
import KubeAPI
import Wire

/// Runs a chaos schedule against a local cluster: watches it, executes the steps with ``ClusterOperations``' fault
/// verbs, checks the invariants every ``checkInterval``, then heals whatever is still broken, waits (bounded) for
/// the cluster to converge, checks every acknowledged probe once more and cleans up. Every phase has a deadline.
struct ChaosRunner: Sendable {
    static let checkInterval: Duration = .milliseconds(100)
    /// How long the view may take to become current at the start.
    static let startTimeout: Duration = .seconds(15)
    /// How long a rollout step keeps trying to reach the control plane (it may be restarting).
    static let rolloutTimeout: Duration = .seconds(10)

    let operations: ClusterOperations
    let cluster: String
    let schedule: ChaosSchedule
    let checks: InvariantChecker.Settings
    /// How long the cluster may take to converge after healing.
    let convergeTimeout: Duration
    let replay: String
    /// Prints progress lines.
    let write: @Sendable (String) -> Void

    func run() async throws -> ChaosReport {
        let state = try operations.store.load(cluster)
        let access = try operations.runtime(state.runtime).adminAccess(state)
        let probes = ChaosProbes(runID: String(UInt32.random(in: .min ... .max), radix: 16))
        let write = self.write
        let monitor = ChaosMonitor(start: .now, settings: checks) { violation in
            write("VIOLATION \(violation.line)\n")
        }
        let observer = ChaosObserver(access: access, probes: probes, monitor: monitor)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await observer.run() }
            group.addTask {
                while !Task.isCancelled {
                    await monitor.tick()
                    try? await Task.sleep(for: Self.checkInterval)
                }
            }
            defer { group.cancelAll() }
            return try await drive(monitor, access: access, probes: probes)
        }
    }

    // MARK: - Phases

    private func drive(
        _ monitor: ChaosMonitor, access: ClusterAccess, probes: ChaosProbes
    ) async throws -> ChaosReport {
        let first = try await waitForView(monitor)
        write(
            "\(ChaosTime.offset(monitor.elapsed))  watching \(ChaosReport.count(first.nodes.count, "node")), "
                + "\(ChaosReport.count(first.pods.count, "pod")), "
                + "\(ChaosReport.count(first.daemonSets.count, "daemonset")); probe objects in namespace "
                + "\(probes.namespace)\n")
        var steps: [ExecutedStep] = []
        for step in schedule.steps {
            try await Task.sleep(until: monitor.start + step.at)
            steps.append(await execute(step.action, planned: step.at, monitor: monitor, access: access))
        }
        try await Task.sleep(until: monitor.start + schedule.settings.duration)
        let healing = await heal(monitor, access: access)
        steps += healing
        let healed = monitor.elapsed
        let converged = await waitForConvergence(monitor)
        var problems: [String] = []
        if let converged {
            let took = ChaosTime.text(converged - healed)
            write("\(ChaosTime.offset(monitor.elapsed))  converged \(took) after healing\n")
        }
        do {
            // The probe writer still runs: judge the list only by the creates acknowledged before it was sent.
            let (mark, present) = try await ChaosAPI.withConnection(access) { client in
                let mark = await monitor.probeMark()
                return (mark, try await ChaosAPI.listProbes(probes, client))
            }
            await monitor.checkProbes(at: mark, present: present)
        } catch {
            problems.append("the final check of the probe objects failed: \(error)")
        }
        do {
            try await ChaosAPI.withConnection(access) { try await ChaosAPI.deleteNamespace(probes, $0) }
        } catch {
            problems.append("cannot delete namespace \(probes.namespace): \(error)")
        }
        let (tallies, violations) = await monitor.results()
        return ChaosReport(
            cluster: cluster, settings: schedule.settings, replay: replay, steps: steps, tallies: tallies,
            violations: violations, problems: problems, acknowledgedProbes: await monitor.acknowledged.count,
            unacknowledgedCreates: await monitor.unacknowledgedCreates, relists: await monitor.relists,
            staleTicks: await monitor.staleTicks, convergedAfter: converged.map { $0 - healed })
    }

    /// Waits until the view is current; returns its first snapshot.
    private func waitForView(_ monitor: ChaosMonitor) async throws -> ChaosSnapshot {
        let deadline = ContinuousClock.now + Self.startTimeout
        while ContinuousClock.now < deadline {
            if let snapshot = await monitor.snapshot() { return snapshot }
            try await Task.sleep(for: Self.checkInterval)
        }
        let reason = await monitor.lastError.map { ": \($0)" } ?? ""
        throw ClusterError.timedOut(
            "cannot list and watch cluster \"\(cluster)\" within \(ChaosTime.text(Self.startTimeout))\(reason)")
    }

    /// Runs one action; failures are recorded in the step, never thrown.
    private func execute(
        _ action: ChaosAction, planned: Duration?, monitor: ChaosMonitor, access: ClusterAccess
    ) async -> ExecutedStep {
        let started = monitor.elapsed
        var failure: String?
        var note: String?
        do {
            switch action {
            case .node(let verb, let node):
                try await operations.apply(verb, node: node, cluster: cluster)
            case .restartControlPlane(let kill):
                try await operations.restartControlPlane(cluster: cluster, kill: kill)
            case .rollout:
                let count = try await ChaosRollout.restartAll(access, within: Self.rolloutTimeout)
                note = ChaosReport.count(count, "daemonset")
            }
        } catch {
            let text = ErrorReporting.render(error)
            failure = text.hasPrefix("error: ") ? String(text.dropFirst("error: ".count)) : text
        }
        let step = ExecutedStep(
            planned: planned, started: started, finished: monitor.elapsed, action: action, error: failure, note: note)
        write(step.line + "\n")
        return step
    }

    /// Undoes whatever faults are still in place on the nodes the schedule could hit, as `cluster.json` records
    /// them, and starts the control plane if it is down.
    private func heal(_ monitor: ChaosMonitor, access: ClusterAccess) async -> [ExecutedStep] {
        var actions: [ChaosAction] = []
        if let state = try? operations.store.load(cluster) {
            if !state.controlPlane.running { actions.append(.restartControlPlane(kill: false)) }
            for name in schedule.nodes {
                guard let node = try? state.node(name) else { continue }
                if node.state == .paused { actions.append(.node(.unpause, name)) }
                if node.partitioned { actions.append(.node(.heal, name)) }
                if !node.state.hasProcess { actions.append(.node(.start, name)) }
            }
        }
        var steps: [ExecutedStep] = []
        for action in actions {
            steps.append(await execute(action, planned: nil, monitor: monitor, access: access))
        }
        return steps
    }

    /// Waits until ``ChaosConvergence/pending(_:nodes:)`` is empty; returns when it was (offset from the start),
    /// or records a violation and returns nil at the deadline.
    private func waitForConvergence(_ monitor: ChaosMonitor) async -> Duration? {
        let deadline = ContinuousClock.now + convergeTimeout
        var pending = ["the cluster cannot be listed and watched"]
        while ContinuousClock.now < deadline {
            if let snapshot = await monitor.snapshot() {
                pending = ChaosConvergence.pending(snapshot, nodes: schedule.nodes)
                await monitor.count(.converged, subjects: schedule.nodes.count + snapshot.daemonSets.count)
                if pending.isEmpty { return snapshot.time }
            }
            try? await Task.sleep(for: Self.checkInterval)
        }
        await monitor.record(
            ChaosViolation(
                time: monitor.elapsed, invariant: .converged, node: nil, pod: nil,
                message: "not converged \(ChaosTime.text(convergeTimeout)) after healing: "
                    + pending.joined(separator: "; ")))
        return nil
    }
}
