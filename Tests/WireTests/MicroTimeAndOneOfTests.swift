import Foundation
import Testing

@testable import KubeAPI

/// Two places where the server's data now reads as Kubernetes': MicroTime text (a Lease's renewTime, which
/// `kubectl describe node` parses only with six fractional digits) and the multi-type scalars of the OpenAPI
/// documents (`oneOf`, no `type`, so `kubectl explain` shows `<IntOrString>` and `<map[string]Quantity>`).
@Suite struct MicroTimeAndOneOfTests {
    @Test func microTime_hasSixFractionalDigitsInUTC() {
        #expect(MicroTime.format(Date(timeIntervalSince1970: 1_795_556_712)) == "2026-11-24T21:45:12.000000Z")
        #expect(MicroTime.format(Date(timeIntervalSince1970: 1_795_556_712.25)) == "2026-11-24T21:45:12.250000Z")
        #expect(MicroTime.canonical("2026-11-24T21:45:12Z") == "2026-11-24T21:45:12.000000Z")
        #expect(MicroTime.canonical("2026-11-24T22:45:12.123456+01:00") == "2026-11-24T21:45:12.123456Z")
        #expect(MicroTime.canonical("2026-11-24T21:45:12.123456Z") == "2026-11-24T21:45:12.123456Z")
        #expect(MicroTime.canonical("yesterday") == nil)
    }

    @Test func multiTypeScalars_areOneOfWithoutAType() throws {
        let json = try #require(OpenAPIV3.served(name: "v3/apis/apps/v1"))
        let schemas = try #require(json["components"]?["schemas"])
        let intOrString = try #require(schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"])
        #expect(intOrString["type"] == nil)
        #expect(intOrString["format"] == "int-or-string")
        #expect(intOrString["oneOf"] == [["type": "integer"], ["type": "string"]])
        let quantity = try #require(schemas["io.k8s.apimachinery.pkg.api.resource.Quantity"])
        #expect(quantity["type"] == nil && quantity["format"] == nil)
        #expect(quantity["oneOf"] == [["type": "string"], ["type": "number"]])
        #expect(schemas["io.k8s.apimachinery.pkg.apis.meta.v1.Time"]?["type"] == "string")
    }
}
