import Testing

@testable import ControlPlane

/// The group commit's bookkeeping: one drain scheduled at a time, none for an empty queue, none missing for a job.
@Suite struct CommitQueueTests {
    @Test func theFirstJob_schedulesTheDrain_andLaterOnesJoinIt() {
        let queue = CommitQueue<Int>()
        #expect(queue.enqueue(1))
        #expect(!queue.enqueue(2))
        #expect(!queue.enqueue(3))
        #expect(queue.takeAll() == [1, 2, 3])
        #expect(queue.count == 0)
    }

    @Test func jobsArrivingDuringADrain_makeItScheduleTheNext() {
        let queue = CommitQueue<Int>()
        #expect(queue.enqueue(1))
        #expect(queue.takeAll() == [1])
        // Still draining: the newcomer must not schedule a second drain...
        #expect(!queue.enqueue(2))
        // ...so the finishing drain is told to schedule the next one.
        #expect(queue.finishDrain())
        #expect(!queue.enqueue(3))
        #expect(queue.takeAll() == [2, 3])
        #expect(!queue.finishDrain())
        // Idle again: the next job schedules a drain of its own.
        #expect(queue.enqueue(4))
    }

    @Test func aDrainThatFindsNothing_leavesNoDrainScheduled() {
        let queue = CommitQueue<Int>()
        #expect(queue.enqueue(1))
        // A blocking writer leading a commit took the job before the drain ran.
        #expect(queue.takeAll() == [1])
        #expect(queue.takeAll().isEmpty)
        #expect(!queue.finishDrain())
        #expect(queue.enqueue(2))
    }
}
