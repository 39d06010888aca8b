/// List ordering rules of strategic merge patches (apimachinery `normalizeElementOrder`, `mergeSortedSlice`):
/// items named by the patch keep the patch's order, items only on the server keep the server's order, and the
/// two are interleaved by their server positions. An item new to the server lands before the server-only items
/// that follow it, unless a `$setElementOrder` list places it.
enum StrategicListOrder {
    /// Splits `items` into those present in `reference` (by merge key, or by value for primitives) and the rest.
    static func partition(
        _ items: [JSONValue],
        by reference: [JSONValue],
        mergeKey: String?
    ) throws
        -> (present: [JSONValue], absent: [JSONValue])
    {
        var present: [JSONValue] = []
        var absent: [JSONValue] = []
        for item in items {
            let found: Bool
            if let mergeKey {
                guard let value = item.objectValue?[mergeKey] else { throw noMergeKey(item, mergeKey) }
                found = firstIndex(in: reference, mergeKey: mergeKey, value: value) != nil
            } else {
                found = reference.contains { PatchValues.equal($0, item) }
            }
            if found { present.append(item) } else { absent.append(item) }
        }
        return (present, absent)
    }

    /// Orders patch items by `patchOrder` and server-only items by `serverOrder`, then interleaves them.
    static func normalize(
        patch: [JSONValue],
        serverOnly: [JSONValue],
        patchOrder: [JSONValue],
        serverOrder: [JSONValue],
        mergeKey: String?
    ) throws -> [JSONValue] {
        let sortedPatch = try sort(patch, by: patchOrder, mergeKey: mergeKey)
        let sortedServer = try sort(serverOnly, by: serverOrder, mergeKey: mergeKey)
        return interleave(left: sortedServer, right: sortedPatch, serverOrder: serverOrder, mergeKey: mergeKey)
    }

    /// `normalizeSliceOrder`: a stable sort by position in `order`; `$patch: delete` items go last.
    private static func sort(_ items: [JSONValue], by order: [JSONValue], mergeKey: String?) throws -> [JSONValue] {
        var keep: [JSONValue] = []
        var deletes: [JSONValue] = []
        if let mergeKey {
            for item in items + order where item.objectValue?[mergeKey] == nil {
                throw noMergeKey(item, mergeKey)
            }
            for item in items {
                if item.objectValue?[Directive.marker] == .string(Directive.delete) {
                    deletes.append(item)
                } else {
                    keep.append(item)
                }
            }
        } else {
            keep = items
        }
        let ranked = keep.enumerated().map { (offset, item) in
            (rank: index(of: item, in: order, mergeKey: mergeKey) ?? Int.max, offset: offset, item: item)
        }
        let sorted = ranked.sorted { ($0.rank, $0.offset) < ($1.rank, $1.offset) }.map(\.item)
        return sorted + deletes
    }

    /// `mergeSortedSlice`: takes a server-only item first only when both items are on the server and it comes
    /// earlier there.
    private static func interleave(
        left: [JSONValue],
        right: [JSONValue],
        serverOrder: [JSONValue],
        mergeKey: String?
    )
        -> [JSONValue]
    {
        var result: [JSONValue] = []
        result.reserveCapacity(left.count + right.count)
        var i = 0
        var j = 0
        while i < left.count || j < right.count {
            if i >= left.count {
                result.append(right[j])
                j += 1
            } else if j >= right.count {
                result.append(left[i])
                i += 1
            } else if let li = index(of: left[i], in: serverOrder, mergeKey: mergeKey),
                let ri = index(of: right[j], in: serverOrder, mergeKey: mergeKey), li < ri
            {
                result.append(left[i])
                i += 1
            } else {
                result.append(right[j])
                j += 1
            }
        }
        return result
    }

    /// The position of `item` in `list`, comparing merge-key values (or whole values for primitives).
    static func index(of item: JSONValue, in list: [JSONValue], mergeKey: String?) -> Int? {
        guard let mergeKey else { return list.firstIndex { PatchValues.equal($0, item) } }
        let value = item.objectValue?[mergeKey]
        return list.firstIndex { PatchValues.equal($0.objectValue?[mergeKey], value) }
    }

    /// The first object in `list` whose `mergeKey` equals `value`.
    static func firstIndex(in list: [JSONValue], mergeKey: String, value: JSONValue) -> Int? {
        list.firstIndex { item in
            guard let candidate = item.objectValue?[mergeKey] else { return false }
            return PatchValues.equal(candidate, value)
        }
    }

    /// apimachinery `deduplicateScalars`, including its order (a duplicate is replaced by the last element).
    static func deduplicate(_ items: [JSONValue]) -> [JSONValue] {
        var s = items
        var length = s.count - 1
        var i = 0
        while i < length {
            var j = i + 1
            while j <= length {
                if PatchValues.equal(s[i], s[j]) {
                    s[j] = s[length]
                    s.removeLast()
                    length -= 1
                    j -= 1
                }
                j += 1
            }
            i += 1
        }
        return s
    }

    static func noMergeKey(_ item: JSONValue, _ mergeKey: String) -> PatchError {
        PatchError(.invalidList, "map: \(PatchValues.describe(item)) does not contain declared merge key: \(mergeKey)")
    }
}
