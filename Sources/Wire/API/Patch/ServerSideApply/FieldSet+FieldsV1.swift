/// The `FieldsV1` form of a ``FieldSet``, as `managedFields[].fieldsV1` carries it: a JSON object whose keys are
/// path elements (`f:name`, `k:{"name":"x"}`, `v:"x"`, `i:0`) and whose values are the sets under them; `{}` is a
/// member leaf, and a `".": {}` entry makes an inner node a member itself.
extension FieldSet {
    /// The set as a `FieldsV1` object.
    public var fieldsV1: JSONValue {
        var members: [String: JSONValue] = [:]
        if isMember, !children.isEmpty { members["."] = .object([:]) }
        for (element, child) in children { members[element.fieldsV1Key] = child.fieldsV1 }
        return .object(members)
    }

    /// Reads a `FieldsV1` object.
    /// - Throws: ``PatchError`` for anything that is not one (a non-object, an unknown key).
    public init(fieldsV1 value: JSONValue) throws {
        try self.init(fieldsV1: value, isRoot: true)
    }

    private init(fieldsV1 value: JSONValue, isRoot: Bool) throws {
        guard let members = value.objectValue else {
            throw PatchError(.invalidPatch, "fieldsV1 must be an object, got \(value.jsonString())")
        }
        self.init()
        // `{}` below the root is a member leaf.
        if members.isEmpty, !isRoot { isMember = true }
        for (key, child) in members {
            if key == "." {
                isMember = true
                continue
            }
            guard let element = FieldPathElement(fieldsV1Key: key) else {
                throw PatchError(.invalidPatch, "fieldsV1 has an unknown key \(key)")
            }
            let set = try FieldSet(fieldsV1: child, isRoot: false)
            if !set.isEmpty { children[element] = set }
        }
    }
}

extension FieldSet {
    /// Whether a member of this set is a member of the `FieldsV1` object `value`, read in place (no decoding).
    func intersects(fieldsV1 value: JSONValue) -> Bool {
        guard let members = value.objectValue, !members.isEmpty else { return false }
        for (element, child) in children {
            guard let sub = members[element.fieldsV1Key] else { continue }
            if child.isMember && Self.isMemberNode(sub) { return true }
            if !child.children.isEmpty && child.intersects(fieldsV1: sub) { return true }
        }
        return false
    }

    /// Whether every member of this set is a member of the `FieldsV1` object `value`, read in place.
    func isSubset(ofFieldsV1 value: JSONValue) -> Bool {
        let members = value.objectValue ?? [:]
        for (element, child) in children {
            guard let sub = members[element.fieldsV1Key] else { return false }
            if child.isMember && !Self.isMemberNode(sub) { return false }
            if !child.isSubset(ofFieldsV1: sub) { return false }
        }
        return true
    }

    /// Whether a `FieldsV1` node below the root is a member itself: a leaf `{}`, or one with a `.` entry.
    private static func isMemberNode(_ value: JSONValue) -> Bool {
        guard let members = value.objectValue else { return false }
        return members.isEmpty || members["."] != nil
    }
}
