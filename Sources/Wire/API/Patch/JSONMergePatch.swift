/// JSON merge patch (RFC 7386), `kubectl patch --type merge`.
///
/// An object patch merges member by member, `null` deletes a member, and anything else replaces the target.
/// Lists are always replaced as a whole.
public enum JSONMergePatch {
    /// Applies `patch` to `target` as RFC 7386 `MergePatch(Target, Patch)` defines.
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (key, value) in patchMembers {
            if value == .null {
                result.removeValue(forKey: key)
            } else {
                result[key] = apply(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }

    /// The merge patch that turns `original` into `modified`, or `nil` when they are equal.
    ///
    /// Members missing from `modified` become `null`; nested objects are diffed recursively; everything else
    /// that changed is copied whole. A merge patch cannot set a member to `null` (that deletes it), so `null`
    /// members of `modified` are treated as absent.
    public static func diff(from original: JSONValue, to modified: JSONValue) -> JSONValue? {
        guard case .object(let old) = original, case .object(let new) = modified else {
            if PatchValues.equal(original, modified) { return nil }
            return modified
        }
        var patch: [String: JSONValue] = [:]
        for key in old.keys where new[key] == nil {
            patch[key] = .null
        }
        for (key, newValue) in new {
            guard let oldValue = old[key] else {
                if newValue != .null { patch[key] = stripNulls(newValue) }
                continue
            }
            if newValue == .null {
                patch[key] = .null
            } else if case .object = oldValue, case .object = newValue {
                if let sub = diff(from: oldValue, to: newValue) { patch[key] = sub }
            } else if !PatchValues.equal(oldValue, newValue) {
                patch[key] = stripNulls(newValue)
            }
        }
        if patch.isEmpty { return nil }
        return JSONValue.object(patch)
    }

    /// Removes `null` object members (a merge patch would read them as deletions).
    private static func stripNulls(_ value: JSONValue) -> JSONValue {
        guard case .object(let members) = value else { return value }
        return .object(members.filter { $0.value != .null }.mapValues(stripNulls))
    }
}
