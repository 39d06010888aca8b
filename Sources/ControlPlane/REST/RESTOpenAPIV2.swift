/// `/openapi/v2`: an OpenAPI v2 document without definitions, in the protobuf form kubectl asks for (it asks for
/// `...spec.v2@v1.0+protobuf`; Kubernetes answers the type below, which Go's media type parser reads). kubectl reads every schema from `/openapi/v3`;
/// it falls back to v2 only for a kind v3 does not describe (a manifest's kind the server does not serve, before
/// its CRD exists), and with a v2 document it goes on to the REST mapping and reports kubectl's `no matches for
/// kind` error (`ensure CRDs are installed first`), as against Kubernetes. Pure.
enum RESTOpenAPIV2 {
    /// The media type of the document.
    static let contentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"

    /// The document's `name` after `/openapi/`.
    static let name = "v2"

    /// `openapi.v2.Document` with `swagger: "2.0"` (field 1) and nothing else.
    static let emptyDocument: [UInt8] = [0x0A, 0x03] + Array("2.0".utf8)
}
