/// Reads Protocol Buffers wire format: just enough to take fields out of the Kubernetes protobuf envelope
/// (`k8s\0` + `runtime.Unknown`) that kubectl 1.32 sends some request bodies in. Pure.
struct ProtobufReader {
    /// One field: its number and, for length-delimited fields, its bytes (nil for varints and fixed widths).
    struct Field {
        var number: Int
        var bytes: [UInt8]?
    }

    /// What does not parse.
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// The 4-byte magic before a Kubernetes protobuf object.
    static let kubernetesMagic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    /// The top-level fields of `message`, in order.
    static func fields(_ message: [UInt8]) throws -> [Field] {
        var fields: [Field] = []
        var index = 0
        while index < message.count {
            let key = try varint(message, &index)
            let number = Int(key >> 3)
            switch key & 7 {
            case 0: _ = try varint(message, &index); fields.append(Field(number: number, bytes: nil))
            case 1: index += 8; fields.append(Field(number: number, bytes: nil))
            case 5: index += 4; fields.append(Field(number: number, bytes: nil))
            case 2:
                let length = Int(try varint(message, &index))
                guard length >= 0, index + length <= message.count else { throw Malformed(description: "truncated field \(number)") }
                fields.append(Field(number: number, bytes: Array(message[index..<index + length])))
                index += length
            default:
                throw Malformed(description: "unsupported wire type \(key & 7) of field \(number)")
            }
        }
        guard index == message.count else { throw Malformed(description: "truncated message") }
        return fields
    }

    /// The bytes of field `number` (the last one, as protobuf merges), or nil.
    static func bytes(_ message: [UInt8], _ number: Int) throws -> [UInt8]? {
        try fields(message).last { $0.number == number && $0.bytes != nil }?.bytes
    }

    /// The string field `number`, or nil.
    static func string(_ message: [UInt8], _ number: Int) throws -> String? {
        try bytes(message, number).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The object inside a Kubernetes protobuf body: `runtime.Unknown`'s `raw` (field 2) after the magic.
    static func kubernetesObject(_ body: [UInt8]) throws -> [UInt8] {
        guard body.starts(with: kubernetesMagic) else { throw Malformed(description: "missing the k8s protobuf prefix") }
        return try bytes(Array(body.dropFirst(kubernetesMagic.count)), 2) ?? []
    }

    private static func varint(_ bytes: [UInt8], _ index: inout Int) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count, shift < 64 {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw Malformed(description: "truncated varint")
    }
}
