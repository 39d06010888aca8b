import KubeAPI
import Testing
import Wire

@testable import kctl

/// The probe check judges a list only by the creates acknowledged before the list was sent: the probe writer keeps
/// writing while the list is in flight (the race behind a flaky ChaosEndToEndTests run, where a probe acknowledged
/// 1 ms before the final check was reported missing).
@Suite struct ChaosProbeLedgerTests {
    static let settings = InvariantChecker.Settings(coverageBound: .seconds(10), departedTolerance: .seconds(2))

    @Test func observation_countsOnlyAcknowledgementsBeforeTheMark() {
        var ledger = ProbeLedger()
        ledger.acknowledge("chaos-1/probe-00001", at: .seconds(1))
        let mark = ledger.mark
        ledger.acknowledge("chaos-1/probe-00002", at: .milliseconds(1001))
        let observation = ledger.observation(at: mark, present: ["chaos-1/probe-00001"])
        #expect(observation.acknowledged == [AcknowledgedProbe(key: "chaos-1/probe-00001", at: .seconds(1))])
        #expect(ledger.acknowledged.count == 2)
    }

    @Test func finalCheck_acknowledgedAfterTheListWasSent_isNotLost() async {
        let monitor = ChaosMonitor(start: .now, settings: Self.settings) { _ in }
        await monitor.acknowledge("chaos-1/probe-00001")
        // The final check sends its list here...
        let mark = await monitor.probeMark()
        // ...while the writer's next create is acknowledged before the list's answer arrives.
        await monitor.acknowledge("chaos-1/probe-00002")
        await monitor.checkProbes(at: mark, present: ["chaos-1/probe-00001"])
        let (tallies, violations) = await monitor.results()
        #expect(violations.isEmpty)
        #expect(tallies[.acknowledgedObjectsKept] == .init(checks: 1, subjects: 1, violations: 0))
    }

    @Test func finalCheck_acknowledgedBeforeTheListWasSent_andMissing_isLost() async {
        let monitor = ChaosMonitor(start: .now, settings: Self.settings) { _ in }
        await monitor.acknowledge("chaos-1/probe-00001")
        await monitor.acknowledge("chaos-1/probe-00002")
        let mark = await monitor.probeMark()
        await monitor.checkProbes(at: mark, present: ["chaos-1/probe-00001"])
        let violations = await monitor.results().violations
        #expect(violations.map(\.invariant) == [.acknowledgedObjectsKept])
        #expect(violations.first?.message.hasPrefix("controllerrevision chaos-1/probe-00002, acknowledged at") == true)
    }

    @Test func periodicCheck_acknowledgedAfterTheListWasSent_isNotLost() async throws {
        let monitor = ChaosMonitor(start: .now, settings: Self.settings) { _ in }
        _ = try await monitor.relisted([])
        await monitor.acknowledge("chaos-1/probe-00001")
        let mark = await monitor.probeMark()
        await monitor.acknowledge("chaos-1/probe-00002")
        await monitor.observed(at: mark, present: ["chaos-1/probe-00001"])
        await monitor.tick()
        let (tallies, violations) = await monitor.results()
        #expect(violations.isEmpty)
        #expect(tallies[.acknowledgedObjectsKept] == .init(checks: 1, subjects: 1, violations: 0))
    }
}
