import KubeAPI

/// What a type's `init(from:)` asks a decoder for, found by ``DecodingProbe``: the keys of an object and what
/// each is decoded as, the element of a list, the value of a map, or a scalar.
indirect enum DecodedShape: Equatable, CustomStringConvertible {
    case string
    case integer
    case boolean
    case number
    /// A ``JSONValue``: carried as sent, whatever it holds.
    case any
    /// A type that decodes itself from a single JSON scalar (`IntOrString`).
    case scalar(String)
    /// A type that decodes an object: its name and the shape of every key it asks for.
    case object(String, [String: DecodedShape])
    case array(DecodedShape)
    /// A map from string keys (a `[String: Value]`).
    case map(DecodedShape)

    var description: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .boolean: "boolean"
        case .number: "number"
        case .any: "JSONValue"
        case .scalar(let name): name
        case .object(let name, _): name
        case .array(let inner): "[]\(inner)"
        case .map(let inner): "map[string]\(inner)"
        }
    }
}

/// A `Decoder` that answers every question a type's `init(from:)` asks with "present" and an empty value, and
/// records what was asked: every key of every keyed container, recursively into the nested types, so that
/// optional fields are explored too. Lists yield one element and maps one entry, so element and value types
/// are explored as well. `JSONValue` is not entered (it accepts anything).
enum DecodingProbe {
    struct Unsupported: Error, CustomStringConvertible {
        let description: String
    }

    /// The shape `type`'s decoding asks for.
    static func shape<T: Decodable>(of type: T.Type) throws -> DecodedShape {
        try probe(T.self, depth: 0).shape
    }

    /// A value of `type` decoded from the probe, and the shape its decoding asked for.
    static func probe<T: Decodable>(_ type: T.Type, depth: Int) throws -> (value: T, shape: DecodedShape) {
        guard depth < 40 else { throw Unsupported(description: "\(T.self) nests more than 40 levels deep") }
        if T.self == JSONValue.self, let value = JSONValue.null as? T { return (value, .any) }
        if let (value, shape) = primitive(T.self) { return (value, shape) }
        let node = ProbeNode(depth: depth)
        let value = try T(from: ProbeDecoder(node: node))
        return (value, node.shape(of: String(describing: T.self)))
    }

    /// An empty value of a JSON scalar type, and its shape; nil for other types.
    static func primitive<T>(_ type: T.Type) -> (T, DecodedShape)? {
        let found: (Any, DecodedShape)? =
            switch type {
            case is String.Type: ("", .string)
            case is Bool.Type: (false, .boolean)
            case is Int.Type: (Int(0), .integer)
            case is Int8.Type: (Int8(0), .integer)
            case is Int16.Type: (Int16(0), .integer)
            case is Int32.Type: (Int32(0), .integer)
            case is Int64.Type: (Int64(0), .integer)
            case is UInt.Type: (UInt(0), .integer)
            case is UInt8.Type: (UInt8(0), .integer)
            case is UInt16.Type: (UInt16(0), .integer)
            case is UInt32.Type: (UInt32(0), .integer)
            case is UInt64.Type: (UInt64(0), .integer)
            case is Double.Type: (Double(0), .number)
            case is Float.Type: (Float(0), .number)
            default: nil
            }
        guard let (value, shape) = found, let typed = value as? T else { return nil }
        return (typed, shape)
    }
}

/// What one value's decoding asked for.
private final class ProbeNode {
    enum Use { case nothing, keyed, unkeyed, single }

    let depth: Int
    var use = Use.nothing
    var fields: [String: DecodedShape] = [:]
    var askedForAllKeys = false
    var element: DecodedShape?
    /// The shape of the value a single-value container decoded generically (a wrapper's wrapped value).
    var wrapped: DecodedShape?
    /// Whether a single-value container decoded a scalar directly (a type holding a scalar of its own).
    var decodedScalar = false

    init(depth: Int) {
        self.depth = depth
    }

    func record(_ key: String, _ shape: DecodedShape) {
        if fields[key] == nil { fields[key] = shape }
    }

