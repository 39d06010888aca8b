import KubeAPI
import Testing

@testable import kctl

/// kctl's `json.Marshal`, against real kubectl 1.32.
@Suite struct JSONPrinterTests {
    /// `kubectl create configmap x --from-literal=a=$'q\bz<&' --dry-run=client -o jsonpath='{.data}'` prints
    /// `{"a":"q\bz\u003c\u0026"}`.
    @Test func compactJSON_isJSONMarshal() {
        #expect(JSONPrinter.compact(["a": "q\u{08}z<&"]) == #"{"a":"q\bz\u003c\u0026"}"#)
        #expect(JSONPrinter.compact(["b": [1, 0.5, nil], "a": [:]]) == #"{"a":{},"b":[1,0.5,null]}"#)
    }
}
