import Foundation
import KubeAPI
import Wire

extension ConfigMap: Defaultable {
    /// ConfigMaps have no defaults.
    public mutating func applyDefaults() {}
}

extension Secret: Defaultable {
    /// `type` defaults to `Opaque` (`SetDefaults_Secret`); `stringData` is merged into `data` (base64-encoded,
    /// overriding the same keys) and dropped, as the v1 conversion does.
    public mutating func applyDefaults() {
        if (type ?? "").isEmpty { type = "Opaque" }
        if let stringData {
            var merged = data ?? [:]
            for (key, value) in stringData { merged[key] = Data(value.utf8).base64EncodedString() }
            data = merged
            self.stringData = nil
        }
    }
}
