/// Go's `sort.Sort` (pattern-defeating quicksort, Go 1.19 and later), reproduced step for step so that elements
/// that compare equal end up in the order kubectl leaves them in: `kubectl get --sort-by` sorts with `sort.Sort`,
/// which is not stable, and its `Less` is not even a strict order when objects lack the field. The same `less`
/// calls and swaps in the same sequence give the same permutation. Pure.
struct GoSort {
    /// Whether the element with original index `a` goes before the one with original index `b`.
    private let lessByOriginal: (Int, Int) -> Bool
    /// The permutation being sorted: `order[k]` is the original index of the element now at `k`.
    private var order: [Int]

    /// The original indices of `count` elements in the order `sort.Sort` leaves them, `less(a, b)` comparing
    /// original indices.
    static func order(count: Int, less: @escaping (Int, Int) -> Bool) -> [Int] {
        var sorter = GoSort(lessByOriginal: less, order: Array(0..<max(count, 0)))
        sorter.sort()
        return sorter.order
    }

    /// `Less(i, j)` on the current positions.
    private func less(_ i: Int, _ j: Int) -> Bool { lessByOriginal(order[i], order[j]) }

    private mutating func swap(_ i: Int, _ j: Int) { order.swapAt(i, j) }

    private mutating func sort() {
        let n = order.count
        guard n > 1 else { return }
        pdqsort(0, n, limit: Self.bitLength(n))
    }

    /// The number of bits needed to write `n` (Go's `bits.Len`).
    private static func bitLength(_ n: Int) -> Int { n <= 0 ? 0 : Int.bitWidth - n.leadingZeroBitCount }

    private enum Hint { case unknown, increasing, decreasing }

    private mutating func insertionSort(_ a: Int, _ b: Int) {
        var i = a + 1
        while i < b {
            var j = i
            while j > a && less(j, j - 1) {
                swap(j, j - 1)
                j -= 1
            }
            i += 1
        }
    }

    private mutating func siftDown(_ lo: Int, _ hi: Int, first: Int) {
        var root = lo
        while true {
            var child = 2 * root + 1
            if child >= hi { return }
            if child + 1 < hi && less(first + child, first + child + 1) { child += 1 }
            if !less(first + root, first + child) { return }
            swap(first + root, first + child)
            root = child
        }
    }

    private mutating func heapSort(_ a: Int, _ b: Int) {
        let first = a, hi = b - a
        var i = (hi - 1) / 2
        while i >= 0 {
            siftDown(i, hi, first: first)
            i -= 1
        }
        i = hi - 1
        while i >= 0 {
            swap(first, first + i)
            siftDown(0, i, first: first)
            i -= 1
        }
    }

    private mutating func pdqsort(_ start: Int, _ end: Int, limit startLimit: Int) {
        var a = start, b = end, limit = startLimit
        var wasBalanced = true, wasPartitioned = true
        while true {
            let length = b - a
            if length <= 12 {
                insertionSort(a, b)
                return
            }
            if limit == 0 {
                heapSort(a, b)
                return
            }
            if !wasBalanced {
                breakPatterns(a, b)
                limit -= 1
            }
            var (pivot, hint) = choosePivot(a, b)
            if hint == .decreasing {
                reverseRange(a, b)
                pivot = (b - 1) - (pivot - a)
                hint = .increasing
            }
            if wasBalanced && wasPartitioned && hint == .increasing && partialInsertionSort(a, b) { return }
            if a > 0 && !less(a - 1, pivot) {
                a = partitionEqual(a, b, pivot: pivot)
                continue
            }
            let (mid, alreadyPartitioned) = partition(a, b, pivot: pivot)
            wasPartitioned = alreadyPartitioned
            let leftLength = mid - a, rightLength = b - mid
            let threshold = length / 8
            if leftLength < rightLength {
                wasBalanced = leftLength >= threshold
                pdqsort(a, mid, limit: limit)
                a = mid + 1
            } else {
                wasBalanced = rightLength >= threshold
                pdqsort(mid + 1, b, limit: limit)
                b = mid
            }
        }
    }

