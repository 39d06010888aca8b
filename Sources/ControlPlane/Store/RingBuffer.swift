/// A first-in first-out buffer of at most `capacity` elements that drops the oldest element when full.
///
/// Indices are logical: `0` is the oldest retained element, `count - 1` the newest.
struct RingBuffer<Element> {
    /// The most elements kept; `0` keeps nothing.
    let capacity: Int
    private var storage: [Element] = []
    /// Physical index of the oldest element once `storage` has reached `capacity`.
    private var head = 0

    /// Creates an empty buffer holding at most `capacity` elements (negative counts as zero).
    init(capacity: Int) {
        self.capacity = max(0, capacity)
        storage.reserveCapacity(min(self.capacity, 1_024))
    }

    /// The number of elements retained.
    var count: Int { storage.count }

    /// Whether nothing is retained.
    var isEmpty: Bool { storage.isEmpty }

    /// The element at logical position `index` (`0` is the oldest).
    subscript(index: Int) -> Element {
        precondition(index >= 0 && index < storage.count, "RingBuffer index \(index) out of range")
        return storage[(head + index) % storage.count]
    }

    /// The oldest retained element.
    var first: Element? { isEmpty ? nil : self[0] }

    /// Appends `element`, returning the element evicted to make room (or `element` itself when `capacity` is 0).
    @discardableResult
    mutating func append(_ element: Element) -> Element? {
        guard capacity > 0 else { return element }
        if storage.count < capacity {
            storage.append(element)
            return nil
        }
        let evicted = storage[head]
        storage[head] = element
        head = (head + 1) % capacity
        return evicted
    }

    /// Removes the oldest elements while `shouldRemove` holds for them, returning how many were removed.
    @discardableResult
    mutating func removeFirst(while shouldRemove: (Element) -> Bool) -> Int {
        var removed = 0
        while removed < storage.count, shouldRemove(self[removed]) {
            removed += 1
        }
        guard removed > 0 else { return 0 }
        // Re-linearise; compaction is rare, so the O(count) copy is fine.
        let kept = (removed..<storage.count).map { self[$0] }
        storage = kept
        head = 0
        return removed
    }

    /// The first logical index whose element satisfies `predicate`, assuming the buffer is partitioned
    /// (all non-matching elements before all matching ones); `count` when none matches.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0
        var high = storage.count
        while low < high {
            let mid = low + (high - low) / 2
            if predicate(self[mid]) {
                high = mid
            } else {
                low = mid + 1
            }
        }
        return low
    }
}

extension RingBuffer: Sendable where Element: Sendable {}
