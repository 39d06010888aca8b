import Testing

@testable import ControlPlane

/// The rule that decides when a watcher is too slow to keep, driven with instants chosen by hand.
@Suite struct WatcherBacklogTests {
    let start = ContinuousClock.now

    @Test func deliversUpToCapacity_thenCutsOff() {
        var backlog = WatcherBacklog(capacity: 3, stallLimit: .seconds(60), now: start)
        #expect((0..<3).map { _ in backlog.offer(at: start) } == [.deliver, .deliver, .deliver])
        #expect(backlog.pending == 3)
        #expect(backlog.offer(at: start) == .cutOff)
    }

    @Test func takingAnEvent_makesRoomForOneMore() {
        var backlog = WatcherBacklog(capacity: 2, stallLimit: .seconds(60), now: start)
        _ = backlog.offer(at: start)
        _ = backlog.offer(at: start)
        backlog.took(at: start)
        #expect(backlog.offer(at: start) == .deliver)
        #expect(backlog.offer(at: start) == .cutOff)
    }

    @Test func pendingEventsUntakenPastTheStallLimit_cutOffAtTheNextEvent() {
        var backlog = WatcherBacklog(capacity: 100, stallLimit: .seconds(30), now: start)
        #expect(backlog.offer(at: start) == .deliver)
        #expect(backlog.offer(at: start + .seconds(30)) == .deliver)
        #expect(backlog.offer(at: start + .seconds(31)) == .cutOff)
    }

    @Test func aWatcherThatTakes_restartsTheStallClock() {
        var backlog = WatcherBacklog(capacity: 100, stallLimit: .seconds(30), now: start)
        _ = backlog.offer(at: start)
        _ = backlog.offer(at: start)
        backlog.took(at: start + .seconds(25))
        #expect(backlog.offer(at: start + .seconds(50)) == .deliver)
        #expect(backlog.offer(at: start + .seconds(56)) == .cutOff)
    }

    @Test func anIdleWatcher_isNeverStalled_itsClockStartsWithItsFirstPendingEvent() {
        var backlog = WatcherBacklog(capacity: 100, stallLimit: .seconds(30), now: start)
        _ = backlog.offer(at: start)
        backlog.took(at: start)
        // Nothing pending for an hour: the next event is delivered, and starts the clock again.
        #expect(backlog.offer(at: start + .seconds(3600)) == .deliver)
        #expect(backlog.lastProgress == start + .seconds(3600))
        #expect(backlog.offer(at: start + .seconds(3629)) == .deliver)
        #expect(backlog.offer(at: start + .seconds(3631)) == .cutOff)
    }
}