    private mutating func partition(_ a: Int, _ b: Int, pivot: Int) -> (Int, Bool) {
        swap(a, pivot)
        var i = a + 1, j = b - 1
        while i <= j && less(i, a) { i += 1 }
        while i <= j && !less(j, a) { j -= 1 }
        if i > j {
            swap(j, a)
            return (j, true)
        }
        swap(i, j)
        i += 1
        j -= 1
        while true {
            while i <= j && less(i, a) { i += 1 }
            while i <= j && !less(j, a) { j -= 1 }
            if i > j { break }
            swap(i, j)
            i += 1
            j -= 1
        }
        swap(j, a)
        return (j, false)
    }

    private mutating func partitionEqual(_ a: Int, _ b: Int, pivot: Int) -> Int {
        swap(a, pivot)
        var i = a + 1, j = b - 1
        while true {
            while i <= j && !less(a, i) { i += 1 }
            while i <= j && less(a, j) { j -= 1 }
            if i > j { break }
            swap(i, j)
            i += 1
            j -= 1
        }
        return i
    }

    private mutating func partialInsertionSort(_ a: Int, _ b: Int) -> Bool {
        let maxSteps = 5, shortestShifting = 50
        var i = a + 1
        for _ in 0..<maxSteps {
            while i < b && !less(i, i - 1) { i += 1 }
            if i == b { return true }
            if b - a < shortestShifting { return false }
            swap(i, i - 1)
            if i - a >= 2 {
                var j = i - 1
                while j >= 1 {
                    if !less(j, j - 1) { break }
                    swap(j, j - 1)
                    j -= 1
                }
            }
            if b - i >= 2 {
                var j = i + 1
                while j < b {
                    if !less(j, j - 1) { break }
                    swap(j, j - 1)
                    j += 1
                }
            }
        }
        return false
    }

    private mutating func breakPatterns(_ a: Int, _ b: Int) {
        let length = b - a
        guard length >= 8 else { return }
        var random = UInt64(length)
        let modulus = UInt64(1) << UInt64(Self.bitLength(length))
        var index = a + (length / 4) * 2 - 1
        while index <= a + (length / 4) * 2 + 1 {
            random ^= random << 13
            random ^= random >> 17
            random ^= random << 5
            var other = Int(random & (modulus - 1))
            if other >= length { other -= length }
            swap(index, a + other)
            index += 1
        }
    }

    private func choosePivot(_ a: Int, _ b: Int) -> (Int, Hint) {
        let shortestNinther = 50, maxSwaps = 4 * 3
        let l = b - a
        var swaps = 0
        var i = a + l / 4 * 1, j = a + l / 4 * 2, k = a + l / 4 * 3
        if l >= 8 {
            if l >= shortestNinther {
                i = median(i - 1, i, i + 1, &swaps)
                j = median(j - 1, j, j + 1, &swaps)
                k = median(k - 1, k, k + 1, &swaps)
            }
            j = median(i, j, k, &swaps)
        }
        switch swaps {
        case 0: return (j, .increasing)
        case maxSwaps: return (j, .decreasing)
        default: return (j, .unknown)
        }
    }

    private func order2(_ a: Int, _ b: Int, _ swaps: inout Int) -> (Int, Int) {
        if less(b, a) {
            swaps += 1
            return (b, a)
        }
        return (a, b)
    }

    private func median(_ a0: Int, _ b0: Int, _ c0: Int, _ swaps: inout Int) -> Int {
        let (a1, b1) = order2(a0, b0, &swaps)
        let (b2, _) = order2(b1, c0, &swaps)
        let (_, b3) = order2(a1, b2, &swaps)
        return b3
    }

    private mutating func reverseRange(_ a: Int, _ b: Int) {
        var i = a, j = b - 1
        while i < j {
            swap(i, j)
            i += 1
            j -= 1
        }
    }
}
