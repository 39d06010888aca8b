import Testing

@testable import kctl

@Suite struct ClusterNodeVerbTests {
    static func node(_ state: NodeRunState, partitioned: Bool = false) -> NodeRecord {
        NodeRecord(
            name: "n1", index: 1, ip: "127.0.1.1", pid: state.hasProcess ? 7 : nil, state: state,
            partitioned: partitioned)
    }

    /// Which verbs apply to which states: the table every runtime relies on.
    @Test func check_allowsEachVerbOnlyFromItsStates() {
        let allowed: [NodeVerb: Set<NodeRunState>] = [
            .kill: [.running, .paused], .stop: [.running, .paused], .start: [.stopped, .killed, .exited],
            .pause: [.running], .unpause: [.paused],
            .partition: [.running, .paused, .stopped, .killed, .exited],
        ]
        let states: [NodeRunState] = [.running, .paused, .stopped, .killed, .exited]
        for (verb, ok) in allowed {
            for state in states {
                let passes = (try? verb.check(Self.node(state))) != nil
                #expect(passes == ok.contains(state), "\(verb) from \(state)")
            }
        }
        #expect((try? NodeVerb.heal.check(Self.node(.running))) == nil)
        #expect((try? NodeVerb.heal.check(Self.node(.running, partitioned: true))) != nil)
        #expect((try? NodeVerb.partition.check(Self.node(.running, partitioned: true))) == nil)
    }

    @Test func check_messagesSayWhy() {
        #expect(throws: ClusterError.invalidTransition("node \"n1\" is not running (stopped)")) {
            try NodeVerb.kill.check(Self.node(.stopped))
        }
        #expect(throws: ClusterError.invalidTransition("node \"n1\" is already running")) {
            try NodeVerb.start.check(Self.node(.running))
        }
        #expect(throws: ClusterError.invalidTransition("node \"n1\" is already running (paused)")) {
            try NodeVerb.start.check(Self.node(.paused))
        }
        #expect(throws: ClusterError.invalidTransition("node \"n1\" is already paused")) {
            try NodeVerb.pause.check(Self.node(.paused))
        }
        #expect(throws: ClusterError.invalidTransition("node \"n1\" is not paused")) {
            try NodeVerb.unpause.check(Self.node(.running))
        }
        #expect(throws: ClusterError.invalidTransition("node \"n1\" is not partitioned")) {
            try NodeVerb.heal.check(Self.node(.running))
        }
    }

    @Test func applied_recordsTheNewState() {
        let running = Self.node(.running)
        #expect(NodeVerb.kill.applied(to: running).state == .killed)
        #expect(NodeVerb.kill.applied(to: running).pid == nil)
        #expect(NodeVerb.stop.applied(to: running).state == .stopped)
        #expect(NodeVerb.pause.applied(to: running).state == .paused)
        #expect(NodeVerb.unpause.applied(to: Self.node(.paused)).state == .running)
        #expect(NodeVerb.start.applied(to: Self.node(.killed)).state == .running)
        #expect(NodeVerb.partition.applied(to: running).partitioned)
        #expect(!NodeVerb.heal.applied(to: Self.node(.running, partitioned: true)).partitioned)
        #expect(NodeVerb.partition.applied(to: running).state == .running)
        #expect(
            NodeVerb.allCases.map(\.pastTense)
                == ["killed", "stopped", "started", "paused", "unpaused", "partitioned", "healed"])
    }
}
