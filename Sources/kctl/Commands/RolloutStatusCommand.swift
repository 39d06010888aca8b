import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl rollout status (KIND NAME | KIND/NAME) [-w|--watch[=BOOL]] [--timeout D] [--revision N]`: watches a
/// Deployment's or DaemonSet's rollout, printing kubectl's messages until it is done.
struct RolloutStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the status of the rollout.",
        discussion: """
            Watches the status of the latest rollout until it's done; -w/--watch=false prints the current status \
            once and exits.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "KIND NAME or KIND/NAME; -w, --watch[=BOOL] (default true).")
    var arguments: [String] = []

    @Option(help: "Pin to a specific revision for showing its status (0: the latest). Deployments only.")
    var revision: Int64 = 0

    @Option(help: "How long to wait before ending the watch (Go duration, e.g. 1s, 2m); 0 means never.")
    var timeout: String = "0s"

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector to filter on.")
    var selector: String?

    func run() async throws {
        let parsed: RolloutStatusArguments
        let timeout: Duration?
        do {
            parsed = try RolloutStatusArguments.parse(arguments)
            try Rollout.requireResources(parsed.resources)
            if revision < 0 { throw RolloutError("revision must be a positive integer: \(revision)") }
            timeout = try RolloutStatusArguments.timeout(self.timeout)
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        let targets = ResourceTargets(arguments: parsed.resources, selector: selector, allowEmptySelector: true)
        let revision = self.revision
        do {
            try await APIClient.with(global) { client in
                let fetched = try await targets.fetch(client)
                if let failure = fetched.lazy.compactMap(\.error).first { throw failure }
                guard fetched.count == 1, let target = fetched.first, case .success(let object) = target.object else {
                    throw RolloutError(
                        "rollout status is only supported on individual resources and resource collections - \(fetched.count) resources were found")
                }
                try RolloutStatusViewer.check(target.kind)
                let o = JSONFields(object)
                let watcher = RolloutStatusWatcher(
                    kind: target.kind, namespace: o.namespace.isEmpty ? client.defaultNamespace : o.namespace,
                    name: o.name, revision: revision, watch: parsed.watch)
                try await watcher.run(client, timeout: timeout)
            }
        } catch {
            ErrorReporting.printError(ErrorReporting.render(error))
            throw ExitCode(1)
        }
    }
}
