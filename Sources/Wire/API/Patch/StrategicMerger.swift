/// The merge step of a strategic merge patch (apimachinery `strategicpatch.mergeMap`).
///
/// In `applying` mode it applies a patch to an object: `null` deletes, unmatched nulls and all directives
/// (`$patch`, `$retainKeys`, `$setElementOrder/…`, `$deleteFromPrimitiveList/…`) are consumed and never reach
/// the result. In `combining` mode it merges two patches into one (used by ``StrategicMergePatch/threeWay``),
/// keeping `null`s and directives.
struct StrategicMerger {
    enum Mode {
        case applying
        case combining
    }

    let kind: String
    let mode: Mode
    /// When false, every list is treated as replace-only (a fallback for lists without usable merge keys).
    var useSchema = true

    // MARK: - Maps

    func mergeMap(
        _ original: [String: JSONValue],
        _ patch: [String: JSONValue],
        path: [String]
    ) throws
        -> [String: JSONValue]
    {
        var original = original
        var patch = patch
        if let directive = patch[Directive.marker] {
            switch directive {
            case .string(Directive.replace):
                patch.removeValue(forKey: Directive.marker)
                return mode == .applying ? (Self.clean(.object(patch))?.objectValue ?? [:]) : patch
            case .string(Directive.delete):
                return [:]
            case .string(Directive.merge):
                patch.removeValue(forKey: Directive.marker)
            default:
                throw PatchError(
                    .invalidPatch,
                    "unknown patch type: \(PatchValues.goString(directive)) in map: "
                        + PatchValues.describe(.object(patch))
                )
            }
        }
        try applyRetainKeys(&original, &patch)
        try applySetElementOrder(&original, &patch, path: path)

        for key in patch.keys.sorted() {
            guard let patchValue = patch[key] else { continue }
            var field = key
            var isDeleteList = false
            if key.hasPrefix(Directive.deleteFromPrimitiveList) {
                if mode == .combining {
                    original[key] = patchValue
                    continue
                }
                field = try Self.extractKey(key, prefix: Directive.deleteFromPrimitiveList)
                isDeleteList = true
            }
            if patchValue == .null {
                original.removeValue(forKey: field)
                if mode == .applying { continue }
            }
            guard let originalValue = original[field],
                PatchValues.kind(originalValue) == PatchValues.kind(patchValue)
            else {
                if !isDeleteList { original[field] = newValue(patchValue) }
                continue
            }
            switch (originalValue, patchValue) {
            case (.object, .object) where useSchema && StrategicMergeSchema.replacesMap(at: path + [field], kind: kind):
                original[field] = newValue(patchValue)
            case (.object(let o), .object(let p)):
                original[field] = .object(try mergeMap(o, p, path: path + [field]))
            case (.array(let o), .array(let p)):
                original[field] = .array(
                    try mergeSliceHandler(o, p, path: path + [field], isDeleteList: isDeleteList)
                )
            default:
                original[field] = newValue(patchValue)
            }
        }
        return original
    }

    /// `$retainKeys`: when applying, clears the original's keys missing from the list.
    private func applyRetainKeys(_ original: inout [String: JSONValue], _ patch: inout [String: JSONValue]) throws {
        guard let retain = patch.removeValue(forKey: Directive.retainKeys) else { return }
        if mode == .combining {
            if original[Directive.retainKeys] == nil { original[Directive.retainKeys] = retain }
            return
        }
        guard case .array(let items) = retain else {
            throw PatchError(.invalidPatch, "invalid patch format of retainKeys")
        }
        let keys = Set(items.compactMap(\.stringValue))
        for (key, value) in patch where value != .null && !key.hasPrefix("$") && !keys.contains(key) {
            throw PatchError(.invalidPatch, "invalid patch format of retainKeys")
        }
        original = original.filter { keys.contains($0.key) }
    }

