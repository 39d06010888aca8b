/// A type with an "empty" value: Go's zero value for the same field (`""`, `0`, `false`, `{}`, `[]`).
public protocol EmptyInitializable {
    /// The empty (zero) value.
    init()
}

extension String: EmptyInitializable {}
extension Bool: EmptyInitializable {}
extension Int32: EmptyInitializable {}
extension Int64: EmptyInitializable {}
extension Array: EmptyInitializable {}

extension ObjectMeta: EmptyInitializable {
    public init() { self.init(name: nil) }
}

extension ListMeta: EmptyInitializable {
    public init() { self.init(resourceVersion: nil) }
}

/// A field that Kubernetes' Go types hold by value (no pointer, no `omitempty`): it decodes to its empty value
/// when the key is absent or `null`, and always encodes, exactly as Go does.
///
/// Used for `metadata`, `spec`, `status`, `template`, `containers` and the scalar fields Kubernetes always
/// writes (`name`, `restartCount`, `numberReady`...), so that controllers can read them without unwrapping.
@propertyWrapper
public struct OrEmpty<Value: Codable & Sendable & EmptyInitializable>: Codable, Sendable {
    public var wrappedValue: Value

    public init(wrappedValue: Value) {
        self.wrappedValue = wrappedValue
    }

    public init() {
        self.wrappedValue = Value()
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self.wrappedValue = Value()
        } else {
            self.wrappedValue = try container.decode(Value.self)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension OrEmpty: Equatable where Value: Equatable {}
extension OrEmpty: Hashable where Value: Hashable {}

extension KeyedDecodingContainer {
    /// Chosen over the generic `decode(_:forKey:)` by synthesized `init(from:)`: an absent key is the empty value.
    func decode<Value>(_ type: OrEmpty<Value>.Type, forKey key: Key) throws -> OrEmpty<Value> {
        try decodeIfPresent(type, forKey: key) ?? OrEmpty()
    }
}