    func shape(of typeName: String) -> DecodedShape {
        switch use {
        case .keyed: askedForAllKeys ? .map(fields[ProbeKey.entry] ?? .any) : .object(typeName, fields)
        case .unkeyed: .array(element ?? .any)
        case .single: wrapped ?? (decodedScalar ? .scalar(typeName) : .any)
        case .nothing: .object(typeName, [:])
        }
    }
}

/// The key of the one entry a probed map has.
private struct ProbeKey: CodingKey {
    static let entry = "<key>"
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

private struct ProbeDecoder: Decoder {
    let node: ProbeNode
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        node.use = .keyed
        return KeyedDecodingContainer(ProbeKeyedContainer<Key>(node: node))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        node.use = .unkeyed
        return ProbeUnkeyedContainer(node: node)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        node.use = .single
        return ProbeSingleValueContainer(node: node)
    }
}

private struct ProbeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: ProbeNode
    var codingPath: [any CodingKey] { [] }

    var allKeys: [Key] {
        node.askedForAllKeys = true
        return Key(stringValue: ProbeKey.entry).map { [$0] } ?? []
    }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try scalar(key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try scalar(key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try scalar(key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try scalar(key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try scalar(key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try scalar(key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try scalar(key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try scalar(key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try scalar(key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try scalar(key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try scalar(key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try scalar(key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try scalar(key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try scalar(key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (value, shape) = try DecodingProbe.probe(T.self, depth: node.depth + 1)
        node.record(key.stringValue, shape)
        return value
    }

    private func scalar<T>(_ key: Key) throws -> T {
        guard let (value, shape) = DecodingProbe.primitive(T.self) else {
            throw DecodingProbe.Unsupported(description: "no empty value of \(T.self)")
        }
        node.record(key.stringValue, shape)
        return value
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        throw DecodingProbe.Unsupported(description: "nested containers (key \(key.stringValue)) are not probed")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw DecodingProbe.Unsupported(description: "nested containers (key \(key.stringValue)) are not probed")
    }

    func superDecoder() throws -> any Decoder {
        throw DecodingProbe.Unsupported(description: "super decoders are not probed")
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        throw DecodingProbe.Unsupported(description: "super decoders are not probed")
    }
}

/// A list of exactly one element.
private struct ProbeUnkeyedContainer: UnkeyedDecodingContainer {
    let node: ProbeNode
    var codingPath: [any CodingKey] { [] }
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex >= 1 }

    init(node: ProbeNode) {
        self.node = node
    }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, shape) = try DecodingProbe.probe(T.self, depth: node.depth + 1)
        if node.element == nil { node.element = shape }
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        throw DecodingProbe.Unsupported(description: "nested containers in lists are not probed")
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingProbe.Unsupported(description: "nested containers in lists are not probed")
    }

    mutating func superDecoder() throws -> any Decoder {
        throw DecodingProbe.Unsupported(description: "super decoders are not probed")
    }
}

private struct ProbeSingleValueContainer: SingleValueDecodingContainer {
    let node: ProbeNode
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }

    func decode(_ type: Bool.Type) throws -> Bool { try scalar() }
    func decode(_ type: String.Type) throws -> String { try scalar() }
    func decode(_ type: Double.Type) throws -> Double { try scalar() }
    func decode(_ type: Float.Type) throws -> Float { try scalar() }
    func decode(_ type: Int.Type) throws -> Int { try scalar() }
    func decode(_ type: Int8.Type) throws -> Int8 { try scalar() }
    func decode(_ type: Int16.Type) throws -> Int16 { try scalar() }
    func decode(_ type: Int32.Type) throws -> Int32 { try scalar() }
    func decode(_ type: Int64.Type) throws -> Int64 { try scalar() }
    func decode(_ type: UInt.Type) throws -> UInt { try scalar() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try scalar() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try scalar() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try scalar() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar() }

    /// A generic decode: a wrapper (`OrEmpty`) decoding the value it wraps, which takes its shape.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, shape) = try DecodingProbe.probe(T.self, depth: node.depth + 1)
        if node.wrapped == nil { node.wrapped = shape }
        return value
    }

    private func scalar<T>() throws -> T {
        guard let (value, _) = DecodingProbe.primitive(T.self) else {
            throw DecodingProbe.Unsupported(description: "no empty value of \(T.self)")
        }
        node.decodedScalar = true
        return value
    }
}
