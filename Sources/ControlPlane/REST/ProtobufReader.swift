/// Takes fields out of the Kubernetes protobuf envelope (`k8s\0` + `runtime.Unknown`) that kubectl 1.32 sends some
/// request bodies in, by field number, over ``ProtobufWire``'s reading of the wire format. Pure.
enum ProtobufReader {
    /// The 4-byte magic before a Kubernetes protobuf object.
    static let kubernetesMagic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    /// The bytes of length-delimited field `number` (the last one, as protobuf merges), or nil.
    /// - Throws: ``ProtobufObject/Undecodable`` for a message that does not parse.
    static func bytes(_ message: [UInt8], _ number: Int) throws -> [UInt8]? {
        for field in try ProtobufWire.fields(message).reversed() where field.number == number {
            if case .bytes(let bytes) = field.value { return bytes }
        }
        return nil
    }

    /// The string field `number`, or nil.
    static func string(_ message: [UInt8], _ number: Int) throws -> String? {
        try bytes(message, number).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The object inside a Kubernetes protobuf body: `runtime.Unknown`'s `raw` (field 2) after the magic.
    static func kubernetesObject(_ body: [UInt8]) throws -> [UInt8] {
        guard body.starts(with: kubernetesMagic) else {
            throw ProtobufObject.Undecodable(description: "missing the k8s protobuf prefix")
        }
        return try bytes(Array(body.dropFirst(kubernetesMagic.count)), 2) ?? []
    }
}
