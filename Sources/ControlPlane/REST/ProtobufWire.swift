/// The Protocol Buffers wire format read into fields with their values (varints and fixed widths kept;
/// ``ProtobufReader`` looks fields up by number over it). Pure.
enum ProtobufWire {
    /// A field's raw value by wire type.
    enum Value: Equatable {
        case varint(UInt64)
        case fixed64(UInt64)
        case fixed32(UInt32)
        case bytes([UInt8])
    }

    /// One field of a message.
    struct Field: Equatable {
        var number: Int
        var value: Value
    }

    /// The fields of `message` in order.
    /// - Throws: ``ProtobufObject/Undecodable`` for truncated input or a group (wire types 3 and 4).
    static func fields(_ message: [UInt8]) throws -> [Field] {
        var fields: [Field] = []
        var index = 0
        while index < message.count {
            let key = try varint(message, &index)
            let number = Int(key >> 3)
            switch key & 7 {
            case 0:
                fields.append(Field(number: number, value: .varint(try varint(message, &index))))
            case 1:
                let bytes = try take(message, &index, 8)
                fields.append(Field(number: number, value: .fixed64(bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) })))
            case 5:
                let bytes = try take(message, &index, 4)
                fields.append(Field(number: number, value: .fixed32(bytes.reversed().reduce(0) { $0 << 8 | UInt32($1) })))
            case 2:
                let length = try varint(message, &index)
                guard length <= UInt64(message.count - index) else { throw truncated }
                fields.append(Field(number: number, value: .bytes(try take(message, &index, Int(length)))))
            default:
                throw ProtobufObject.Undecodable(description: "protobuf wire type \(key & 7) of field \(number) is not supported")
            }
        }
        return fields
    }

    /// A varint at `index`, which moves past it.
    static func varint(_ bytes: [UInt8], _ index: inout Int) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count, shift < 64 {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw truncated
    }

    private static func take(_ bytes: [UInt8], _ index: inout Int, _ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= bytes.count - index else { throw truncated }
        defer { index += count }
        return Array(bytes[index..<index + count])
    }

    private static var truncated: ProtobufObject.Undecodable { ProtobufObject.Undecodable(description: "truncated protobuf message") }
}
