import Foundation
import KubeAPI
import Wire

/// kubectl's `ConfigMapDescriber` and `SecretDescriber`: the keys with their values (a ConfigMap's `data`), or
/// only their sizes (binary data, and every Secret value). Keys are sorted (Go ranges over the map).
enum ConfigDataDescriber {
    /// `kubectl describe configmap`.
    static func describeConfigMap(_ object: JSONValue, events: [JSONValue]?, now: Date) -> String {
        let o = JSONFields(object)
        var w = DescribeWriter()
        header(o, into: &w)
        w.write(0, "\nData\n====\n")
        let data = object["data"]?.objectValue ?? [:]
        for key in data.keys.sorted() {
            w.write(0, "\(key):\n----\n")
            // kubectl ends every value with a blank line.
            w.write(0, "\(data[key]?.stringValue ?? "")\n\n")
        }
        w.write(0, "\nBinaryData\n====\n")
        let binary = object["binaryData"]?.objectValue ?? [:]
        for key in binary.keys.sorted() {
            w.write(0, "\(key): \(byteCount(binary[key]?.stringValue ?? "")) bytes\n")
        }
        w.write(0, "\n")
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }

    /// `kubectl describe secret` (no events).
    static func describeSecret(_ object: JSONValue) -> String {
        let o = JSONFields(object)
        var w = DescribeWriter()
        header(o, into: &w)
        let type = o.string("type") ?? ""
        w.write(0, "\nType:\t\(type)\n")
        w.write(0, "\nData\n====\n")
        let data = object["data"]?.objectValue ?? [:]
        for key in data.keys.sorted() {
            let value = data[key]?.stringValue ?? ""
            if key == "token" && type == "kubernetes.io/service-account-token" {
                w.write(0, "\(key):\t\(String(decoding: Data(base64Encoded: value) ?? Data(), as: UTF8.self))\n")
            } else {
                w.write(0, "\(key):\t\(byteCount(value)) bytes\n")
            }
        }
        return w.render()
    }

    private static func header(_ o: JSONFields, into w: inout DescribeWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        w.write(0, "Namespace:\t\(o.namespace)\n")
        w.labels("Labels", o.labels)
        w.annotations("Annotations", o.stringMap("metadata", "annotations"))
    }

    /// The length of the bytes a base64 value holds.
    static func byteCount(_ base64: String) -> Int { Data(base64Encoded: base64)?.count ?? 0 }
}
