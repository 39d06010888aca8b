import KubeAPI
import Wire

/// The live state of a chaos run, shared by the watcher, the probe writer, the check loop and the step executor:
/// the cluster view, the invariant checker, and the acknowledged probes. Each method is atomic (none awaits).
actor ChaosMonitor {
    /// When the run started; times in the report are offsets from it.
    let start: ContinuousClock.Instant
    /// Prints a violation the moment it is found.
    private let announce: @Sendable (ChaosViolation) -> Void

    private var view = ClusterView()
    private var checker: InvariantChecker
    /// Whether the view is current (listed and watching); checks pause while it is not.
    private(set) var live = false
    /// How many times the view was (re)listed.
    private(set) var relists = 0
    /// The last reason the view was lost, if any.
    private(set) var lastError: String?
    /// Snapshots checked, and ticks skipped while the view was not current.
    private(set) var ticks = 0
    private(set) var staleTicks = 0

    private var nextProbe = 1
    private var ledger = ProbeLedger()
    /// Probe creates the server refused or that got no answer (not acknowledged, so not checked).
    private(set) var unacknowledgedCreates = 0
    private var freshProbes: ProbeObservation?

    init(start: ContinuousClock.Instant, settings: InvariantChecker.Settings,
         announce: @escaping @Sendable (ChaosViolation) -> Void) {
        self.start = start
        self.checker = InvariantChecker(settings: settings)
        self.announce = announce
    }

    /// Now, as an offset from the start of the run.
    nonisolated var elapsed: Duration { ContinuousClock.now - start }

    // MARK: - The view

    /// Replaces the view with fresh lists and marks it current; returns each kind's resourceVersion to watch from.
    func relisted(_ lists: [(ResourceKind, JSONValue?)]) throws -> [ResourceKind: String] {
        var fresh = ClusterView()
        var versions: [ResourceKind: String] = [:]
        for (kind, list) in lists { versions[kind] = try fresh.replace(kind, list: list) }
        view = fresh
        live = true
        relists += 1
        checker.resynced()
        return versions
    }

    /// Applies a watch event.
    func apply(_ kind: ResourceKind, _ event: WatchEvent) throws {
        try view.apply(kind, event)
    }

    /// The view is no longer current (the connection dropped or a watch ended).
    func lost(_ error: (any Error)?) {
        live = false
        if let error { lastError = "\(error)" }
    }

    // MARK: - Checks

    /// Checks the current view (with the latest probe observation, if one is new); skipped while the view is
    /// not current.
    func tick() {
        guard live else {
            staleTicks += 1
            return
        }
        ticks += 1
        let snapshot = view.snapshot(time: elapsed, probes: freshProbes)
        freshProbes = nil
        for violation in checker.check(snapshot) { announce(violation) }
    }

    /// The current view, or nil while it is not current.
    func snapshot() -> ChaosSnapshot? {
        live ? view.snapshot(time: elapsed) : nil
    }

    /// Records a violation found by the runner itself.
    func record(_ violation: ChaosViolation) {
        checker.record(violation)
        announce(violation)
    }

    /// Counts a check the runner made itself.
    func count(_ invariant: Invariant, subjects: Int) {
        checker.count(invariant, subjects: subjects)
    }

    /// Checks a final list, sent at `mark`, against every probe acknowledged before it was sent.
    func checkProbes(at mark: ProbeLedger.Mark, present: Set<String>) {
        let observation = ledger.observation(at: mark, present: present)
        for violation in checker.checkProbes(observation, time: elapsed) { announce(violation) }
    }

    /// What the checker counted and found.
    func results() -> (tallies: [Invariant: InvariantChecker.Tally], violations: [ChaosViolation]) {
        (checker.tallies, checker.violations)
    }

    // MARK: - Probes

    /// The number of the next probe object to create.
    func takeProbeNumber() -> Int {
        defer { nextProbe += 1 }
        return nextProbe
    }

    /// Every create the server acknowledged.
    var acknowledged: [AcknowledgedProbe] { ledger.acknowledged }

    /// The server acknowledged the create of `key`.
    func acknowledge(_ key: String) {
        ledger.acknowledge(key, at: elapsed)
    }

    /// The acknowledgements so far; take it right before sending a list of the probes.
    func probeMark() -> ProbeLedger.Mark {
        ledger.mark
    }

    /// A create got no acknowledgement.
    func createNotAcknowledged() {
        unacknowledgedCreates += 1
    }

    /// A list of the probe objects, sent at `mark`: checked at the next tick against the creates acknowledged
    /// before it was sent.
    func observed(at mark: ProbeLedger.Mark, present: Set<String>) {
        freshProbes = ledger.observation(at: mark, present: present)
    }
}
