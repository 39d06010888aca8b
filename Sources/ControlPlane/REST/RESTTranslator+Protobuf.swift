import KubeAPI

extension RESTTranslator {
    /// The media type of Kubernetes protobuf bodies.
    static let protobufMediaType = "application/vnd.kubernetes.protobuf"

    /// A create or update body sent as protobuf (kubectl 1.32's typed clients: `kubectl create deployment` and the
    /// other generators), as its JSON object; nil when `contentType` names another format.
    /// - Throws: 415 (as before this was read) for a kind without a protobuf description, 400 for a body that does
    ///   not decode.
    static func protobufObject(_ body: [UInt8], contentType: String?) throws -> JSONValue? {
        guard let contentType, RESTMediaType(parsing: Substring(contentType))?.type == protobufMediaType else { return nil }
        do {
            return try ProtobufObject.json(body)
        } catch let error as ProtobufObject.Undecodable where error.unknownKind != nil {
            throw RESTErrors.unsupportedMediaType()
        } catch {
            throw Status.badRequest("the protobuf body does not decode: \(error)")
        }
    }
}
