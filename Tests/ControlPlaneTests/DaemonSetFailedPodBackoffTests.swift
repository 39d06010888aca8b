import Foundation
import Testing

@testable import ControlPlane

@Suite struct DaemonSetFailedPodBackoffTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func delays_doubleFromOneSecond_upToFifteenMinutes() {
        var backoff = FailedPodBackoff()
        var time = start
        var delays: [Duration] = []
        for _ in 0..<12 {
            #expect(!backoff.isInBackoff("k", now: time))
            backoff.next("k", now: time)
            delays.append(backoff.delay(for: "k"))
            time = backoff.entries["k"]?.nextAllowed ?? time
        }
        #expect(delays.prefix(4) == [.seconds(1), .seconds(2), .seconds(4), .seconds(8)])
        #expect(delays.last == .seconds(900))
    }

    @Test func inBackoff_untilTheDelayHasPassed() {
        var backoff = FailedPodBackoff()
        backoff.next("k", now: start)
        #expect(backoff.isInBackoff("k", now: start.addingTimeInterval(0.99)))
        #expect(!backoff.isInBackoff("k", now: start.addingTimeInterval(1)))
        #expect(!backoff.isInBackoff("other", now: start))
    }

    @Test func idleKeys_expireAfterTwiceTheMaximum() {
        var backoff = FailedPodBackoff(initial: .seconds(1), maximum: .seconds(10))
        backoff.next("k", now: start)
        backoff.next("k", now: start.addingTimeInterval(1))
        #expect(backoff.delay(for: "k") == .seconds(2))
        backoff.next("k", now: start.addingTimeInterval(30))
        #expect(backoff.delay(for: "k") == .seconds(1), "restarted after 20 s idle")
        backoff.collectGarbage(now: start.addingTimeInterval(40))
        #expect(backoff.entries.count == 1)
        backoff.collectGarbage(now: start.addingTimeInterval(51))
        #expect(backoff.entries.isEmpty)
    }

    @Test func keys_separateGenerationsAndNodes() {
        #expect(FailedPodBackoff.key(daemonSetUID: "u", observedGeneration: 3, node: "n1") == "u/3/n1")
    }
}
