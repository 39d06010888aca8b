import Testing

@testable import KubeAPI

/// The EndpointSlice's OpenAPI schema, named as Kubernetes names it (what `kubectl explain` prints).
@Suite struct EndpointSliceSchemaTests {
    @Test func theSlicePortIsNamedEndpointPort_inTheDiscoveryPackage() throws {
        let document = try #require(OpenAPIV3.documents["apis/discovery.k8s.io/v1"])
        let slice = try #require(document.schema(named: "io.k8s.api.discovery.v1.EndpointSlice"))
        let ports = try #require(slice.properties?["ports"]?.items)
        let reference = try #require(ports.referencedComponent)
        #expect(reference == "io.k8s.api.discovery.v1.EndpointPort")
        #expect(document.schema(named: reference)?.properties?["port"] != nil)
        #expect(document.schema(named: "io.k8s.api.core.v1.EndpointPort") == nil)
        #expect(slice.required == ["addressType", "endpoints"])
    }
}
