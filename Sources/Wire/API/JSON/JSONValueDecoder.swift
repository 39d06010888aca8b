import Foundation

/// Decodes a `Decodable` value straight from a ``JSONValue`` tree, without printing it to JSON text and parsing it
/// again (what `JSONDecoder` over `jsonData()` costs on every typed read of a stored object).
///
/// It follows `JSONDecoder`'s rules for the types our API uses: integers accept integral numbers that fit, floating
/// point accepts any number, strings and booleans only themselves, `null` is `nil` for optionals and
/// `valueNotFound` otherwise, a missing key is `keyNotFound`; every error carries the coding path. `Date`, `Data`,
/// `URL` and `Decimal` (which `JSONDecoder` treats specially) are handed to `JSONDecoder` for their subtree.
struct JSONValueDecoder {
    func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONValueDecoding(value: value, codingPath: []).unwrap(T.self)
    }
}

/// One position in the tree being decoded.
private struct JSONValueDecoding: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw mismatch([String: JSONValue].self, value, codingPath)
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch([JSONValue].self, value, codingPath) }
        return UnkeyedContainer(elements: elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleContainer(decoding: self) }

    // MARK: Values

    func unwrap<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == JSONValue.self { return value as! T }
        if T.self == String.self { return try unwrapString() as! T }
        if T.self == Bool.self { return try unwrapBool() as! T }
        if T.self == Int.self { return try unwrapInteger(Int.self) as! T }
        if T.self == Int64.self { return try unwrapInteger(Int64.self) as! T }
        if T.self == Int32.self { return try unwrapInteger(Int32.self) as! T }
        if T.self == Double.self { return try unwrapFloat(Double.self) as! T }
        if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
            // JSONDecoder's special cases: keep its behaviour exactly.
            return try JSONDecoder().decode(T.self, from: try value.jsonData())
        }
        return try T(from: self)
    }

    func unwrapString() throws -> String {
        guard case .string(let string) = value else { throw mismatch(String.self, value, codingPath) }
        return string
    }

    func unwrapBool() throws -> Bool {
        guard case .bool(let bool) = value else { throw mismatch(Bool.self, value, codingPath) }
        return bool
    }

    func unwrapInteger<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        switch value {
        case .int(let integer):
            guard let exact = I(exactly: integer) else { throw notRepresentable(I.self) }
            return exact
        case .double(let double):
            guard let exact = I(exactly: double) else { throw notRepresentable(I.self) }
            return exact
        default:
            throw mismatch(I.self, value, codingPath)
        }
    }

    func unwrapFloat<F: BinaryFloatingPoint>(_ type: F.Type) throws -> F {
        switch value {
        case .int(let integer): return F(integer)
        case .double(let double): return F(double)
        default: throw mismatch(F.self, value, codingPath)
        }
    }

    private func notRepresentable(_ type: Any.Type) -> DecodingError {
        .dataCorrupted(.init(
            codingPath: codingPath,
            debugDescription: "Number \(value.jsonString()) is not representable in \(type)"))
    }
}

private func mismatch(_ type: Any.Type, _ value: JSONValue, _ codingPath: [any CodingKey]) -> DecodingError {
    if value.isNull {
        return .valueNotFound(type, .init(codingPath: codingPath, debugDescription: "Expected \(type) but found null"))
    }
    return .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "Expected to decode \(type)"))
}

/// A coding key for array positions in coding paths.
private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func child(_ key: Key) throws -> JSONValueDecoding {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(
                codingPath: codingPath, debugDescription: "No value associated with key \(key.stringValue)"))
        }
        return JSONValueDecoding(value: value, codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool { try child(key).value.isNull }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).unwrapBool() }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).unwrapString() }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key).unwrapFloat(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try child(key).unwrapFloat(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).unwrapInteger(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key).unwrapInteger(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key).unwrapInteger(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key).unwrapInteger(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key).unwrapInteger(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key).unwrapInteger(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key).unwrapInteger(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(key).unwrapInteger(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(key).unwrapInteger(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(key).unwrapInteger(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).unwrap(type) }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        JSONValueDecoding(value: members["super"] ?? .null, codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        JSONValueDecoding(value: members[key.stringValue] ?? .null, codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(elements: [JSONValue], codingPath: [any CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next(_ type: Any.Type) throws -> JSONValueDecoding {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(
                codingPath: codingPath + [IndexKey(currentIndex)], debugDescription: "Unkeyed container is at end."))
        }
        defer { currentIndex += 1 }
        return JSONValueDecoding(value: elements[currentIndex], codingPath: codingPath + [IndexKey(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if elements[currentIndex].isNull {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type).unwrapBool() }
    mutating func decode(_ type: String.Type) throws -> String { try next(type).unwrapString() }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(type).unwrapFloat(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next(type).unwrapFloat(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next(type).unwrapInteger(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(type).unwrapInteger(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(type).unwrapInteger(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(type).unwrapInteger(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(type).unwrapInteger(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next(type).unwrapInteger(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(type).unwrapInteger(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(type).unwrapInteger(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(type).unwrapInteger(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(type).unwrapInteger(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(type).unwrap(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next([String: JSONValue].self).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next([JSONValue].self).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next(JSONValue.self) }
}

private struct SingleContainer: SingleValueDecodingContainer {
    let decoding: JSONValueDecoding
    var codingPath: [any CodingKey] { decoding.codingPath }

    func decodeNil() -> Bool { decoding.value.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try decoding.unwrapBool() }
    func decode(_ type: String.Type) throws -> String { try decoding.unwrapString() }
    func decode(_ type: Double.Type) throws -> Double { try decoding.unwrapFloat(type) }
    func decode(_ type: Float.Type) throws -> Float { try decoding.unwrapFloat(type) }
    func decode(_ type: Int.Type) throws -> Int { try decoding.unwrapInteger(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoding.unwrapInteger(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoding.unwrapInteger(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoding.unwrapInteger(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoding.unwrapInteger(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoding.unwrapInteger(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoding.unwrapInteger(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoding.unwrapInteger(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoding.unwrapInteger(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoding.unwrapInteger(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoding.unwrap(type) }
}
