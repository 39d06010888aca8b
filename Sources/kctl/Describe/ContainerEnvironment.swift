import KubeAPI
import Wire

/// The probe and environment lines of a described container (`describeContainerProbe`,
/// `describeContainerEnvFrom`, `describeContainerEnvVars`).
enum ContainerEnvironment {
    /// `Liveness:`, `Readiness:` and `Startup:` lines.
    static func probes(_ c: JSONFields, into w: inout DescribeWriter) {
        for (title, key) in [("Liveness", "livenessProbe"), ("Readiness", "readinessProbe"), ("Startup", "startupProbe")] {
            guard let probe = c.value(key), probe.objectValue != nil else { continue }
            w.write(2, "\(title):\t\(describeProbe(JSONFields(probe)))\n")
        }
    }

    /// `DescribeProbe`: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`.
    /// Unset timings read as the API defaults (timeout 1, period 10, success 1, failure 3).
    static func describeProbe(_ p: JSONFields) -> String {
        let attributes = "delay=\(p.int("initialDelaySeconds") ?? 0)s timeout=\(p.int("timeoutSeconds") ?? 1)s "
            + "period=\(p.int("periodSeconds") ?? 10)s #success=\(p.int("successThreshold") ?? 1) "
            + "#failure=\(p.int("failureThreshold") ?? 3)"
        if p.value("exec")?.objectValue != nil {
            return "exec [\(p.array("exec", "command").compactMap(\.stringValue).joined(separator: " "))] \(attributes)"
        }
        if p.value("httpGet")?.objectValue != nil {
            let scheme = (p.string("httpGet", "scheme") ?? "HTTP").lowercased()
            let host = p.string("httpGet", "host") ?? ""
            let port = intOrString(p.value("httpGet", "port"))
            let hostPort = port.isEmpty ? host : (host.contains(":") ? "[\(host)]" : host) + ":" + port
            return "http-get \(scheme)://\(hostPort)\(p.string("httpGet", "path") ?? "") \(attributes)"
        }
        if p.value("tcpSocket")?.objectValue != nil {
            return "tcp-socket \(p.string("tcpSocket", "host") ?? ""):\(intOrString(p.value("tcpSocket", "port"))) \(attributes)"
        }
        if p.value("grpc")?.objectValue != nil {
            return "grpc <pod>:\(p.int("grpc", "port") ?? 0) \(p.string("grpc", "service") ?? "") \(attributes)"
        }
        return "unknown \(attributes)"
    }

    /// `Environment Variables from:` lines: `name\tConfigMap\tOptional: false`.
    static func envFrom(_ c: JSONFields, into w: inout DescribeWriter) {
        w.write(2, "Environment Variables from:\n")
        for source in c.array("envFrom").map(JSONFields.init) {
            var from = "", name = "", optional = false
            if source.value("configMapRef")?.objectValue != nil {
                (from, name, optional) = ("ConfigMap", source.string("configMapRef", "name") ?? "",
                                          source.bool("configMapRef", "optional") == true)
            } else if source.value("secretRef")?.objectValue != nil {
                (from, name, optional) = ("Secret", source.string("secretRef", "name") ?? "",
                                          source.bool("secretRef", "optional") == true)
            }
            let prefix = source.string("prefix") ?? ""
            let kind = prefix.isEmpty ? from : "\(from) with prefix '\(prefix)'"
            w.write(3, "\(name)\t\(kind)\tOptional: \(optional)\n")
        }
    }