    /// `$setElementOrder/<field>`: merges the field's list and orders it as the directive lists.
    private func applySetElementOrder(
        _ original: inout [String: JSONValue],
        _ patch: inout [String: JSONValue],
        path: [String]
    ) throws {
        for key in patch.keys.sorted() where key.hasPrefix(Directive.setElementOrder) {
            guard let orderValue = patch.removeValue(forKey: key) else { continue }
            if mode == .combining {
                if let existing = original[key], !PatchValues.equal(existing, orderValue) {
                    throw PatchError(.invalidPatch, "invalid patch format of setElementOrder list")
                }
                original[key] = orderValue
            }
            guard case .array(let order) = orderValue else {
                throw PatchError(.invalidPatch, "invalid patch format of setElementOrder list")
            }
            let field = try Self.extractKey(key, prefix: Directive.setElementOrder)
            let originalList = try Self.list(original[field], field: field)
            let patchList = try Self.list(patch[field], field: field)
            let fieldPath = path + [field]
            let merged: [JSONValue]
            switch (originalList, patchList) {
            case (let o?, nil): merged = o
            case (nil, let p?): merged = cleanList(p)
            case (let o?, let p?): merged = try mergeSliceHandler(o, p, path: fieldPath, isDeleteList: false)
            case (nil, nil): continue
            }
            let mergeKey = strategy(at: fieldPath).mergeKey
            let isMap = merged.contains { $0.objectValue != nil }
            let (patchItems, serverOnly) = try StrategicListOrder.partition(
                merged,
                by: order,
                mergeKey: isMap ? mergeKey : nil
            )
            original[field] = .array(
                try StrategicListOrder.normalize(
                    patch: patchItems,
                    serverOnly: serverOnly,
                    patchOrder: order,
                    serverOrder: originalList ?? [],
                    mergeKey: isMap ? mergeKey : nil
                )
            )
            patch.removeValue(forKey: field)
        }
    }

    // MARK: - Lists

    private func strategy(at path: [String]) -> StrategicMergeSchema.ListStrategy {
        useSchema ? StrategicMergeSchema.listStrategy(at: path, kind: kind) : .replace
    }

    private func mergeSliceHandler(
        _ original: [JSONValue],
        _ patch: [JSONValue],
        path: [String],
        isDeleteList: Bool
    )
        throws -> [JSONValue]
    {
        let strategy = strategy(at: path)
        guard strategy.merges || isDeleteList else { return cleanList(patch) }
        if original.isEmpty && patch.isEmpty { return original }
        let isMap = try Self.elementsAreObjects(original + patch, path: path)
        guard isMap else {
            if mode == .applying && isDeleteList {
                return original.filter { item in !patch.contains { PatchValues.equal($0, item) } }
            }
            let merged = StrategicListOrder.deduplicate(original + patch)
            let (patchItems, serverOnly) = try StrategicListOrder.partition(merged, by: patch, mergeKey: nil)
            return try StrategicListOrder.normalize(
                patch: patchItems,
                serverOnly: serverOnly,
                patchOrder: patch,
                serverOrder: original,
                mergeKey: nil
            )
        }
        guard let mergeKey = strategy.mergeKey else {
            throw PatchError(.invalidList, "cannot merge lists without merge key for \(path.joined(separator: "."))")
        }
        let (remaining, patchItems) = try mergeSpecialElements(original, patch, mergeKey: mergeKey)
        var merged = remaining
        for item in patchItems {
            guard case .object(let members) = item, let value = members[mergeKey] else {
                throw StrategicListOrder.noMergeKey(item, mergeKey)
            }
            if let index = StrategicListOrder.firstIndex(in: merged, mergeKey: mergeKey, value: value),
                case .object(let existing) = merged[index]
            {
                merged[index] = .object(try mergeMap(existing, members, path: path))
            } else {
                merged.append(mode == .applying ? (Self.clean(item) ?? item) : item)
            }
        }
        let (inPatch, serverOnly) = try StrategicListOrder.partition(merged, by: patchItems, mergeKey: mergeKey)
        return try StrategicListOrder.normalize(
            patch: inPatch,
            serverOnly: serverOnly,
            patchOrder: patchItems,
            serverOrder: remaining,
            mergeKey: mergeKey
        )
    }

