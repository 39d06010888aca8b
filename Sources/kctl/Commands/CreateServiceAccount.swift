import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl create serviceaccount NAME` (alias `sa`): `serviceaccount/NAME created`. Its `-o`, `--dry-run` and
/// `--save-config` are `create`'s.
struct CreateServiceAccount: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serviceaccount", abstract: "Create a service account with the specified name.", aliases: ["sa"])

    @ParentCommand var create: Create

    @Argument(help: "The service account's name.")
    var names: [String] = []

    func run() async throws {
        let name = try CreateOptions.requireOneName(names, command: "create serviceaccount")
        var metadata: JSONValue = ["name": .string(name)]
        if let namespace = create.global.namespace { metadata["namespace"] = .string(namespace) }
        try await create.createGenerated(["apiVersion": "v1", "kind": "ServiceAccount", "metadata": metadata])
    }
}
