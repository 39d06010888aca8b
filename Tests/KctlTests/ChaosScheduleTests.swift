import KubeAPI
import Testing
import Wire

@testable import kctl

@Suite struct ChaosScheduleTests {
    static func settings(
        seed: UInt64 = 42, duration: Duration = .seconds(12), faults: [ChaosFault] = ChaosFault.allCases,
        interval: Duration = .seconds(1), hold: ClosedRange<Duration> = .milliseconds(500)...(.seconds(3)),
        maxFaultyNodes: Int = 2, rollouts: Bool = true
    ) -> ChaosSettings {
        ChaosSettings(
            seed: seed, duration: duration, faults: faults, interval: interval, hold: hold,
            maxFaultyNodes: maxFaultyNodes, rollouts: rollouts)
    }

    // MARK: - The generator

    /// The reference outputs of SplitMix64 (Vigna's `splitmix64.c`): a seed means the same draws everywhere.
    @Test func splitMix64_matchesTheReferenceSequence() {
        var zero = SplitMix64(seed: 0)
        #expect(
            [zero.next(), zero.next(), zero.next()] == [
                0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
            ])
        var other = SplitMix64(seed: 1_234_567)
        #expect([other.next(), other.next()] == [6_457_827_717_110_365_317, 3_203_168_211_198_807_973])
    }

    @Test func draws_stayInTheirRanges() {
        var random = SplitMix64(seed: 9)
        var seen = Set<Int>()
        for _ in 0..<2000 {
            let value = random.int(in: -2...3)
            #expect((-2...3).contains(value))
            seen.insert(value)
            let duration = random.duration(in: .milliseconds(250)...(.seconds(1)))
            #expect(duration >= .milliseconds(250) && duration <= .seconds(1))
            #expect(SplitMix64.milliseconds(duration) * 1_000_000_000_000_000 == duration.components.seconds
                * 1_000_000_000_000_000_000 + duration.components.attoseconds)
            #expect(random.below(7) < 7)
        }
        #expect(seen == Set(-2...3), "every value comes up")
        #expect(random.duration(in: .seconds(2)...(.seconds(2))) == .seconds(2))
        #expect(["a"].contains(random.pick(["a"])))
    }

    // MARK: - Plans

    /// The plan for one seed is pinned: changing how schedules are drawn breaks every recorded replay.
    @Test func plan_isPinnedForAKnownSeed() {
        let schedule = ChaosSchedule.plan(Self.settings(), nodes: ["n1", "n2", "n3"])
        #expect(
            schedule.text == """
                seed 42, duration 12s, interval 1s, hold 500ms-3s, at most 2 nodes faulty, \
                faults kill,stop,pause,partition,restart-control-plane, rollouts on
                nodes: n1,n2,n3
                +1.242s  kill-node n1
                +1.616s  rollout restart daemonsets
                +1.780s  restart-control-plane
                +2.602s  start-node n1
                +3.081s  stop-node n2
                +4.074s  pause-node n3
                +4.093s  start-node n2
                +4.777s  kill-node n1
                +5.164s  rollout restart daemonsets
                +5.510s  start-node n1
                +5.966s  restart-control-plane
                +6.237s  unpause-node n3
                +7.066s  partition-node n1
                +8.163s  rollout restart daemonsets
                +8.260s  heal-node n1
                +8.308s  partition-node n3
                +9.598s  restart-control-plane --kill
                +10.250s  rollout restart daemonsets
                +10.544s  heal-node n3
                +10.880s  partition-node n2
                +11.537s  heal-node n2
                +11.646s  partition-node n1
                +12.000s  heal-node n1

                """)
    }

    @Test func plan_isIdenticalForIdenticalInputs_andDiffersAcrossSeeds() {
        let nodes = ["n1", "n2", "n3", "n4"]
        for seed: UInt64 in [0, 1, 7, 99, .max] {
            let settings = Self.settings(seed: seed, duration: .seconds(60))
            #expect(ChaosSchedule.plan(settings, nodes: nodes) == ChaosSchedule.plan(settings, nodes: nodes))
        }
        let one = ChaosSchedule.plan(Self.settings(seed: 1, duration: .seconds(60)), nodes: nodes)
        let two = ChaosSchedule.plan(Self.settings(seed: 2, duration: .seconds(60)), nodes: nodes)
        #expect(one.steps != two.steps)
    }

    /// Every fault is undone by its own recovery, on the same node, later and by the end of the run; a node is
    /// never faulted twice at once, and never more than the bound at once; steps are in time order.
    @Test func plan_pairsFaultsWithRecoveries_andRespectsTheBound() {
        let nodes = ["n1", "n2", "n3", "n4", "n5"]
        for seed: UInt64 in 0..<200 {
            for bound in [1, 2] {
                let settings = Self.settings(seed: seed, duration: .seconds(40), maxFaultyNodes: bound)
                let schedule = ChaosSchedule.plan(settings, nodes: nodes)
                #expect(schedule.steps.map(\.at) == schedule.steps.map(\.at).sorted())
                #expect(schedule.maxConcurrentNodeFaults <= bound)
                var open: [String: NodeVerb] = [:]
                for step in schedule.steps {
                    #expect(step.at > .zero && step.at <= settings.duration)
                    guard case .node(let verb, let node) = step.action else { continue }
                    if let expected = open[node] {
                        #expect(verb == expected, "seed \(seed): \(node) gets \(verb) while waiting for \(expected)")
                        open[node] = nil
                    } else {
                        let fault = ChaosFault.allCases.first { $0.nodeVerbs?.fault == verb }
                        #expect(fault != nil, "seed \(seed): \(verb) on \(node) recovers nothing")
                        open[node] = fault?.nodeVerbs?.recovery
                    }
                    #expect(open.count <= bound)
                }
                #expect(open.isEmpty, "seed \(seed): faults left open \(open)")
            }
        }
    }

    @Test func plan_drawsOnlyTheChosenFaults() {
        let settings = Self.settings(seed: 5, duration: .seconds(60), faults: [.pause], rollouts: false)
        let verbs = Set(ChaosSchedule.plan(settings, nodes: ["a", "b"]).steps.map(\.action.description).map {
            String($0.split(separator: " ")[0])
        })
        #expect(verbs == ["pause-node", "unpause-node"])
    }

    /// Rollouts come from a stream of their own: turning them on adds steps and changes no fault.
    @Test func plan_rolloutsLeaveTheFaultsAlone() {
        let with = ChaosSchedule.plan(Self.settings(seed: 3, duration: .seconds(30)), nodes: ["n1", "n2"])
        let without = ChaosSchedule.plan(
            Self.settings(seed: 3, duration: .seconds(30), rollouts: false), nodes: ["n1", "n2"])
        #expect(with.steps.filter { $0.action != .rollout } == without.steps)
        #expect(with.steps.contains { $0.action == .rollout })
        #expect(!without.steps.contains { $0.action == .rollout })
    }

    @Test func plan_withoutNodes_onlyRestartsTheControlPlane() {
        let schedule = ChaosSchedule.plan(
            Self.settings(seed: 11, duration: .seconds(30), rollouts: false), nodes: [])
        #expect(!schedule.steps.isEmpty)
        #expect(schedule.steps.allSatisfy {
            if case .restartControlPlane = $0.action { return true }
            return false
        })
        #expect(schedule.text.contains("nodes: (none)\n"))
    }

    // MARK: - Flags

    @Test func faults_parseToCanonicalOrder_andRefuseUnknownNames() throws {
        #expect(try ChaosFault.parseList("partition,kill, pause") == [.kill, .pause, .partition])
        #expect(try ChaosFault.parseList("restart-control-plane,kill,kill") == [.kill, .restartControlPlane])
        #expect(
            throws: ClusterError.invalidArgument(
                "unknown fault \"freeze\": expected one of kill, stop, pause, partition, restart-control-plane")
        ) { try ChaosFault.parseList("kill,freeze") }
        #expect(throws: ClusterError.invalidArgument("--faults needs at least one fault")) {
            try ChaosFault.parseList(",")
        }
    }

    static let flags = ChaosArguments.Flags(
        seed: 42, duration: "20s", faults: "kill,pause", interval: "1500ms", hold: nil, maxFaultyNodes: 1,
        rollouts: true, coverageBound: "5s", convergeTimeout: "30s")

    @Test func settings_fromFlags_holdDefaultsToTheClusterTiming() throws {
        let timing = ClusterTiming(
            heartbeatInterval: "200ms", nodeMonitorGracePeriod: "1s", nodeLeaveTimeout: "2s", imagePullDelay: "0s")
        let settings = try ChaosArguments.settings(Self.flags, timing: timing)
        #expect(settings == Self.settings(duration: .seconds(20), faults: [.kill, .pause],
            interval: .milliseconds(1500), hold: .milliseconds(500)...(.seconds(3)), maxFaultyNodes: 1))
        var flags = Self.flags
        flags.hold = "2s"
        #expect(try ChaosArguments.settings(flags, timing: timing).hold == .seconds(2)...(.seconds(2)))
        #expect(try ChaosArguments.checks(flags).coverageBound == .seconds(5))
    }

    @Test func flags_errorsAreClear() {
        var flags = Self.flags
        flags.hold = "3s-1s"
        #expect(
            throws: ClusterError.invalidArgument(
                "invalid --hold \"3s-1s\": expected MIN-MAX durations such as 500ms-3s")
        ) {
            try ChaosArguments.settings(flags, timing: .defaults)
        }
        flags = Self.flags
        flags.maxFaultyNodes = 0
        #expect(throws: ClusterError.invalidArgument("--max-faulty-nodes must be at least 1")) {
            try ChaosArguments.settings(flags, timing: .defaults)
        }
        flags = Self.flags
        flags.duration = "soon"
        #expect(throws: ClusterError.invalidArgument(
            "invalid --duration \"soon\": expected a positive duration such as 500ms, 1s or 2m")) {
            try ChaosArguments.settings(flags, timing: .defaults)
        }
    }

    /// The replay command, run again, gives the same settings (and so the same schedule).
    @Test func replayCommand_roundTrips() throws {
        let settings = try ChaosArguments.settings(Self.flags, timing: .defaults)
        let replay = ChaosArguments.replayCommand(cluster: "demo", settings: settings, coverageBound: "5s")
        #expect(
            replay == "kctl cluster chaos demo --seed 42 --duration 20s --faults kill,pause --interval 1.5s "
                + "--hold 1.5s-9s --max-faulty-nodes 1 --rollouts --coverage-bound 5s")
        let words = replay.split(separator: " ").map(String.init)
        func value(_ flag: String) -> String { words[words.firstIndex(of: flag)! + 1] }
        let parsed = ChaosArguments.Flags(
            seed: UInt64(value("--seed"))!, duration: value("--duration"), faults: value("--faults"),
            interval: value("--interval"), hold: value("--hold"), maxFaultyNodes: Int(value("--max-faulty-nodes"))!,
            rollouts: words.contains("--rollouts"), coverageBound: value("--coverage-bound"), convergeTimeout: "60s")
        #expect(try ChaosArguments.settings(parsed, timing: .defaults) == settings)
    }

    @Test func times_printExactly() {
        #expect(ChaosTime.text(.milliseconds(250)) == "250ms")
        #expect(ChaosTime.text(.seconds(20)) == "20s")
        #expect(ChaosTime.text(.milliseconds(1500)) == "1.5s")
        #expect(ChaosTime.text(.milliseconds(2026)) == "2.026s")
        #expect(ChaosTime.offset(.milliseconds(12_345)) == "+12.345s")
        #expect(ChaosTime.offset(.zero) == "+0.000s")
        #expect(ChaosTime.offset(.milliseconds(-5)) == "-0.005s")
    }
}
