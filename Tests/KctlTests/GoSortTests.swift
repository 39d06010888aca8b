import Testing

@testable import kctl

/// ``GoSort`` leaves equal elements where Go's `sort.Sort` does: the expectations are kubectl 1.32's own output.
@Suite struct GoSortTests {
    /// `kubectl get events --sort-by=.reason -o name` on 47 events listed in name order with these reasons
    /// (a cluster after a DaemonSet and a Deployment rollout): kubectl printed them in `expected` order (indices
    /// into the listed order). Many ties, more than 12 elements: the quicksort path with its pivots.
    @Test func tiesLandWhereKubectlPutsThem() {
        let reasons = """
            Scheduled Pulling Pulled Created Started Killing Scheduled Pulling Pulled Created Started Scheduled \
            Pulling Pulled Created Started Killing Scheduled Pulling Pulled Created Started SuccessfulCreate \
            SuccessfulCreate SuccessfulDelete SuccessfulCreate SuccessfulDelete SuccessfulCreate NodeReady NodeReady \
            Scheduled Pulling Pulled Created Started Killing SuccessfulCreate SuccessfulDelete Scheduled Pulling \
            Pulled Created Started SuccessfulCreate ScalingReplicaSet ScalingReplicaSet ScalingReplicaSet
            """.split(separator: " ").map { Array($0.utf8) }
        let expected = [
            41, 3, 14, 33, 9, 20, 16, 5, 35, 29, 28, 8, 19, 13, 32, 40, 2, 18, 39, 12, 7, 31, 1, 44, 45, 46, 11, 38,
            6, 30, 0, 17, 4, 10, 42, 34, 21, 15, 23, 36, 22, 27, 43, 25, 37, 24, 26,
        ]
        #expect(reasons.count == 47)
        #expect(GoSort.order(count: reasons.count) { reasons[$0].lexicographicallyPrecedes(reasons[$1]) } == expected)
    }

    /// `kubectl get events --sort-by=.lastTimestamp -o name` on 47 events with three distinct times (the seconds
    /// given here): long runs of ties make unbalanced partitions, so this takes the pattern-breaking shuffle.
    @Test func unbalancedPartitionsShuffleAsGoDoes() {
        let seconds = [
            52, 52, 52, 52, 52, 58, 58, 58, 58, 58, 58, 52, 52, 52, 52, 52, 58, 58, 58, 58, 58, 58, 52, 52, 58, 58,
            58, 58, 51, 51, 52, 52, 52, 52, 52, 58, 52, 58, 58, 58, 58, 58, 58, 58, 52, 58, 58,
        ]
        let expected = [
            28, 29, 22, 36, 4, 44, 3, 34, 33, 32, 31, 11, 12, 13, 14, 15, 30, 1, 2, 23, 0, 46, 26, 41, 35, 45, 19,
            27, 18, 17, 16, 10, 20, 8, 9, 5, 6, 37, 38, 39, 40, 7, 42, 43, 24, 25, 21,
        ]
        #expect(GoSort.order(count: seconds.count) { seconds[$0] < seconds[$1] } == expected)
    }

    @Test func shortInputsAreInsertionSortedStably() {
        let keys = [3, 1, 2, 1, 3]
        #expect(GoSort.order(count: keys.count) { keys[$0] < keys[$1] } == [1, 3, 2, 0, 4])
        #expect(GoSort.order(count: 0) { _, _ in true } == [])
        #expect(GoSort.order(count: 1) { _, _ in true } == [0])
    }

    @Test func sortsLargeInputs() {
        var state: UInt64 = 42
        let keys = (0..<500).map { _ -> Int in
            state = state &* 6_364_136_223_846_793_005 &+ 1
            return Int(state >> 33) % 1000
        }
        let order = GoSort.order(count: keys.count) { keys[$0] < keys[$1] }
        #expect(order.map { keys[$0] } == keys.sorted())
        #expect(Set(order).count == keys.count)
        let descending = Array((0..<300).reversed())
        #expect(GoSort.order(count: descending.count) { descending[$0] < descending[$1] }.map { descending[$0] }
            == Array(0..<300))
    }
}
