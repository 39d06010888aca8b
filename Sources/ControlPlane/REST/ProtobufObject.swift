import Foundation
import KubeAPI

/// A Kubernetes object sent as protobuf (`Content-Type: application/vnd.kubernetes.protobuf`), as the JSON object
/// it stands for. kubectl 1.32's typed clients send their writes this way: `kubectl create deployment|configmap|
/// secret|namespace|service ...` POST such bodies, and a 415 is fatal to them.
///
/// The body is the magic `k8s\0` and a `runtime.Unknown` (field 1 TypeMeta {1 apiVersion, 2 kind}, field 2 the
/// object's bytes); the object is decoded with ``ProtobufSchema``'s description of its kind. Go writes every
/// non-pointer field, zero or not, and a pointer field only when set, so a zero scalar of a non-pointer field is left
/// out (as Go's JSON `omitempty` would) while one of a pointer field is kept; a zero `Time` is left out too. Pure.
enum ProtobufObject {
    /// What cannot be decoded: the Status message says why.
    struct Undecodable: Error, CustomStringConvertible {
        var description: String
        /// Set when the body is not a Kubernetes protobuf object (no `k8s\0` prefix: "") or its kind has no
        /// protobuf description here: a format this server does not take, rather than a malformed body.
        var unknownKind: String?

        init(description: String) { self.description = description }

        init(unknownKind kind: String) {
            description = kind.isEmpty ? "not a Kubernetes protobuf object" : "\(kind) is not accepted as protobuf"
            unknownKind = kind
        }
    }

    /// The JSON object in a Kubernetes protobuf body.
    static func json(_ body: [UInt8]) throws -> JSONValue {
        guard body.starts(with: ProtobufReader.kubernetesMagic) else { throw Undecodable(unknownKind: "") }
        var apiVersion = ""
        var kind = ""
        var raw: [UInt8] = []
        for field in try ProtobufWire.fields(Array(body.dropFirst(ProtobufReader.kubernetesMagic.count))) {
            switch (field.number, field.value) {
            case (1, .bytes(let typeMeta)):
                for meta in try ProtobufWire.fields(typeMeta) {
                    guard case .bytes(let text) = meta.value else { continue }
                    if meta.number == 1 { apiVersion = String(decoding: text, as: UTF8.self) }
                    if meta.number == 2 { kind = String(decoding: text, as: UTF8.self) }
                }
            case (2, .bytes(let bytes)): raw = bytes
            default: continue
            }
        }
        guard ProtobufSchema.objectKinds.contains(kind) || ProtobufSchema.networkingKinds.contains(kind)
            || ProtobufSchema.rbacKinds.contains(kind)
            || ProtobufSchema.batchKinds.contains(kind) else {
            throw Undecodable(unknownKind: kind)
        }
        guard case .object(var members) = try decode(raw, message: kind) else { return .object([:]) }
        members["apiVersion"] = .string(apiVersion)
        members["kind"] = .string(kind)
        return .object(members)
    }

    /// The JSON object for the bytes of a message named `message`.
    static func decode(_ bytes: [UInt8], message: String) throws -> JSONValue {
        guard let schema = ProtobufSchema.message(message) else {
            throw Undecodable(description: "no protobuf description of \(message)")
        }
        var members: [String: JSONValue] = [:]
        for field in try ProtobufWire.fields(bytes) {
            guard let spec = schema[field.number] else {
                throw Undecodable(description: "field \(field.number) of \(message) is not known to this server")
            }
            switch spec.shape {
            case .single:
                members[spec.name] = try value(field.value, spec.type, keepZero: spec.keepsZero, in: message)
            case .inline:
                guard case .object(let inner) = try value(field.value, spec.type, keepZero: true, in: message) else { continue }
                members.merge(inner) { _, new in new }
            case .repeated:
                var elements = members[spec.name]?.arrayValue ?? []
                if case .bytes(let packed) = field.value, spec.type.isVarint {
                    // A packed run of varints.
                    var index = 0
                    while index < packed.count {
                        let number = try ProtobufWire.varint(packed, &index)
                        elements.append(try value(.varint(number), spec.type, keepZero: true, in: message) ?? .null)
                    }
                } else {
                    elements.append(try value(field.value, spec.type, keepZero: true, in: message) ?? .null)
                }
                members[spec.name] = .array(elements)
            case .map:
                guard case .bytes(let entry) = field.value else {
                    throw Undecodable(description: "map entry \(spec.name) of \(message) is not length-delimited")
                }
                var key = ""
                var entryValue: JSONValue?
                for part in try ProtobufWire.fields(entry) {
                    if part.number == 1, case .bytes(let text) = part.value { key = String(decoding: text, as: UTF8.self) }
                    if part.number == 2 { entryValue = try value(part.value, spec.type, keepZero: true, in: message) }
                }
                var map = members[spec.name]?.objectValue ?? [:]
                map[key] = entryValue ?? zero(spec.type)
                members[spec.name] = .object(map)
            }
        }
        return .object(members)
    }