    /// `Environment:` lines. `fieldRef` values are resolved against `pod` (empty for templates), resource
    /// references against the container's own requests and limits.
    static func env(_ c: JSONFields, pod: JSONValue?, into w: inout DescribeWriter) {
        let variables = c.array("env").map(JSONFields.init)
        w.write(2, "Environment:\(variables.isEmpty ? "\t<none>" : "")\n")
        for e in variables {
            let name = e.string("name") ?? ""
            guard let from = e.value("valueFrom"), from.objectValue != nil else {
                for (index, line) in (e.string("value") ?? "").split(separator: "\n", omittingEmptySubsequences: false)
                    .enumerated()
                {
                    w.write(3, index == 0 ? "\(name):\t\(line)\n" : "\t\(line)\n")
                }
                continue
            }
            let v = JSONFields(from)
            if v.value("fieldRef")?.objectValue != nil {
                let path = v.string("fieldRef", "fieldPath") ?? ""
                let value = pod.map { fieldPathValue(path, in: JSONFields($0)) } ?? ""
                w.write(3, "\(name):\t\(value) (\(v.string("fieldRef", "apiVersion") ?? ""):\(path))\n")
            } else if v.value("resourceFieldRef")?.objectValue != nil {
                let resource = v.string("resourceFieldRef", "resource") ?? ""
                var value = resourceValue(resource, divisor: v.value("resourceFieldRef", "divisor"), container: c)
                if value == "0" && (resource == "limits.cpu" || resource == "limits.memory") { value = "node allocatable" }
                w.write(3, "\(name):\t\(value) (\(resource))\n")
            } else if v.value("secretKeyRef")?.objectValue != nil {
                w.write(3, "\(name):\t<set to the key '\(v.string("secretKeyRef", "key") ?? "")' in secret "
                    + "'\(v.string("secretKeyRef", "name") ?? "")'>\tOptional: \(v.bool("secretKeyRef", "optional") == true)\n")
            } else if v.value("configMapKeyRef")?.objectValue != nil {
                w.write(3, "\(name):\t<set to the key '\(v.string("configMapKeyRef", "key") ?? "")' of config map "
                    + "'\(v.string("configMapKeyRef", "name") ?? "")'>\tOptional: \(v.bool("configMapKeyRef", "optional") == true)\n")
            }
        }
    }

    /// kubectl's `fieldpath.ExtractFieldPathAsString`: it resolves only the pod's metadata (name, namespace, uid, a
    /// label or an annotation); `spec.nodeName`, `status.podIP` and the other downward API fields read empty, as
    /// kubectl 1.32 prints them.
    static func fieldPathValue(_ path: String, in pod: JSONFields) -> String {
        for (prefix, key) in [("metadata.labels['", "labels"), ("metadata.annotations['", "annotations")]
        where path.hasPrefix(prefix) && path.hasSuffix("']") {
            let name = String(path.dropFirst(prefix.count).dropLast(2))
            return pod.stringMap("metadata", key)[name] ?? ""
        }
        switch path {
        case "metadata.name": return pod.name
        case "metadata.namespace": return pod.namespace
        case "metadata.uid": return pod.string("metadata", "uid") ?? ""
        default: return ""
        }
    }

    /// `ExtractContainerResourceValue`: cpu in whole divisors (default 1 core) and memory or ephemeral storage in
    /// whole divisors (default 1 byte), rounded up; `0` when the container does not set the resource.
    static func resourceValue(_ resource: String, divisor: JSONValue?, container c: JSONFields) -> String {
        let parts = resource.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return "" }
        let quantity = Quantity(json: c.value("resources", parts[0], parts[1])) ?? .zero
        let divide = Quantity(json: divisor).flatMap { $0.isZero ? nil : $0 } ?? Quantity(mantissa: 1, scale: 0, format: .decimalSI)
        let (amount, unit) = parts[1] == "cpu" ? (quantity.milliValue, divide.milliValue) : (quantity.value, divide.value)
        guard unit > 0 else { return "" }
        return String(amount / unit + (amount % unit > 0 ? 1 : 0))
    }

    /// An IntOrString port as Go's `String()`: the number, or the name.
    static func intOrString(_ value: JSONValue?) -> String {
        switch value {
        case .int(let i)?: return String(i)
        case .string(let s)?: return s
        default: return ""
        }
    }
}
