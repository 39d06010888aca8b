import Foundation

/// Encodes an `Encodable` value straight into a ``JSONValue`` tree, without printing JSON text and parsing it back
/// (what `JSONValue(encoding:)` over `JSONEncoder` costs on every typed write).
///
/// The result equals what `JSONEncoder` output parses to: integral floating-point numbers become integers (JSON
/// text does not tell `3.0` from `3`), `nil` optionals encoded with `encodeIfPresent` leave their key out. `Date`,
/// `Data`, `URL` and `Decimal` (which `JSONEncoder` treats specially) are handed to `JSONEncoder` for their subtree.
struct JSONValueEncoder {
    func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let root = EncodedNode()
        try root.store(value, codingPath: [])
        return root.value
    }
}

/// A value under construction; containers write into it, nested ones through their own node.
private final class EncodedNode {
    enum Content {
        case empty
        case value(JSONValue)
        case object([String: EncodedNode])
        case array([EncodedNode])
    }

    var content: Content = .empty

    var value: JSONValue {
        switch content {
        case .empty: .object([:])
        case .value(let value): value
        case .object(let members): .object(members.mapValues(\.value))
        case .array(let elements): .array(elements.map(\.value))
        }
    }

    /// Encodes `value` into this node. Scalars are recognised by their static type (a metadata comparison, much
    /// cheaper than a dynamic cast).
    func store<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws {
        if T.self == JSONValue.self {
            content = .value(value as! JSONValue)
        } else if T.self == String.self {
            content = .value(.string(value as! String))
        } else if T.self == Bool.self {
            content = .value(.bool(value as! Bool))
        } else if let integer = Self.integer(value) {
            content = .value(integer)
        } else if T.self == Double.self || T.self == Float.self {
            let double = T.self == Double.self ? value as! Double : Double(value as! Float)
            guard double.isFinite else {
                throw EncodingError.invalidValue(value, .init(
                    codingPath: codingPath, debugDescription: "Unable to encode \(double) directly in JSON."))
            }
            content = .value(Self.number(double))
        } else if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
            // JSONEncoder's special cases: keep its behaviour exactly.
            let text = try JSONValue.makeEncoder().encode([value])
            content = .value(try JSONValue(jsonData: text).arrayValue?.first ?? .null)
        } else {
            try value.encode(to: NodeEncoder(node: self, codingPath: codingPath))
        }
    }

    /// Fixed-width integers as JSON numbers (beyond Int64, as JSON text would parse them: a double).
    static func integer<T>(_ value: T) -> JSONValue? {
        if T.self == Int.self { return .int(Int64(value as! Int)) }
        if T.self == Int64.self { return .int(value as! Int64) }
        if T.self == Int32.self { return .int(Int64(value as! Int32)) }
        if T.self == Int16.self { return .int(Int64(value as! Int16)) }
        if T.self == Int8.self { return .int(Int64(value as! Int8)) }
        if T.self == UInt8.self { return .int(Int64(value as! UInt8)) }
        if T.self == UInt16.self { return .int(Int64(value as! UInt16)) }
        if T.self == UInt32.self { return .int(Int64(value as! UInt32)) }
        if T.self == UInt.self {
            let unsigned = value as! UInt
            return unsigned <= UInt(Int64.max) ? .int(Int64(unsigned)) : .double(Double(unsigned))
        }
        if T.self == UInt64.self {
            let unsigned = value as! UInt64
            return unsigned <= UInt64(Int64.max) ? .int(Int64(unsigned)) : .double(Double(unsigned))
        }
        return nil
    }

    static func number(_ double: Double) -> JSONValue {
        if double.rounded() == double, abs(double) < 9.0e15 { return .int(Int64(double)) }
        return .double(double)
    }

    func objectChild(_ key: String) -> EncodedNode {
        var members: [String: EncodedNode]
        if case .object(let existing) = content { members = existing } else { members = [:] }
        if let child = members[key] { return child }
        let child = EncodedNode()
        members[key] = child
        content = .object(members)
        return child
    }

    func makeObject() {
        if case .object = content { return }
        content = .object([:])
    }

    func appendChild() -> EncodedNode {
        var elements: [EncodedNode]
        if case .array(let existing) = content { elements = existing } else { elements = [] }
        let child = EncodedNode()
        elements.append(child)
        content = .array(elements)
        return child
    }

    func makeArray() {
        if case .array = content { return }
        content = .array([])
    }

    var arrayCount: Int {
        if case .array(let elements) = content { return elements.count }
        return 0
    }
}

private struct NodeEncoder: Encoder {
    let node: EncodedNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeObject()
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.makeArray()
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(node: node, codingPath: codingPath)
    }
}

private struct EncodingIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodedNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.objectChild(key.stringValue).content = .value(.null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try node.objectChild(key.stringValue).store(value, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let child = node.objectChild(key.stringValue)
        child.makeObject()
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = node.objectChild(key.stringValue)
        child.makeArray()
        return UnkeyedNodeContainer(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        NodeEncoder(node: node.objectChild("super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: node.objectChild(key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: EncodedNode
    let codingPath: [any CodingKey]
    var count: Int { node.arrayCount }

    mutating func encodeNil() throws { node.appendChild().content = .value(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = codingPath + [EncodingIndexKey(count)]
        try node.appendChild().store(value, codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let path = codingPath + [EncodingIndexKey(count)]
        let child = node.appendChild()
        child.makeObject()
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = codingPath + [EncodingIndexKey(count)]
        let child = node.appendChild()
        child.makeArray()
        return UnkeyedNodeContainer(node: child, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let path = codingPath + [EncodingIndexKey(count)]
        return NodeEncoder(node: node.appendChild(), codingPath: path)
    }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: EncodedNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.store(value, codingPath: codingPath) }
}
