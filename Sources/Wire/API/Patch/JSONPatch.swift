import Foundation

/// JSON patch (RFC 6902), `kubectl patch --type json`: a list of `add`, `remove`, `replace`, `move`, `copy`
/// and `test` operations applied in order.
public enum JSONPatch {
    /// Applies the operations in `ops` (a JSON array of operation objects) to `document`.
    ///
    /// - Throws: ``PatchError``: `invalidPatch` for a malformed operation, `invalidPointer` for a bad pointer,
    ///   `pathNotFound` when a location does not exist, `testFailed` when a `test` does not match. Nothing is
    ///   applied when any operation fails.
    public static func apply(_ ops: JSONValue, to document: JSONValue) throws -> JSONValue {
        guard case .array(let operations) = ops else {
            throw PatchError(.invalidPatch, "a JSON patch must be an array of operations, got \(ops.jsonString())")
        }
        var result = document
        for (index, operation) in operations.enumerated() {
            result = try applyOperation(operation, index: index, to: result)
        }
        return result
    }

    private static func applyOperation(
        _ operation: JSONValue,
        index: Int,
        to document: JSONValue
    ) throws
        -> JSONValue
    {
        guard case .object(let fields) = operation else {
            throw PatchError(.invalidPatch, "operation \(index) is not an object: \(operation.jsonString())")
        }
        guard let op = fields["op"]?.stringValue else {
            throw PatchError(.invalidPatch, "operation \(index) has no \"op\" string: \(operation.jsonString())")
        }
        func pointer(_ name: String) throws -> JSONPointer {
            guard let text = fields[name]?.stringValue else {
                throw PatchError(.invalidPatch, "\(op) operation \(index) has no \"\(name)\" string")
            }
            return try JSONPointer(text)
        }
        func value() throws -> JSONValue {
            guard let v = fields["value"] else {
                throw PatchError(.invalidPatch, "\(op) operation \(index) has no \"value\"")
            }
            return v
        }
        switch op {
        case "add":
            return try add(value(), at: pointer("path"), in: document, op: op)
        case "remove":
            return try remove(at: pointer("path"), in: document, op: op).document
        case "replace":
            let path = try pointer("path")
            guard path.value(in: document) != nil else { throw missing(op, path) }
            if path.tokens.isEmpty { return try value() }
            let removed = try remove(at: path, in: document, op: op).document
            return try add(value(), at: path, in: removed, op: op)
        case "move":
            let from = try pointer("from")
            let path = try pointer("path")
            if from == path { return document }
            if from.isProperPrefix(of: path) {
                throw PatchError(.invalidPatch, "move operation cannot move \(text(from)) into its own child")
            }
            let (removed, moved) = try remove(at: from, in: document, op: op, role: "from path")
            return try add(moved, at: path, in: removed, op: op)
        case "copy":
            let from = try pointer("from")
            guard let copied = from.value(in: document) else { throw missing(op, from, role: "from path") }
            return try add(copied, at: pointer("path"), in: document, op: op)
        case "test":
            let path = try pointer("path")
            let expected = try value()
            guard let actual = path.value(in: document), PatchValues.equal(actual, expected) else {
                throw PatchError(.testFailed, "testing value \(text(path, quoted: false)) failed: test failed")
            }
            return document
        default:
            throw PatchError(.invalidPatch, "unexpected kind of operation \"\(op)\" in operation \(index)")
        }
    }

    // MARK: - Primitive edits

    private static func add(
        _ value: JSONValue,
        at path: JSONPointer,
        in document: JSONValue,
        op: String
    ) throws
        -> JSONValue
    {
        try edit(document, tokens: path.tokens[...], path: path, op: op) { parent, token in
            switch parent {
            case .object(var members):
                members[token] = value
                return .object(members)
            case .array(var items):
                if token == "-" {
                    items.append(value)
                } else if let index = JSONPointer.arrayIndex(token), index <= items.count {
                    items.insert(value, at: index)
                } else {
                    throw PatchError(
                        .pathNotFound,
                        "\(op) operation does not apply: index \(token) is out of "
                            + "range for the array at \(text(path)) (length \(items.count))"
                    )
                }
                return .array(items)
            default:
                throw missing(op, path)
            }
        } whole: {
            value
        }
    }

    private static func remove(
        at path: JSONPointer,
        in document: JSONValue,
        op: String,
        role: String = "path"
    ) throws -> (document: JSONValue, removed: JSONValue) {
        guard let removed = path.value(in: document) else { throw missing(op, path, role: role) }
        guard !path.tokens.isEmpty else {
            throw PatchError(.invalidPatch, "\(op) operation cannot remove the whole document")
        }
        let result = try edit(document, tokens: path.tokens[...], path: path, op: op) { parent, token in
            switch parent {
            case .object(var members):
                members.removeValue(forKey: token)
                return .object(members)
            case .array(var items):
                guard let index = JSONPointer.arrayIndex(token), index < items.count else {
                    throw missing(op, path, role: role)
                }
                items.remove(at: index)
                return .array(items)
            default:
                throw missing(op, path, role: role)
            }
        } whole: {
            .null
        }
        return (result, removed)
    }

    /// Walks to the parent of the last token and rebuilds the document with `change` applied there.
    private static func edit(
        _ node: JSONValue,
        tokens: ArraySlice<String>,
        path: JSONPointer,
        op: String,
        change: (JSONValue, String) throws -> JSONValue,
        whole: () -> JSONValue
    ) throws -> JSONValue {
        guard let token = tokens.first else { return whole() }
        if tokens.count == 1 { return try change(node, token) }
        let rest = tokens.dropFirst()
        switch node {
        case .object(var members):
            guard let child = members[token] else { throw missing(op, path) }
            members[token] = try edit(child, tokens: rest, path: path, op: op, change: change, whole: whole)
            return .object(members)
        case .array(var items):
            guard let index = JSONPointer.arrayIndex(token), index < items.count else { throw missing(op, path) }
            items[index] = try edit(items[index], tokens: rest, path: path, op: op, change: change, whole: whole)
            return .array(items)
        default:
            throw missing(op, path)
        }
    }

    private static func missing(_ op: String, _ path: JSONPointer, role: String = "path") -> PatchError {
        PatchError(.pathNotFound, "\(op) operation does not apply: doc is missing \(role): \(text(path))")
    }

    /// The pointer as quoted text for messages.
    private static func text(_ pointer: JSONPointer, quoted: Bool = true) -> String {
        let escaped = pointer.tokens.map {
            $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        }
        let path = escaped.map { "/" + $0 }.joined()
        return quoted ? "\"" + path + "\"" : path
    }
}
