import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl cordon NODE...`: marks nodes unschedulable (`node/n1 cordoned`, or `node/n1 already cordoned`).
struct Cordon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Mark node as unschedulable.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The node(s): NAME or node/NAME.")
    var nodes: [String] = []

    func validate() throws {
        guard !nodes.isEmpty else { throw ValidationError("USAGE: cordon NODE [flags]") }
    }

    func run() async throws {
        try await NodeScheduling.run(nodes, unschedulable: true, global: global)
    }
}

/// `kctl uncordon NODE...`: marks nodes schedulable again (`node/n1 uncordoned`).
struct Uncordon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Mark node as schedulable.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The node(s): NAME or node/NAME.")
    var nodes: [String] = []

    func validate() throws {
        guard !nodes.isEmpty else { throw ValidationError("USAGE: uncordon NODE [flags]") }
    }

    func run() async throws {
        try await NodeScheduling.run(nodes, unschedulable: false, global: global)
    }
}

/// Cordoning and uncordoning, shared by `cordon`, `uncordon` and `drain` (kubectl's `RunCordonOrUncordon`).
enum NodeScheduling {
    /// Fetches the nodes (all must exist), then sets `spec.unschedulable` on each that needs it, printing a line per
    /// node; a failed patch prints `error: unable to cordon node "n1": ...` and the others go on.
    static func run(_ arguments: [String], unschedulable: Bool, global: GlobalOptions) async throws {
        do {
            try await APIClient.with(global) { client in
                let nodes = try await fetch(arguments, client: client)
                await setUnschedulable(nodes, unschedulable, client: client)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            ErrorReporting.printError(KubectlErrors.checkErr(error))
            throw ExitCode(1)
        }
    }

    /// The node objects named by `NAME` or `node/NAME` arguments, in order.
    static func fetch(_ arguments: [String], client: APIClient) async throws -> [JSONValue] {
        var nodes: [JSONValue] = []
        for argument in arguments {
            var name = argument
            if let slash = argument.firstIndex(of: "/") {
                let type = String(argument[..<slash])
                guard let kind = ResourceKind.resolve(type) else {
                    throw MessageError("the server doesn't have a resource type \"\(type)\"")
                }
                guard kind == .node else {
                    throw MessageError("error: expected resource of type node, got \"\(kind.group.isEmpty ? "/" : kind.group + "/")\(kind.version), Resource=\(kind.plural)\"")
                }
                name = String(argument[argument.index(after: slash)...])
            }
            if let node = try await client.get(.node, namespace: nil, name: name) { nodes.append(node) }
        }
        return nodes
    }

    /// Sets `spec.unschedulable` on each node that needs it and prints kubectl's line per node.
    static func setUnschedulable(_ nodes: [JSONValue], _ unschedulable: Bool, client: APIClient) async {
        for node in nodes {
            let name = JSONFields(node).name
            let current = node[path: ["spec", "unschedulable"]]?.boolValue ?? false
            if current == unschedulable {
                print(DrainText.cordonLine(node: name, unschedulable: unschedulable, alreadyDone: true))
                continue
            }
            do {
                try await client.patch(
                    .node, namespace: nil, name: name, patch: DrainText.cordonPatch(unschedulable: unschedulable),
                    type: .strategic)
                print(DrainText.cordonLine(node: name, unschedulable: unschedulable, alreadyDone: false))
            } catch {
                ErrorReporting.printError(DrainText.cordonError(
                    node: name, unschedulable: unschedulable, message: KubectlErrors.message(error)))
            }
        }
    }
}
