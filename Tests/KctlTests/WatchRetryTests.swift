import KubeAPI
import Testing
import Wire

@testable import kctl

/// The retrying watch's decisions (client-go's RetryWatcher and reflector), with time as a parameter.
@Suite struct WatchRetryTests {
    static let policy = WatchRetry.Policy(
        initialBackoff: .milliseconds(100), maxBackoff: .milliseconds(400), window: .seconds(2))

    @Test func connectionLost_reconnectsAtOnce_thenBacksOff_andResumesFromTheLastVersion() {
        var retry = WatchRetry(policy: Self.policy)
        retry.listed(resourceVersion: "5")
        retry.observed(resourceVersion: "7")
        #expect(
            retry.decide(.connectionLost, now: .seconds(10)) == .retry(after: .zero, relist: false, reconnect: true))
        #expect(
            retry.decide(.connectionLost, now: .seconds(10))
                == .retry(after: .milliseconds(100), relist: false, reconnect: true))
        #expect(
            retry.decide(.connectionLost, now: .seconds(10.1))
                == .retry(after: .milliseconds(200), relist: false, reconnect: true))
        #expect(
            retry.decide(.connectionLost, now: .seconds(10.3))
                == .retry(after: .milliseconds(400), relist: false, reconnect: true))
        #expect(
            retry.decide(.connectionLost, now: .seconds(10.7))
                == .retry(after: .milliseconds(400), relist: false, reconnect: true))
        #expect(retry.resourceVersion == "7")
    }

    @Test func connectionLost_givesUpOnceBrokenForTheWindow_andTheLastWaitEndsAtIt() {
        var retry = WatchRetry(policy: Self.policy)
        retry.listed(resourceVersion: "5")
        _ = retry.decide(.connectionLost, now: .seconds(1))
        for _ in 0..<3 { _ = retry.decide(.connectionLost, now: .seconds(1)) }
        #expect(
            retry.decide(.connectionLost, now: .milliseconds(2900))
                == .retry(after: .milliseconds(100), relist: false, reconnect: true))
        #expect(retry.decide(.connectionLost, now: .seconds(3)) == .giveUp)
    }

    @Test func connecting_restartsTheWindow_progress_restartsTheBackoff() {
        var retry = WatchRetry(policy: Self.policy)
        retry.listed(resourceVersion: "5")
        _ = retry.decide(.connectionLost, now: .seconds(0))
        _ = retry.decide(.connectionLost, now: .seconds(1.9))
        retry.connected()
        #expect(
            retry.decide(.connectionLost, now: .seconds(3))
                == .retry(after: .milliseconds(200), relist: false, reconnect: true))
        retry.observed(resourceVersion: "9")
        #expect(
            retry.decide(.connectionLost, now: .seconds(4.9)) == .retry(after: .zero, relist: false, reconnect: true))
        #expect(retry.decide(.connectionLost, now: .seconds(5.1)) == .giveUp)
    }

    @Test func expired_relistsAtOnce_onTheSameConnection() {
        var retry = WatchRetry(policy: Self.policy)
        retry.listed(resourceVersion: "5")
        #expect(retry.decide(.expired, now: .seconds(1)) == .retry(after: .zero, relist: true, reconnect: false))
        #expect(retry.resourceVersion == nil)
    }

    @Test func watchEnded_rewatches_withBackoffWhenItKeepsEnding() {
        var retry = WatchRetry(policy: Self.policy)
        retry.listed(resourceVersion: "5")
        #expect(retry.decide(.watchEnded, now: .seconds(1)) == .retry(after: .zero, relist: false, reconnect: false))
        #expect(
            retry.decide(.watchEnded, now: .seconds(1))
                == .retry(after: .milliseconds(100), relist: false, reconnect: false))
        retry.observed(resourceVersion: "6")
        #expect(retry.decide(.watchEnded, now: .seconds(1)) == .retry(after: .zero, relist: false, reconnect: false))
    }

    @Test func fatal_givesUp() {
        var retry = WatchRetry(policy: Self.policy)
        #expect(retry.decide(.fatal, now: .zero) == .giveUp)
    }

    @Test func endings_ofErrors() {
        #expect(WatchRetry.ending(of: Status.gone("too old resource version: 1 (5)")) == .expired)
        #expect(
            WatchRetry.ending(of: Status(code: 410, reason: StatusReason(rawValue: "Expired"), message: "x"))
                == .expired)
        #expect(WatchRetry.ending(of: Status.forbidden("no")) == .fatal)
        #expect(WatchRetry.ending(of: Status.internalError("restarting")) == .connectionLost)
        #expect(WatchRetry.ending(of: ConnectionLost(host: "h", port: 1, underlying: nil)) == .connectionLost)
        #expect(WatchRetry.ending(of: WireError.connectionClosed) == .connectionLost)
        #expect(WatchRetry.ending(of: WireError.malformedMessage("x")) == .fatal)
    }
}
