import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// ConfigMap and Secret rules and defaults.
@Suite struct ConfigDataValidationTests {
    private func configMap(_ data: [String: String]?, binary: [String: String]? = nil) -> ConfigMap {
        var map = ConfigMap(metadata: ObjectMeta(name: "app", namespace: "default"), data: data)
        map.binaryData = binary
        return map
    }

    @Test func configMapKeys() {
        #expect(configMap(["a.b_c-1": "x"]).validateCreate().isEmpty)
        let lines = ValidationFixtures.lines(
            configMap(["a b": "x", "..x": "y"], binary: ["a b": "eA=="]).validateCreate())
        #expect(
            lines == [
                "data[..x]: Invalid value: \"..x\": must not start with '..'",
                "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
                "data[a b]: Invalid value: \"a b\": duplicate of key present in binaryData",
                "binaryData[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
            ])
    }

    @Test func immutableConfigMapKeepsItsData() {
        var old = configMap(["k": "1"])
        old.immutable = true
        var new = old
        new.data = ["k": "2"]
        new.immutable = nil
        #expect(
            ValidationFixtures.lines(new.validateUpdate(old: old)) == [
                "immutable: Forbidden: field is immutable when `immutable` is set",
                "data: Forbidden: field is immutable when `immutable` is set",
            ])
    }

    @Test func secretDefaultsAndTypeIsImmutable() {
        var secret = Secret(metadata: ObjectMeta(name: "s", namespace: "default"), data: ["a": "eA=="])
        secret.stringData = ["b": "admin", "a": "y"]
        secret.applyDefaults()
        #expect(secret.type == "Opaque")
        #expect(secret.data == ["a": "eQ==", "b": "YWRtaW4="])
        #expect(secret.stringData == nil)
        #expect(secret.validateCreate().isEmpty)
        var retyped = secret
        retyped.type = "kubernetes.io/tls"
        #expect(
            ValidationFixtures.lines(retyped.validateUpdate(old: secret)) == [
                "type: Invalid value: \"kubernetes.io/tls\": field is immutable",
                "data[tls.crt]: Required value",
                "data[tls.key]: Required value",
            ])
    }
}
