import Foundation
import KubeAPI
import Wire

/// The Deployment `kubectl create deployment NAME --image=I... [--replicas N] [--port P] [-- COMMAND...]` builds
/// (kubectl's `cmd/create/create_deployment.go`): labels and selector `app: NAME`, one container per image, named
/// after the image (registry, tag and digest removed). Pure: the random suffix is a parameter.
struct DeploymentGenerator: Sendable, Equatable {
    var name: String
    var images: [String]
    var replicas: Int64 = 1
    /// The first container's port; negative: none.
    var port: Int64 = -1
    var command: [String] = []
    /// `-n` when given explicitly (kubectl then sets `metadata.namespace`).
    var namespace: String?

    /// `Validate`.
    /// - Throws: ``RolloutError`` `cannot specify multiple --image options and command`.
    func validate() throws(RolloutError) {
        if images.count > 1 && !command.isEmpty {
            throw RolloutError("cannot specify multiple --image options and command")
        }
    }

    /// The object; `suffix` gives the 5 random characters added to container names that needed sanitizing.
    func object(suffix: () -> String) -> JSONValue {
        let labels: JSONValue = ["app": .string(name)]
        var containers: [JSONValue] = []
        for image in images {
            var container: [String: JSONValue] = [
                "name": .string(Self.containerName(image, suffix: suffix)), "image": .string(image), "resources": [:],
            ]
            if !command.isEmpty { container["command"] = .array(command.map(JSONValue.string)) }
            if port >= 0 && containers.isEmpty { container["ports"] = [["containerPort": .int(port)]] }
            containers.append(.object(container))
        }
        var metadata: [String: JSONValue] = ["name": .string(name), "labels": labels, "creationTimestamp": .null]
        if let namespace { metadata["namespace"] = .string(namespace) }
        return [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": .object(metadata),
            "spec": [
                "replicas": .int(replicas), "selector": ["matchLabels": labels], "strategy": [:],
                "template": [
                    "metadata": ["labels": labels, "creationTimestamp": .null],
                    "spec": ["containers": .array(containers)],
                ],
            ],
            "status": [:],
        ]
    }

    /// `buildPodSpec`'s container name: the image's last path part without tag or digest; with `_` or `.`,
    /// those become `-` and a random suffix is added (`sanitizeAndUniquify`).
    static func containerName(_ image: String, suffix: () -> String) -> String {
        var name = image.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? image
        if let colon = name.firstIndex(of: ":") { name = String(name[..<colon]) }
        if let at = name.firstIndex(of: "@") { name = String(name[..<at]) }
        if name.contains("_") || name.contains(".") {
            name = name.replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: ".", with: "-")
            name += "-" + suffix()
        }
        return name
    }

    /// `utilrand.String(5)`: characters from `bcdfghjklmnpqrstvwxz2456789`.
    static func randomSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet.randomElement()! })
    }
}
