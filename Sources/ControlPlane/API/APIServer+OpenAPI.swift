import KubeAPI
import Wire

extension APIServer {
    /// Answers `get OpenAPI`: the OpenAPI v3 index (`name` `v3`) or one group-version's document
    /// (`v3/apis/apps/v1`), as Kubernetes serves `/openapi/v3` and `/openapi/v3/<path>` (PROTOCOL.md, section 6).
    /// Every authenticated caller may read them, as every authenticated user may read Kubernetes' discovery
    /// documents.
    func openAPI(_ request: Request) throws -> JSONValue {
        guard request.verb == .get else {
            throw Status(
                code: 405, reason: .methodNotAllowed,
                message: "the server does not allow this method on the requested resource (\(request.verb.rawValue) OpenAPI)")
        }
        let name = request.name ?? OpenAPIV3.indexName
        if let custom = OpenAPIV3.served(name: name, custom: customOpenAPIKinds) { return custom }
        guard let document = OpenAPIV3.served(name: name) else {
            throw Status(code: 404, reason: .notFound, message: "the server could not find the requested resource")
        }
        return document
    }
}
