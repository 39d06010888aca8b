import Foundation
import KubeAPI
import Wire

/// The field manager of a REST write and the body of an apply, as Kubernetes reads them. Pure.
enum RESTFieldManager {
    /// The `fieldManager` query parameter; for a write without one, the User-Agent up to its first `/`
    /// (`OpenAPI-Generator/37.0.3/python` → `OpenAPI-Generator`), at most 128 characters, as Kubernetes names it.
    static func manager(query: RESTQuery, userAgent: String?, method: String) -> String? {
        if let named = query["fieldManager"], !named.isEmpty { return named }
        guard ["POST", "PUT", "PATCH"].contains(method), let userAgent, !userAgent.isEmpty else { return nil }
        let prefix = userAgent.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return prefix.isEmpty ? nil : String(prefix.prefix(128))
    }

    /// An `application/apply-patch+yaml` body: one object, in JSON (what kubectl sends) or YAML.
    /// - Throws: 400 when it is neither, or not one object.
    static func applyConfiguration(_ body: [UInt8]) throws -> JSONValue {
        guard !body.isEmpty else { throw RESTErrors.malformedBody("unexpected end of JSON input") }
        if let value = try? JSONValue(jsonData: Data(body)) {
            guard value.objectValue != nil else { throw RESTErrors.malformedBody("the apply patch is not an object") }
            return value
        }
        let documents: [JSONValue]
        do {
            documents = try YAMLManifest.documents(from: String(decoding: body, as: UTF8.self))
        } catch {
            throw Status.badRequest("error decoding YAML: \(error)")
        }
        guard documents.count == 1, documents[0].objectValue != nil else {
            throw RESTErrors.malformedBody("the apply patch is not one YAML object")
        }
        return documents[0]
    }
}