    /// Handles `$patch: delete` and `$patch: replace` items; returns the original left after deletions (or the
    /// patch items, for replace) and the plain patch items.
    private func mergeSpecialElements(
        _ original: [JSONValue],
        _ patch: [JSONValue],
        mergeKey: String
    ) throws
        -> (original: [JSONValue], patch: [JSONValue])
    {
        var remaining = original
        var plain: [JSONValue] = []
        var replace = false
        for item in patch {
            guard case .object(let members) = item, let directive = members[Directive.marker] else {
                plain.append(item)
                continue
            }
            switch directive {
            case .string(Directive.delete):
                guard let value = members[mergeKey] else { throw StrategicListOrder.noMergeKey(item, mergeKey) }
                remaining.removeAll { PatchValues.equal($0.objectValue?[mergeKey], value) }
            case .string(Directive.replace):
                replace = true
            case .string(Directive.merge):
                throw PatchError(.invalidPatch, "merging lists cannot yet be specified in the patch")
            default:
                throw PatchError(
                    .invalidPatch,
                    "unknown patch type: \(PatchValues.goString(directive)) in map: "
                        + PatchValues.describe(item)
                )
            }
        }
        return replace ? (plain.map { mode == .applying ? (Self.clean($0) ?? $0) : $0 }, []) : (remaining, plain)
    }

    // MARK: - Helpers

    /// A patch value stored where the original has nothing to merge with.
    private func newValue(_ value: JSONValue) -> JSONValue? {
        mode == .applying ? Self.clean(value) : Self.removeDirectives(value)
    }

    private func cleanList(_ list: [JSONValue]) -> [JSONValue] {
        newValue(.array(list))?.arrayValue ?? list
    }

    /// Strips every directive and `null` member from a value that is stored as is (applying mode).
    static func clean(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .object(var members):
            if let directive = members.removeValue(forKey: Directive.marker), directive == .string(Directive.delete) {
                return nil
            }
            var result: [String: JSONValue] = [:]
            for (key, member) in members where member != .null && !key.hasPrefix("$") {
                if let cleaned = clean(member) { result[key] = cleaned }
            }
            return .object(result)
        case .array(let items):
            return .array(items.compactMap { $0.objectValue?[Directive.marker] == nil ? clean($0) : nil })
        default:
            return value
        }
    }

    /// apimachinery `removeDirectives`: drops maps holding `$patch`, keeps everything else (combining mode).
    static func removeDirectives(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .object(let members):
            if members[Directive.marker] != nil { return nil }
            return .object(members.compactMapValues(removeDirectives))
        case .array(let items):
            return .array(items.compactMap(removeDirectives))
        default:
            return value
        }
    }

    static func extractKey(_ key: String, prefix: String) throws -> String {
        let parts = key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == prefix else {
            let what = prefix == Directive.setElementOrder ? "setElementOrder list" : "primitive list"
            throw PatchError(.invalidPatch, "invalid patch format of \(what)")
        }
        return String(parts[1])
    }

    private static func list(_ value: JSONValue?, field: String) throws -> [JSONValue]? {
        guard let value else { return nil }
        guard case .array(let items) = value else {
            throw PatchError(.invalidPatch, "expected a list for \(field), but received \(value.jsonString())")
        }
        return items
    }

    /// Whether list elements are objects; mixed element kinds and lists of lists are errors.
    static func elementsAreObjects(_ items: [JSONValue], path: [String]) throws -> Bool {
        guard let first = items.first else { return false }
        let kind = PatchValues.kind(first)
        if kind == .array { throw PatchError(.invalidList, "lists of lists are not supported") }
        if items.contains(where: { PatchValues.kind($0) != kind }) {
            throw PatchError(.invalidList, "list element types are not identical in \(path.joined(separator: "."))")
        }
        return kind == .object
    }
}

/// Strategic merge patch directive keys and values.
enum Directive {
    static let marker = "$patch"
    static let delete = "delete"
    static let replace = "replace"
    static let merge = "merge"
    static let retainKeys = "$retainKeys"
    static let deleteFromPrimitiveList = "$deleteFromPrimitiveList"
    static let setElementOrder = "$setElementOrder"
}
