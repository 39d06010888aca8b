import Foundation
import KubeAPI

/// Which of a container's probes.
enum ProbeKind: String, Sendable, Hashable, CaseIterable {
    case startup
    case liveness
    case readiness

    /// `Startup`, `Liveness`, `Readiness`, as the kubelet's messages capitalise it.
    var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// A container's probe as the kubelet runs it: its action, with Kubernetes' defaults (`periodSeconds` 10,
/// `timeoutSeconds` 1, `successThreshold` 1, `failureThreshold` 3, `initialDelaySeconds` 0). Pure.
struct ProbeSpec: Sendable, Hashable {
    /// What a probe does.
    enum Action: Sendable, Hashable {
        /// Run `command` in the container (success: exit code 0).
        case exec(command: [String])
        /// `GET scheme://host:port/path` (success: a status from 200 to 399).
        case httpGet(host: String?, port: Int, path: String, scheme: String, headers: [String: String])
        /// Open a TCP connection to `host:port`.
        case tcpSocket(host: String?, port: Int)
        /// A probe the emulator cannot run (gRPC, or a port name the container does not declare): `reason`.
        case unsupported(reason: String)
    }

    var action: Action
    var initialDelay: TimeInterval
    var period: TimeInterval
    var timeout: TimeInterval
    var successThreshold: Int
    var failureThreshold: Int

    /// The container's probe of `kind`, or `nil` when it declares none.
    static func of(_ container: Container, kind: ProbeKind) -> ProbeSpec? {
        let json: JSONValue?
        switch kind {
        case .startup: json = container.startupProbe
        case .liveness: json = container.livenessProbe
        case .readiness: json = container.readinessProbe
        }
        guard let json, !json.isNull else { return nil }
        func number(_ key: String, _ fallback: Int, minimum: Int) -> Int {
            let value = json[key]?.intValue.map { Int($0) } ?? fallback
            return max(value <= 0 ? fallback : value, minimum)
        }
        return ProbeSpec(
            action: action(json, container: container),
            initialDelay: TimeInterval(max(0, json["initialDelaySeconds"]?.intValue ?? 0)),
            period: TimeInterval(number("periodSeconds", 10, minimum: 1)),
            timeout: TimeInterval(number("timeoutSeconds", 1, minimum: 1)),
            successThreshold: kind == .readiness ? number("successThreshold", 1, minimum: 1) : 1,
            failureThreshold: number("failureThreshold", 3, minimum: 1))
    }

    private static func action(_ json: JSONValue, container: Container) -> Action {
        if let exec = json["exec"], !exec.isNull {
            return .exec(command: exec["command"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }
        if let http = json["httpGet"], !http.isNull {
            guard let port = port(http["port"], container: container) else {
                return .unsupported(reason: "port \(describe(http["port"])) is not one of the container's ports")
            }
            var headers: [String: String] = [:]
            for header in http["httpHeaders"]?.arrayValue ?? [] {
                if let name = header["name"]?.stringValue { headers[name] = header["value"]?.stringValue ?? "" }
            }
            let path = http["path"]?.stringValue ?? "/"
            return .httpGet(
                host: http["host"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }, port: port,
                path: path.hasPrefix("/") ? path : "/" + path, scheme: http["scheme"]?.stringValue ?? "HTTP",
                headers: headers)
        }
        if let tcp = json["tcpSocket"], !tcp.isNull {
            guard let port = port(tcp["port"], container: container) else {
                return .unsupported(reason: "port \(describe(tcp["port"])) is not one of the container's ports")
            }
            return .tcpSocket(host: tcp["host"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }, port: port)
        }
        if let grpc = json["grpc"], !grpc.isNull { return .unsupported(reason: "gRPC probes are not supported") }
        return .unsupported(reason: "the probe has no action")
    }

    /// A probe port: a number, a numeric string, or the name of one of the container's ports.
    private static func port(_ value: JSONValue?, container: Container) -> Int? {
        if let number = value?.intValue { return (1...65535).contains(number) ? Int(number) : nil }
        guard let text = value?.stringValue else { return nil }
        if let number = Int(text) { return (1...65535).contains(number) ? number : nil }
        return (container.ports ?? []).first { $0.name == text }.map { Int($0.containerPort) }
    }

    private static func describe(_ value: JSONValue?) -> String {
        value?.stringValue ?? value?.intValue.map { "\($0)" } ?? "<none>"
    }
}