    /// One field's value as JSON, nil when it is a zero that JSON leaves out.
    private static func value(
        _ wire: ProtobufWire.Value, _ type: ProtobufSchema.FieldType, keepZero: Bool, in message: String
    ) throws -> JSONValue? {
        switch (type, wire) {
        case (.string, .bytes(let bytes)):
            return bytes.isEmpty && !keepZero ? nil : .string(String(decoding: bytes, as: UTF8.self))
        case (.bytes, .bytes(let bytes)):
            return bytes.isEmpty && !keepZero ? nil : .string(Data(bytes).base64EncodedString())
        case (.bool, .varint(let number)):
            return number == 0 && !keepZero ? nil : .bool(number != 0)
        case (.int32, .varint(let number)):
            return number == 0 && !keepZero ? nil : .int(Int64(Int32(truncatingIfNeeded: number)))
        case (.int64, .varint(let number)):
            return number == 0 && !keepZero ? nil : .int(Int64(bitPattern: number))
        case (.double, .fixed64(let bits)):
            return bits == 0 && !keepZero ? nil : .double(Double(bitPattern: bits))
        case (.time, .bytes(let bytes)), (.microTime, .bytes(let bytes)):
            var seconds: Int64 = 0
            var nanos: Int64 = 0
            for part in try ProtobufWire.fields(bytes) {
                guard case .varint(let number) = part.value else { continue }
                if part.number == 1 { seconds = Int64(bitPattern: number) }
                if part.number == 2 { nanos = Int64(Int32(truncatingIfNeeded: number)) }
            }
            // Go writes an unset (zero) Time as an empty message; its zero instant (year 1) means the same.
            if bytes.isEmpty || (seconds == goZeroTimeSeconds && nanos == 0) { return nil }
            let text = Timestamp.format(Date(timeIntervalSince1970: TimeInterval(seconds)))
            guard case .microTime = type else { return .string(text) }
            return .string(String(text.dropLast()) + String(format: ".%06dZ", nanos / 1000))
        case (.quantity, .bytes(let bytes)):
            let string = try ProtobufWire.fields(bytes).first { $0.number == 1 }
            guard case .bytes(let text)? = string?.value else { return .string("0") }
            return .string(String(decoding: text, as: UTF8.self))
        case (.intOrString, .bytes(let bytes)):
            var isString = false
            var number: Int64 = 0
            var text = ""
            for part in try ProtobufWire.fields(bytes) {
                switch (part.number, part.value) {
                case (1, .varint(let kind)): isString = kind == 1
                case (2, .varint(let value)): number = Int64(Int32(truncatingIfNeeded: value))
                case (3, .bytes(let value)): text = String(decoding: value, as: UTF8.self)
                default: continue
                }
            }
            return isString ? .string(text) : .int(number)
        case (.rawJSON, .bytes(let bytes)):
            let raw = try ProtobufWire.fields(bytes).first { $0.number == 1 }
            guard case .bytes(let text)? = raw?.value, !text.isEmpty else { return nil }
            do {
                return try JSONValue(jsonData: Data(text))
            } catch {
                throw Undecodable(description: "embedded JSON in \(message) does not parse: \(error)")
            }
        case (.message(let name), .bytes(let bytes)):
            return try decode(bytes, message: name)
        default:
            throw Undecodable(description: "a field of \(message) has the wrong wire type for \(type)")
        }
    }

    /// The value a map entry without one stands for.
    private static func zero(_ type: ProtobufSchema.FieldType) -> JSONValue {
        switch type {
        case .string, .bytes, .quantity: return .string("")
        case .bool: return .bool(false)
        case .int32, .int64, .intOrString: return .int(0)
        case .double: return .double(0)
        case .time, .microTime, .rawJSON: return .null
        case .message: return .object([:])
        }
    }

    /// `time.Time{}.Unix()`: 0001-01-01T00:00:00Z.
    static let goZeroTimeSeconds: Int64 = -62_135_596_800
}
